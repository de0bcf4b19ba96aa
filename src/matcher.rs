//! The compiled matcher: every English phrase of a glossary in one automaton.
//!
//! Each entry contributes its approved rendering, its accepted renderings and
//! its avoid variants — each also with a simple plural of its last word — as
//! normalised literal patterns of a single Aho-Corasick automaton, so a text is
//! scanned once however large the glossary. The scan reports every overlapping
//! occurrence that stands as whole words; the rules then decide which
//! occurrences are findings (an avoid variant inside an approved rendering is
//! not one, for example).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::glossary::Glossary;
use crate::text::{
    Normalization, NormalizedText, ends_with_word_char, is_word_boundary, normalize_phrase,
    starts_with_word_char,
};

/// What a phrase is to the entry that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// The entry's `en`.
    Approved,
    /// The entry's `accept[i]`.
    Accepted(usize),
    /// The entry's `avoid[i]`.
    Avoid(usize),
}

impl PhraseKind {
    /// Whether text matching this phrase is correct.
    pub fn is_correct(self) -> bool {
        !matches!(self, Self::Avoid(_))
    }
}

/// One use of a pattern by one glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseRole {
    /// Index of the entry in the glossary.
    pub entry: usize,
    /// Which of the entry's phrases this is.
    pub kind: PhraseKind,
    /// Whether the pattern is the plural form of the phrase.
    pub plural: bool,
    /// For case-sensitive entries: the phrase as it must be written
    /// (normalised but not case-folded).
    pub exact_case: Option<String>,
}

/// A normalised pattern and every entry phrase it stands for.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The normalised pattern text.
    pub text: String,
    /// Who uses it.
    pub roles: Vec<PhraseRole>,
    word_start: bool,
    word_end: bool,
}

/// An occurrence of a pattern in a normalised text, as whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Start in the normalised text.
    pub start: usize,
    /// End in the normalised text.
    pub end: usize,
    /// Index into [`CompiledMatcher::patterns`].
    pub pattern: usize,
}

/// Every English phrase of a glossary, compiled once.
#[derive(Debug, Clone)]
pub struct CompiledMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    crosses_paragraphs: bool,
}

impl CompiledMatcher {
    /// Compiles the English phrases of `glossary`.
    pub fn new(glossary: &Glossary) -> Self {
        let mut builder = PatternSetBuilder::default();
        for (index, entry) in glossary.entries.iter().enumerate() {
            let fields = &entry.fields;
            builder.add(
                index,
                PhraseKind::Approved,
                &fields.en,
                fields.case_sensitive,
            );
            for (i, phrase) in fields.accept.iter().enumerate() {
                builder.add(
                    index,
                    PhraseKind::Accepted(i),
                    phrase,
                    fields.case_sensitive,
                );
            }
            for (i, phrase) in fields.avoid.iter().enumerate() {
                builder.add(index, PhraseKind::Avoid(i), phrase, fields.case_sensitive);
            }
        }
        let patterns = builder.patterns;
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|pattern| pattern.text.as_str()))
                .ok()
        };
        let crosses_paragraphs = patterns
            .iter()
            .any(|pattern| pattern.text.contains(crate::text::PARAGRAPH_BREAK));
        Self {
            automaton,
            patterns,
            crosses_paragraphs,
        }
    }

    /// Whether some pattern spans a paragraph break (a phrase written with a
    /// blank line in it), so that a text cannot be checked paragraph by paragraph.
    pub fn crosses_paragraphs(&self) -> bool {
        self.crosses_paragraphs
    }

    /// The compiled patterns, indexed by [`PhraseMatch::pattern`].
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Every whole-word occurrence of every pattern in `text` (a normalised
    /// view built with [`Normalization::MATCHING`]), overlapping ones
    /// included, in order of their end.
    pub fn find_all(&self, text: &NormalizedText) -> Vec<PhraseMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let haystack = text.as_str();
        automaton
            .find_overlapping_iter(haystack)
            .filter_map(|found| {
                let pattern = &self.patterns[found.pattern().as_usize()];
                let (start, end) = (found.start(), found.end());
                let whole_words = (!pattern.word_start || is_word_boundary(haystack, start))
                    && (!pattern.word_end || is_word_boundary(haystack, end));
                whole_words.then_some(PhraseMatch {
                    start,
                    end,
                    pattern: found.pattern().as_usize(),
                })
            })
            .collect()
    }
}

/// An occurrence of a glossary `zh` term in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceMatch {
    /// Byte span in the source text as written.
    pub start: usize,
    /// End of the span in the source text as written.
    pub end: usize,
    /// Index into [`SourceTermMatcher::entries_of`].
    pub term: usize,
}

/// Every Chinese term of a glossary in one automaton, for source text.
///
/// Terms are normalised as English phrases are (full-width forms, quotes,
/// whitespace); the scan is leftmost-longest and non-overlapping, so a longer
/// term wins over a term it contains (晾晒比拼机制 before 比拼).
#[derive(Debug, Clone)]
pub struct SourceTermMatcher {
    automaton: Option<AhoCorasick>,
    entries: Vec<Vec<usize>>,
}

impl SourceTermMatcher {
    /// Compiles the `zh` terms of `glossary`.
    pub fn new(glossary: &Glossary) -> Self {
        let mut terms: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<usize>> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for (index, entry) in glossary.entries.iter().enumerate() {
            let Some(zh) = entry.zh() else { continue };
            let folded = normalize_phrase(zh, Normalization::MATCHING);
            if folded.is_empty() {
                continue;
            }
            match by_text.get(&folded) {
                Some(&term) => entries[term].push(index),
                None => {
                    by_text.insert(folded.clone(), terms.len());
                    terms.push(folded);
                    entries.push(vec![index]);
                }
            }
        }
        let automaton = if terms.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&terms)
                .ok()
        };
        Self { automaton, entries }
    }

    /// The glossary entries (indices) whose `zh` is term `term`.
    pub fn entries_of(&self, term: usize) -> &[usize] {
        self.entries.get(term).map_or(&[], Vec::as_slice)
    }

    /// The terms in `source`, leftmost-longest, spans in `source` as written.
    pub fn find_all(&self, source: &str) -> Vec<SourceMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let view = NormalizedText::new(source, Normalization::MATCHING);
        automaton
            .find_iter(view.as_str())
            .map(|found| {
                let span = view.original_span(source, found.start(), found.end());
                SourceMatch {
                    start: span.start,
                    end: span.end,
                    term: found.pattern().as_usize(),
                }
            })
            .collect()
    }
}

#[derive(Default)]
struct PatternSetBuilder {
    patterns: Vec<Pattern>,
    by_text: HashMap<String, usize>,
}

impl PatternSetBuilder {
    fn add(&mut self, entry: usize, kind: PhraseKind, phrase: &str, case_sensitive: bool) {
        let folded = normalize_phrase(phrase, Normalization::MATCHING);
        if folded.is_empty() {
            return;
        }
        let exact =
            case_sensitive.then(|| normalize_phrase(phrase, Normalization::CASE_PRESERVING));
        if let Some(plural) = plural_of(&folded) {
            let exact_plural = exact.as_deref().and_then(plural_of);
            self.push(
                plural,
                PhraseRole {
                    entry,
                    kind,
                    plural: true,
                    exact_case: exact_plural,
                },
            );
        }
        self.push(
            folded,
            PhraseRole {
                entry,
                kind,
                plural: false,
                exact_case: exact,
            },
        );
    }

    fn push(&mut self, text: String, role: PhraseRole) {
        if let Some(&index) = self.by_text.get(&text) {
            let roles = &mut self.patterns[index].roles;
            if !roles.contains(&role) {
                roles.push(role);
            }
            return;
        }
        self.by_text.insert(text.clone(), self.patterns.len());
        self.patterns.push(Pattern {
            word_start: starts_with_word_char(&text),
            word_end: ends_with_word_char(&text),
            text,
            roles: vec![role],
        });
    }
}

/// The simple English plural of the last word of `phrase`: `+es` after s, x,
/// z, ch and sh; `y` → `ies` after a consonant; otherwise `+s`. `None` when the
/// phrase does not end in an ASCII letter (a number, a bracket, a CJK word).
pub fn plural_of(phrase: &str) -> Option<String> {
    let last = phrase.chars().next_back()?;
    if !last.is_ascii_alphabetic() {
        return None;
    }
    let lower = phrase.to_ascii_lowercase();
    let upper = last.is_ascii_uppercase();
    let suffix = |s: &str| {
        if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_owned()
        }
    };
    if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        return Some(format!("{phrase}{}", suffix("es")));
    }
    let bytes = lower.as_bytes();
    if lower.ends_with('y') && bytes.len() >= 2 && !b"aeiou".contains(&bytes[bytes.len() - 2]) {
        return Some(format!("{}{}", &phrase[..phrase.len() - 1], suffix("ies")));
    }
    Some(format!("{phrase}{}", suffix("s")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::load_str;

    fn matcher(yaml: &str) -> (Glossary, CompiledMatcher) {
        let glossary = load_str(yaml, std::path::Path::new("t.yaml"))
            .unwrap_or_else(|error| panic!("{error}"));
        let matcher = CompiledMatcher::new(&glossary);
        (glossary, matcher)
    }

    fn found(matcher: &CompiledMatcher, text: &str) -> Vec<String> {
        let view = NormalizedText::new(text, Normalization::MATCHING);
        matcher
            .find_all(&view)
            .iter()
            .map(|m| {
                let span = view.original_span(text, m.start, m.end);
                text[span].to_owned()
            })
            .collect()
    }

    #[test]
    fn longest_source_term_wins() {
        let glossary = load_str(
            "name: t\nterms:\n  - zh: 比拼\n    en: competition\n  - zh: 晾晒比拼机制\n    en: public performance review mechanism\n",
            std::path::Path::new("t.yaml"),
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let matcher = SourceTermMatcher::new(&glossary);
        let text = "建立晾晒比拼机制，开展比拼";
        let found: Vec<(&str, &[usize])> = matcher
            .find_all(text)
            .iter()
            .map(|m| (&text[m.start..m.end], matcher.entries_of(m.term)))
            .collect();
        assert_eq!(found, [("晾晒比拼机制", &[1][..]), ("比拼", &[0][..])]);
    }

    #[test]
    fn plurals() {
        assert_eq!(plural_of("time node").as_deref(), Some("time nodes"));
        assert_eq!(plural_of("strategy").as_deref(), Some("strategies"));
        assert_eq!(plural_of("day").as_deref(), Some("days"));
        assert_eq!(plural_of("approach").as_deref(), Some("approaches"));
        assert_eq!(plural_of("8-8"), None);
    }

    #[test]
    fn finds_whole_words_across_lines_quotes_and_case() {
        let (_, matcher) = matcher(
            "name: t\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n",
        );
        assert_eq!(
            found(&matcher, "the “88th\nStrategy” and 88TH   STRATEGIES"),
            ["88th\nStrategy", "88TH   STRATEGIES"]
        );
        assert!(found(&matcher, "the 88th Strategic Plan and the 188th Strategy").is_empty());
        assert_eq!(found(&matcher, "the 8–8 strategy"), ["8–8 strategy"]);
    }
}
