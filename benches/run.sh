#!/usr/bin/env bash
# termlint side-by-side benchmark (issue 6).
#
#   benches/run.sh            # full: 1/10/100 MB, glossaries of 100 to 100,000 entries
#   benches/run.sh --quick    # quick: 1/10 MB, 100 and 1,000 entries (a few minutes)
#
# Needs: Debian/Ubuntu, a Rust toolchain, python3; node/npm for textlint.
# Installs what is missing: ripgrep (apt-get, else `cargo install ripgrep`),
# GNU time (apt-get; peak RSS), textlint and
# textlint-rule-prh (npm, into a temporary folder; skipped with a note if npm
# cannot install them). Generates the corpus and glossaries with the seeded
# generator benches/support/gen_corpus.rs into a temporary folder (set
# TERMLINT_BENCH_DATA to keep and reuse one), then prints the table and writes
# it to benches/RESULTS.md.
#
# Environment: TERMLINT_BENCH_DATA (data folder), TERMLINT_BENCH_TIMEOUT
# (seconds a peer may run, default 120), TERMLINT_BENCH_RUNS (default 3).
set -euo pipefail

mode=full
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (expected --quick or --full)" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if [ "$mode" = quick ]; then
  sizes=1,10; glossaries=100,1000
else
  sizes=1,10,100; glossaries=100,1000,10000,100000
fi

note() { printf '==> %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# Peers.
if ! command -v rg >/dev/null; then
  note "installing ripgrep"
  if ! { as_root apt-get install -y ripgrep >/dev/null 2>&1 || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y ripgrep >/dev/null 2>&1; }; }; then
    cargo install ripgrep --locked >/dev/null 2>&1 || note "ripgrep could not be installed: rg runs skipped"
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
command -v python3 >/dev/null || { note "python3 is required"; exit 2; }
# Peak RSS and CPU time come from GNU time; prlimit (util-linux) caps the peers' memory.
if [ ! -x /usr/bin/time ]; then
  note "installing GNU time"
  as_root apt-get install -y time >/dev/null 2>&1 || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y time >/dev/null 2>&1; } \
    || { note "/usr/bin/time is required"; exit 2; }
fi

# termlint, in release.
note "building termlint (release) and the corpus generator"
cargo build --release --quiet --bin termlint --example gen_corpus
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
termlint="$target_dir/release/termlint"
gen="$target_dir/release/examples/gen_corpus"

# Data.
cleanup=()
data=${TERMLINT_BENCH_DATA:-}
if [ -z "$data" ]; then
  data=$(mktemp -d -t termlint-bench-data.XXXXXX)
  cleanup+=("$data")
fi
stamp="$data/.generated-$sizes-$glossaries"
if [ ! -e "$stamp" ]; then
  note "generating corpus ($sizes MB) and glossaries ($glossaries entries) in $data"
  rm -rf "$data"/corpus-* "$data"/files-* "$data"/glossary-* "$data"/patterns-* "$data"/prh-* "$data"/.generated-*
  "$gen" "$data" --sizes "$sizes" --glossaries "$glossaries" --seed 6
  touch "$stamp"
fi

# textlint + prh, into a temporary folder.
textlint_dir=$(mktemp -d -t termlint-bench-textlint.XXXXXX)
cleanup+=("$textlint_dir")
trap 'rm -rf "${cleanup[@]}"' EXIT
textlint_arg=()
if command -v npm >/dev/null && (cd "$textlint_dir" && npm install --silent --no-audit --no-fund textlint textlint-rule-prh >/dev/null 2>&1); then
  textlint_arg=(--textlint "$textlint_dir")
else
  note "textlint/textlint-rule-prh unavailable (npm missing or offline): textlint runs skipped"
fi

note "running ($mode mode; load: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 benches/support/bench.py --mode "$mode" --data "$data" --termlint "$termlint" \
  --sizes "$sizes" --glossaries "$glossaries" \
  --runs "${TERMLINT_BENCH_RUNS:-3}" --timeout "${TERMLINT_BENCH_TIMEOUT:-120}" \
  --results benches/RESULTS.md "${textlint_arg[@]}"
note "written to benches/RESULTS.md"
