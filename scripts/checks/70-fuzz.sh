#!/usr/bin/env bash
# Runs every cargo-fuzz target of the workspace for a bounded time.
#
# Targets are discovered, not listed: every `crates/*/fuzz/Cargo.toml` is a
# cargo-fuzz project, and `cargo fuzz list` names its targets, so a new
# project or target is fuzzed here without editing this file.
#
# Each target's corpus lives outside the repository, in a cache directory
# kept between runs (on one machine; a CI that caches ~/.cache/ramz keeps it
# across machines), so each run starts where the last one stopped. A committed seed corpus, `crates/<crate>/fuzz/corpus/<target>/`,
# is read as a second corpus directory; libFuzzer writes new inputs only to
# the first one, the cache. A crash, a leak, a timeout or running out of
# memory fails the check and prints the reproducer's path.
#
# Environment:
#   RAMZ_FUZZ_BUDGET       total seconds of fuzzing, split evenly over the
#                          targets (default 240; building is extra)
#   RAMZ_FUZZ_MIN_SECONDS  floor per target, however many there are (default 20)
#   RAMZ_FUZZ_SECONDS      seconds per target, overriding both
#   RAMZ_FUZZ_CORPUS       corpus cache (default ~/.cache/ramz/fuzz-corpus)
#   RAMZ_FUZZ_TIMEOUT      seconds one input may take before it counts as a
#                          hang (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "fuzz: FAIL: $*" >&2; exit 1; }
command -v rustup >/dev/null || fail "rustup not found (run scripts/install-deps.sh)"
rustup run nightly rustc --version >/dev/null 2>&1 || fail "no nightly toolchain (run scripts/install-deps.sh)"
cargo +nightly fuzz --version >/dev/null 2>&1 || fail "cargo-fuzz not found (run scripts/install-deps.sh)"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
corpus_root="${RAMZ_FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/ramz/fuzz-corpus}"
timeout="${RAMZ_FUZZ_TIMEOUT:-20}"

# Every (project, target) pair, as "crate-dir target".
projects=()
targets=()
for manifest in crates/*/fuzz/Cargo.toml; do
  [ -e "$manifest" ] || continue
  dir="$(dirname "$manifest")"
  projects+=("$dir")
  list="$(cargo +nightly fuzz list --fuzz-dir "$dir")" || fail "cargo fuzz list failed in $dir"
  [ -n "$list" ] || fail "$dir has no fuzz targets"
  for t in $list; do targets+=("$dir $t"); done
done
[ ${#targets[@]} -gt 0 ] || fail "no cargo-fuzz project found under crates/*/fuzz"

if [ -n "${RAMZ_FUZZ_SECONDS:-}" ]; then
  seconds="$RAMZ_FUZZ_SECONDS"
else
  seconds=$(( ${RAMZ_FUZZ_BUDGET:-240} / ${#targets[@]} ))
  min="${RAMZ_FUZZ_MIN_SECONDS:-20}"
  [ "$seconds" -ge "$min" ] || seconds="$min"
fi
echo "fuzz: ${#targets[@]} targets in ${#projects[@]} projects, ${seconds} s each; corpora in $corpus_root"

# Build first, so that compiling does not eat into the fuzzing time. Each
# project keeps its own lock file; --locked is not a `cargo fuzz` option,
# so the check below catches a lock file that the build had to change.
for dir in "${projects[@]}"; do
  echo "-- build $dir"
  cargo +nightly fuzz build --fuzz-dir "$dir" --target-dir "$CARGO_TARGET_DIR/fuzz/$(basename "$(dirname "$dir")")"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --error-unmatch "$dir/Cargo.lock" >/dev/null 2>&1 || fail "$dir/Cargo.lock is not committed"
    git diff --quiet -- "$dir/Cargo.lock" ||
      fail "$dir/Cargo.lock was out of date (the build updated it): commit the update"
  fi
done

failed=()
for entry in "${targets[@]}"; do
  dir="${entry% *}"
  target="${entry#* }"
  crate="$(basename "$(dirname "$dir")")"
  corpus="$corpus_root/$crate/$target"
  mkdir -p "$corpus"
  dirs=("$corpus")
  [ -d "$dir/corpus/$target" ] && dirs+=("$dir/corpus/$target")
  artifacts="$dir/artifacts/$target"
  mkdir -p "$artifacts"
  marker="$(mktemp)"
  before="$(find "$corpus" -type f | wc -l)"
  echo "-- $crate/$target: ${seconds} s (corpus: $before inputs${dirs[1]:+, seeds from ${dirs[1]}})"
  status=0
  cargo +nightly fuzz run --fuzz-dir "$dir" --target-dir "$CARGO_TARGET_DIR/fuzz/$crate" \
    "$target" "${dirs[@]}" -- \
    -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 \
    >"$marker.log" 2>&1 || status=$?
  # libFuzzer's last lines: the stats, or the crash report.
  grep -E '^(stat::(number_of_executed_units|peak_rss_mb|new_units_added)|==[0-9]+==|SUMMARY|Done )' "$marker.log" | sed 's/^/   /' || true
  new_artifacts="$(find "$artifacts" -type f -newer "$marker" 2>/dev/null || true)"
  if [ "$status" -ne 0 ] || [ -n "$new_artifacts" ]; then
    tail -40 "$marker.log"
    for a in $new_artifacts; do
      echo "fuzz: $crate/$target: reproducer $a"
      echo "fuzz:   rerun (from the repository root): cargo +nightly fuzz run --fuzz-dir $dir $target $a"
    done
    [ -n "$new_artifacts" ] || echo "fuzz: $crate/$target: exit $status without an artifact"
    failed+=("$crate/$target")
  else
    echo "   corpus: $before -> $(find "$corpus" -type f | wc -l) inputs"
  fi
  rm -f "$marker" "$marker.log"
done

[ ${#failed[@]} -eq 0 ] || fail "${failed[*]}"
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s without a finding"
