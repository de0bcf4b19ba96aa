//! The project configuration file, `termlint.yaml` (or `.termlint.yaml`):
//! found in the working folder or its parents, parsed strictly, with every
//! path and glob resolved against the folder the file is in.
//!
//! The file holds what a repository wants every run to agree on (which
//! glossaries, which files, which rules at which severity, when to fail);
//! command-line flags override it for one run.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::finding::{RuleId, Severity};
use crate::rules::{RuleLevel, RuleSettings};
use crate::text::LineIndex;

/// File names searched for, in order of preference, in each folder.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["termlint.yaml", ".termlint.yaml"];

/// What `termlint init` writes: every key, commented, at its default.
pub const STARTER_CONFIG: &str = r#"# termlint configuration. termlint looks for termlint.yaml or .termlint.yaml
# in the folder it runs in and then in each parent folder; the first one found
# applies. Paths and globs here are relative to this file's folder.
# Command-line flags override these settings for one run.

# Glossary files or folders (every *.yaml inside), layered over the glossary
# built into termlint. Example: [glossary/]
glossaries: []

# Whether the glossary built into termlint is used. With false, list at
# least one glossary above.
default-glossary: true

# Files checked when a folder is walked (gitignore-style globs). Empty: the
# default text formats (*.txt, *.md, ...). Example: ["en/**/*.md", "*.txt"]
include: []

# Files and folders never checked when a folder is walked (.gitignore and
# hidden files are already skipped). Example: ["vendor/", "**/CHANGELOG.md"]
exclude: []

# Per-rule severity: error, warning, info or off. `termlint rules` lists the
# rules. Example:
#   term-case: warning
#   untranslated: off
rules: {}

# Exit 1 when a finding at or above this severity remains:
# error, warning, info or never.
fail-on: error

# Where the Chinese source of a translated file lives, as pairs of globs with
# the same wildcards in the same order. Files matching a `source` glob are
# never checked as English targets. Example:
#   - source: "zh/**/*.md"
#     target: "en/**/*.md"
source-pairing: []
"#;

/// The file's shape, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    glossaries: Vec<PathBuf>,
    #[serde(default = "default_true")]
    default_glossary: bool,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<RuleId, LevelSetting>,
    #[serde(default)]
    fail_on: Option<FailOn>,
    #[serde(default)]
    source_pairing: Vec<PairingSpec>,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LevelSetting {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairingSpec {
    source: String,
    target: String,
}

/// The lowest severity that makes a run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings.
    Never,
}

impl FailOn {
    /// The threshold severity; `None` never fails.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Never => None,
        }
    }
}

/// A loaded configuration file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The folder paths and globs are relative to (absolute).
    pub root: PathBuf,
    /// Glossary files or folders, resolved against `root`.
    pub glossaries: Vec<PathBuf>,
    /// Whether the embedded glossary is used.
    pub default_glossary: bool,
    /// Files checked when walking (`None`: the default extensions).
    pub include: Option<PathGlobs>,
    /// Files and folders skipped when walking.
    pub exclude: Option<PathGlobs>,
    /// Per-rule levels.
    pub rules: RuleSettings,
    /// When a run fails, if the file says.
    pub fail_on: Option<FailOn>,
    /// Source ↔ target path patterns.
    pub source_pairing: Vec<SourcePairing>,
}

impl Config {
    /// The configuration file governing `folder`: the first of
    /// [`CONFIG_FILE_NAMES`] in `folder` or its nearest parent.
    pub fn discover(folder: &Path) -> Option<PathBuf> {
        folder.ancestors().find_map(|dir| {
            CONFIG_FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    /// Reads and validates the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|error| Error::io(path, error))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|error| Error::Decode {
            path: path.to_path_buf(),
            offset: error.valid_up_to(),
            message: "configuration file is not valid UTF-8".to_owned(),
        })?;
        let absolute = absolute_path(path);
        let root = absolute
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        Self::from_str(text, path, &root)
    }

    /// Parses configuration `text`; `path` names it in errors and `root` is
    /// the folder its paths are relative to.
    pub fn from_str(text: &str, path: &Path, root: &Path) -> Result<Self> {
        let error_at = |line: usize, column: usize, message: String| Error::Config {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        // An empty file (or one of comments only) is a valid, empty configuration.
        let file: Option<ConfigFile> = serde_yaml::from_str(text).map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((1, 1), |location| (location.line(), location.column()));
            let message = error.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |index| &message[..index]);
            error_at(line, column, message.to_owned())
        })?;
        let file = file.unwrap_or_else(|| ConfigFile {
            glossaries: Vec::new(),
            default_glossary: true,
            include: Vec::new(),
            exclude: Vec::new(),
            rules: BTreeMap::new(),
            fail_on: None,
            source_pairing: Vec::new(),
        });
        let locate = |needle: &str| -> (usize, usize) {
            text.find(needle).map_or((1, 1), |offset| {
                let lines = LineIndex::new(text);
                lines.line_column(text, offset)
            })
        };
        let globs = |patterns: &[String]| -> Result<Option<PathGlobs>> {
            if patterns.is_empty() {
                return Ok(None);
            }
            PathGlobs::new(patterns)
                .map(Some)
                .map_err(|(pattern, message)| {
                    let (line, column) = locate(&pattern);
                    error_at(line, column, message)
                })
        };
        let include = globs(&file.include)?;
        let exclude = globs(&file.exclude)?;
        let mut rules = RuleSettings::default();
        for (rule, level) in &file.rules {
            rules.set(
                *rule,
                match level {
                    LevelSetting::Error => RuleLevel::Severity(Severity::Error),
                    LevelSetting::Warning => RuleLevel::Severity(Severity::Warning),
                    LevelSetting::Info => RuleLevel::Severity(Severity::Info),
                    LevelSetting::Off => RuleLevel::Off,
                },
            );
        }
        let mut source_pairing = Vec::new();
        for spec in &file.source_pairing {
            let pairing = SourcePairing::new(&spec.source, &spec.target).map_err(|message| {
                let (line, column) = locate(&spec.source);
                error_at(line, column, message)
            })?;
            source_pairing.push(pairing);
        }
        if !file.default_glossary && file.glossaries.is_empty() {
            let (line, column) = locate("default-glossary");
            return Err(error_at(
                line,
                column,
                "default-glossary is false but no glossaries are listed".to_owned(),
            ));
        }
        Ok(Self {
            path: path.to_path_buf(),
            root: root.to_path_buf(),
            glossaries: file
                .glossaries
                .iter()
                .map(|glossary| root.join(glossary))
                .collect(),
            default_glossary: file.default_glossary,
            include,
            exclude,
            rules,
            fail_on: file.fail_on,
            source_pairing,
        })
    }

    /// `path` relative to the configuration's folder, with `/` separators;
    /// `None` when it lies outside that folder.
    pub fn relative_path(&self, path: &Path) -> Option<String> {
        let absolute = absolute_path(path);
        let relative = absolute.strip_prefix(&self.root).ok()?;
        Some(slash_path(relative))
    }

    /// Whether a file met while walking is skipped by `exclude`.
    pub fn excludes(&self, path: &Path) -> bool {
        match (&self.exclude, self.relative_path(path)) {
            (Some(exclude), Some(relative)) => exclude.matches(&relative),
            _ => false,
        }
    }

    /// Whether a file met while walking is wanted by `include` (`None`: the
    /// file says nothing, the caller's default applies).
    pub fn includes(&self, path: &Path) -> Option<bool> {
        let include = self.include.as_ref()?;
        Some(
            self.relative_path(path)
                .is_some_and(|relative| include.matches(&relative)),
        )
    }

    /// Whether `path` is a Chinese source according to `source-pairing`.
    pub fn is_source(&self, path: &Path) -> bool {
        self.relative_path(path).is_some_and(|relative| {
            self.source_pairing
                .iter()
                .any(|pairing| pairing.is_source(&relative))
        })
    }

    /// The Chinese source of target `path` by `source-pairing` (the first
    /// pattern that matches), whether or not it exists.
    pub fn source_for(&self, path: &Path) -> Option<PathBuf> {
        let relative = self.relative_path(path)?;
        self.source_pairing
            .iter()
            .find_map(|pairing| pairing.source_for(&relative))
            .map(|source| self.root.join(source))
    }
}

/// `path` made absolute against the working folder, with `.` and `..`
/// resolved lexically (symbolic links are left alone).
pub fn absolute_path(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// A relative path written with `/` separators.
pub fn slash_path(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// gitignore-style globs over `/`-separated relative paths: a pattern without
/// a `/` matches a file or folder name at any depth, one with a `/` is
/// anchored at the configuration's folder, and a folder matches everything
/// under it.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    set: GlobSet,
}

impl PathGlobs {
    /// Compiles `patterns`; an invalid one is returned with the reason.
    pub fn new(patterns: &[String]) -> std::result::Result<Self, (String, String)> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let trimmed = pattern.trim().trim_end_matches('/');
            let anchored = trimmed.contains('/');
            let trimmed = trimmed.trim_start_matches('/');
            if trimmed.is_empty() {
                return Err((pattern.clone(), format!("empty glob {pattern:?}")));
            }
            let base = if anchored {
                trimmed.to_owned()
            } else {
                format!("**/{trimmed}")
            };
            for variant in [base.clone(), format!("{base}/**")] {
                let glob = GlobBuilder::new(&variant)
                    .literal_separator(true)
                    .build()
                    .map_err(|error| {
                        (
                            pattern.clone(),
                            format!("invalid glob {pattern:?}: {}", error.kind()),
                        )
                    })?;
                builder.add(glob);
            }
        }
        let set = builder
            .build()
            .map_err(|error| (patterns.join(", "), format!("invalid globs: {error}")))?;
        Ok(Self { set })
    }

    /// Whether the relative path `path` matches.
    pub fn matches(&self, path: &str) -> bool {
        self.set.is_match(path)
    }
}

/// One `source-pairing` entry: a glob for Chinese sources and one for English
/// targets with the same wildcards in the same order, so that a target's
/// source is found by substitution (`en/a/b.md` → `zh/a/b.md`).
#[derive(Debug, Clone)]
pub struct SourcePairing {
    /// The source glob as written.
    pub source: String,
    /// The target glob as written.
    pub target: String,
    source_pattern: WildPattern,
    target_pattern: WildPattern,
}

impl SourcePairing {
    /// Compiles a pair; the globs must have the same wildcards in the same order.
    pub fn new(source: &str, target: &str) -> std::result::Result<Self, String> {
        let source_pattern = WildPattern::new(source)?;
        let target_pattern = WildPattern::new(target)?;
        if source_pattern.wildcards() != target_pattern.wildcards() {
            return Err(format!(
                "source-pairing globs {source:?} and {target:?} must have the same wildcards (*, **, ?) in the same order"
            ));
        }
        Ok(Self {
            source: source.to_owned(),
            target: target.to_owned(),
            source_pattern,
            target_pattern,
        })
    }

    /// Whether the relative path `path` matches the source glob.
    pub fn is_source(&self, path: &str) -> bool {
        self.source_pattern.regex.is_match(path)
    }

    /// Whether the relative path `path` matches the target glob.
    pub fn is_target(&self, path: &str) -> bool {
        self.target_pattern.regex.is_match(path)
    }

    /// The source path of the target at relative path `path`.
    pub fn source_for(&self, path: &str) -> Option<String> {
        let captures = self.target_pattern.regex.captures(path)?;
        let mut out = String::new();
        let mut group = 1;
        for token in &self.source_pattern.tokens {
            match token {
                Token::Literal(text) => out.push_str(text),
                Token::Wild(_) => {
                    out.push_str(captures.get(group).map_or("", |m| m.as_str()));
                    group += 1;
                }
            }
        }
        Some(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wild {
    /// `**/` or a trailing `**`: any number of folders.
    Folders,
    /// `*`: part of one name.
    Name,
    /// `?`: one character.
    Char,
}

#[derive(Debug, Clone)]
enum Token {
    Literal(String),
    Wild(Wild),
}

#[derive(Debug, Clone)]
struct WildPattern {
    tokens: Vec<Token>,
    regex: regex::Regex,
}

impl WildPattern {
    fn new(pattern: &str) -> std::result::Result<Self, String> {
        if pattern.contains(['[', ']', '{', '}']) {
            return Err(format!(
                "source-pairing glob {pattern:?}: only *, ** and ? are supported (no [...] or {{...}})"
            ));
        }
        let mut tokens = Vec::new();
        let mut literal = String::new();
        let mut rest = pattern.trim_start_matches('/');
        while let Some(c) = rest.chars().next() {
            let (token, used) = if rest.starts_with("**/") {
                (Some(Wild::Folders), 3)
            } else if rest == "**" {
                (Some(Wild::Folders), 2)
            } else if c == '*' {
                (Some(Wild::Name), 1)
            } else if c == '?' {
                (Some(Wild::Char), 1)
            } else {
                (None, c.len_utf8())
            };
            match token {
                Some(wild) => {
                    if !literal.is_empty() {
                        tokens.push(Token::Literal(std::mem::take(&mut literal)));
                    }
                    tokens.push(Token::Wild(wild));
                }
                None => literal.push(c),
            }
            rest = &rest[used..];
        }
        if !literal.is_empty() {
            tokens.push(Token::Literal(literal));
        }
        let mut expression = String::from("^");
        for token in &tokens {
            match token {
                Token::Literal(text) => expression.push_str(&regex::escape(text)),
                Token::Wild(Wild::Folders) => expression.push_str("((?:[^/]+/)*)"),
                Token::Wild(Wild::Name) => expression.push_str("([^/]*)"),
                Token::Wild(Wild::Char) => expression.push_str("([^/])"),
            }
        }
        expression.push('$');
        let regex = regex::Regex::new(&expression)
            .map_err(|error| format!("source-pairing glob {pattern:?}: {error}"))?;
        Ok(Self { tokens, regex })
    }

    fn wildcards(&self) -> Vec<Wild> {
        self.tokens
            .iter()
            .filter_map(|token| match token {
                Token::Wild(wild) => Some(*wild),
                Token::Literal(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::from_str(text, Path::new("termlint.yaml"), Path::new("/repo"))
    }

    #[test]
    fn starter_config_parses() -> Result<()> {
        let config = parse(STARTER_CONFIG)?;
        assert!(config.default_glossary && config.glossaries.is_empty() && config.rules.is_empty());
        assert_eq!(config.fail_on, Some(FailOn::Error));
        Ok(())
    }

    #[test]
    fn empty_file_is_an_empty_config() -> Result<()> {
        assert!(parse("# nothing\n")?.default_glossary);
        Ok(())
    }

    #[test]
    fn unknown_keys_and_values_are_located() {
        let message = parse("fail-on: error\nglosaries: []\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("termlint.yaml:2:1: unknown field `glosaries`"),
            "{message}"
        );
        let message = parse("rules:\n  avoid-term: loud\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("termlint.yaml:2:"), "{message}");
        let message = parse("rules:\n  no-such-rule: off\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("no-such-rule") && message.starts_with("termlint.yaml:2:"),
            "{message}"
        );
        let message = parse("exclude:\n  - 'a[b'\n")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("termlint.yaml:2:6: invalid glob"),
            "{message}"
        );
    }

    #[test]
    fn rules_and_globs() -> Result<()> {
        let config = parse(
            "rules: {term-case: warning, untranslated: off}\nexclude: [vendor/, 'docs/old/*.md']\ninclude: ['*.md']\n",
        )?;
        assert!(!config.rules.is_enabled(RuleId::Untranslated));
        assert_eq!(
            config.rules.severity(RuleId::TermCase, Severity::Error),
            Some(Severity::Warning)
        );
        assert!(config.excludes(Path::new("/repo/vendor/x/a.md")));
        assert!(config.excludes(Path::new("/repo/docs/old/a.md")));
        assert!(!config.excludes(Path::new("/repo/docs/new/a.md")));
        assert_eq!(config.includes(Path::new("/repo/deep/x.md")), Some(true));
        assert_eq!(config.includes(Path::new("/repo/deep/x.txt")), Some(false));
        Ok(())
    }

    #[test]
    fn source_pairing_substitutes_wildcards() -> Result<()> {
        let config = parse(
            "source-pairing:\n  - {source: 'zh/**/*.md', target: 'en/**/*.md'}\n  - {source: 'docs/*.zh.txt', target: 'docs/*.en.txt'}\n",
        )?;
        assert_eq!(
            config.source_for(Path::new("/repo/en/a/b/c.md")),
            Some(PathBuf::from("/repo/zh/a/b/c.md"))
        );
        assert_eq!(
            config.source_for(Path::new("/repo/en/top.md")),
            Some(PathBuf::from("/repo/zh/top.md"))
        );
        assert_eq!(
            config.source_for(Path::new("/repo/docs/x.en.txt")),
            Some(PathBuf::from("/repo/docs/x.zh.txt"))
        );
        assert_eq!(config.source_for(Path::new("/repo/fr/x.md")), None);
        assert!(config.is_source(Path::new("/repo/zh/a.md")));
        let mismatch = parse("source-pairing:\n  - {source: 'zh/*.md', target: 'en/**/*.md'}\n");
        assert!(
            mismatch
                .map(|_| ())
                .unwrap_err()
                .to_string()
                .starts_with("termlint.yaml:2:")
        );
        Ok(())
    }
}
