#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Roster build benchmarks (whole process, hyperfine): a year for 60 people in 3 groups (balanced),
# the example office's month and quarter, and a rotation year; /bin/true is the process floor.
# usage: tests/perf/roster_bench.sh [BUILD_DIR]   (default: build-release, configured here in Release)
set -euo pipefail
. "$(dirname "$0")/common.sh" "${1:-}"
python3 "$src/tests/perf/gen_roster.py" "$work/year60.yaml" --people 60 --days 365 --groups 3
python3 "$src/tests/perf/gen_roster.py" "$work/year60-rotation.yaml" --people 60 --days 365 --groups 3 --strategy rotation
for f in year60 year60-rotation; do "$duty" roster build "$work/$f.yaml" -o "$work/$f.json"; done
"$duty" roster stats "$work/year60.yaml" "$work/year60.json" --format json >"$work/stats.json"
python3 - "$work/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print("year60 fairness: deviation", s["deviation"], "lower bound", s["optimum"], "optimal:", s["optimal"])
PY
hyperfine --warmup 2 --runs 15 -N --export-markdown "$work/roster.md" \
  -n 'floor: /bin/true' '/bin/true' \
  -n 'balanced: a year, 60 people, 3 groups' "$duty roster build $work/year60.yaml -o $work/out1.json" \
  -n 'balanced: example office, January' "$duty roster build $src/examples/zeku/roster.yaml --to 2027-01-31 -o $work/out2.json" \
  -n 'balanced: example office, a quarter' "$duty roster build $src/examples/zeku/roster.yaml -o $work/out3.json" \
  -n 'rotation: a year, 60 people' "$duty roster build $work/year60-rotation.yaml -o $work/out4.json"
cat "$work/roster.md"
