//! Command-line arguments (clap derive) and one module per subcommand.

pub mod check;

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

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub format: OutputFormat,

    /// Print a unified diff of all automatic fixes (same as --format diff).
    #[arg(long, help_heading = "Output")]
    pub diff: bool,

    /// Apply the automatic fixes in place (atomically).
    #[arg(short = 'w', long, help_heading = "Output")]
    pub write: bool,

    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value_t = FailOn::Error, help_heading = "Output")]
    pub fail_on: FailOn,

    /// When to use colour (NO_COLOR is respected in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,

    /// Read files in this encoding instead of detecting it
    /// (utf-8, utf-8-bom, utf-16le, utf-16be, gb18030).
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub encoding: Option<String>,

    /// Print only findings and errors (no notes, no summary).
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,

    /// Print what was read and how (encoding, files skipped).
    #[arg(short, long, help_heading = "Output")]
    pub verbose: bool,
}
