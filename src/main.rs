//! The `termlint` binary: parses arguments, runs a subcommand, maps the
//! outcome to an exit code (0 clean, 1 findings, 2 usage/input/glossary error).

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use cli::{Cli, Command};

/// Exit code for findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code for usage, input and glossary errors.
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => cli::check::run(&args),
        Command::Init(args) => cli::init::run(&args),
        Command::Rules => cli::rules::list(),
        Command::Explain(args) => cli::rules::explain(&args),
        Command::Completions(args) => cli::rules::completions(&args),
        Command::Glossary(args) => cli::glossary::run(&args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A closed pipe (`termlint check | head`) is a normal way for output to end.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            match cause.downcast_ref::<termlint::error::Error>() {
                Some(termlint::error::Error::Io { error, .. }) => Some(error),
                _ => None,
            }
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
