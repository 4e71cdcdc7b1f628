#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (clang, -DDUTY_FUZZ=ON) and runs each for SECONDS:
#   tests/fuzz/run.sh SECONDS [TARGET...]     e.g. tests/fuzz/run.sh 30   or   tests/fuzz/run.sh 600 time_expr
# Targets are the NAME of every tests/fuzz/NAME_fuzzer.cpp (all of them when none are named). Each
# starts from its seed corpus tests/fuzz/corpus/NAME/ and grows a working copy in the build folder,
# never in the source tree. An input that crashes is saved as BUILD/fuzz-artifacts/NAME/crash-*; copy
# it into tests/fuzz/corpus/NAME/ (as regression-WHAT) with the fix so CTest replays it for ever.
# Exit 0 when every target ran clean, 1 when any crashed. DUTY_FUZZ_BUILD names the build folder
# (default build-fuzz beside this tree); DUTY_FUZZ_JOBS the build's parallelism (default 2);
# DUTY_FUZZ_NO_BUILD=1 runs the targets as already built (while that folder is busy building).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: tests/fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
build=${DUTY_FUZZ_BUILD:-$root/build-fuzz}
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in "$here"/*_fuzzer.cpp; do
    name=$(basename "$f" _fuzzer.cpp)
    targets+=("$name")
  done
fi
for t in "${targets[@]}"; do
  if [ ! -f "$here/${t}_fuzzer.cpp" ]; then
    echo "run.sh: no fuzz target '$t' (no tests/fuzz/${t}_fuzzer.cpp)" >&2
    exit 2
  fi
done

if [ -z "${DUTY_FUZZ_NO_BUILD:-}" ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DDUTY_FUZZ=ON
  fi
  cmake --build "$build" -j"${DUTY_FUZZ_JOBS:-2}" --target "${targets[@]/%/_fuzzer}"
fi

# Leaks count as bugs; a stack overflow in a parser too. Inputs are limited to 64 KiB so a run
# explores structure rather than size (size limits have their own e2e tests).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# The targets run side by side, DUTY_FUZZ_PARALLEL at a time (default: one per core); each
# reports when it ends.
run_target() {
  local t=$1 corpus="$build/fuzz-corpus/$1" artifacts="$build/fuzz-artifacts/$1"
  mkdir -p "$corpus" "$artifacts"
  if "$build/tests/fuzz/${t}_fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$here/corpus/$t" \
      >"$build/fuzz-$t.log" 2>&1; then
    echo "=== $t: clean ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$t.log" |
                            grep -o '[0-9]*$') runs in ${seconds}s)"
  else
    echo "=== $t: FAILED; log $build/fuzz-$t.log, input in $artifacts/"
    grep -m20 -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$build/fuzz-$t.log" || tail -20 "$build/fuzz-$t.log"
    return 1
  fi
}
parallel=${DUTY_FUZZ_PARALLEL:-$(nproc)}
declare -A running=()
failed=()
reap() {  # waits for one target to end and notes it if it failed
  local pid
  wait -n -p pid "${!running[@]}" || failed+=("${running[$pid]}")
  unset "running[$pid]"
}
for t in "${targets[@]}"; do
  while [ ${#running[@]} -ge "$parallel" ]; do reap; done
  run_target "$t" &
  running[$!]=$t
done
while [ ${#running[@]} -gt 0 ]; do reap; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran ${seconds}s each, clean"
