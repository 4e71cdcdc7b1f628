#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Daily bulletin and handover record benchmarks (whole process, hyperfine) on a store of 100,000
# incidents and 500,000 events built from generated data, with a few open incidents, pending items,
# instructions and notes on the day measured.
# usage: tests/perf/bulletin_bench.sh [BUILD_DIR] [COUNT]   (defaults: build-release, 100000)
set -euo pipefail
. "$(dirname "$0")/common.sh" "${1:-}"
count=${2:-100000}
python3 "$src/tests/perf/gen_incidents.py" "$work/incidents.yaml" --count "$count"
"$duty" init "$work/big" >/dev/null
echo "building a store of $count incidents (YAML import, not timed here)"
"$duty" --office "$work/big" incident import "$work/incidents.yaml"
o="--office $work/big"
for i in 1 2 3 4 5; do
  id=$("$duty" $o incident add --title "open $i" --category fire --received "2026-11-28 1$i:00" --deaths 1)
  "$duty" $o incident instruct "$id" --from 县长 --text "批示 $i" --at "2026-11-28 1$i:30" >/dev/null
  "$duty" $o todo add "待办 $i" --at "2026-11-28 1$i:40" >/dev/null
  "$duty" $o note add "备注 $i" --at "2026-11-28 1$i:50" >/dev/null
done
hyperfine --warmup 2 --runs 20 -N --export-markdown "$work/bulletins.md" \
  -n 'floor: /bin/true' '/bin/true' \
  -n 'daily, a busy past day (100k store)' "$duty $o daily --date 2026-06-01" \
  -n 'daily, today-ish with open incidents (100k)' "$duty $o daily --date 2026-11-28" \
  -n 'daily --format html (100k)' "$duty $o daily --date 2026-06-01 --format html" \
  -n 'handover (100k)' "$duty $o handover --at '2026-11-29 08:30'" \
  -n 'handover --format html (100k)' "$duty $o handover --at '2026-11-29 08:30' --format html" || true
cat "$work/bulletins.md"
