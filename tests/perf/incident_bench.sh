#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Incident log benchmarks (whole process, hyperfine) on a store of 100,000 incidents and 500,000
# events built from generated data: add, list, overdue, show, import and log verify.
# usage: tests/perf/incident_bench.sh [BUILD_DIR] [COUNT]   (defaults: build-release, 100000)
set -euo pipefail
. "$(dirname "$0")/common.sh" "${1:-}"
count=${2:-100000}
python3 "$src/tests/perf/gen_incidents.py" "$work/incidents.csv" --count "$count"
python3 "$src/tests/perf/gen_incidents.py" "$work/incidents.yaml" --count "$count"
"$duty" init "$work/big" --locale en >/dev/null
echo "building a store of $count incidents, $((count * 5)) events (YAML import, not timed here)"
"$duty" --office "$work/big" incident import "$work/incidents.yaml"
cp -r "$work/big" "$work/pristine"
mid=$("$duty" --office "$work/big" incident list --from 2026-06-01 --to 2026-06-02 --format csv | sed -n 2p | cut -d, -f1)
"$duty" init "$work/empty" --locale en >/dev/null
hyperfine --warmup 2 --runs 10 -N --export-markdown "$work/incidents.md" \
  -n 'floor: /bin/true' '/bin/true' \
  -n 'incident add (100k store)' "$duty --office $work/big incident add --title bench --category fire --received -1m" \
  -n 'incident list --open (100k)' "$duty --office $work/big incident list --open --format json" \
  -n 'incident list, one day (100k)' "$duty --office $work/big incident list --from 2026-06-01 --to 2026-06-02 --format json" \
  -n 'incident overdue (100k)' "$duty --office $work/big incident overdue --format json" \
  -n 'incident show (100k)' "$duty --office $work/big incident show $mid --format json" \
  -n 'log verify (500k events)' "$duty --office $work/big log verify" \
  -n 'incident list, all 100k as JSON' "$duty --office $work/big incident list --format json" \
  --prepare 'true' || true
hyperfine --runs 5 -N --export-markdown "$work/import.md" \
  --prepare "rm -f $work/empty/duty.db $work/empty/duty.db-wal $work/empty/duty.db-shm" \
  -n "incident import $count (CSV)" "$duty --office $work/empty incident import $work/incidents.csv"
cat "$work/incidents.md" "$work/import.md"
