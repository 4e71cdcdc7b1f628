#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a deterministic incident import file (CSV or YAML) for the benchmarks.

usage: gen_incidents.py OUT.csv|OUT.yaml [--count N] [--seed S] [--end 2026-11-01]
Incidents are spread over the year before --end, so none is in the future; in YAML each incident
also gets follow-ups and escalations, to reach about five events per incident.
"""
import argparse
import csv
import datetime
import random

CATEGORIES = ["flood", "geological", "forest-fire", "earthquake", "snow-disaster", "road-traffic", "construction",
              "hazmat", "special-equipment", "farm-machinery", "fire", "mining", "public-health", "mass-incident"]
PLACES = ["泽曲镇", "麦秀镇", "和日镇", "宁秀乡", "王家乡", "西卜沙乡", "多禾茂乡"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--end", default="2026-11-01")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    end = datetime.datetime.fromisoformat(args.end + "T00:00:00+08:00")
    start = end - datetime.timedelta(days=365)
    span = int((end - start).total_seconds()) - 86400
    rows = []
    for i in range(args.count):
        received = start + datetime.timedelta(seconds=rng.randrange(span))
        occurred = received - datetime.timedelta(minutes=rng.randint(5, 90))
        deaths = rng.choice([0] * 20 + [1, 2, 3])
        rows.append({"title": f"{rng.choice(PLACES)}事件{i + 1}", "category": rng.choice(CATEGORIES),
                     "severity": rng.choice(["", "IV", "IV", "III"]),
                     "occurred": occurred.isoformat(), "received": received.isoformat(),
                     "location": rng.choice(PLACES), "source": "乡镇值班室", "deaths": deaths,
                     "injured": rng.randint(0, 5), "loss": rng.choice([0, 5, 12.5, 80]),
                     "note": "现场情况正在核实"})
    rows.sort(key=lambda r: r["received"])
    if args.out.endswith(".csv"):
        with open(args.out, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("incidents:\n")
        for r in rows:
            f.write(f"  - {{title: {r['title']}, category: {r['category']}, received: \"{r['received']}\", "
                    f"occurred: \"{r['occurred']}\", location: {r['location']}, deaths: {r['deaths']}, "
                    f"injured: {r['injured']}, loss: {r['loss']}")
            if r["severity"]:
                f.write(f", severity: {r['severity']}")
            received = datetime.datetime.fromisoformat(r["received"])
            t1 = (received + datetime.timedelta(minutes=20)).isoformat()
            t2 = (received + datetime.timedelta(minutes=50)).isoformat()
            t3 = (received + datetime.timedelta(minutes=90)).isoformat()
            f.write(f", updates: [{{at: \"{t1}\", note: 续报, injured: {r['injured'] + 1}}}]")
            f.write(f", escalations: [{{to: prefecture, via: phone, at: \"{t1}\"}}, "
                    f"{{to: prefecture, via: written, at: \"{t2}\"}}]")
            f.write(f", closed: {{at: \"{t3}\", note: 终报}}}}\n")


if __name__ == "__main__":
    main()
