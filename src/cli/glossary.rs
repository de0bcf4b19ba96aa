//! `termlint glossary …`: the glossary keeper's commands, each a thin layer
//! over `termlint::glossary::{lint, format, stats, lookup, exchange, coverage, diff}`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};

use termlint::fix::write_atomically;
use termlint::glossary::exchange::{self, ExchangeFormat};
use termlint::glossary::{
    GlossaryDocument, GlossaryText, coverage, diff, format, lint, lookup, parse_texts, stats,
};
use termlint::input::{ReadOutcome, read_document};
use termlint::report::{self, Summary};
use termlint::{Glossary, Severity};

use super::check::{load_glossary, use_color};
use super::{ColorChoice, FailOn, GlossaryArgs as GlossarySelection};
use termlint::glossary::Locations;

/// Arguments of `termlint glossary`.
#[derive(Debug, Clone, Args)]
pub struct GlossaryArgs {
    /// What to do with the glossary.
    #[command(subcommand)]
    pub command: GlossaryCommand,
}

/// The glossary subcommands.
#[derive(Debug, Clone, Subcommand)]
#[command(rename_all = "kebab-case")]
pub enum GlossaryCommand {
    /// Check glossary files for duplicates, conflicts, bad values and failing examples.
    Lint(LintArgs),
    /// Rewrite glossary files in canonical form (key order, sorting, quoting), keeping comments.
    Fmt(FmtArgs),
    /// Count entries per file, per severity, with and without zh, avoid and source.
    Stats(StatsArgs),
    /// Find entries whose zh, en, accept or avoid match a query (substring, then fuzzy).
    Lookup(LookupArgs),
    /// Convert a CSV, TSV, TBX or JSON termbase into a YAML glossary.
    Import(ImportArgs),
    /// Convert glossary files into CSV, TSV, TBX or JSON.
    Export(ExportArgs),
    /// Count how often each entry's renderings occur in a corpus.
    Coverage(CoverageArgs),
    /// Show entries added, removed and changed between two glossaries.
    Diff(DiffArgs),
}

/// Output formats of the glossary reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Text for people.
    Human,
    /// JSON for programs.
    Json,
}

/// Exchange formats of `import` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExchangeChoice {
    /// Comma-separated values, one row per entry.
    Csv,
    /// Tab-separated values, one row per entry.
    Tsv,
    /// TBX v3 TBX-Basic (CAT tools: MultiTerm, memoQ, Trados); TBX v2 is read too.
    Tbx,
    /// The glossary document as JSON.
    Json,
}

impl From<ExchangeChoice> for ExchangeFormat {
    fn from(choice: ExchangeChoice) -> Self {
        match choice {
            ExchangeChoice::Csv => Self::Csv,
            ExchangeChoice::Tsv => Self::Tsv,
            ExchangeChoice::Tbx => Self::Tbx,
            ExchangeChoice::Json => Self::Json,
        }
    }
}

/// Arguments of `glossary lint`.
#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Glossary files or folders. Default: the shipped glossary.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (the same reports as `check`).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Arguments of `glossary fmt`.
#[derive(Debug, Clone, Args)]
pub struct FmtArgs {
    /// Glossary files or folders to format.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing: print a diff and exit 1 when a file is not formatted.
    #[arg(long)]
    pub check: bool,
}

/// Arguments of `glossary stats`.
#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Glossary files or folders. Default: the shipped glossary.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// Arguments of `glossary lookup`.
#[derive(Debug, Clone, Args)]
pub struct LookupArgs {
    /// Text to look for in zh, en, accept and avoid.
    pub query: String,
    #[command(flatten)]
    pub glossary: GlossarySelection,
    /// Most fuzzy matches shown (substring matches are all shown).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// Arguments of `glossary import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Format of the input file.
    #[arg(long, value_enum)]
    pub from: ExchangeChoice,
    /// The file to import.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the YAML here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Title of the glossary (default: from the TBX header, else the file name).
    #[arg(long)]
    pub name: Option<String>,
}

/// Arguments of `glossary export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub to: ExchangeChoice,
    /// Glossary files or folders. Default: the shipped glossary.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `glossary coverage`.
#[derive(Debug, Clone, Args)]
pub struct CoverageArgs {
    /// Corpus files or folders (`*.txt`, `*.md`; `NAME.zh.*` files count zh terms).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub glossary: GlossarySelection,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// How many of the most frequent avoided renderings to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

/// Arguments of `glossary diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The glossary before (file or folder).
    pub old: PathBuf,
    /// The glossary after (file or folder).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// Runs a glossary subcommand and returns the exit code.
pub fn run(args: &GlossaryArgs) -> anyhow::Result<u8> {
    match &args.command {
        GlossaryCommand::Lint(args) => run_lint(args),
        GlossaryCommand::Fmt(args) => run_fmt(args),
        GlossaryCommand::Stats(args) => run_stats(args),
        GlossaryCommand::Lookup(args) => run_lookup(args),
        GlossaryCommand::Import(args) => run_import(args),
        GlossaryCommand::Export(args) => run_export(args),
        GlossaryCommand::Coverage(args) => run_coverage(args),
        GlossaryCommand::Diff(args) => run_diff(args),
    }
}

/// The files named on the command line, or the shipped glossary.
fn texts_or_embedded(paths: &[PathBuf]) -> anyhow::Result<Vec<GlossaryText>> {
    if paths.is_empty() {
        return Ok(GlossaryText::embedded());
    }
    Ok(GlossaryText::read_all(paths)?)
}

/// Parsed and validated glossary of the named files, or the shipped one.
fn glossary_or_embedded(paths: &[PathBuf]) -> anyhow::Result<Glossary> {
    if paths.is_empty() {
        return Ok(Glossary::embedded_located()?.clone());
    }
    Ok(termlint::glossary::load_paths(paths)?)
}

fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn fail_on(choice: FailOn) -> Option<Severity> {
    match choice {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

fn run_lint(args: &LintArgs) -> anyhow::Result<u8> {
    let texts = texts_or_embedded(&args.paths)?;
    let outcome = lint::lint(&texts);
    for error in &outcome.errors {
        writeln!(std::io::stderr(), "error: {error}")?;
    }
    let output = match args.format {
        ReportFormat::Human => report::human::render(&outcome.reports, use_color(args.color)),
        ReportFormat::Json => report::json::render(&outcome.reports),
    };
    print(&output)?;
    Ok(if !outcome.errors.is_empty() {
        crate::EXIT_ERROR
    } else if Summary::of(&outcome.reports).fails_at(fail_on(args.fail_on)) {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

fn run_fmt(args: &FmtArgs) -> anyhow::Result<u8> {
    let texts = GlossaryText::read_all(&args.paths)?;
    let mut stderr = std::io::stderr().lock();
    let mut unformatted = 0;
    let mut refused = 0;
    for text in &texts {
        let formatted = match format::format_text(&text.text, &text.path) {
            Ok(formatted) => formatted,
            Err(error) => {
                refused += 1;
                writeln!(stderr, "error: {error}")?;
                continue;
            }
        };
        if formatted == text.text {
            continue;
        }
        unformatted += 1;
        let shown = text.path.to_string_lossy().replace('\\', "/");
        if args.check {
            print(&format::unified_diff(&shown, &text.text, &formatted))?;
        } else {
            // The file as read (with its BOM, if any) is what must still be on disk.
            let original = std::fs::read(&text.path).with_context(|| shown.clone())?;
            write_atomically(&text.path, &original, formatted.as_bytes())?;
            writeln!(stderr, "formatted {shown}")?;
        }
    }
    if args.check && unformatted > 0 {
        let noun = if unformatted == 1 {
            "file is"
        } else {
            "files are"
        };
        writeln!(
            stderr,
            "{unformatted} {noun} not formatted; run `termlint glossary fmt`"
        )?;
    }
    Ok(if refused > 0 {
        crate::EXIT_ERROR
    } else if args.check && unformatted > 0 {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

fn run_stats(args: &StatsArgs) -> anyhow::Result<u8> {
    let glossary = glossary_or_embedded(&args.paths)?;
    let stats = stats::GlossaryStats::of(&glossary);
    print(&match args.format {
        ReportFormat::Human => stats.render(),
        ReportFormat::Json => to_json(&stats)?,
    })?;
    Ok(0)
}

fn to_json(value: &impl serde::Serialize) -> anyhow::Result<String> {
    let mut json = serde_json::to_string_pretty(value)?;
    json.push('\n');
    Ok(json)
}

fn run_lookup(args: &LookupArgs) -> anyhow::Result<u8> {
    let glossary = load_glossary(&args.glossary, Locations::Recorded)?;
    let hits = lookup::lookup(&glossary, &args.query, args.limit);
    print(&match args.format {
        ReportFormat::Human => lookup::render(&glossary, &hits),
        ReportFormat::Json => to_json(&lookup::to_json(&glossary, &hits))?,
    })?;
    Ok(if hits.is_empty() {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

fn run_import(args: &ImportArgs) -> anyhow::Result<u8> {
    let bytes =
        std::fs::read(&args.file).map_err(|error| termlint::Error::io(&args.file, error))?;
    let text = termlint::input::decode(&bytes, None)
        .map_err(|(offset, message)| termlint::Error::Decode {
            path: args.file.clone(),
            offset,
            message,
        })?
        .with_context(|| format!("{}: binary file", args.file.display()))?
        .0;
    let mut imported = exchange::import(&text, &args.file, args.from.into())?;
    if let Some(name) = &args.name {
        imported.document.name.clone_from(name);
    }
    for note in &imported.notes {
        writeln!(std::io::stderr(), "note: {note}")?;
    }
    let yaml = format::render_document(&imported.document);
    write_output(args.output.as_deref(), &yaml)?;
    Ok(0)
}

fn run_export(args: &ExportArgs) -> anyhow::Result<u8> {
    let glossary = glossary_or_embedded(&args.paths)?;
    let document = document_of(&glossary);
    let text = exchange::export(&document, args.to.into())?;
    write_output(args.output.as_deref(), &text)?;
    Ok(0)
}

/// One document holding every entry of `glossary`: the file's title when
/// there is one file, a combined title otherwise.
fn document_of(glossary: &Glossary) -> GlossaryDocument {
    let (name, description) = match glossary.files.as_slice() {
        [file] => (file.name.clone(), file.description.clone()),
        files => (
            "termlint glossary".to_owned(),
            Some(
                files
                    .iter()
                    .map(|file| file.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
    };
    GlossaryDocument {
        name,
        description,
        terms: glossary
            .entries
            .iter()
            .map(|entry| entry.fields.clone())
            .collect(),
    }
}

fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            std::fs::write(path, text).map_err(|error| termlint::Error::io(path, error).into())
        }
        None => print(text),
    }
}

fn run_coverage(args: &CoverageArgs) -> anyhow::Result<u8> {
    let glossary = load_glossary(&args.glossary, Locations::Recorded)?;
    let mut counter = coverage::CoverageCounter::new(&glossary);
    let mut had_error = false;
    for path in coverage::corpus_files(&args.paths)? {
        match read_document(&path, None) {
            Ok(ReadOutcome::Text(document)) => counter.add(&document),
            Ok(ReadOutcome::Binary) => writeln!(
                std::io::stderr(),
                "note: skipping binary file {}",
                path.display()
            )?,
            Err(error) => {
                had_error = true;
                writeln!(std::io::stderr(), "error: {error}")?;
            }
        }
    }
    let coverage = counter.finish();
    print(&match args.format {
        ReportFormat::Human => coverage.render(&glossary, args.top),
        ReportFormat::Json => to_json(&coverage.to_json(&glossary, args.top))?,
    })?;
    Ok(if had_error { crate::EXIT_ERROR } else { 0 })
}

fn run_diff(args: &DiffArgs) -> anyhow::Result<u8> {
    let load = |path: &PathBuf| -> anyhow::Result<Glossary> {
        let texts = GlossaryText::read_all(std::slice::from_ref(path))?;
        let (glossary, errors) = parse_texts(&texts);
        if let Some(error) = errors.into_iter().next() {
            return Err(error.into());
        }
        Ok(glossary)
    };
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    let changes = diff::diff(&old, &new);
    print(&match args.format {
        ReportFormat::Human => changes.render(),
        ReportFormat::Json => to_json(&changes)?,
    })?;
    Ok(if changes.is_empty() {
        0
    } else {
        crate::EXIT_FINDINGS
    })
}
