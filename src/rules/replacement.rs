//! Fitting an approved rendering into the place of the text it replaces.

use crate::matcher::plural_of;

/// Small words left lower-case when a replacement is put in title case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

/// `approved` adapted to the text it replaces: pluralised when the wrong
/// rendering was found in its plural form, upper-cased when it was written in
/// capitals, title-cased when it was written in title case, and capitalised
/// when it began with a capital (a sentence start).
pub fn adapt_replacement(approved: &str, found: &str, plural: bool) -> String {
    let mut replacement = if plural && !ends_in_plural(approved) {
        plural_of(approved).unwrap_or_else(|| approved.to_owned())
    } else {
        approved.to_owned()
    };
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    let cased_letters = letters
        .iter()
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .count();
    if cased_letters >= 2 && letters.iter().all(|c| !c.is_lowercase()) {
        return replacement.to_uppercase();
    }
    let words: Vec<&str> = found.split_whitespace().collect();
    let title_case = words.len() >= 2
        && words
            .iter()
            .filter(|word| !MINOR_WORDS.contains(&word.to_lowercase().as_str()))
            .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
            .all(char::is_uppercase);
    if title_case {
        replacement = replacement
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
    } else if found
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
    {
        replacement = capitalize(&replacement);
    }
    replacement
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
            adapt_replacement("8-8 Strategy", "88th Strategy", false),
            "8-8 Strategy"
        );
        assert_eq!(
            adapt_replacement("deadline", "time nodes", true),
            "deadlines"
        );
        assert_eq!(
            adapt_replacement("deadlines", "time nodes", true),
            "deadlines"
        );
        assert_eq!(
            adapt_replacement("8-8 Strategy", "88TH STRATEGY", false),
            "8-8 STRATEGY"
        );
        assert_eq!(
            adapt_replacement(
                "public performance review mechanism",
                "Drying competition mechanism",
                false
            ),
            "Public performance review mechanism"
        );
        assert_eq!(
            adapt_replacement(
                "public performance review of the mechanism",
                "Drying Competition Mechanism",
                false
            ),
            "Public Performance Review of the Mechanism"
        );
    }
}
