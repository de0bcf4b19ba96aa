//! Deterministic generator of the benchmark corpus and glossaries (issue 6).
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [--sizes 1,10,100] [--glossaries 100,1000,10000,100000] [--seed 6]
//! ```
//!
//! Writes, into `OUT_DIR` (never into the repository):
//! - `glossary-N.yaml` (termlint's format), `patterns-N.txt` (one avoid phrase
//!   a line, for `rg`/`grep -f`) and `prh-N.yml` (textlint-rule-prh) for each
//!   glossary size N. Every smaller glossary is a prefix of the larger ones.
//! - `corpus-Smb.txt`: S MB of English government-style prose in one file, and
//!   `files-Smb/DD/FFFFF.txt`: S MB as 10,000 small files (100 folders).
//! - `manifest.tsv`: `name<TAB>bytes<TAB>files<TAB>planted`.
//!
//! The prose is drawn from a filler vocabulary that shares no word with the
//! glossary's phrase vocabulary, and avoid phrases of the first 100 entries
//! are planted about once per 2 KB (never at a paragraph break). So every
//! glossary size finds exactly the planted occurrences: termlint's finding
//! count must equal `planted`. A planted phrase may be wrapped across a line
//! break, as in real text (termlint matches across line breaks; `rg`/`grep`
//! do not).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Words of the filler prose. None of them is in [`PHRASE_WORDS`].
const FILLER_NOUNS: &[&str] = &[
    "government",
    "people",
    "province",
    "county",
    "city",
    "district",
    "office",
    "department",
    "plan",
    "policy",
    "economy",
    "industry",
    "market",
    "enterprise",
    "project",
    "service",
    "system",
    "level",
    "region",
    "area",
    "work",
    "task",
    "measure",
    "target",
    "year",
    "period",
    "quality",
    "safety",
    "health",
    "education",
    "culture",
    "science",
    "technology",
    "transport",
    "energy",
    "water",
    "land",
    "housing",
    "finance",
    "budget",
    "trade",
    "investment",
    "employment",
    "income",
    "security",
    "law",
    "regulation",
    "standard",
    "procedure",
    "report",
    "meeting",
    "session",
    "committee",
    "council",
    "bureau",
    "leadership",
    "cadres",
    "residents",
    "villages",
    "farmers",
    "workers",
    "students",
    "teachers",
    "hospitals",
    "schools",
    "roads",
    "bridges",
    "ports",
    "parks",
    "forests",
    "rivers",
    "environment",
    "pollution",
    "emissions",
    "growth",
    "output",
    "revenue",
    "spending",
];
const FILLER_VERBS: &[&str] = &[
    "improve",
    "promote",
    "strengthen",
    "advance",
    "support",
    "ensure",
    "expand",
    "deepen",
    "implement",
    "coordinate",
    "accelerate",
    "optimize",
    "upgrade",
    "protect",
    "guarantee",
    "encourage",
    "guide",
    "build",
    "develop",
    "increase",
    "reduce",
    "review",
    "supervise",
    "manage",
    "serve",
    "steady",
    "consolidate",
];
const FILLER_ADJECTIVES: &[&str] = &[
    "high",
    "overall",
    "sound",
    "steady",
    "green",
    "modern",
    "rural",
    "urban",
    "local",
    "national",
    "public",
    "basic",
    "new",
    "major",
    "key",
    "solid",
    "effective",
    "open",
    "fair",
    "safe",
    "smart",
    "digital",
    "social",
    "economic",
    "cultural",
    "ecological",
    "comprehensive",
    "sustainable",
    "balanced",
    "coordinated",
];
const FILLER_GLUE: &[&str] = &[
    "in accordance with",
    "on the basis of",
    "in line with",
    "with a focus on",
    "for the purpose of",
    "as part of",
    "in support of",
    "by means of",
    "in the course of",
    "with regard to",
];
const FILLER_OPENERS: &[&str] = &[
    "This year",
    "In the next stage",
    "At the same time",
    "Going forward",
    "In recent years",
    "Last year",
    "Over the past five years",
    "In the first half of the year",
    "Meanwhile",
    "To this end",
];

/// Words of glossary phrases (approved, accepted and avoid renderings).
const PHRASE_WORDS: &[&str] = &[
    "drying",
    "competition",
    "mechanism",
    "benchmarking",
    "table",
    "nodes",
    "withdrawal",
    "construction",
    "strategy",
    "modernization",
    "prosperity",
    "rejuvenation",
    "revitalization",
    "responsibility",
    "inspection",
    "rectification",
    "contradictions",
    "governance",
    "grassroots",
    "masses",
    "line",
    "style",
    "formalism",
    "bureaucratism",
    "hedonism",
    "extravagance",
    "rectitude",
    "discipline",
    "integrity",
    "clean",
    "honest",
    "united",
    "front",
    "patriotic",
    "struggle",
    "spirit",
    "thought",
    "theory",
    "practice",
    "innovation",
    "reform",
    "opening",
    "deepening",
    "leading",
    "group",
    "small",
    "work",
    "conference",
    "plenary",
    "congress",
    "delegates",
    "deputies",
    "consultative",
    "democracy",
    "whole",
    "process",
    "people's",
    "centered",
    "approach",
    "development",
    "philosophy",
    "pattern",
    "dual",
    "circulation",
    "supply",
    "side",
    "structural",
    "poverty",
    "alleviation",
    "targeted",
    "precision",
    "eradication",
    "moderately",
    "prosperous",
    "society",
    "socialism",
    "characteristics",
    "era",
    "thinking",
    "xi",
    "jinping",
    "four",
    "comprehensives",
    "consciousnesses",
    "confidences",
    "two",
    "establishments",
    "safeguards",
    "three",
    "represents",
    "scientific",
    "outlook",
    "harmonious",
    "belt",
    "road",
    "initiative",
    "silk",
    "maritime",
    "community",
    "shared",
    "future",
    "mankind",
    "humanity",
    "global",
    "civilization",
    "dialogue",
    "cooperation",
    "win",
    "mutual",
    "benefit",
    "common",
    "destiny",
    "lucid",
    "waters",
    "lush",
    "mountains",
    "invaluable",
    "assets",
    "ecological",
    "red",
    "lines",
    "river",
    "chief",
    "lake",
    "forest",
    "grain",
    "rice",
    "bowl",
    "vegetable",
    "basket",
    "mayor",
    "responsibility",
    "system",
    "hukou",
    "household",
    "registration",
    "floating",
    "population",
    "left",
    "behind",
    "children",
    "empty",
    "nest",
    "elderly",
    "five",
    "guarantees",
    "minimum",
    "living",
    "allowance",
    "subsistence",
    "security",
    "old",
    "age",
    "insurance",
    "medical",
    "new",
    "cooperative",
    "special",
    "economic",
    "zone",
    "pilot",
    "free",
    "trade",
    "port",
    "bonded",
    "industrial",
    "park",
    "high",
    "tech",
    "incubator",
    "maker",
    "space",
    "mass",
    "entrepreneurship",
    "internet",
    "plus",
    "made",
    "china",
    "smart",
    "manufacturing",
    "hidden",
    "champion",
    "little",
    "giant",
    "specialized",
    "sophisticated",
    "distinctive",
    "novel",
    "state",
    "owned",
    "assets",
    "supervision",
    "administration",
    "commission",
    "mixed",
    "ownership",
    "private",
    "sector",
    "nonpublic",
    "unswervingly",
    "consolidate",
    "resolute",
    "eliminate",
    "black",
    "evil",
    "forces",
    "sweep",
    "crackdown",
    "tigers",
    "flies",
    "fox",
    "hunt",
    "sky",
    "net",
    "eight",
    "point",
    "frugality",
    "rules",
    "regulations",
    "central",
    "leading",
    "cadre",
    "officials",
    "organization",
    "department",
    "publicity",
    "propaganda",
    "ideological",
    "political",
    "work",
    "education",
    "campaign",
    "study",
    "sessions",
    "theme",
    "original",
    "aspiration",
    "founding",
    "mission",
    "never",
    "forget",
    "remember",
    "keep",
    "mind",
    "bear",
    "firmly",
    "uphold",
    "core",
    "position",
    "authority",
    "unified",
    "decisive",
    "significance",
    "historic",
    "achievements",
    "transformations",
    "principal",
    "contradiction",
    "unbalanced",
    "inadequate",
    "ever",
    "growing",
    "needs",
    "better",
    "life",
    "beautiful",
];

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Entry {
    zh: String,
    en: String,
    accept: Vec<String>,
    avoid: Vec<String>,
}

fn plural(phrase: &str) -> String {
    if phrase.ends_with('s')
        || phrase.ends_with('x')
        || phrase.ends_with("ch")
        || phrase.ends_with("sh")
    {
        format!("{phrase}es")
    } else {
        format!("{phrase}s")
    }
}

fn title_case(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new phrase of 2–4 words that is not, and whose plural is not, any
/// phrase taken so far. Words come from `common` (words of the prose itself,
/// as in real glossaries) and `own` (words the prose never uses); at least
/// one is from `own`, so a phrase never occurs in the prose by accident.
fn unique_phrase(
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    common: &[&str],
    own: &[&str],
) -> String {
    loop {
        let length = 2 + rng.below(3);
        let mut words: Vec<&str> = (0..length)
            .map(|_| {
                if rng.below(2) == 0 {
                    rng.pick(common)
                } else {
                    rng.pick(own)
                }
            })
            .collect();
        if !words.iter().any(|word| own.contains(word)) {
            let at = rng.below(length);
            words[at] = rng.pick(own);
        }
        let phrase = words.join(" ");
        let phrase_plural = plural(&phrase);
        let distinct_words = words.iter().collect::<HashSet<_>>().len() == length;
        if distinct_words && !taken.contains(&phrase) && !taken.contains(&phrase_plural) {
            // Also reserve the singular this phrase would be the plural of.
            taken.insert(phrase.clone());
            taken.insert(phrase_plural);
            if let Some(stem) = phrase.strip_suffix('s') {
                taken.insert(stem.to_owned());
            }
            return phrase;
        }
    }
}

/// A distinct pseudo-Chinese term for entry `index` (CJK ideographs).
fn zh_term(index: usize) -> String {
    let mut n = index;
    let mut term = String::new();
    for _ in 0..4 {
        let c = char::from_u32(0x4E00 + (n % 1024) as u32).unwrap_or('中');
        term.push(c);
        n /= 1024;
    }
    term
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn write_glossaries(out: &Path, entries: &[Entry], size: usize) -> std::io::Result<()> {
    let entries = &entries[..size];
    let mut yaml = format!("name: \"Benchmark glossary of {size} entries\"\nterms:\n");
    let mut patterns = String::new();
    let mut prh = String::from("version: 1\nrules:\n");
    for entry in entries {
        let _ = writeln!(yaml, "  - zh: \"{}\"\n    en: \"{}\"", entry.zh, entry.en);
        if !entry.accept.is_empty() {
            let _ = writeln!(yaml, "    accept: {}", quoted_list(&entry.accept));
        }
        let _ = writeln!(yaml, "    avoid: {}", quoted_list(&entry.avoid));
        let _ = writeln!(prh, "  - expected: \"{}\"\n    patterns:", entry.en);
        for phrase in &entry.avoid {
            let _ = writeln!(patterns, "{phrase}");
            // Case-insensitive whole words, as rg/grep -i -w and termlint match.
            // (YAML single quotes: a quote is written twice.)
            let _ = writeln!(prh, "      - '/\\b{}\\b/i'", phrase.replace('\'', "''"));
        }
    }
    std::fs::write(out.join(format!("glossary-{size}.yaml")), yaml)?;
    std::fs::write(out.join(format!("patterns-{size}.txt")), patterns)?;
    std::fs::write(out.join(format!("prh-{size}.yml")), prh)?;
    Ok(())
}

/// Prose with avoid phrases from `plant` planted about once per 2 KB.
struct Prose<'a> {
    rng: Rng,
    plant: &'a [&'a str],
    until_plant: usize,
}

impl Prose<'_> {
    fn sentence(&mut self, out: &mut String, planted: &mut usize, written: usize) {
        let rng = &mut self.rng;
        let opener = rng.pick(FILLER_OPENERS);
        let verb = rng.pick(FILLER_VERBS);
        let adjective = rng.pick(FILLER_ADJECTIVES);
        let noun = rng.pick(FILLER_NOUNS);
        let glue = rng.pick(FILLER_GLUE);
        let adjective2 = rng.pick(FILLER_ADJECTIVES);
        let noun2 = rng.pick(FILLER_NOUNS);
        let noun3 = rng.pick(FILLER_NOUNS);
        let middle = if written >= self.until_plant {
            self.until_plant = written + 1000 + rng.below(2001);
            *planted += 1;
            let phrase = self.plant[rng.below(self.plant.len())];
            match rng.below(4) {
                0 => title_case(phrase),
                1 => phrase.to_uppercase(),
                _ => phrase.to_owned(),
            }
        } else {
            format!("{adjective2} {noun2}")
        };
        let _ = write!(
            out,
            "{opener}, the {noun3} will {verb} the {adjective} {noun} {glue} the {middle} of the {noun2}. "
        );
    }

    /// About `target` bytes of paragraphs wrapped at 80 columns; `base` is
    /// how much was written before (plants are spaced across files).
    fn text(&mut self, target: usize, base: usize, planted: &mut usize) -> String {
        let mut text = String::with_capacity(target + 512);
        let mut paragraph = String::new();
        while text.len() < target {
            paragraph.clear();
            let sentences = 2 + self.rng.below(5);
            for _ in 0..sentences {
                let written = text.len() + paragraph.len();
                if written >= target {
                    break;
                }
                self.sentence(&mut paragraph, planted, base + written);
            }
            wrap_into(&mut text, paragraph.trim_end(), 80);
            text.push_str("\n\n");
        }
        text
    }
}

fn wrap_into(out: &mut String, paragraph: &str, width: usize) {
    let mut column = 0;
    for word in paragraph.split(' ') {
        if column > 0 && column + 1 + word.len() > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut sizes = vec![1usize, 10, 100];
    let mut glossaries = vec![100usize, 1_000, 10_000, 100_000];
    let mut seed = 6u64;
    let parse_list = |value: Option<String>| -> Vec<usize> {
        value
            .unwrap_or_default()
            .split(',')
            .filter_map(|item| item.trim().parse().ok())
            .collect()
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sizes" => sizes = parse_list(args.next()),
            "--glossaries" => glossaries = parse_list(args.next()),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|value| value.parse().ok())
                    .unwrap_or(seed)
            }
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let Some(out) = out else {
        eprintln!(
            "usage: gen_corpus OUT_DIR [--sizes 1,10,100] [--glossaries 100,1000,10000,100000] [--seed N]"
        );
        std::process::exit(2);
    };
    std::fs::create_dir_all(&out)?;
    let filler: HashSet<String> = FILLER_NOUNS
        .iter()
        .chain(FILLER_VERBS)
        .chain(FILLER_ADJECTIVES)
        .chain(
            FILLER_OPENERS
                .iter()
                .flat_map(|s| s.split(' '))
                .collect::<Vec<_>>()
                .iter(),
        )
        .chain(
            FILLER_GLUE
                .iter()
                .flat_map(|s| s.split(' '))
                .collect::<Vec<_>>()
                .iter(),
        )
        .map(|word| word.to_lowercase())
        .collect();
    let phrase_words: Vec<&str> = PHRASE_WORDS
        .iter()
        .copied()
        // A word whose plural is a prose word ("port": "ports") could be found
        // in the prose as the plural of a phrase.
        .filter(|word| {
            let ies = word
                .strip_suffix('y')
                .map(|stem| format!("{stem}ies"))
                .unwrap_or_default();
            ![
                word.to_string(),
                format!("{word}s"),
                format!("{word}es"),
                ies,
            ]
            .iter()
            .any(|form| filler.contains(form))
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();

    let largest = glossaries.iter().copied().max().unwrap_or(100).max(100);
    let common: Vec<&str> = FILLER_NOUNS
        .iter()
        .chain(FILLER_VERBS)
        .chain(FILLER_ADJECTIVES)
        .copied()
        .collect();
    let entries = glossary_with(largest, seed, &common, &phrase_words);
    for &size in &glossaries {
        write_glossaries(&out, &entries, size)?;
    }
    let plant: Vec<&str> = entries[..100]
        .iter()
        .flat_map(|e| e.avoid.iter().map(String::as_str))
        .collect();

    let mut manifest = std::fs::File::create(out.join("manifest.tsv"))?;
    for &megabytes in &sizes {
        let bytes = megabytes * 1_000_000;
        let mut prose = Prose {
            rng: Rng(seed.wrapping_mul(1_000_003).wrapping_add(megabytes as u64)),
            plant: &plant,
            until_plant: 1000,
        };
        let mut planted = 0;
        let text = prose.text(bytes, 0, &mut planted);
        let name = format!("corpus-{megabytes}mb.txt");
        std::fs::write(out.join(&name), &text)?;
        writeln!(manifest, "{name}\t{}\t1\t{planted}", text.len())?;

        let folder = out.join(format!("files-{megabytes}mb"));
        let mut total = 0;
        let mut planted = 0;
        prose.until_plant = 1000;
        const FILES: usize = 10_000;
        for index in 0..FILES {
            let sub = folder.join(format!("{:02}", index / 100));
            if index % 100 == 0 {
                std::fs::create_dir_all(&sub)?;
            }
            let text = prose.text(bytes / FILES, total, &mut planted);
            total += text.len();
            std::fs::write(sub.join(format!("{index:05}.txt")), text)?;
        }
        writeln!(manifest, "files-{megabytes}mb\t{total}\t{FILES}\t{planted}")?;
    }
    Ok(())
}

/// `count` entries whose phrases are drawn from `words`: an approved rendering
/// in title case, sometimes an accepted one, one or two avoid variants.
fn glossary_with(count: usize, seed: u64, common: &[&str], words: &[&str]) -> Vec<Entry> {
    let mut rng = Rng(seed ^ 0x6C6F_7373);
    let mut taken = HashSet::new();
    (0..count)
        .map(|index| {
            let en = title_case(&unique_phrase(&mut rng, &mut taken, common, words));
            let accept = if rng.below(5) == 0 {
                vec![unique_phrase(&mut rng, &mut taken, common, words)]
            } else {
                Vec::new()
            };
            let avoid = (0..1 + rng.below(2))
                .map(|_| unique_phrase(&mut rng, &mut taken, common, words))
                .collect();
            Entry {
                zh: zh_term(index),
                en,
                accept,
                avoid,
            }
        })
        .collect()
}
