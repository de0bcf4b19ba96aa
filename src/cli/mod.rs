//! Command-line arguments (clap derive) and one module per subcommand.

pub mod check;
pub mod glossary;
pub mod init;
pub mod rules;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks English translations of Chinese government and policy text
/// against a terminology glossary.
#[derive(Debug, Parser)]
#[command(name = "termlint", version, about, long_about = None, rename_all = "kebab-case")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[command(rename_all = "kebab-case")]
pub enum Command {
    /// Lint files, folders (walked, .gitignore respected) or stdin (`-`).
    Check(CheckArgs),
    /// Write a commented starter configuration file (termlint.yaml).
    Init(InitArgs),
    /// List the rules: id, default severity, whether they need the source, what they report.
    Rules,
    /// Explain what a rule checks, with an example.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Maintain glossaries: lint, fmt, stats, lookup, import, export, coverage, diff.
    Glossary(glossary::GlossaryArgs),
}

/// Arguments of `termlint init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Folder to write termlint.yaml into.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite an existing configuration file.
    #[arg(long)]
    pub force: bool,

    /// Print the starter configuration instead of writing it.
    #[arg(long, conflicts_with = "force")]
    pub stdout: bool,
}

/// Arguments of `termlint explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// The rule id (see `termlint rules`).
    #[arg(value_name = "RULE")]
    pub rule: String,
}

/// Arguments of `termlint completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics.
    Human,
    /// The documented JSON report.
    Json,
    /// A unified diff of all automatic fixes.
    Diff,
    /// SARIF 2.1.0, for code scanning (GitHub and other SARIF viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// One line a finding: `path:line:col: rule: message`.
    Brief,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The lowest severity that makes the run exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never exit 1 for findings.
    Never,
}

/// Glossary selection shared by subcommands.
#[derive(Debug, Clone, Args)]
pub struct GlossaryArgs {
    /// A glossary file or folder; repeat for several (merged, layered over the embedded glossary
    /// unless --no-default-glossary).
    #[arg(short = 'g', long = "glossary", value_name = "PATH", action = clap::ArgAction::Append)]
    pub glossary: Vec<PathBuf>,

    /// Use only the -g glossaries, not the embedded one.
    #[arg(long)]
    pub no_default_glossary: bool,
}

/// Arguments of `termlint check`.
#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("mode").args(["diff", "write"]))]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads stdin. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub glossary: GlossaryArgs,

    /// The Chinese source of a single plain-text target (bilingual mode):
    /// paragraphs are paired, blank-line separated.
    #[arg(short = 's', long, value_name = "FILE", help_heading = "Input")]
    pub source: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub format: OutputFormat,

    /// Print a unified diff of all automatic fixes (same as --format diff).
    #[arg(long, help_heading = "Output")]
    pub diff: bool,

    /// Apply the automatic fixes in place (atomically).
    #[arg(short = 'w', long, help_heading = "Output")]
    pub write: bool,

    /// Exit 1 when a finding at or above this severity remains
    /// [default: the configuration's `fail-on`, else error].
    #[arg(long, value_enum, help_heading = "Output")]
    pub fail_on: Option<FailOn>,

    /// When to use colour (NO_COLOR is respected in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,

    /// Read files in this encoding instead of detecting it
    /// (utf-8, utf-8-bom, utf-16le, utf-16be, gb18030).
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub encoding: Option<String>,

    /// Use this configuration file instead of searching for termlint.yaml or
    /// .termlint.yaml in the working folder and its parents.
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Configuration",
        conflicts_with = "no_config"
    )]
    pub config: Option<PathBuf>,

    /// Use no configuration file.
    #[arg(long, help_heading = "Configuration")]
    pub no_config: bool,

    /// Include or exclude (`!GLOB`) files and folders when walking, like
    /// ripgrep's --glob; overrides .gitignore. Repeatable.
    #[arg(long = "glob", value_name = "GLOB", action = clap::ArgAction::Append, help_heading = "Input")]
    pub globs: Vec<String>,

    /// Check only shard K of N of the files (by a stable hash of each
    /// file's path), to split a run across CI jobs.
    #[arg(long, value_name = "K/N", help_heading = "Input")]
    pub shard: Option<termlint::shard::Shard>,

    /// Check files on this many threads (0: one per CPU).
    #[arg(
        short = 'j',
        long = "threads",
        value_name = "N",
        default_value_t = 0,
        help_heading = "Input"
    )]
    pub threads: usize,

    /// Print only findings and errors (no notes, no summary, no progress).
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,

    /// Print what was read and how (encoding, files skipped).
    #[arg(short, long, help_heading = "Output")]
    pub verbose: bool,
}
