//! Fitting an approved rendering into the place of the text it replaces.

use crate::matcher::plural_of;

/// Small words left lower-case when a replacement is put in title case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

/// `approved` adapted to the text it replaces:
/// - pluralised when the wrong rendering was found in its plural form;
/// - upper-cased when the wrong rendering is a phrase written in capitals
///   (a headline; a lone acronym such as "CCP" is not);
/// - title-cased when it was written in title case and the approved rendering
///   has no capitals of its own (a name: "Hexi Economic and Technical
///   Development Zone");
/// - capitalised at the start of a sentence.
///
/// Otherwise the approved rendering is used exactly as the glossary writes it.
pub fn adapt_replacement(
    approved: &str,
    found: &str,
    plural: bool,
    at_sentence_start: bool,
) -> String {
    let replacement = if plural && !ends_in_plural(approved) {
        plural_of(approved).unwrap_or_else(|| approved.to_owned())
    } else {
        approved.to_owned()
    };
    let words: Vec<&str> = found
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| word.chars().any(char::is_alphabetic))
        .collect();
    let all_capitals = words.len() >= 2
        && words
            .iter()
            .all(|word| !word.chars().any(char::is_lowercase));
    if all_capitals {
        return replacement.to_uppercase();
    }
    let approved_has_capitals = approved.chars().any(char::is_uppercase);
    let title_case = words.len() >= 2
        && words
            .iter()
            .filter(|word| !MINOR_WORDS.contains(&word.to_lowercase().as_str()))
            .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
            .all(char::is_uppercase);
    if title_case && !approved_has_capitals {
        return replacement
            .split(' ')
            .enumerate()
            .map(|(index, word)| {
                if index > 0 && MINOR_WORDS.contains(&word) {
                    word.to_owned()
                } else {
                    capitalize(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    if at_sentence_start {
        return capitalize(&replacement);
    }
    replacement
}

/// `span` extended over the word that follows it when that word repeats the
/// last word of `replacement`: replacing "One Belt, One Road" in "the One
/// Belt, One Road initiative" by "Belt and Road Initiative" must not leave
/// "Initiative initiative".
pub fn absorb_echoed_word(
    text: &str,
    span: std::ops::Range<usize>,
    replacement: &str,
) -> std::ops::Range<usize> {
    let Some(last_word) = replacement
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|word| !word.is_empty())
    else {
        return span;
    };
    let found = text.get(span.clone()).unwrap_or_default();
    let found_last = found
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|word| !word.is_empty());
    if found_last.is_some_and(|word| word.eq_ignore_ascii_case(last_word)) {
        return span;
    }
    let rest = text.get(span.end..).unwrap_or_default();
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let after_gap = &rest[gap..];
    let word_len = after_gap
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(after_gap.len(), |(index, _)| index);
    let next_word = &after_gap[..word_len];
    if gap > 0 && next_word.to_lowercase() == last_word.to_lowercase() {
        span.start..span.end + gap + word_len
    } else {
        span
    }
}

/// Whether `offset` in `text` starts a sentence: only whitespace, opening
/// quotes and brackets stand between it and the start of the text or a
/// sentence-ending mark.
pub fn is_sentence_start(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or_default();
    for c in before.chars().rev() {
        if c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '「' | '《')
        {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | ':' | '：' | ';');
    }
    true
}

fn ends_in_plural(phrase: &str) -> bool {
    let lower = phrase.to_ascii_lowercase();
    lower.ends_with('s') && !lower.ends_with("ss")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adapts_number_and_case() {
        assert_eq!(
            adapt_replacement("8-8 Strategy", "88th Strategy", false, false),
            "8-8 Strategy"
        );
        assert_eq!(
            adapt_replacement("deadline", "time nodes", true, false),
            "deadlines"
        );
        assert_eq!(
            adapt_replacement("deadlines", "time nodes", true, false),
            "deadlines"
        );
        assert_eq!(
            adapt_replacement("8-8 Strategy", "88TH STRATEGY", false, false),
            "8-8 STRATEGY"
        );
        assert_eq!(
            adapt_replacement(
                "public performance review mechanism",
                "Drying competition mechanism",
                false,
                true
            ),
            "Public performance review mechanism"
        );
        assert_eq!(
            adapt_replacement(
                "economic and technological development zone",
                "Economic and Technical Development Area",
                false,
                false
            ),
            "Economic and Technological Development Zone"
        );
        assert_eq!(
            adapt_replacement(
                "public performance review of the mechanism",
                "Drying Competition Mechanism",
                false,
                false
            ),
            "Public Performance Review of the Mechanism"
        );
    }

    #[test]
    fn keeps_deliberate_capitals_and_ignores_acronyms() {
        assert_eq!(
            adapt_replacement("Communist Party of China", "CCP", false, false),
            "Communist Party of China"
        );
        assert_eq!(
            adapt_replacement(
                "head of the Organization Department",
                "Minister of Organization",
                false,
                false
            ),
            "head of the Organization Department"
        );
        assert_eq!(
            adapt_replacement(
                "head of the Organization Department",
                "Minister of Organization",
                false,
                true
            ),
            "Head of the Organization Department"
        );
    }

    #[test]
    fn an_echoed_last_word_is_absorbed() {
        let text = "the One Belt, One Road initiative was";
        let span = 4..22;
        assert_eq!(
            &text[absorb_echoed_word(text, span.clone(), "Belt and Road Initiative")],
            "One Belt, One Road initiative"
        );
        assert_eq!(
            absorb_echoed_word(text, span.clone(), "Belt and Road"),
            span
        );
        let plural = "One Belt, One Road initiatives";
        assert_eq!(
            absorb_echoed_word(plural, 0..18, "Belt and Road Initiative"),
            0..18
        );
    }

    #[test]
    fn sentence_starts() {
        let text = "Time nodes. “Time nodes” and (time nodes): next";
        assert!(is_sentence_start(text, 0));
        assert!(is_sentence_start(
            text,
            text.find("“").unwrap_or(0) + "“".len()
        ));
        assert!(!is_sentence_start(text, text.find("(").unwrap_or(0) + 1));
        assert!(is_sentence_start(text, text.find("next").unwrap_or(0)));
    }
}
