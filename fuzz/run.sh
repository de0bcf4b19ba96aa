#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each (default 600).
# Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags.
#   fuzz/run.sh                 # all targets, 10 minutes each
#   SECONDS_EACH=60 fuzz/run.sh check_then_fix
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
seconds="${SECONDS_EACH:-600}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi
cargo fuzz build --fuzz-dir fuzz -O
failed=()
for target in "${targets[@]}"; do
    echo "== $target (${seconds}s)"
    mkdir -p "fuzz/corpus/$target"
    seeds="fuzz/seeds/$target"
    extra=()
    [ -d "$seeds" ] && extra+=("$seeds")
    # A crash stops this target only; its input is kept in fuzz/artifacts/$target/.
    cargo fuzz run --fuzz-dir fuzz -O "$target" "fuzz/corpus/$target" "${extra[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
        || failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "all fuzz targets ran ${seconds}s each without a crash"
