#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Roster publishing benchmarks (whole process, hyperfine): `duty who` with a year published,
# publishing a year (60 people, 3 groups) into a fresh store, and re-planning the rest of the year
# after new leave; /bin/true is the process floor.
# usage: tests/perf/publish_bench.sh [BUILD_DIR]   (default: build-release, configured here in Release)
set -euo pipefail
. "$(dirname "$0")/common.sh" "${1:-}"
mkdir -p "$work/office"
cat >"$work/office/office.yaml" <<'YAML'
office: {name: Bench, timezone: Asia/Shanghai}
roster: year60.yaml
YAML
python3 "$src/tests/perf/gen_roster.py" "$work/office/year60.yaml" --people 60 --days 365 --groups 3
# The same spec with a month of new leave for three officers from July: what replan must honour.
python3 - "$work/office/year60.yaml" "$work/office/year60-leave.yaml" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if any(f"{{id: {pid}," in line for pid in ("staff-001", "staff-002", "staff-003")):
        if "unavailable: [" in line:
            lines[i] = line.replace("unavailable: [", "unavailable: [2027-07-01..2027-07-31, ")
        else:
            lines[i] = line[:-1] + ", unavailable: [2027-07-01..2027-07-31]}"
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
export DUTY_OFFICE="$work/office"
"$duty" roster publish --format json >/dev/null 2>&1
"$duty" who --at "2027-06-15 12:00" --format json
hyperfine --warmup 3 --runs 30 -N --export-markdown "$work/who.md" \
  -n 'floor: /bin/true' '/bin/true' \
  -n 'who, a year published' "$duty who --at '2027-06-15 12:00'"
hyperfine --warmup 1 --runs 5 --export-markdown "$work/publish.md" \
  --prepare "rm -f $work/office/duty.db $work/office/duty.db-wal $work/office/duty.db-shm" \
  -n 'publish a year into a fresh store' "$duty roster publish --format json >/dev/null 2>&1"
cp "$work/office/year60.yaml" "$work/office/year60-orig.yaml"
hyperfine --warmup 1 --runs 5 --export-markdown "$work/replan.md" \
  --prepare "rm -f $work/office/duty.db*; cp $work/office/year60-orig.yaml $work/office/year60.yaml; $duty roster publish --format json >/dev/null 2>&1; cp $work/office/year60-leave.yaml $work/office/year60.yaml" \
  -n 'replan 2027-06-01 to the end of the year' "$duty roster replan --from 2027-06-01 --format json >/dev/null 2>&1"
"$duty" roster replan --from 2027-06-01 --format json 2>&1 | tail -1
cat "$work/who.md" "$work/publish.md" "$work/replan.md"
