//! `termlint rules`, `termlint explain RULE` and `termlint completions SHELL`:
//! what the tool can tell about itself.

use std::io::Write as _;

use anyhow::bail;
use clap::CommandFactory as _;
use termlint::RuleId;
use termlint::rules::{RULES, rule_info};

use super::{Cli, CompletionsArgs, ExplainArgs};

/// Prints one line a rule: id, default severity, whether it needs the source, summary.
pub fn list() -> anyhow::Result<u8> {
    let width = RULES
        .iter()
        .map(|info| info.id.as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{:width$}  {:8}  {:6}  {}\n",
        "RULE", "SEVERITY", "SOURCE", "REPORTS"
    );
    for info in &RULES {
        let severity = if info.severity_from_entry {
            format!("{}*", info.default_severity)
        } else {
            info.default_severity.to_string()
        };
        let source = if info.needs_source { "yes" } else { "no" };
        out.push_str(&format!(
            "{:width$}  {severity:8}  {source:6}  {}\n",
            info.id.as_str(),
            info.summary
        ));
    }
    out.push_str("\n* the glossary entry's severity (error unless it says otherwise)\n");
    out.push_str(
        "`termlint explain RULE` says more; a termlint.yaml `rules:` map changes severities.\n",
    );
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(0)
}

/// Prints what `args.rule` checks, with an example.
pub fn explain(args: &ExplainArgs) -> anyhow::Result<u8> {
    let Some(rule) = RuleId::parse(args.rule.trim()) else {
        let known: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.as_str()).collect();
        bail!(
            "unknown rule {:?}; the rules are: {}",
            args.rule,
            known.join(", ")
        );
    };
    let info = rule_info(rule);
    let severity = if info.severity_from_entry {
        format!(
            "{} (or the glossary entry's `severity`)",
            info.default_severity
        )
    } else {
        info.default_severity.to_string()
    };
    let out = format!(
        "{id}: {summary}\n\ndefault severity: {severity}\nneeds the Chinese source: {source}\n\n{explanation}\n\nExample:\n{example}\n",
        id = info.id,
        summary = info.summary,
        source = if info.needs_source {
            "yes (bilingual mode)"
        } else {
            "no"
        },
        explanation = info.explanation,
        example = indent(info.example),
    );
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(0)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}\n"))
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Prints the completion script for `args.shell`.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "termlint", &mut stdout);
    stdout.flush()?;
    Ok(0)
}
