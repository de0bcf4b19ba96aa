//! TBX: the termbase exchange format of CAT tools (MultiTerm, memoQ, Trados).
//!
//! Written as TBX v3 TBX-Basic (DCA style): one `conceptEntry` per glossary
//! entry, a `langSec` per language, a `termSec` per term whose
//! `administrativeStatus` says what the term is to termlint:
//! `preferredTerm-admn-sts` is `en` (and `zh`), `admittedTerm-admn-sts` an
//! `accept`, `deprecatedTerm-admn-sts` (or `supersededTerm-admn-sts`) an
//! `avoid`. `note` is the concept's `<note>`, `source` the preferred English
//! term's `<admin type="source">`, examples are English `descripGrp`s of a
//! `context` (right) and an `x-termlint-wrong` admin, and the fields TBX has
//! no category for are `x-termlint-…` admins of the concept.
//!
//! Read: TBX v3 (`tbx`/`conceptEntry`/`langSec`/`termSec`) and TBX v2
//! (`martif`/`termEntry`/`langSet`/`tig`/`ntig`), with or without namespace
//! prefixes, predefined, character and internal-subset entities. Chinese
//! (`zh*`) and English (`en*`) are kept; other languages are counted in a note.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::Imported;
use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::glossary::{EntryFields, Example, GlossaryDocument};
use crate::text::LineIndex;

const PREFERRED: &str = "preferredTerm-admn-sts";
const ADMITTED: &str = "admittedTerm-admn-sts";
const DEPRECATED: &str = "deprecatedTerm-admn-sts";
const SUPERSEDED: &str = "supersededTerm-admn-sts";

/// Writes `document` as TBX v3 TBX-Basic.
pub fn export(document: &GlossaryDocument) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n");
    out.push_str("  <tbxHeader>\n    <fileDesc>\n");
    let _ = writeln!(
        out,
        "      <titleStmt>\n        <title>{}</title>\n      </titleStmt>",
        escape(&document.name)
    );
    if let Some(description) = &document.description {
        let _ = writeln!(
            out,
            "      <sourceDesc>\n        <p>{}</p>\n      </sourceDesc>",
            escape(description)
        );
    }
    out.push_str("    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    for (index, fields) in document.terms.iter().enumerate() {
        let _ = writeln!(out, "      <conceptEntry id=\"c{}\">", index + 1);
        let admin = |out: &mut String, kind: &str, value: &str| {
            let _ = writeln!(
                out,
                "        <admin type=\"{kind}\">{}</admin>",
                escape(value)
            );
        };
        if fields.severity != Severity::Error {
            admin(&mut out, "x-termlint-severity", fields.severity.as_str());
        }
        if !fields.autofix {
            admin(&mut out, "x-termlint-autofix", "false");
        }
        if fields.case_sensitive {
            admin(&mut out, "x-termlint-case-sensitive", "true");
        }
        if !fields.check_case {
            admin(&mut out, "x-termlint-check-case", "false");
        }
        if let Some(note) = &fields.note {
            let _ = writeln!(out, "        <note>{}</note>", escape(note));
        }
        if let Some(zh) = &fields.zh {
            out.push_str("        <langSec xml:lang=\"zh\">\n");
            push_term(&mut out, zh, PREFERRED, None);
            out.push_str("        </langSec>\n");
        }
        out.push_str("        <langSec xml:lang=\"en\">\n");
        for example in &fields.examples {
            let _ = writeln!(
                out,
                "          <descripGrp>\n            <descrip type=\"context\">{}</descrip>\n            <admin type=\"x-termlint-wrong\">{}</admin>\n          </descripGrp>",
                escape(&example.right),
                escape(&example.wrong)
            );
        }
        push_term(&mut out, &fields.en, PREFERRED, fields.source.as_deref());
        for accept in &fields.accept {
            push_term(&mut out, accept, ADMITTED, None);
        }
        for avoid in &fields.avoid {
            push_term(&mut out, avoid, DEPRECATED, None);
        }
        out.push_str("        </langSec>\n      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}

fn push_term(out: &mut String, term: &str, status: &str, source: Option<&str>) {
    let _ = writeln!(
        out,
        "          <termSec>\n            <term>{}</term>",
        escape(term)
    );
    let _ = writeln!(
        out,
        "            <termNote type=\"administrativeStatus\">{status}</termNote>"
    );
    if let Some(source) = source {
        let _ = writeln!(
            out,
            "            <admin type=\"source\">{}</admin>",
            escape(source)
        );
    }
    out.push_str("          </termSec>\n");
}

/// A term as read.
#[derive(Debug, Default)]
struct Term {
    text: String,
    status: Option<String>,
    sources: Vec<String>,
    notes: Vec<String>,
}

/// A language section as read.
#[derive(Debug, Default)]
struct LangSec {
    lang: String,
    terms: Vec<Term>,
    notes: Vec<String>,
    examples: Vec<Example>,
    contexts: Vec<String>,
}

/// A concept as read.
#[derive(Debug, Default)]
struct Concept {
    id: String,
    line: usize,
    admins: Vec<(String, String)>,
    notes: Vec<String>,
    definitions: Vec<String>,
    sources: Vec<String>,
    langs: Vec<LangSec>,
}

/// The innermost descripGrp: its context and wrong text.
#[derive(Debug, Default)]
struct Group {
    context: Option<String>,
    wrong: Option<String>,
}

/// An element whose text is being collected, with what to do with it.
#[derive(Debug)]
struct Capture {
    element: String,
    kind: Option<String>,
    target: Option<String>,
    text: String,
}

fn local_name(element: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(element.local_name().as_ref()).into_owned()
}

fn attribute(element: &BytesStart<'_>, wanted: &str) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        let key = attribute.key.as_ref();
        let local = key.rsplit(|&b| b == b':').next().unwrap_or(key);
        let matches =
            key == wanted.as_bytes() || (!wanted.contains(':') && local == wanted.as_bytes());
        matches.then(|| {
            attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(
                    |_| String::from_utf8_lossy(&attribute.value).into_owned(),
                    |value| value.into_owned(),
                )
        })
    })
}

/// `<!ENTITY name "value">` declarations of a DOCTYPE internal subset.
fn internal_entities(doctype: &str) -> HashMap<String, String> {
    let mut entities = HashMap::new();
    let mut rest = doctype;
    while let Some(start) = rest.find("<!ENTITY") {
        rest = &rest[start + "<!ENTITY".len()..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with('%') {
            continue;
        }
        let name: String = trimmed.chars().take_while(|c| !c.is_whitespace()).collect();
        let after = trimmed[name.len()..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = after[1..].find(quote) {
            let raw = &after[1..1 + end];
            let value = quick_xml::escape::unescape(raw)
                .map_or_else(|_| raw.to_owned(), |value| value.into_owned());
            entities.insert(name, value);
        }
    }
    entities
}

/// Reads a TBX file.
pub fn import(text: &str, path: &Path, default_name: String) -> Result<Imported> {
    let lines = LineIndex::new(text);
    let error_at = |offset: u64, message: String| {
        let (line, column) = lines.line_column(
            text,
            usize::try_from(offset)
                .unwrap_or(usize::MAX)
                .min(text.len()),
        );
        Error::Format {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let mut reader = Reader::from_str(text);
    let mut entities: HashMap<String, String> = HashMap::new();
    let mut title: Option<String> = None;
    let mut description: Vec<String> = Vec::new();
    let mut concepts: Vec<Concept> = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut captures: Vec<Capture> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut path_stack: Vec<String> = Vec::new();
    let mut saw_root = false;

    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|error| {
            error_at(reader.error_position(), format!("malformed TBX: {error}"))
        })?;
        match event {
            Event::Eof => break,
            Event::DocType(doctype) => {
                let doctype = doctype
                    .decode()
                    .map_err(|error| error_at(position, error.to_string()))?;
                entities = internal_entities(&doctype);
            }
            Event::Start(ref element) | Event::Empty(ref element) => {
                // A self-closing element (`<x/>`) has no `End` event.
                let is_empty = matches!(event, Event::Empty(_));
                let name = local_name(element);
                if path_stack.is_empty() {
                    if name != "tbx" && name != "martif" {
                        return Err(error_at(
                            position,
                            format!(
                                "not a TBX file: the root element is <{name}>, not <tbx> or <martif>"
                            ),
                        ));
                    }
                    saw_root = true;
                }
                match name.as_str() {
                    "conceptEntry" | "termEntry" => {
                        concept = Some(Concept {
                            id: attribute(element, "id").unwrap_or_default(),
                            line: lines
                                .line_column(
                                    text,
                                    usize::try_from(position).unwrap_or(0).min(text.len()),
                                )
                                .0,
                            ..Concept::default()
                        });
                    }
                    "langSec" | "langSet" => {
                        if let Some(concept) = &mut concept {
                            concept.langs.push(LangSec {
                                lang: attribute(element, "xml:lang")
                                    .or_else(|| attribute(element, "lang"))
                                    .unwrap_or_default(),
                                ..LangSec::default()
                            });
                        }
                    }
                    "termSec" | "tig" | "ntig" => {
                        if let Some(lang) = concept
                            .as_mut()
                            .and_then(|concept| concept.langs.last_mut())
                        {
                            lang.terms.push(Term::default());
                        }
                    }
                    "descripGrp" => groups.push(Group::default()),
                    "term" | "termNote" | "descrip" | "note" | "admin" | "title" | "p" | "xref"
                    | "ref" => {
                        captures.push(Capture {
                            element: name.clone(),
                            kind: attribute(element, "type"),
                            target: attribute(element, "target"),
                            text: String::new(),
                        });
                    }
                    _ => {}
                }
                path_stack.push(name);
                if is_empty {
                    end_element(
                        &mut path_stack,
                        &mut captures,
                        &mut concept,
                        &mut concepts,
                        &mut groups,
                        &mut title,
                        &mut description,
                    );
                }
            }
            Event::End(_) => {
                end_element(
                    &mut path_stack,
                    &mut captures,
                    &mut concept,
                    &mut concepts,
                    &mut groups,
                    &mut title,
                    &mut description,
                );
            }
            Event::Text(content) => {
                if let Some(capture) = captures.last_mut() {
                    let content = content
                        .decode()
                        .map_err(|error| error_at(position, error.to_string()))?;
                    capture.text.push_str(&content.replace("\r\n", "\n"));
                }
            }
            Event::CData(content) => {
                if let Some(capture) = captures.last_mut() {
                    let content = content
                        .decode()
                        .map_err(|error| error_at(position, error.to_string()))?;
                    capture.text.push_str(&content);
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .ok_or_else(|| {
                            error_at(position, "a character reference is not valid".to_owned())
                        })?
                } else {
                    let name = reference
                        .decode()
                        .map_err(|error| error_at(position, error.to_string()))?;
                    match resolve_predefined_entity(&name) {
                        Some(value) => value.to_owned(),
                        None => entities.get(name.as_ref()).cloned().ok_or_else(|| {
                            error_at(position, format!("unknown entity &{name};"))
                        })?,
                    }
                };
                if let Some(capture) = captures.last_mut() {
                    capture.text.push_str(&resolved);
                }
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err(error_at(0, "not a TBX file: no root element".to_owned()));
    }
    Ok(to_document(
        concepts,
        title.unwrap_or(default_name),
        description,
    ))
}

#[allow(clippy::too_many_arguments)]
fn end_element(
    path_stack: &mut Vec<String>,
    captures: &mut Vec<Capture>,
    concept: &mut Option<Concept>,
    concepts: &mut Vec<Concept>,
    groups: &mut Vec<Group>,
    title: &mut Option<String>,
    description: &mut Vec<String>,
) {
    let Some(name) = path_stack.pop() else {
        return;
    };
    let in_header = path_stack
        .iter()
        .any(|element| element == "tbxHeader" || element == "martifHeader");
    match name.as_str() {
        "conceptEntry" | "termEntry" => {
            if let Some(done) = concept.take() {
                concepts.push(done);
            }
        }
        "descripGrp" => {
            if let Some(group) = groups.pop() {
                let lang = concept
                    .as_mut()
                    .and_then(|concept| concept.langs.last_mut());
                match (group.context, group.wrong, lang) {
                    (Some(right), Some(wrong), Some(lang)) => {
                        lang.examples.push(Example { wrong, right })
                    }
                    (Some(context), None, Some(lang)) => lang.contexts.push(context),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    let Some(capture) = captures.last() else {
        return;
    };
    if capture.element != name {
        return;
    }
    let Some(capture) = captures.pop() else {
        return;
    };
    if in_header {
        match name.as_str() {
            "title" if title.is_none() => *title = Some(capture.text.trim().to_owned()),
            "p" if path_stack.iter().any(|element| element == "sourceDesc") => {
                description.push(capture.text.trim().to_owned());
            }
            _ => {}
        }
        return;
    }
    let Some(concept) = concept.as_mut() else {
        return;
    };
    let in_term = path_stack
        .iter()
        .rev()
        .take_while(|e| *e != "langSec" && *e != "langSet")
        .any(|e| e == "termSec" || e == "tig" || e == "ntig");
    let in_lang = path_stack.iter().any(|e| e == "langSec" || e == "langSet");
    let in_group = path_stack.last().is_some_and(|e| e == "descripGrp");
    let kind = capture.kind.as_deref().unwrap_or("");
    let text = capture.text;
    if in_group {
        if let Some(group) = groups.last_mut() {
            match (name.as_str(), kind) {
                ("descrip", "context") => group.context = Some(text),
                ("admin", "x-termlint-wrong") => group.wrong = Some(text),
                ("descrip", "definition") => concept.definitions.push(text),
                ("admin", "source") => concept.sources.push(text),
                ("note", _) => concept.notes.push(text),
                _ => {}
            }
        }
        return;
    }
    let term = if in_term {
        concept
            .langs
            .last_mut()
            .and_then(|lang| lang.terms.last_mut())
    } else {
        None
    };
    match (name.as_str(), kind, term) {
        ("term", _, Some(term)) => term.text = text,
        ("termNote", "administrativeStatus" | "normativeAuthorization", Some(term)) => {
            term.status = Some(text.trim().to_owned())
        }
        ("admin", "source", Some(term)) => term.sources.push(text),
        ("xref" | "ref", _, Some(term)) => term.sources.push(capture.target.unwrap_or(text)),
        ("note", _, Some(term)) => term.notes.push(text),
        ("descrip", "context", Some(term)) => term.notes.push(format!("Context: {text}")),
        (_, _, Some(_)) => {}
        ("admin", "source", None) => concept.sources.push(text),
        ("xref" | "ref", _, None) => concept.sources.push(capture.target.unwrap_or(text)),
        ("descrip", "definition", None) => concept.definitions.push(text),
        ("descrip", "context", None) if in_lang => {
            if let Some(lang) = concept.langs.last_mut() {
                lang.contexts.push(text);
            }
        }
        ("note", _, None) => match concept.langs.last_mut().filter(|_| in_lang) {
            Some(lang) => lang.notes.push(text),
            None => concept.notes.push(text),
        },
        ("admin", kind, None) if kind.starts_with("x-termlint-") => {
            concept.admins.push((kind.to_owned(), text))
        }
        _ => {}
    }
}

fn is_lang(lang: &str, prefix: &str) -> bool {
    let lang = lang.to_ascii_lowercase();
    lang == prefix
        || lang.starts_with(&format!("{prefix}-"))
        || lang.starts_with(&format!("{prefix}_"))
}

fn is_avoid(status: Option<&str>) -> bool {
    matches!(
        status,
        Some(DEPRECATED | SUPERSEDED | "deprecatedTerm" | "supersededTerm")
    )
}

fn is_preferred(status: Option<&str>) -> bool {
    matches!(status, Some(PREFERRED | "preferredTerm"))
}

fn to_document(concepts: Vec<Concept>, name: String, description: Vec<String>) -> Imported {
    let mut notes = Vec::new();
    let mut ignored: HashMap<String, usize> = HashMap::new();
    let mut terms = Vec::new();
    for concept in concepts {
        let label = if concept.id.is_empty() {
            format!("the concept at line {}", concept.line)
        } else {
            format!("concept {:?} (line {})", concept.id, concept.line)
        };
        let mut zh_terms: Vec<&Term> = Vec::new();
        let mut en_terms: Vec<&Term> = Vec::new();
        let mut en_langs: Vec<&LangSec> = Vec::new();
        let mut other_notes: Vec<String> = Vec::new();
        for lang in &concept.langs {
            if is_lang(&lang.lang, "zh") {
                zh_terms.extend(
                    lang.terms
                        .iter()
                        .filter(|term| !term.text.trim().is_empty()),
                );
                other_notes.extend(lang.notes.iter().map(|note| format!("zh: {note}")));
            } else if is_lang(&lang.lang, "en") {
                en_terms.extend(
                    lang.terms
                        .iter()
                        .filter(|term| !term.text.trim().is_empty()),
                );
                en_langs.push(lang);
            } else {
                *ignored.entry(lang.lang.clone()).or_default() += lang.terms.len();
            }
        }
        let Some(en_term) = en_terms
            .iter()
            .find(|term| is_preferred(term.status.as_deref()))
            .or_else(|| {
                en_terms
                    .iter()
                    .find(|term| !is_avoid(term.status.as_deref()))
            })
            .copied()
        else {
            notes.push(format!(
                "{label} has no English term that is not deprecated; skipped"
            ));
            continue;
        };
        let zh_term = zh_terms
            .iter()
            .find(|term| is_preferred(term.status.as_deref()))
            .or_else(|| zh_terms.first())
            .copied();
        let other_zh: Vec<&str> = zh_terms
            .iter()
            .filter(|term| !zh_term.is_some_and(|chosen| std::ptr::eq(**term, chosen)))
            .map(|term| term.text.as_str())
            .collect();
        let mut note_parts: Vec<String> = concept
            .definitions
            .iter()
            .map(|d| format!("Definition: {d}"))
            .collect();
        note_parts.extend(concept.notes.iter().cloned());
        for lang in &en_langs {
            note_parts.extend(lang.notes.iter().cloned());
            note_parts.extend(
                lang.contexts
                    .iter()
                    .map(|context| format!("Context: {context}")),
            );
        }
        for term in en_terms.iter().chain(&zh_terms) {
            note_parts.extend(
                term.notes
                    .iter()
                    .map(|note| format!("{}: {note}", term.text)),
            );
        }
        note_parts.extend(other_notes);
        if !other_zh.is_empty() {
            note_parts.push(format!("Other Chinese terms: {}", other_zh.join("; ")));
        }
        let mut sources: Vec<String> = en_term.sources.clone();
        for source in en_terms
            .iter()
            .filter(|term| !std::ptr::eq(**term, en_term))
            .flat_map(|term| term.sources.iter())
            .chain(&concept.sources)
            .chain(zh_terms.iter().flat_map(|term| term.sources.iter()))
        {
            if !sources.contains(source) {
                sources.push(source.clone());
            }
        }
        let admin = |kind: &str| {
            concept
                .admins
                .iter()
                .find(|(name, _)| name == kind)
                .map(|(_, value)| value.trim().to_ascii_lowercase())
        };
        terms.push(EntryFields {
            zh: zh_term.map(|term| term.text.clone()),
            en: en_term.text.clone(),
            accept: en_terms
                .iter()
                .filter(|term| !std::ptr::eq(**term, en_term) && !is_avoid(term.status.as_deref()))
                .map(|term| term.text.clone())
                .collect(),
            avoid: en_terms
                .iter()
                .filter(|term| is_avoid(term.status.as_deref()))
                .map(|term| term.text.clone())
                .collect(),
            severity: match admin("x-termlint-severity").as_deref() {
                Some("warning") => Severity::Warning,
                Some("info") => Severity::Info,
                _ => Severity::Error,
            },
            autofix: admin("x-termlint-autofix").as_deref() != Some("false"),
            case_sensitive: admin("x-termlint-case-sensitive").as_deref() == Some("true"),
            check_case: admin("x-termlint-check-case").as_deref() != Some("false"),
            examples: en_langs
                .iter()
                .flat_map(|lang| lang.examples.iter().cloned())
                .collect(),
            note: (!note_parts.is_empty()).then(|| note_parts.join("\n")),
            source: (!sources.is_empty()).then(|| sources.join(" ; ")),
        });
    }
    if !ignored.is_empty() {
        let mut languages: Vec<String> = ignored
            .into_iter()
            .map(|(lang, count)| {
                format!("{lang} ({count} term{})", if count == 1 { "" } else { "s" })
            })
            .collect();
        languages.sort();
        notes.push(format!(
            "ignored languages other than Chinese and English: {}",
            languages.join(", ")
        ));
    }
    let description = description
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Imported {
        document: GlossaryDocument {
            name,
            description: (!description.is_empty()).then_some(description),
            terms,
        },
        notes,
    }
}
