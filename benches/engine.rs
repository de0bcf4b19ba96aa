//! Engine benchmarks (issue 6): glossary compilation and `check_target`
//! throughput, on the same deterministic corpus and glossaries as
//! `benches/run.sh` (generated into a temporary folder on first use).
//!
//! `cargo bench --bench engine`

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use termlint::Checker;
use termlint::glossary::load_str;

/// The generated data: `$TERMLINT_BENCH_DATA` if set (run.sh sets it), else a
/// folder under the system temporary directory, generated once.
fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TERMLINT_BENCH_DATA") {
        let dir = PathBuf::from(dir);
        if dir.join("manifest.tsv").exists() && dir.join("glossary-10000.yaml").exists() {
            return dir;
        }
    }
    let dir = std::env::temp_dir().join("termlint-bench-engine");
    if !dir.join("manifest.tsv").exists() {
        let status = Command::new(env!("CARGO"))
            .args(["run", "--release", "--example", "gen_corpus", "--"])
            .arg(&dir)
            .args(["--sizes", "1", "--glossaries", "100,1000,10000"])
            .status()
            .expect("cargo runs the corpus generator");
        assert!(status.success(), "gen_corpus failed");
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn compile(c: &mut Criterion) {
    let dir = data_dir();
    let mut group = c.benchmark_group("glossary load+compile");
    group.sample_size(10);
    for entries in [1_000, 10_000] {
        let yaml = read(&dir, &format!("glossary-{entries}.yaml"));
        group.bench_function(format!("{entries} entries"), |b| {
            b.iter(|| {
                let glossary =
                    load_str(&yaml, Path::new("g.yaml")).expect("generated glossary loads");
                Checker::new(glossary)
            });
        });
        let glossary = load_str(&yaml, Path::new("g.yaml")).expect("generated glossary loads");
        group.bench_function(format!("{entries} entries, compile only"), |b| {
            b.iter(|| Checker::new(glossary.clone()));
        });
    }
    group.finish();
}

fn check_target(c: &mut Criterion) {
    let dir = data_dir();
    let text = read(&dir, "corpus-1mb.txt");
    let mut group = c.benchmark_group("check_target 1 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    for entries in [100, 1_000, 10_000] {
        let yaml = read(&dir, &format!("glossary-{entries}.yaml"));
        let checker =
            Checker::new(load_str(&yaml, Path::new("g.yaml")).expect("generated glossary loads"));
        group.bench_function(format!("{entries} entries"), |b| {
            b.iter(|| checker.check_target(&text))
        });
    }
    group.finish();
}

criterion_group!(benches, compile, check_target);
criterion_main!(benches);
