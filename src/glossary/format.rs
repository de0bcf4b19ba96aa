//! `glossary fmt`: the canonical form of a glossary file, comments kept.
//!
//! Values are re-emitted from the parsed document (canonical key order,
//! JSON-style double-quoted strings, flow lists, entries sorted by `zh`), so
//! formatting cannot depend on how a value was written. Comments are not part
//! of the parsed document: a line-based pass finds them and attaches each to
//! what follows it (a full-line comment) or to the key on its line (a trailing
//! comment), and they are written back with the entry or key they belong to,
//! so they move with it when entries are sorted.
//!
//! Formatting never loses information, and that is checked, not assumed: the
//! output must parse to the same document (entries sorted), carry the same
//! comments, and every `#` of the input must be accounted for as a comment or
//! inside a value. A file that fails any of these is refused with a message.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use similar::TextDiff;

use super::locate::{entry_positions, first_anchor_or_alias};
use super::{EntryFields, GlossaryDocument};
use crate::error::{Error, Result};
use crate::finding::Severity;

/// The canonical key order of an entry.
pub const KEY_ORDER: [&str; 11] = [
    "zh",
    "en",
    "accept",
    "avoid",
    "severity",
    "autofix",
    "case_sensitive",
    "check_case",
    "examples",
    "note",
    "source",
];

/// A comment in a YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// 1-based line.
    pub line: usize,
    /// The comment from its `#`, without trailing whitespace.
    pub text: String,
    /// Whether it is alone on its line (else it follows a value).
    pub full_line: bool,
    /// Byte offset of the `#` in its line.
    pub offset: usize,
}

/// What a comment belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Anchor {
    /// A top-level key (`name`, `description`, `terms`).
    Header(&'static str),
    /// An entry as a whole (comments above its `-`).
    Entry(usize),
    /// A key of an entry.
    Key(usize, String),
    /// The end of the file.
    Trailer,
}

/// Formats a glossary file; `path` is used in messages. Returns the text
/// unchanged in substance, or an error when it cannot be formatted safely.
pub fn format_text(text: &str, path: &Path) -> Result<String> {
    let refuse = |line: usize, message: String| Error::Glossary {
        path: path.to_path_buf(),
        line,
        column: 1,
        message: format!("cannot format: {message}"),
    };
    let document: GlossaryDocument = serde_yaml::from_str(text).map_err(|error| {
        let line = error.location().map_or(1, |location| location.line());
        refuse(line, format!("the file does not load: {error}"))
    })?;
    if let Some((line, _)) = first_anchor_or_alias(text) {
        return Err(refuse(
            line,
            "the file uses a YAML anchor or alias, which formatting would expand into copies (the link would be lost)".to_owned(),
        ));
    }
    let comments = scan_comments(text).map_err(|line| {
        refuse(
            line,
            "a quoted string or block scalar is not closed".to_owned(),
        )
    })?;
    check_comments_are_comments(text, &comments).map_err(|message| refuse(1, message))?;
    let values_hashes = count_hashes_in_values(&document);
    let comment_hashes: usize = comments
        .iter()
        .map(|comment| comment.text.matches('#').count())
        .sum();
    if text.matches('#').count() > values_hashes + comment_hashes {
        return Err(refuse(1, "a `#` is neither in a value nor in a recognised comment (would be lost); check comments inside multi-line values".to_owned()));
    }

    let positions = entry_positions(text);
    if positions.len() != document.terms.len() {
        return Err(refuse(1, "the entries could not be located".to_owned()));
    }
    // (line, 0-based column, anchor)
    let mut anchors: Vec<(usize, usize, Anchor)> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for key in ["name", "description", "terms"] {
            if line.starts_with(key) && line[key.len()..].starts_with(':') {
                anchors.push((number + 1, 0, Anchor::Header(key)));
            }
        }
    }
    if !anchors
        .iter()
        .any(|(_, _, anchor)| *anchor == Anchor::Header("name"))
    {
        return Err(refuse(
            1,
            "top-level keys must be block-mapping keys at column 1 (`name:`)".to_owned(),
        ));
    }
    for (index, entry) in positions.iter().enumerate() {
        let (line, column) = entry.start;
        anchors.push((line, column.saturating_sub(1), Anchor::Entry(index)));
        for (key, (line, column)) in &entry.keys {
            anchors.push((
                *line,
                column.saturating_sub(1),
                Anchor::Key(index, key.clone()),
            ));
        }
    }
    // Stable: at one line, an entry comes before its first key.
    anchors.sort_by_key(|(line, _, _)| *line);

    let mut attached: HashMap<Anchor, Vec<Comment>> = HashMap::new();
    for comment in &comments {
        let previous_key = anchors
            .iter()
            .rev()
            .find(|(line, _, anchor)| *line <= comment.line && !matches!(anchor, Anchor::Entry(_)));
        let anchor = if comment.full_line {
            match anchors.iter().find(|(line, _, _)| *line > comment.line) {
                // Indented deeper than what follows: inside the previous key's value.
                Some((_, column, _)) if comment.offset > *column && previous_key.is_some() => {
                    previous_key.map_or(Anchor::Trailer, |(_, _, anchor)| anchor.clone())
                }
                Some((_, _, anchor)) => anchor.clone(),
                None => Anchor::Trailer,
            }
        } else {
            previous_key.map_or(Anchor::Header("name"), |(_, _, anchor)| anchor.clone())
        };
        attached.entry(anchor).or_default().push(comment.clone());
    }

    let formatted = render(&document, &mut attached);

    // Check, do not assume, that nothing was lost.
    let reparsed: GlossaryDocument = serde_yaml::from_str(&formatted).map_err(|error| {
        refuse(
            1,
            format!("the formatted text does not load ({error}); please report this"),
        )
    })?;
    let mut expected = document.clone();
    sort_terms(&mut expected.terms);
    if reparsed != expected {
        return Err(refuse(
            1,
            "the formatted text does not hold the same entries; please report this".to_owned(),
        ));
    }
    let mut before: Vec<&str> = comments
        .iter()
        .map(|comment| comment.text.as_str())
        .collect();
    let after_comments = scan_comments(&formatted).unwrap_or_default();
    let mut after: Vec<&str> = after_comments
        .iter()
        .map(|comment| comment.text.as_str())
        .collect();
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        return Err(refuse(1, "a comment could not be kept in place".to_owned()));
    }
    Ok(formatted)
}

/// The canonical YAML of `document` (no comments): what `glossary import` writes.
pub fn render_document(document: &GlossaryDocument) -> String {
    render(document, &mut HashMap::new())
}

/// Entries by `zh` (stable), target-only entries after them by `en`.
pub fn sort_terms(terms: &mut [EntryFields]) {
    terms.sort_by_key(sort_key);
}

fn sort_key(fields: &EntryFields) -> (bool, String) {
    match &fields.zh {
        Some(zh) => (false, zh.trim().to_owned()),
        None => (true, fields.en.trim().to_lowercase()),
    }
}

/// A unified diff from `old` to `new` for `--check`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let diff = TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(2)
        .missing_newline_hint(true)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

fn flow_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|value| quoted(value)).collect();
    format!("[{}]", items.join(", "))
}

fn push_comment_lines(out: &mut String, indent: usize, comments: &[Comment]) {
    for comment in comments {
        let _ = writeln!(out, "{:indent$}{}", "", comment.text);
    }
}

/// Writes `key: value` lines with the key's comments: full-line ones above;
/// a single trailing comment stays at the end of the key's line, several go above.
fn push_key(
    out: &mut String,
    first_prefix: &str,
    indent: usize,
    key: &str,
    value: &str,
    rest: &str,
    comments: Vec<Comment>,
) {
    let (trailing, mut above): (Vec<Comment>, Vec<Comment>) =
        comments.into_iter().partition(|c| !c.full_line);
    let end = if trailing.len() == 1 {
        format!("  {}", trailing[0].text)
    } else {
        above.extend(trailing);
        String::new()
    };
    push_comment_lines(out, indent, &above);
    let separator = if value.is_empty() { "" } else { " " };
    let _ = writeln!(out, "{first_prefix}{key}:{separator}{value}{end}");
    out.push_str(rest);
}

fn render(document: &GlossaryDocument, attached: &mut HashMap<Anchor, Vec<Comment>>) -> String {
    let mut out = String::new();
    let mut take = |anchor: Anchor| attached.remove(&anchor).unwrap_or_default();
    push_key(
        &mut out,
        "",
        0,
        "name",
        &quoted(&document.name),
        "",
        take(Anchor::Header("name")),
    );
    let description_comments = take(Anchor::Header("description"));
    match &document.description {
        Some(description) => push_key(
            &mut out,
            "",
            0,
            "description",
            &quoted(description),
            "",
            description_comments,
        ),
        None => push_comment_lines(&mut out, 0, &description_comments),
    }
    let terms_value = if document.terms.is_empty() { "[]" } else { "" };
    push_key(
        &mut out,
        "",
        0,
        "terms",
        terms_value,
        "",
        take(Anchor::Header("terms")),
    );

    let mut order: Vec<usize> = (0..document.terms.len()).collect();
    order.sort_by_key(|&index| sort_key(&document.terms[index]));
    for (position, &index) in order.iter().enumerate() {
        if position > 0 {
            out.push('\n');
        }
        let fields = &document.terms[index];
        let values = entry_values(fields);
        let mut entry_comments = take(Anchor::Entry(index));
        // Comments of keys that are not written (default values) stay with the entry.
        for key in KEY_ORDER {
            if !values.iter().any(|(name, _, _)| *name == key) {
                entry_comments.extend(take(Anchor::Key(index, key.to_owned())));
            }
        }
        let mut keyed: Vec<(&str, String, String, Vec<Comment>)> = values
            .into_iter()
            .map(|(key, value, rest)| (key, value, rest, take(Anchor::Key(index, key.to_owned()))))
            .collect();
        // Full-line comments of the first key go above the `-`, where a
        // second run attaches them to the entry.
        if let Some((_, _, _, comments)) = keyed.first_mut() {
            let (full, trailing): (Vec<Comment>, Vec<Comment>) =
                comments.drain(..).partition(|c| c.full_line);
            entry_comments.extend(full);
            *comments = trailing;
        }
        push_comment_lines(&mut out, 2, &entry_comments);
        for (number, (key, value, rest, comments)) in keyed.into_iter().enumerate() {
            let prefix = if number == 0 { "  - " } else { "    " };
            push_key(&mut out, prefix, 4, key, &value, &rest, comments);
        }
    }
    let trailer = take(Anchor::Trailer);
    if !trailer.is_empty() {
        out.push('\n');
        push_comment_lines(&mut out, 0, &trailer);
    }
    // Anything left was attached to a key that no longer exists: keep it at the end.
    let mut leftovers: Vec<Comment> = attached
        .drain()
        .flat_map(|(_, comments)| comments)
        .collect();
    leftovers.sort_by_key(|comment| comment.line);
    push_comment_lines(&mut out, 0, &leftovers);
    out
}

/// The keys an entry writes, in canonical order: (key, inline value, lines after).
fn entry_values(fields: &EntryFields) -> Vec<(&'static str, String, String)> {
    let mut values = Vec::new();
    if let Some(zh) = &fields.zh {
        values.push(("zh", quoted(zh), String::new()));
    }
    values.push(("en", quoted(&fields.en), String::new()));
    if !fields.accept.is_empty() {
        values.push(("accept", flow_list(&fields.accept), String::new()));
    }
    if !fields.avoid.is_empty() {
        values.push(("avoid", flow_list(&fields.avoid), String::new()));
    }
    if fields.severity != Severity::Error {
        values.push(("severity", quoted(fields.severity.as_str()), String::new()));
    }
    if !fields.autofix {
        values.push(("autofix", "false".to_owned(), String::new()));
    }
    if fields.case_sensitive {
        values.push(("case_sensitive", "true".to_owned(), String::new()));
    }
    if !fields.check_case {
        values.push(("check_case", "false".to_owned(), String::new()));
    }
    if !fields.examples.is_empty() {
        let mut rest = String::new();
        for example in &fields.examples {
            let _ = writeln!(rest, "      - wrong: {}", quoted(&example.wrong));
            let _ = writeln!(rest, "        right: {}", quoted(&example.right));
        }
        values.push(("examples", String::new(), rest));
    }
    if let Some(note) = &fields.note {
        values.push(("note", quoted(note), String::new()));
    }
    if let Some(source) = &fields.source {
        values.push(("source", quoted(source), String::new()));
    }
    values
}

fn count_hashes_in_values(document: &GlossaryDocument) -> usize {
    let count = |s: &str| s.matches('#').count();
    let mut total = count(&document.name) + document.description.as_deref().map_or(0, count);
    for fields in &document.terms {
        total += fields.zh.as_deref().map_or(0, count) + count(&fields.en);
        total += fields
            .accept
            .iter()
            .chain(&fields.avoid)
            .map(|s| count(s))
            .sum::<usize>();
        total += fields
            .examples
            .iter()
            .map(|example| count(&example.wrong) + count(&example.right))
            .sum::<usize>();
        total +=
            fields.note.as_deref().map_or(0, count) + fields.source.as_deref().map_or(0, count);
    }
    total
}

/// Removing every found comment must leave the same YAML value: otherwise
/// something taken for a comment was part of a value.
fn check_comments_are_comments(
    text: &str,
    comments: &[Comment],
) -> std::result::Result<(), String> {
    if comments.is_empty() {
        return Ok(());
    }
    let mut stripped = String::with_capacity(text.len());
    let mut by_line: HashMap<usize, usize> = HashMap::new();
    for comment in comments {
        by_line.insert(comment.line, comment.offset);
    }
    for (number, line) in text.split_inclusive('\n').enumerate() {
        match by_line.get(&(number + 1)) {
            Some(&offset) => {
                stripped.push_str(line[..offset].trim_end());
                stripped.push('\n');
            }
            None => stripped.push_str(line),
        }
    }
    let original: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|error| error.to_string())?;
    let without: serde_yaml::Value = serde_yaml::from_str(&stripped)
        .map_err(|_| "the comments could not be told apart from values".to_owned())?;
    if original == without {
        Ok(())
    } else {
        Err("the comments could not be told apart from values".to_owned())
    }
}

/// Finds the comments of a YAML text with a small line scanner that knows
/// quoted strings (which may span lines) and block scalars (`|`, `>`), the
/// places where a `#` is not a comment. Returns the line of an unclosed string.
pub fn scan_comments(text: &str) -> std::result::Result<Vec<Comment>, usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum Quote {
        None,
        Double,
        Single,
    }
    let mut comments = Vec::new();
    let mut quote = Quote::None;
    let mut quote_line = 0;
    let mut block_indent: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(owner) = block_indent {
            if line.trim().is_empty() || indent > owner {
                continue;
            }
            block_indent = None;
        }
        let bytes = line.as_bytes();
        let mut previous_significant: Option<u8> = None;
        let mut previous: Option<u8> = None;
        let mut index = 0;
        let mut content_end = line.len();
        while index < bytes.len() {
            let byte = bytes[index];
            match quote {
                Quote::Double => {
                    if byte == b'\\' {
                        index += 2;
                        continue;
                    }
                    if byte == b'"' {
                        quote = Quote::None;
                        previous_significant = Some(b'"');
                    }
                }
                Quote::Single => {
                    if byte == b'\'' {
                        if bytes.get(index + 1) == Some(&b'\'') {
                            index += 2;
                            continue;
                        }
                        quote = Quote::None;
                        previous_significant = Some(b'\'');
                    }
                }
                Quote::None => {
                    if byte == b'#' && previous.is_none_or(|p| p == b' ' || p == b'\t') {
                        comments.push(Comment {
                            line: line_number,
                            text: line[index..].trim_end().to_owned(),
                            full_line: line[..index].trim().is_empty(),
                            offset: index,
                        });
                        content_end = index;
                        break;
                    }
                    let starts_scalar = previous_significant
                        .is_none_or(|p| matches!(p, b':' | b'-' | b'[' | b'{' | b',' | b'?'));
                    if (byte == b'"' || byte == b'\'') && starts_scalar {
                        quote = if byte == b'"' {
                            Quote::Double
                        } else {
                            Quote::Single
                        };
                        quote_line = line_number;
                    } else if byte != b' ' && byte != b'\t' {
                        previous_significant = Some(byte);
                    }
                }
            }
            previous = Some(byte);
            index += 1;
        }
        if quote == Quote::None {
            let content = line[..content_end].trim_end();
            if is_block_scalar_header(content) {
                // Content lines must be indented deeper than the key.
                let key_column = content.len() - content.trim_start_matches([' ', '-']).len();
                block_indent = Some(key_column);
            }
        }
    }
    if quote != Quote::None {
        return Err(quote_line);
    }
    Ok(comments)
}

/// `key: |`, `key: >-`, `- |2` …
fn is_block_scalar_header(content: &str) -> bool {
    let Some(last_token) = content.rsplit([' ', '\t']).next() else {
        return false;
    };
    let mut chars = last_token.chars();
    let indicator_ok = matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit());
    let before = content[..content.len() - last_token.len()].trim_end();
    indicator_ok && (before.ends_with(':') || before.ends_with('-') || before.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> Result<String> {
        format_text(text, Path::new("t.yaml"))
    }

    #[test]
    fn sorts_orders_keys_and_keeps_comments() -> Result<()> {
        let text = "# file header\nname: t   # the title\nterms:\n  # about B\n  - en: b thing\n    zh: 乙\n    source: x # trailing\n    autofix: true # default, dropped\n  - zh: 甲\n    avoid:\n      # why\n      - a wrong\n    en: a thing\n  - en: style only\n# the end\n";
        let out = fmt(text)?;
        assert_eq!(
            out,
            "# file header\nname: \"t\"  # the title\nterms:\n  # about B\n  # default, dropped\n  - zh: \"乙\"\n    en: \"b thing\"\n    source: \"x\"  # trailing\n\n  - zh: \"甲\"\n    en: \"a thing\"\n    # why\n    avoid: [\"a wrong\"]\n\n  - en: \"style only\"\n\n# the end\n"
        );
        assert_eq!(fmt(&out)?, out, "idempotent");
        Ok(())
    }

    #[test]
    fn hashes_in_values_are_not_comments() -> Result<()> {
        let text = "name: \"C# and #tags\"\nterms:\n  - en: 'it''s # not a comment'\n    note: |\n      # inside a block\n      text\n";
        let out = fmt(text)?;
        assert!(!out.contains("\n# "), "{out}");
        assert_eq!(fmt(&out)?, out);
        Ok(())
    }

    #[test]
    fn comments_are_scanned_outside_strings() {
        let comments = scan_comments("a: \"x # y\" # c\nb: x#y\n# full\nc: 'multi\n  # line'\n")
            .unwrap_or_default();
        let found: Vec<(usize, &str, bool)> = comments
            .iter()
            .map(|c| (c.line, c.text.as_str(), c.full_line))
            .collect();
        assert_eq!(found, [(1, "# c", false), (3, "# full", true)]);
    }
}
