#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes deterministic roster specs for the benchmarks: same arguments, same bytes.

usage: gen_roster.py OUT.yaml [--people N] [--days N] [--groups 3] [--strategy balanced|rotation] [--seed S]
"""
import argparse
import datetime
import random

# A year of Chinese public holidays in the usual pattern; exact dates do not matter for timing.
HOLIDAYS = [("2027-01-01", "2027-01-01", "元旦"), ("2027-02-05", "2027-02-12", "春节"),
            ("2027-04-05", "2027-04-05", "清明"), ("2027-05-01", "2027-05-05", "劳动节"),
            ("2027-06-09", "2027-06-09", "端午"), ("2027-09-15", "2027-09-15", "中秋"),
            ("2027-10-01", "2027-10-07", "国庆")]
WORKDAYS = ["2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"]
GROUPS = [("leader", "带班领导", "leaders", 1), ("officer", "值班员", "staff", 2), ("driver", "驾驶员", "drivers", 1),
          ("radio", "通信员", "radio", 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--people", type=int, default=60)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--groups", type=int, default=3)
    ap.add_argument("--strategy", default="balanced")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = datetime.date(2027, 1, 1)
    end = start + datetime.timedelta(days=args.days - 1)
    groups = GROUPS[:args.groups]
    # Staff (two per shift) get twice the people of the other groups.
    sizes = [c for (_, _, _, c) in groups]
    total = sum(sizes)
    lines = ["timezone: Asia/Shanghai", 'handover: "08:30"',
             f"period: {{from: {start}, to: {end}}}", "slots:"]
    for sid, name, group, count in groups:
        lines.append(f"  - {{id: {sid}, name: {name}, group: {group}, count: {count}}}")
    lines.append("people:")
    n = 0
    for (sid, _, group, count) in groups:
        members = max(count * 4, round(args.people * count / total))
        for i in range(members):
            n += 1
            pid = f"{group}-{i + 1:03d}"
            extra = []
            if rng.random() < 0.1:
                extra.append("weight: 0.5")
            leave = []
            for _ in range(rng.randint(0, 3)):
                a = start + datetime.timedelta(days=rng.randrange(args.days))
                b = a + datetime.timedelta(days=rng.randint(0, 9))
                leave.append(f"{a}..{min(b, end)}")
            if leave:
                extra.append("unavailable: [" + ", ".join(leave) + "]")
            tail = (", " + ", ".join(extra)) if extra else ""
            lines.append(f"  - {{id: {pid}, name: 值班人员{n}, groups: [{group}], phone: \"139{n:08d}\"{tail}}}")
    lines.append("holidays:")
    for a, b, name in HOLIDAYS:
        lines.append(f"  - {{dates: {a}..{b}, name: {name}}}")
    lines.append("workdays: [" + ", ".join(WORKDAYS) + "]")
    lines += ["rules:", "  min_rest_days: 2", f"strategy: {args.strategy}", f"seed: {args.seed}", ""]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
