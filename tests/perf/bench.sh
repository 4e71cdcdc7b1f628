#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every performance target of duty in one table, each beside its reference measured in the same run
# (/bin/true, the sqlite3 shell, CBC), plus how cost grows at 1x, 4x and 16x (docs/performance.md).
# usage: tests/perf/bench.sh [--quick] [--pg] [--duty BIN [--micro BIN]] [--keep DIR]
#   --pg starts a throwaway PostgreSQL server (pg_virtualenv, as root) for the PostgreSQL rows, which
#   otherwise run only when DUTY_TEST_PG names a server.
#   Without --duty it configures and builds a Release tree in build-bench/ (with the in-process
#   benchmarks when Google Benchmark is installed) and measures that. Needs hyperfine and sqlite3;
#   exits 77 (skipped) without them. Timings never fail it: only a broken step does.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
args=()
duty=""
pg=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duty) duty=$2; args+=("$1" "$2"); shift 2 ;;
    --pg) pg=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$duty" ]; then
  build="$src/build-bench"
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DDUTY_BUILD_TESTS=OFF -DDUTY_BUILD_BENCHMARKS=ON \
    "${launcher[@]}" >/dev/null
  cmake --build "$build" -j2 >/dev/null
  args+=(--duty "$build/cli/duty")
  if [ -x "$build/tests/perf/micro/duty_micro" ]; then args+=(--micro "$build/tests/perf/micro/duty_micro"); fi
fi
if [ "$pg" = 1 ]; then
  exec env PGPORT=54330 pg_virtualenv -t env DUTY_TEST_PG="dbname=postgres" python3 "$src/tests/perf/bench.py" "${args[@]}"
fi
exec python3 "$src/tests/perf/bench.py" "${args[@]}"
