//! `termlint check`: lint files, print findings, a diff or write fixes.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use termlint::fix::{fix_until_stable, write_atomically};
use termlint::input::{Document, ReadOutcome, TextEncoding, document_from_bytes};
use termlint::report::{self, FileReport, Summary};
use termlint::{Checker, Glossary, Severity};

use super::{CheckArgs, ColorChoice, FailOn, GlossaryArgs, OutputFormat};

/// File extensions checked when walking a folder (files named on the command
/// line are always checked).
const CHECKED_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Where a file to check comes from.
#[derive(Debug, Clone)]
enum Input {
    Stdin,
    File(PathBuf),
}

/// What happened to one input.
enum Outcome {
    Checked {
        report: FileReport,
        document: Document,
        fixes: usize,
        /// Findings left in the fixed text (when fixes were computed).
        remaining: Vec<termlint::Finding>,
    },
    Binary(String),
    Failed(anyhow::Error),
}

/// Runs `check` and returns the exit code.
pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    let format = if args.diff {
        OutputFormat::Diff
    } else {
        args.format
    };
    let forced_encoding = match &args.encoding {
        Some(name) => Some(TextEncoding::parse(name).with_context(|| {
            format!("unknown encoding {name:?} (expected utf-8, utf-8-bom, utf-16le, utf-16be or gb18030)")
        })?),
        None => None,
    };
    let checker = Checker::new(load_glossary(&args.glossary)?);
    let (inputs, mut had_error) = collect_inputs(&args.paths, args.quiet);
    if args.write && inputs.iter().any(|input| matches!(input, Input::Stdin)) {
        bail!("--write cannot edit stdin; use --diff to see the fixes");
    }
    let compute_fixes = args.write || format == OutputFormat::Diff;
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| check_input(&checker, input, forced_encoding, compute_fixes))
        .collect();

    let mut stderr = std::io::stderr().lock();
    let mut reports = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Checked {
                mut report,
                document,
                fixes,
                remaining,
            } => {
                if args.verbose {
                    writeln!(stderr, "checked {} ({})", report.path, document.encoding)?;
                }
                if args.write && fixes > 0 {
                    match write_fixes(&document, &report) {
                        Ok(()) => {
                            if !args.quiet {
                                let noun = if fixes == 1 { "fix" } else { "fixes" };
                                writeln!(stderr, "fixed {}: applied {fixes} {noun}", report.path)?;
                            }
                            // What remains is reported against the file as written.
                            if let Some(fixed) = report.fixed.take() {
                                report.text = fixed;
                                report.findings = remaining;
                            }
                        }
                        Err(error) => {
                            had_error = true;
                            writeln!(stderr, "error: {error:#}")?;
                        }
                    }
                }
                reports.push(report);
            }
            Outcome::Binary(path) => {
                if !args.quiet {
                    writeln!(stderr, "note: skipping binary file {path}")?;
                }
            }
            Outcome::Failed(error) => {
                had_error = true;
                writeln!(stderr, "error: {error:#}")?;
            }
        }
    }
    drop(stderr);

    let color = use_color(args.color);
    let output = match format {
        OutputFormat::Human => {
            let mut text = report::human::render(&reports, color);
            if args.quiet {
                // Drop the summary line.
                let trimmed = text.trim_end_matches('\n');
                let cut = trimmed.rfind('\n').map_or(0, |index| index + 1);
                text.truncate(cut);
            }
            text
        }
        OutputFormat::Json => report::json::render(&reports),
        OutputFormat::Diff => report::diff::render(&reports),
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;

    let fail_on = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(if had_error {
        crate::EXIT_ERROR
    } else if Summary::of(&reports).fails_at(fail_on) {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

/// The glossary of a run: the embedded one, the -g ones layered over it, or
/// only the -g ones.
pub fn load_glossary(args: &GlossaryArgs) -> anyhow::Result<Glossary> {
    let user = termlint::glossary::load_paths(&args.glossary)?;
    if args.no_default_glossary {
        if args.glossary.is_empty() {
            bail!("--no-default-glossary needs at least one -g/--glossary");
        }
        return Ok(user);
    }
    let embedded = Glossary::embedded()?.clone();
    if args.glossary.is_empty() {
        return Ok(embedded);
    }
    Ok(embedded.overlay(user)?)
}

/// Expands the command-line paths into files, walking folders. Returns the
/// inputs and whether a path could not be read.
fn collect_inputs(paths: &[PathBuf], quiet: bool) -> (Vec<Input>, bool) {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut had_error = false;
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                let mut walked: Vec<PathBuf> = Vec::new();
                for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
                    match entry {
                        Ok(entry) if entry.file_type().is_some_and(|kind| kind.is_file()) => {
                            if is_checked_when_walking(entry.path()) {
                                walked.push(entry.into_path());
                            }
                        }
                        Ok(_) => {}
                        Err(error) => {
                            had_error = true;
                            eprintln_unless(quiet, &format!("error: {error}"));
                        }
                    }
                }
                walked.sort();
                inputs.extend(walked.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(error) => {
                had_error = true;
                eprintln_unless(false, &format!("error: {}: {error}", path.display()));
            }
        }
    }
    (inputs, had_error)
}

fn eprintln_unless(quiet: bool, line: &str) {
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// Whether a file met while walking a folder is an English target to check:
/// a known text extension, and not a Chinese source (`NAME.zh.EXT`).
fn is_checked_when_walking(path: &Path) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    if !CHECKED_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) {
        return false;
    }
    !is_chinese_source_name(path)
}

/// `NAME.zh.EXT`, `NAME.zh-CN.EXT`, `NAME.zh_Hans.EXT` …
fn is_chinese_source_name(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    stem.rsplit_once('.')
        .map(|(_, language)| language.to_ascii_lowercase())
        .is_some_and(|language| {
            language == "zh" || language.starts_with("zh-") || language.starts_with("zh_")
        })
}

fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").map(str::to_owned).unwrap_or(shown)
}

fn check_input(
    checker: &Checker,
    input: &Input,
    forced: Option<TextEncoding>,
    compute_fixes: bool,
) -> Outcome {
    let (path, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return Outcome::Failed(anyhow::Error::new(error).context("<stdin>"));
            }
            (PathBuf::from("<stdin>"), bytes)
        }
        Input::File(path) => match std::fs::read(path) {
            Ok(bytes) => (path.clone(), bytes),
            Err(error) => return Outcome::Failed(termlint::Error::io(path, error).into()),
        },
    };
    let shown = display_path(&path);
    let document = match document_from_bytes(&path, &bytes, forced) {
        Ok(ReadOutcome::Text(document)) => document,
        Ok(ReadOutcome::Binary) => return Outcome::Binary(shown),
        Err(error) => return Outcome::Failed(error.into()),
    };
    let findings = checker.check_document(&document);
    if compute_fixes && document.encode(&document.text) != bytes {
        // Writing back would change bytes outside the fixed spans (an
        // encoding whose decode/encode round trip is not exact).
        return Outcome::Failed(anyhow::anyhow!(
            "{shown}: cannot fix: re-encoding the file as {} would change bytes that are not being fixed",
            document.encoding
        ));
    }
    let (fixed, fixes, remaining) = if compute_fixes {
        let (fixed, fixes, remaining) = fix_until_stable(&document.text, |text| {
            checker.check_document(&document.with_text(text.to_owned()))
        });
        (Some(fixed), fixes, remaining)
    } else {
        (None, 0, Vec::new())
    };
    Outcome::Checked {
        report: FileReport {
            path: shown,
            text: document.text.clone(),
            findings,
            fixed,
        },
        document,
        fixes,
        remaining,
    }
}

/// Writes the fixed text of `report` over the file `document` was read from.
fn write_fixes(document: &Document, report: &FileReport) -> anyhow::Result<()> {
    let Some(fixed) = &report.fixed else {
        return Ok(());
    };
    let original = document.encode(&document.text);
    write_atomically(&document.path, &original, &document.encode(fixed))?;
    Ok(())
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}
