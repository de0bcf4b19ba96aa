//! `termlint check`: lint files, print findings, a diff or write fixes.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use termlint::config::Config;
use termlint::fix::{fix_until_stable_from, write_atomically};
use termlint::glossary::Locations;
use termlint::input::{Document, ReadOutcome, TextEncoding, document_from_bytes, read_document};
use termlint::report::{self, FileReport, Summary};
use termlint::shard::Shard;
use termlint::{Checker, Glossary, Severity};

use super::{CheckArgs, ColorChoice, FailOn, GlossaryArgs, OutputFormat};

/// Plain-text extensions checked when walking a folder (files named on the
/// command line are always checked). `NAME.zh.EXT` files among them are
/// Chinese sources, paired with `NAME.en.EXT` or `NAME.EXT` beside them.
const CHECKED_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Bilingual formats checked when walking a folder.
const BILINGUAL_EXTENSIONS: &[&str] = &[
    "tsv", "csv", "xlf", "xliff", "sdlxliff", "mqxliff", "tmx", "po",
];

/// Where a file to check comes from, and its Chinese source if it has one.
#[derive(Debug, Clone)]
enum Input {
    Stdin {
        source: Option<PathBuf>,
    },
    File {
        path: PathBuf,
        source: Option<PathBuf>,
    },
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
    let config = load_config(args)?;
    if args.verbose {
        if let Some(config) = &config {
            eprintln_unless(
                false,
                &format!("using configuration {}", config.path.display()),
            );
        }
    }
    let mut checker = Checker::new(load_glossary(
        &glossary_args(&args.glossary, config.as_deref()),
        Locations::Skipped,
    )?);
    if let Some(config) = &config {
        checker = checker.with_rules(config.rules.clone());
    }
    let walk = WalkOptions {
        config: config.clone(),
        globs: args.globs.clone(),
        shard: args.shard,
    };
    let (inputs, mut had_error) = match &args.source {
        Some(source) => (single_target_with_source(&args.paths, source)?, false),
        None => collect_inputs(&args.paths, &walk, args.quiet)?,
    };
    if args.write
        && inputs
            .iter()
            .any(|input| matches!(input, Input::Stdin { .. }))
    {
        bail!("--write cannot edit stdin; use --diff to see the fixes");
    }
    let compute_fixes = args.write || format == OutputFormat::Diff;
    let progress = Progress::new(inputs.len(), args.quiet);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start the worker threads")?;
    let color = use_color(args.color);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // Files are checked a batch at a time and each batch's output is written
    // before the next is read, so memory does not grow with the number of
    // files: only findings are kept for the summary (and for the JSON and
    // SARIF documents, which are written whole at the end).
    let mut reports: Vec<FileReport> = Vec::with_capacity(inputs.len());
    for batch in inputs.chunks(FILES_PER_BATCH) {
        // `par_iter().collect()` keeps input order, so output is the same
        // whatever the number of threads.
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let outcome = check_input(&checker, input, forced_encoding, compute_fixes);
                    progress.record(&outcome);
                    outcome
                })
                .collect()
        });
        let mut batch_reports = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            if let Some(report) = settle(outcome, args, &mut had_error)? {
                batch_reports.push(report);
            }
        }
        let output = match format {
            OutputFormat::Human => report::human::render_findings(&batch_reports, color),
            OutputFormat::Diff => report::diff::render(&batch_reports),
            OutputFormat::Github => report::github::render(&batch_reports),
            OutputFormat::Brief => report::brief::render(&batch_reports),
            OutputFormat::Json | OutputFormat::Sarif => String::new(),
        };
        progress.suspend(|| stdout.write_all(output.as_bytes()))?;
        reports.extend(batch_reports.into_iter().map(|report| FileReport {
            text: String::new(),
            fixed: None,
            ..report
        }));
    }
    progress.finish();

    let output = match format {
        // Nothing was checked and an error was printed: a summary line
        // ("no findings in 0 files") would only contradict it.
        OutputFormat::Human if !(args.quiet || (reports.is_empty() && had_error)) => {
            format!("{}\n", report::human::summary_line(&Summary::of(&reports)))
        }
        OutputFormat::Json => report::json::render(&reports),
        OutputFormat::Sarif => report::sarif::render(&reports),
        _ => String::new(),
    };
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;

    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Some(Severity::Error),
        Some(FailOn::Warning) => Some(Severity::Warning),
        Some(FailOn::Info) => Some(Severity::Info),
        Some(FailOn::Never) => None,
        None => config
            .as_ref()
            .and_then(|config| config.fail_on)
            .map_or(Some(Severity::Error), termlint::config::FailOn::threshold),
    };
    Ok(if had_error {
        crate::EXIT_ERROR
    } else if Summary::of(&reports).fails_at(fail_on) {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

/// How many files are checked before their output is written.
const FILES_PER_BATCH: usize = 256;

/// Reports on one outcome (notes, errors, writing fixes) and returns the
/// report to print, if the file was checked.
fn settle(
    outcome: Outcome,
    args: &CheckArgs,
    had_error: &mut bool,
) -> anyhow::Result<Option<FileReport>> {
    let mut stderr = std::io::stderr().lock();
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
            if let (Some((source_count, target_count)), Some(source)) =
                (document.paragraph_mismatch(), &document.source)
            {
                if !args.quiet {
                    writeln!(
                        stderr,
                        "warning: {}: {target_count} {} but its source {} has {source_count}; \
                         checking the whole text against the whole source",
                        report.path,
                        if target_count == 1 {
                            "paragraph"
                        } else {
                            "paragraphs"
                        },
                        display_path(&source.path)
                    )?;
                }
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
                        *had_error = true;
                        writeln!(stderr, "error: {error:#}")?;
                    }
                }
            }
            Ok(Some(report))
        }
        Outcome::Binary(path) => {
            if !args.quiet {
                writeln!(stderr, "note: skipping binary file {path}")?;
            }
            Ok(None)
        }
        Outcome::Failed(error) => {
            *had_error = true;
            writeln!(stderr, "error: {error:#}")?;
            Ok(None)
        }
    }
}

/// The glossary of a run: the embedded one, the -g ones layered over it, or
/// only the -g ones; `locations` says whether entries must know their line
/// (glossary tools) or not (checking, which starts faster without).
pub fn load_glossary(args: &GlossaryArgs, locations: Locations) -> anyhow::Result<Glossary> {
    let user = termlint::glossary::load_paths_with(&args.glossary, locations)?;
    if args.no_default_glossary {
        if args.glossary.is_empty() {
            bail!("--no-default-glossary needs at least one -g/--glossary");
        }
        return Ok(user);
    }
    let embedded = match locations {
        Locations::Skipped => Glossary::embedded()?,
        Locations::Recorded => Glossary::embedded_located()?,
    }
    .clone();
    if args.glossary.is_empty() {
        return Ok(embedded);
    }
    Ok(embedded.overlay(user)?)
}

/// The configuration file of a run: `--config`, else the nearest
/// termlint.yaml/.termlint.yaml, unless `--no-config`.
fn load_config(args: &CheckArgs) -> anyhow::Result<Option<Arc<Config>>> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(path) => path.clone(),
        None => {
            let cwd = std::env::current_dir().context("cannot read the working folder")?;
            match Config::discover(&cwd) {
                Some(path) => path,
                None => return Ok(None),
            }
        }
    };
    Ok(Some(Arc::new(Config::load(&path)?)))
}

/// The glossary selection of a run: the configuration's glossaries, then the
/// `-g` ones; the embedded glossary unless either turns it off.
fn glossary_args(args: &GlossaryArgs, config: Option<&Config>) -> GlossaryArgs {
    let Some(config) = config else {
        return args.clone();
    };
    GlossaryArgs {
        glossary: config
            .glossaries
            .iter()
            .chain(&args.glossary)
            .cloned()
            .collect(),
        no_default_glossary: args.no_default_glossary || !config.default_glossary,
    }
}

/// What decides which walked files are checked.
struct WalkOptions {
    config: Option<Arc<Config>>,
    globs: Vec<String>,
    shard: Option<Shard>,
}

/// The one target of `--source`.
fn single_target_with_source(paths: &[PathBuf], source: &Path) -> anyhow::Result<Vec<Input>> {
    let [path] = paths else {
        bail!(
            "--source needs exactly one target file (got {})",
            paths.len()
        );
    };
    let source = Some(source.to_path_buf());
    if path.as_os_str() == "-" {
        return Ok(vec![Input::Stdin { source }]);
    }
    if path.is_dir() {
        bail!(
            "--source needs a target file, not the folder {}",
            path.display()
        );
    }
    Ok(vec![Input::File {
        path: path.clone(),
        source,
    }])
}

/// Expands the command-line paths into files, walking folders, each
/// plain-text target paired with a Chinese source found beside it. Returns
/// the inputs and whether a path could not be read.
fn collect_inputs(
    paths: &[PathBuf],
    walk: &WalkOptions,
    quiet: bool,
) -> anyhow::Result<(Vec<Input>, bool)> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut had_error = false;
    let in_shard = |key: &str| walk.shard.is_none_or(|shard| shard.contains(key));
    let mut folders = FolderListings::default();
    for path in paths {
        if path.as_os_str() == "-" {
            if in_shard("-") {
                inputs.push(Input::Stdin { source: None });
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                let mut builder = ignore::WalkBuilder::new(path);
                builder.require_git(false);
                let whitelisted = !walk.globs.is_empty() && {
                    let mut overrides = ignore::overrides::OverrideBuilder::new(path);
                    for glob in &walk.globs {
                        overrides
                            .add(glob)
                            .with_context(|| format!("invalid --glob {glob:?}"))?;
                    }
                    let overrides = overrides.build().context("invalid --glob")?;
                    let whitelists = overrides.num_whitelists() > 0;
                    builder.overrides(overrides);
                    whitelists
                };
                if let Some(config) = walk.config.clone() {
                    builder.filter_entry(move |entry| !config.excludes(entry.path()));
                }
                let mut walked: Vec<(String, PathBuf)> = Vec::new();
                for entry in builder.build() {
                    match entry {
                        Ok(entry) if entry.file_type().is_some_and(|kind| kind.is_file()) => {
                            if is_checked_when_walking(
                                entry.path(),
                                whitelisted,
                                walk.config.as_deref(),
                            ) {
                                let key = entry.path().strip_prefix(path).map_or_else(
                                    |_| display_path(entry.path()),
                                    termlint::config::slash_path,
                                );
                                walked.push((key, entry.into_path()));
                            }
                        }
                        Ok(_) => {}
                        Err(error) => {
                            had_error = true;
                            eprintln_unless(quiet, &format!("error: {error}"));
                        }
                    }
                }
                walked.sort_by(|a, b| a.1.cmp(&b.1));
                inputs.extend(walked.into_iter().filter(|(key, _)| in_shard(key)).map(
                    |(_, path)| {
                        let source = source_of(&path, walk.config.as_deref(), &mut folders);
                        Input::File { path, source }
                    },
                ));
            }
            Ok(_) => {
                if in_shard(&display_path(path)) {
                    let source = if is_chinese_source_name(path) {
                        None
                    } else {
                        source_of(path, walk.config.as_deref(), &mut folders)
                    };
                    inputs.push(Input::File {
                        path: path.clone(),
                        source,
                    });
                }
            }
            Err(error) => {
                had_error = true;
                eprintln_unless(false, &format!("error: {}: {error}", path.display()));
            }
        }
    }
    Ok((inputs, had_error))
}

/// A progress bar on stderr for long runs: only on a terminal, not in CI,
/// not with `--quiet`, and only once the run has lasted about a second.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
    bytes: AtomicU64,
    findings: AtomicUsize,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);

    fn new(files: usize, quiet: bool) -> Self {
        let wanted = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = wanted.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
            bytes: AtomicU64::new(0),
            findings: AtomicUsize::new(0),
        }
    }

    fn record(&self, outcome: &Outcome) {
        let Some(bar) = &self.bar else {
            return;
        };
        if let Outcome::Checked { report, .. } = outcome {
            self.bytes
                .fetch_add(report.text.len() as u64, Ordering::Relaxed);
            self.findings
                .fetch_add(report.findings.len(), Ordering::Relaxed);
        }
        let elapsed = self.started.elapsed();
        if elapsed >= Self::DELAY
            && self
                .shown
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        let megabytes = self.bytes.load(Ordering::Relaxed) as f64 / 1e6;
        let findings = self.findings.load(Ordering::Relaxed);
        bar.set_message(format!(
            "{:.1} MB/s  {findings} finding{}",
            megabytes / elapsed.as_secs_f64().max(1e-3),
            if findings == 1 { "" } else { "s" }
        ));
        bar.inc(1);
    }

    /// Runs `write` with the bar hidden, so output does not tear it.
    fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn eprintln_unless(quiet: bool, line: &str) {
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// Whether a file met while walking a folder is an English target to check:
/// not a Chinese source (`NAME.zh.EXT`, or a `source-pairing` source), and
/// wanted by `--glob` (`whitelisted`: the walker already filtered), else by
/// the configuration's `include`, else by its extension.
fn is_checked_when_walking(path: &Path, whitelisted: bool, config: Option<&Config>) -> bool {
    if is_bilingual_format(path) {
        return true;
    }
    if is_chinese_source_name(path) || config.is_some_and(|config| config.is_source(path)) {
        return false;
    }
    if whitelisted {
        return true;
    }
    if let Some(included) = config.and_then(|config| config.includes(path)) {
        return included;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|extension| {
            CHECKED_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        })
}

/// Whether `path` has the extension of a bilingual format (TSV, CSV, XLIFF, TMX, PO).
fn is_bilingual_format(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|extension| {
            BILINGUAL_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        })
}

/// The language tag of `NAME.LANG.EXT`, lower-cased.
fn language_of(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    stem.rsplit_once('.')
        .map(|(_, language)| language.to_ascii_lowercase())
}

fn is_language(tag: &str, language: &str) -> bool {
    tag == language
        || tag
            .strip_prefix(language)
            .is_some_and(|rest| rest.starts_with(['-', '_']))
}

/// `NAME.zh.EXT`, `NAME.zh-CN.EXT`, `NAME.zh_Hans.EXT` …
fn is_chinese_source_name(path: &Path) -> bool {
    language_of(path).is_some_and(|language| is_language(&language, "zh"))
}

/// What pairs a plain-text target with its source: folder, name without its
/// `zh`/`en` tag, extension.
fn pairing_key(path: &Path) -> Option<(PathBuf, String, String)> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    if !CHECKED_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let base = match stem.rsplit_once('.') {
        Some((base, language)) if is_language(&language.to_ascii_lowercase(), "zh") => base,
        Some((base, language)) if is_language(&language.to_ascii_lowercase(), "en") => base,
        _ => stem,
    };
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    Some((folder, base.to_owned(), extension))
}

/// Folder listings read while pairing targets with sources, each read once.
#[derive(Default)]
struct FolderListings(std::collections::HashMap<PathBuf, Vec<PathBuf>>);

/// The Chinese source of a target: by the configuration's `source-pairing`
/// patterns when one names an existing file, else `NAME.zh.EXT` beside it.
fn source_of(
    target: &Path,
    config: Option<&Config>,
    folders: &mut FolderListings,
) -> Option<PathBuf> {
    config
        .and_then(|config| config.source_for(target))
        .filter(|source| source.is_file())
        .or_else(|| source_beside(target, folders))
}

/// The Chinese source `NAME.zh.EXT` beside the plain-text target
/// `NAME.en.EXT` or `NAME.EXT`.
fn source_beside(target: &Path, folders: &mut FolderListings) -> Option<PathBuf> {
    let key = pairing_key(target)?;
    let siblings = folders.0.entry(key.0.clone()).or_insert_with(|| {
        std::fs::read_dir(&key.0)
            .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
            .unwrap_or_default()
    });
    let mut sources: Vec<&PathBuf> = siblings
        .iter()
        .filter(|sibling| {
            is_chinese_source_name(sibling)
                && sibling.as_path() != target
                && pairing_key(sibling)
                    .is_some_and(|(_, base, extension)| base == key.1 && extension == key.2)
        })
        .collect();
    sources.sort();
    sources
        .first()
        .map(|source| key.0.join(source.file_name().unwrap_or_default()))
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
    let (path, bytes, source) = match input {
        Input::Stdin { source } => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return Outcome::Failed(anyhow::Error::new(error).context("<stdin>"));
            }
            (PathBuf::from("<stdin>"), bytes, source)
        }
        Input::File { path, source } => match std::fs::read(path) {
            Ok(bytes) => (path.clone(), bytes, source),
            Err(error) => return Outcome::Failed(termlint::Error::io(path, error).into()),
        },
    };
    let shown = display_path(&path);
    let mut document = match document_from_bytes(&path, &bytes, forced) {
        Ok(ReadOutcome::Text(document)) => document,
        Ok(ReadOutcome::Binary) => return Outcome::Binary(shown),
        Err(error) => return Outcome::Failed(error.into()),
    };
    if let Some(source_path) = source {
        match read_document(source_path, forced) {
            Ok(ReadOutcome::Text(source)) => document = document.with_source(source),
            Ok(ReadOutcome::Binary) => {
                return Outcome::Failed(anyhow::anyhow!(
                    "{}: the source is a binary file",
                    display_path(source_path)
                ));
            }
            Err(error) => return Outcome::Failed(error.into()),
        }
    }
    if compute_fixes
        && !document.encoding.round_trips_exactly()
        && document.encode(&document.text) != bytes
    {
        // Writing back would change bytes outside the fixed spans (an
        // encoding whose decode/encode round trip is not exact).
        return Outcome::Failed(anyhow::anyhow!(
            "{shown}: cannot fix: re-encoding the file as {} would change bytes that are not being fixed",
            document.encoding
        ));
    }
    // The file's bytes are not needed any more: free them before checking.
    drop(bytes);
    let findings = checker.check_document(&document);
    let (fixed, fixes, remaining) = if compute_fixes {
        // The first pass starts from the findings just computed.
        let (fixed, fixes, remaining) =
            fix_until_stable_from(&document.text, findings.clone(), |text| {
                checker.check_document(&document.with_text(text.to_owned()))
            });
        (Some(fixed), fixes, remaining)
    } else {
        (None, 0, Vec::new())
    };
    Outcome::Checked {
        report: FileReport {
            path: shown,
            // Moved, not copied, where the document's text is not used again.
            text: if compute_fixes || document.source.is_some() {
                document.text.clone()
            } else {
                std::mem::take(&mut document.text)
            },
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

pub(crate) fn use_color(choice: ColorChoice) -> bool {
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
