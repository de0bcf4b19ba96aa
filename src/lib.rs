//! termlint: checks English translations of Chinese government and policy
//! text against a terminology glossary.
//!
//! The engine follows the data: a [`Glossary`] is compiled once into a
//! [`CompiledMatcher`]; a [`Checker`] runs the rules over the segments of each
//! [`input::Document`] and returns [`Finding`]s with byte spans and optional
//! fixes; [`fix`] applies fixes (for `--diff` and `--write` alike) and
//! [`report`] prints findings. The library does no printing of its own.
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod check;
pub mod config;
pub mod error;
pub mod finding;
pub mod fix;
pub mod glossary;
pub mod input;
pub mod matcher;
pub mod numbers;
pub mod report;
pub mod rules;
pub mod shard;
pub mod suppress;
pub mod text;

pub use check::Checker;
pub use error::{Error, Result};
pub use finding::{Applicability, Finding, Fix, RuleId, Severity};
pub use glossary::{Glossary, GlossaryEntry};
pub use matcher::CompiledMatcher;
