//! `glossary lint`: the checks that keep a glossary from making every check wrong.
//!
//! Files are parsed one by one without [`Glossary::validate`] (which stops at
//! the first duplicate), so that every problem is reported, each as a
//! [`Finding`] located at the entry (or key) in its YAML file. The findings go
//! through the same reporters and exit codes as `check`. Checks that are
//! about matching use the real [`CompiledMatcher`] and [`Checker`]: a
//! shadowed avoid phrase is one the matcher finds inside an approved
//! rendering, and an entry's `examples` are run through `check` and
//! [`apply_fixes`], as prh runs its specs.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use super::{Glossary, GlossaryEntry, GlossaryText, Origin, describe, parse_texts};
use crate::check::Checker;
use crate::error::Error;
use crate::finding::{Finding, RuleId, Severity};
use crate::fix::apply_fixes;
use crate::input::Document;
use crate::matcher::{CompiledMatcher, PhraseKind};
use crate::report::FileReport;
use crate::rules::avoid_term::{occurrences, phrase_of, term_ref};
use crate::text::{LineIndex, Normalization, NormalizedText, normalize_phrase};

/// What linting a set of glossary files produced.
#[derive(Debug)]
pub struct LintOutcome {
    /// One report per file that could be parsed, in input order, with its
    /// findings sorted by position.
    pub reports: Vec<FileReport>,
    /// Files that could not be parsed at all (malformed YAML, unknown keys).
    pub errors: Vec<Error>,
}

/// A finding before it is placed in its file.
#[derive(Debug, Clone)]
struct Problem {
    origin: Origin,
    rule: RuleId,
    severity: Severity,
    message: String,
    entry: usize,
}

/// Lints `texts` together (duplicates across files are found).
pub fn lint(texts: &[GlossaryText]) -> LintOutcome {
    let (glossary, errors) = parse_texts(texts);
    let problems = problems(&glossary);
    let mut reports: Vec<FileReport> = Vec::new();
    for text in texts {
        if !glossary.files.iter().any(|file| *file.path == *text.path) {
            continue;
        }
        let lines = LineIndex::new(&text.text);
        let mut findings: Vec<Finding> = problems
            .iter()
            .filter(|problem| *problem.origin.path == *text.path)
            .map(|problem| {
                locate(
                    problem,
                    &glossary.entries[problem.entry],
                    &text.text,
                    &lines,
                )
            })
            .collect();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        reports.push(FileReport {
            path: text.path.to_string_lossy().replace('\\', "/"),
            text: text.text.clone(),
            findings,
            fixed: None,
        });
    }
    LintOutcome { reports, errors }
}

/// Places a problem at its origin: the span runs to the end of that line.
fn locate(problem: &Problem, entry: &GlossaryEntry, text: &str, lines: &LineIndex) -> Finding {
    let line_span = lines.line_span(text, problem.origin.line.saturating_sub(1));
    let line_text = &text[line_span.clone()];
    let start = line_span.start
        + line_text
            .char_indices()
            .nth(problem.origin.column.saturating_sub(1))
            .map_or(line_text.len(), |(offset, _)| offset);
    let end = line_span.start + line_text.trim_end().len().max(start - line_span.start);
    let (line, column) = lines.line_column(text, start);
    let (end_line, end_column) = lines.line_column(text, end);
    Finding {
        span: start..end,
        line,
        column,
        end_line,
        end_column,
        rule: problem.rule,
        severity: problem.severity,
        message: problem.message.clone(),
        found: text[start..end].to_owned(),
        fix: None,
        term: Some(term_ref(entry)),
    }
}

fn normalized(phrase: &str) -> String {
    normalize_phrase(phrase, Normalization::MATCHING)
}

/// Every problem of `glossary`, in no particular order.
fn problems(glossary: &Glossary) -> Vec<Problem> {
    let mut out = Vec::new();
    let entries = &glossary.entries;
    let problem =
        |entry: usize, key: &str, rule: RuleId, severity: Severity, message: String| Problem {
            origin: entries[entry].origin_of(key).clone(),
            rule,
            severity,
            message,
            entry,
        };

    // Values: empty, padded, CJK in English, missing source.
    for (index, entry) in entries.iter().enumerate() {
        let fields = &entry.fields;
        let mut values: Vec<(&str, &str)> = Vec::new();
        if let Some(zh) = &fields.zh {
            values.push(("zh", zh));
        }
        values.push(("en", &fields.en));
        values.extend(fields.accept.iter().map(|v| ("accept", v.as_str())));
        values.extend(fields.avoid.iter().map(|v| ("avoid", v.as_str())));
        for example in &fields.examples {
            values.push(("examples", &example.wrong));
            values.push(("examples", &example.right));
        }
        if let Some(note) = &fields.note {
            values.push(("note", note));
        }
        if let Some(source) = &fields.source {
            values.push(("source", source));
        }
        for (key, value) in values {
            if value.trim().is_empty() {
                out.push(problem(
                    index,
                    key,
                    RuleId::EmptyValue,
                    Severity::Error,
                    format!("`{key}` of the entry for {:?} is empty", entry.label()),
                ));
            } else if value.trim() != value {
                out.push(problem(index, key, RuleId::PaddedValue, Severity::Warning, format!(
                    "`{key}` value {value:?} of the entry for {:?} has leading or trailing whitespace",
                    entry.label()
                )));
            }
        }
        for (key, value) in
            std::iter::once(("en", &fields.en)).chain(fields.accept.iter().map(|v| ("accept", v)))
        {
            if let Some(c) = value.chars().find(|&c| is_chinese(c)) {
                out.push(problem(index, key, RuleId::CjkInEn, Severity::Error, format!(
                    "`{key}` value {:?} of the entry for {:?} contains the Chinese character or punctuation {c:?}",
                    value.trim(),
                    entry.label()
                )));
            }
        }
        if fields.source.is_none() {
            out.push(problem(index, "zh", RuleId::MissingSource, Severity::Warning, format!(
                "the entry for {:?} has no `source` (cite where the approved rendering is published, or write \"unverified\")",
                entry.label()
            )));
        }
    }

    // Duplicates.
    let mut zh_seen: HashMap<&str, usize> = HashMap::new();
    let mut en_seen: HashMap<String, usize> = HashMap::new();
    let mut avoid_seen: HashMap<String, usize> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        if let Some(zh) = entry.zh().filter(|zh| !zh.is_empty()) {
            if let Some(&first) = zh_seen.get(zh) {
                out.push(problem(
                    index,
                    "zh",
                    RuleId::DuplicateZh,
                    Severity::Error,
                    format!(
                        "duplicate term {zh:?}: already defined at {}",
                        describe(&entries[first].origin)
                    ),
                ));
            } else {
                zh_seen.insert(zh, index);
            }
            let en = normalized(&entry.fields.en);
            if !en.is_empty() {
                match en_seen.get(&en) {
                    Some(&first) if entries[first].zh() != Some(zh) => {
                        out.push(problem(
                            index,
                            "en",
                            RuleId::DuplicateEn,
                            Severity::Warning,
                            format!(
                                "{zh} and {} ({}) have the same approved rendering {:?}",
                                entries[first].label(),
                                describe(&entries[first].origin),
                                entry.en()
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        en_seen.insert(en, index);
                    }
                }
            }
        }
        let mut own: Vec<String> = Vec::new();
        for phrase in &entry.fields.avoid {
            let key = normalized(phrase);
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            match avoid_seen.get(&key) {
                Some(&first) => out.push(problem(
                    index,
                    "avoid",
                    RuleId::DuplicateAvoid,
                    Severity::Error,
                    format!(
                        "avoid phrase {:?} is already listed by the entry for {:?} at {}",
                        phrase.trim(),
                        entries[first].label(),
                        describe(&entries[first].origin)
                    ),
                )),
                None => {
                    avoid_seen.insert(key, index);
                }
            }
        }
    }

    // An avoid phrase that is also a correct rendering.
    let mut approved: HashMap<String, Vec<usize>> = HashMap::new();
    let mut avoided: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        approved
            .entry(normalized(&entry.fields.en))
            .or_default()
            .push(index);
        for phrase in &entry.fields.avoid {
            avoided.entry(normalized(phrase)).or_default().push(index);
        }
    }
    for (index, entry) in entries.iter().enumerate() {
        for phrase in &entry.fields.avoid {
            let key = normalized(phrase);
            if key.is_empty() {
                continue;
            }
            let own_correct = std::iter::once(&entry.fields.en)
                .chain(&entry.fields.accept)
                .any(|correct| normalized(correct) == key);
            if own_correct {
                out.push(problem(index, "avoid", RuleId::AvoidIsApproved, Severity::Error, format!(
                    "avoid phrase {:?} of {:?} is also one of its own correct renderings: it would flag correct text",
                    phrase.trim(),
                    entry.label()
                )));
                continue;
            }
            if let Some(&other) = approved
                .get(&key)
                .and_then(|list| list.iter().find(|&&i| i != index))
            {
                out.push(problem(index, "avoid", RuleId::AvoidIsApproved, Severity::Error, format!(
                    "avoid phrase {:?} of {:?} is the approved rendering of {:?} ({}): it would flag correct text",
                    phrase.trim(),
                    entry.label(),
                    entries[other].label(),
                    describe(&entries[other].origin)
                )));
            }
        }
        for phrase in &entry.fields.accept {
            let key = normalized(phrase);
            if key.is_empty() {
                continue;
            }
            if let Some(&other) = avoided
                .get(&key)
                .and_then(|list| list.iter().find(|&&i| i != index))
            {
                out.push(problem(
                    index,
                    "accept",
                    RuleId::AcceptIsAvoided,
                    Severity::Error,
                    format!(
                        "accepted rendering {:?} of {:?} is listed as wrong by {:?} ({})",
                        phrase.trim(),
                        entry.label(),
                        entries[other].label(),
                        describe(&entries[other].origin)
                    ),
                ));
            }
        }
    }

    out.extend(shadowed_avoids(glossary));
    out.extend(nested_terms(glossary));
    out.extend(failing_examples(glossary));
    out
}

/// Avoid phrases the matcher finds inside an approved or accepted rendering
/// (equal phrases are reported by the checks above).
fn shadowed_avoids(glossary: &Glossary) -> Vec<Problem> {
    let matcher = CompiledMatcher::new(glossary);
    let entries = &glossary.entries;
    let mut out = Vec::new();
    let mut reported: Vec<(usize, usize)> = Vec::new();
    for entry in entries {
        let correct = std::iter::once(entry.fields.en.as_str())
            .chain(entry.fields.accept.iter().map(String::as_str));
        for rendering in correct {
            let rendering = rendering.trim();
            let view = NormalizedText::new(rendering, Normalization::MATCHING);
            let matches = matcher.find_all(&view);
            let (_, avoid) = occurrences(&matcher, &matches, rendering, &view);
            for occurrence in avoid {
                if occurrence.start == 0 && occurrence.end == view.as_str().len() {
                    continue;
                }
                let PhraseKind::Avoid(position) = occurrence.role.kind else {
                    continue;
                };
                let owner = occurrence.role.entry;
                if reported.contains(&(owner, position)) {
                    continue;
                }
                reported.push((owner, position));
                let owner_entry = &entries[owner];
                out.push(Problem {
                    origin: owner_entry.origin_of("avoid").clone(),
                    rule: RuleId::ShadowedAvoid,
                    severity: Severity::Warning,
                    message: format!(
                        "avoid phrase {:?} of {:?} is found inside {:?}, a correct rendering of {:?} ({}): it is spared there only while that rendering is in the glossary and written exactly; make the avoid phrase more specific",
                        phrase_of(owner_entry, occurrence.role.kind),
                        owner_entry.label(),
                        rendering,
                        entry.label(),
                        describe(&entry.origin)
                    ),
                    entry: owner,
                });
            }
        }
    }
    out
}

/// Entries whose `zh` contains another entry's `zh` while none of their
/// correct renderings contains one of the shorter term's.
fn nested_terms(glossary: &Glossary) -> Vec<Problem> {
    let entries = &glossary.entries;
    let terms: Vec<(usize, &str)> = entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| entry.zh().filter(|zh| !zh.is_empty()).map(|zh| (index, zh)))
        .collect();
    let Ok(automaton) = AhoCorasick::new(terms.iter().map(|(_, zh)| zh)) else {
        return Vec::new();
    };
    let renderings = |entry: &GlossaryEntry| -> Vec<String> {
        std::iter::once(&entry.fields.en)
            .chain(&entry.fields.accept)
            .map(|phrase| normalized(phrase))
            .filter(|phrase| !phrase.is_empty())
            .collect()
    };
    let mut out = Vec::new();
    for &(index, zh) in &terms {
        let mut inner: Vec<usize> = automaton
            .find_overlapping_iter(zh)
            .map(|found| terms[found.pattern().as_usize()])
            .filter(|&(other, other_zh)| other != index && other_zh != zh)
            .map(|(other, _)| other)
            .collect();
        inner.sort_unstable();
        inner.dedup();
        let outer = renderings(&entries[index]);
        for other in inner {
            let shorter = renderings(&entries[other]);
            if shorter.is_empty()
                || outer
                    .iter()
                    .any(|long| shorter.iter().any(|short| long.contains(short.as_str())))
            {
                continue;
            }
            out.push(Problem {
                origin: entries[index].origin_of("zh").clone(),
                rule: RuleId::NestedZh,
                severity: Severity::Info,
                message: format!(
                    "{zh} contains {} ({}), but no correct rendering of {zh} contains {:?} or its accepted renderings: a source with {zh} may be taken to lack a rendering of {}",
                    entries[other].label(),
                    describe(&entries[other].origin),
                    entries[other].en(),
                    entries[other].label()
                ),
                entry: index,
            });
        }
    }
    out
}

/// Runs every entry's `examples` through the checker.
fn failing_examples(glossary: &Glossary) -> Vec<Problem> {
    if glossary
        .entries
        .iter()
        .all(|entry| entry.fields.examples.is_empty())
    {
        return Vec::new();
    }
    let checker = Checker::new(glossary.clone());
    let mut out = Vec::new();
    for (index, entry) in glossary.entries.iter().enumerate() {
        for (number, example) in entry.fields.examples.iter().enumerate() {
            if let Some(message) = example_failure(&checker, entry, &example.wrong, &example.right)
            {
                out.push(Problem {
                    origin: entry.origin_of("examples").clone(),
                    rule: RuleId::ExampleFailed,
                    severity: Severity::Error,
                    message: format!("example {} of {:?}: {message}", number + 1, entry.label()),
                    entry: index,
                });
            }
        }
    }
    out
}

/// Why an example fails, or `None` when it passes.
fn example_failure(
    checker: &Checker,
    entry: &GlossaryEntry,
    wrong: &str,
    right: &str,
) -> Option<String> {
    let term = term_ref(entry);
    let findings = checker.check_document(&Document::from_text("example", wrong.to_owned()));
    let own: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| finding.term.as_ref() == Some(&term))
        .collect();
    if own.is_empty() {
        return Some(format!("`wrong` {wrong:?} gives no finding for this entry"));
    }
    // With `autofix: false` the right wording depends on context, so `right`
    // need not be what the suggestion gives (GLOSSARY-SCHEMA.md, `examples`).
    if entry.fields.autofix {
        let fixed = apply_fixes(wrong, &own).text;
        if fixed != right {
            return Some(format!(
                "fixing `wrong` gives {fixed:?}, not `right` {right:?}"
            ));
        }
    }
    let remaining = checker.check_document(&Document::from_text("example", right.to_owned()));
    remaining.first().map(|finding| {
        format!(
            "`right` {right:?} gives a finding: {} ({})",
            finding.message, finding.rule
        )
    })
}

/// CJK ideographs and Chinese (full-width and ideographic) punctuation.
/// Curly quotes and dashes are English punctuation too, so they pass.
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'      // CJK symbols and punctuation: 、。《》「」【】
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'    // CJK compatibility forms
        | '\u{FF01}'..='\u{FF0F}'    // full-width ！＂＃…／
        | '\u{FF1A}'..='\u{FF20}'    // full-width ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{20000}'..='\u{2FA1F}'  // CJK extensions B–F and supplements
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn lint_yaml(yaml: &str) -> Vec<(RuleId, usize)> {
        let outcome = lint(&[GlossaryText {
            path: PathBuf::from("t.yaml"),
            text: yaml.to_owned(),
        }]);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        outcome.reports[0]
            .findings
            .iter()
            .map(|f| (f.rule, f.line))
            .collect()
    }

    #[test]
    fn a_clean_entry_has_no_findings() {
        let yaml = "name: t\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n    examples:\n      - wrong: the 88th Strategy\n        right: the 8-8 Strategy\n    source: unverified\n";
        assert_eq!(lint_yaml(yaml), []);
    }

    #[test]
    fn shadowing_uses_the_matcher() {
        let yaml = "name: t\nterms:\n  - zh: 甲\n    en: time node planning\n    source: x\n  - zh: 乙\n    en: deadline\n    avoid: [time nodes]\n    source: x\n";
        // "time nodes" matches "time node" only as the plural; not shadowed.
        assert_eq!(lint_yaml(yaml), []);
        let yaml = "name: t\nterms:\n  - zh: 甲\n    en: time node planning\n    source: x\n  - zh: 乙\n    en: deadline\n    avoid: [time node]\n    source: x\n";
        assert_eq!(lint_yaml(yaml), [(RuleId::ShadowedAvoid, 8)]);
    }

    #[test]
    fn chinese_punctuation_is_found_but_curly_quotes_pass() {
        assert!(is_chinese('，') && is_chinese('中') && is_chinese('《'));
        assert!(!is_chinese('“') && !is_chinese('—') && !is_chinese('é'));
    }
}
