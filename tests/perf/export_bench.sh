#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Roster export benchmarks (whole process, hyperfine). `roster build` solves before it renders, so
# each export is timed against `--format json` on the same spec: the difference is the renderer.
# A rotation year (60 people, 3 groups, solved in a few ms) keeps the solver out of the way.
# usage: tests/perf/export_bench.sh [BUILD_DIR]   (default: build-release, configured here in Release)
set -euo pipefail
. "$(dirname "$0")/common.sh" "${1:-}"
python3 "$src/tests/perf/gen_roster.py" "$work/year.yaml" --people 60 --days 365 --groups 3 --strategy rotation
for f in json ics html csv md; do "$duty" roster build "$work/year.yaml" -o "$work/year.$f"; done
wc -c "$work"/year.* | sed "s|$work/||"
hyperfine --warmup 3 --runs 30 -N --export-markdown "$work/exports.md" \
  -n 'floor: /bin/true' '/bin/true' \
  -n 'year: json (solve + plan)' "$duty roster build $work/year.yaml --format json -o $work/o.json" \
  -n 'year: ics' "$duty roster build $work/year.yaml --format ics -o $work/o.ics" \
  -n 'year: ics, one person' "$duty roster build $work/year.yaml --format ics --person staff-001 -o $work/p.ics" \
  -n 'year: html' "$duty roster build $work/year.yaml --format html -o $work/o.html" \
  -n 'year: csv' "$duty roster build $work/year.yaml --format csv -o $work/o.csv" \
  -n 'year: md' "$duty roster build $work/year.yaml --format md -o $work/o.md"
cat "$work/exports.md"
