# SPDX-License-Identifier: Apache-2.0
"""`duty roster build --format ics|html|csv|md`: the exports of docs/exports.md.

The calendar is read back with python3-icalendar (Debian package), a real RFC 5545 parser.
"""
import csv
import datetime
import html.parser
import io
import json
import re
import unittest

import icalendar

from harness import DATA, EXAMPLES, DutyTest

EXAMPLE = EXAMPLES / "zeku" / "roster.yaml"
SMALL = DATA / "roster" / "small.yaml"  # Europe/London across the start of summer time 2027

HOSTILE_SPEC = """\
timezone: Asia/Shanghai
locale: zh-CN
title: "值班表 <b>&\\"'"
period: {from: 2027-01-01, to: 2027-01-06}
slots:
  - {id: leader, name: 带班领导, group: leaders}
people:
  - {id: evil, name: "<script>&\\"'", groups: [leaders], phone: "=1+2"}
  - {id: good, name: "Good, Person; \\\\x", groups: [leaders], phone: "@123"}
"""


class Page(html.parser.HTMLParser):
    """Tags and text of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.classes = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.classes.extend((dict(attrs).get("class") or "").split())

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


class ExportTest(DutyTest):
    plans = {}

    def build(self, spec, *args, code=0):
        r = self.duty("roster", "build", spec, *args)
        self.assertExit(r, code)
        return r

    def plan(self, spec):
        key = str(spec)
        if key not in ExportTest.plans:
            ExportTest.plans[key] = self.build(spec, "--format", "json").json()
        return ExportTest.plans[key]

    def build_bytes(self, spec, name, *args):
        """Builds to -o NAME and returns the bytes written (exports are byte-exact: CRLF, BOM)."""
        self.build(spec, "-o", name, *args)
        return (self.tmp / name).read_bytes()

    def calendar(self, spec, *args):
        data = self.build_bytes(spec, "roster.ics", *args)
        return data, icalendar.Calendar.from_ical(data)

    # ICS

    def test_ics_loads_in_a_real_parser_with_one_event_per_shift(self):
        data, cal = self.calendar(EXAMPLE)
        plan = self.plan(EXAMPLE)
        names = {p["id"]: p["name"] for p in plan["people"]}
        self.assertEqual((str(cal["VERSION"]), str(cal["METHOD"]), str(cal["CALSCALE"])),
                         ("2.0", "PUBLISH", "GREGORIAN"))
        self.assertIn("PRODID", cal)
        events = cal.walk("VEVENT")
        self.assertEqual(len(events), 90)
        self.assertEqual([str(t["TZID"]) for t in cal.walk("VTIMEZONE")], ["Asia/Shanghai"])
        for event, shift in zip(events, plan["shifts"]):
            start = event["DTSTART"]
            self.assertEqual(start.params["TZID"], "Asia/Shanghai")
            self.assertEqual(start.dt.isoformat(), shift["start"])
            self.assertEqual(event["DTEND"].dt.isoformat(), shift["end"])
            leader = names[shift["assignments"]["leader"][0]]
            officers = "、".join(names[i] for i in shift["assignments"]["officer"])
            self.assertEqual(str(event["SUMMARY"]), f"带班领导：{leader}；值班员：{officers}")
            self.assertIn("13909730", str(event["DESCRIPTION"]))
            self.assertEqual(int(event["SEQUENCE"]), 0)
        self.assertEqual(len({str(e["UID"]) for e in events}), 90)
        text = data.decode("utf-8")
        self.assertNotIn("\n", text.replace("\r\n", ""))
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75, line)
            line.decode("utf-8")  # every physical line is whole UTF-8: no character split by a fold

    def test_ics_across_a_dst_change_has_a_23_hour_shift(self):
        _, cal = self.calendar(SMALL)
        events = {e["DTSTART"].dt.date().isoformat(): e for e in cal.walk("VEVENT")}
        self.assertEqual(len(events), 10)
        tz = cal.walk("VTIMEZONE")[0]
        self.assertEqual(str(tz["TZID"]), "Europe/London")
        self.assertIn("DAYLIGHT", [c.name for c in tz.subcomponents])
        self.assertIn("STANDARD", [c.name for c in tz.subcomponents])

        def hours(event):
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            return (end.astimezone(datetime.timezone.utc) - start.astimezone(datetime.timezone.utc)) / datetime.timedelta(hours=1)

        self.assertEqual(hours(events["2027-03-27"]), 23)
        self.assertEqual(hours(events["2027-03-28"]), 24)
        self.assertEqual(events["2027-03-28"]["DTSTART"].dt.utcoffset(), datetime.timedelta(hours=1))
        self.assertEqual(events["2027-03-27"]["DTSTART"].dt.utcoffset(), datetime.timedelta(0))

    def test_ics_for_one_person_has_their_duties_only(self):
        plan = self.plan(EXAMPLE)
        duties = [s for s in plan["shifts"] if "tashi" in s["assignments"]["officer"]]
        _, cal = self.calendar(EXAMPLE, "--person", "tashi")
        events = cal.walk("VEVENT")
        self.assertEqual(len(events), len(duties))
        self.assertGreater(len(events), 5)
        for event, shift in zip(events, duties):
            self.assertEqual(str(event["SUMMARY"]), "值班员：扎西")
            self.assertEqual(event["DTSTART"].dt.isoformat(), shift["start"])
            self.assertTrue(str(event["UID"]).startswith(shift["date"].replace("-", "") + "-officer-tashi."))

    def test_ics_uids_survive_a_changed_roster(self):
        _, first = self.calendar(EXAMPLE)
        spec = self.write("reseeded.yaml", EXAMPLE.read_text(encoding="utf-8").replace("seed: 1", "seed: 2"))
        _, second = self.calendar(spec)
        a, b = first.walk("VEVENT"), second.walk("VEVENT")
        self.assertEqual([str(e["UID"]) for e in a], [str(e["UID"]) for e in b])
        self.assertNotEqual([str(e["SUMMARY"]) for e in a], [str(e["SUMMARY"]) for e in b])

    def test_ics_escapes_text(self):
        spec = self.write("hostile.yaml", HOSTILE_SPEC)
        data, cal = self.calendar(spec)
        summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
        self.assertIn("带班领导：Good, Person; \\x", summaries)
        self.assertIn(b"Good\\, Person\\; \\\\x", data)

    # HTML

    def test_html_is_a_calendar_page_per_month_with_duties_and_phones(self):
        text = self.build(EXAMPLE, "--format", "html").out
        page = parse_html(text)
        self.assertEqual(page.tags.count("section"), 3)
        self.assertEqual(page.tags.count("table"), 3)
        body = "".join(page.text)
        for month in ("2027年1月", "2027年2月", "2027年3月"):
            self.assertIn(month, body)
        self.assertIn("泽库县应急管理局值班表", body)
        plan = self.plan(EXAMPLE)
        for person in plan["people"]:
            self.assertIn(person["name"], body)
            self.assertIn(person["phone"], body)
        self.assertEqual(page.classes.count("holiday"), 9)
        self.assertEqual(page.classes.count("makeup"), 2)  # the cell and its tag on 2027-02-20
        self.assertEqual(page.classes.count("weekend"), 23)
        self.assertIn("春节", body)
        self.assertIn("调休上班", body)
        self.assertRegex(text, r"@page\s*\{\s*size:\s*A4 landscape")
        self.assertNotRegex(text, r"(src|href)=|@import|url\(")

    def test_html_escapes_every_value(self):
        spec = self.write("hostile.yaml", HOSTILE_SPEC)
        text = self.build(spec, "--format", "html").out
        page = parse_html(text)
        self.assertNotIn("script", page.tags)
        self.assertNotIn("b", page.tags)
        self.assertIn("<script>&\"'", page.text)
        self.assertIn("值班表 <b>&\"'", page.text)
        self.assertIn("&lt;script&gt;&amp;&quot;&#39;", text)

    # CSV and Markdown

    def test_csv_has_a_row_per_shift_and_parses(self):
        data = self.build_bytes(EXAMPLE, "roster.csv")
        self.assertFalse(data.startswith(b"\xef\xbb\xbf"))
        self.assertTrue(data.endswith(b"\r\n"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        self.assertEqual(rows[0], ["日期", "星期", "类型", "节日", "带班领导", "带班领导电话", "值班员", "值班员电话"])
        self.assertEqual(len(rows), 91)
        self.assertEqual(rows[1][:4], ["2027-01-01", "周五", "节假日", "元旦"])
        plan = self.plan(EXAMPLE)
        names = {p["id"]: p["name"] for p in plan["people"]}
        phones = {p["id"]: p["phone"] for p in plan["people"]}
        for row, shift in zip(rows[1:], plan["shifts"]):
            officers = shift["assignments"]["officer"]
            self.assertEqual(row[6], "、".join(names[i] for i in officers))
            self.assertEqual(row[7], "、".join(phones[i] for i in officers))
        feb20 = next(r for r in rows if r[0] == "2027-02-20")
        self.assertEqual(feb20[2], "调休上班")

    def test_csv_bom_and_neutralised_cells(self):
        spec = self.write("hostile.yaml", HOSTILE_SPEC)
        data = self.build_bytes(spec, "out.csv", "--bom")
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        cells = {c for row in rows[1:] for c in row}
        for cell in ("'=1+2", "'@123", "<script>&\"'"):
            self.assertIn(cell, cells)
        self.assertIn("Good, Person; \\x", cells)

    def test_markdown_table(self):
        text = self.build(EXAMPLE, "--format", "md").out
        rows = [line for line in text.splitlines() if line.startswith("|")]
        self.assertEqual(len(rows), 2 + 90)
        self.assertEqual(rows[0], "| 日期 | 星期 | 类型 | 带班领导 | 值班员 |")
        self.assertTrue(rows[2].startswith("| 2027-01-01 | 周五 | 节假日 元旦 | "), rows[2])
        spec = self.write("hostile.yaml", HOSTILE_SPEC)
        text = self.build(spec, "--format", "md").out
        self.assertIn("\\<script\\>\\&\"'", text)
        for line in text.splitlines():
            if line.startswith("|"):
                self.assertEqual(len(re.findall(r"(?<!\\)\|", line)), 5, line)

    def test_table_names_a_make_up_workday_as_the_other_exports_do(self):
        rows = {line.split()[0]: line.split() for line in self.build(EXAMPLE, "--format", "table").out.splitlines()}
        # 2027-02-20 is a Saturday worked for the Spring Festival break; 02-21 an ordinary Sunday.
        self.assertEqual(rows["2027-02-20"][1:3], ["周六", "调休上班"])
        self.assertEqual(rows["2027-02-21"][1:3], ["周日", "周末"])
        self.assertEqual(rows["2027-02-07"][1:4], ["周日", "节假日", "春节"])
        self.assertEqual(rows["2027-02-22"][1:3], ["周一", "工作日"])
        english = self.write("en.yaml", EXAMPLE.read_text(encoding="utf-8").replace("locale: zh-CN", "locale: en"))
        rows = {line.split()[0]: line for line in self.build(english, "--format", "table").out.splitlines()}
        self.assertRegex(rows["2027-02-20"], r"^2027-02-20\s+Sat\w*\s+make-up workday\s")

    # Options

    def test_output_extension_selects_the_format(self):
        for name, check in (("r.ics", lambda b: b.startswith(b"BEGIN:VCALENDAR\r\n")),
                            ("r.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
                            ("r.csv", lambda b: b.startswith("日期,".encode())),
                            ("r.md", lambda b: b.startswith(b"# ")),
                            ("r.json", lambda b: json.loads(b)["timezone"] == "Asia/Shanghai")):
            self.assertTrue(check(self.build_bytes(EXAMPLE, name)), name)

    def test_person_also_filters_csv_md_html_and_table(self):
        plan = self.plan(EXAMPLE)
        duties = [s["date"] for s in plan["shifts"] if "dorje" in s["assignments"]["leader"]]
        rows = list(csv.reader(io.StringIO(self.build(EXAMPLE, "--format", "csv", "--person", "dorje").out,
                                           newline="")))
        self.assertEqual([r[0] for r in rows[1:]], duties)
        md = self.build(EXAMPLE, "--format", "md", "--person", "dorje").out
        self.assertEqual(len([l for l in md.splitlines() if l.startswith("| 2027-")]), len(duties))
        page = parse_html(self.build(EXAMPLE, "--format", "html", "--person", "dorje").out)
        self.assertEqual(page.classes.count("me"), len(duties))

    def test_bad_options_exit_2_and_write_nothing(self):
        cases = [(["--format", "ics", "--person", "dorjee"], "--person: unknown person 'dorjee' (did you mean 多杰才让 (dorje)?)"),
                 (["-o", "x.ics", "--person", "nobody"], "--person"),
                 (["--format", "json", "--person", "dorje"], "--person"),
                 (["--format", "ics", "--bom"], "--bom"),
                 (["-o", "x.html", "--bom"], "--bom"),
                 (["--format", "pdf"], "--format")]
        for args, message in cases:
            r = self.build(EXAMPLE, *args, code=2)
            self.assertIn(message, r.err)
            self.assertEqual(r.out, "")
            self.assertEqual(self.files(), [])

    def test_help_lists_the_formats_and_options(self):
        r = self.duty("roster", "build", "--help")
        self.assertExit(r, 0)
        for word in ("ics", "html", "csv", "md", "--person", "--bom"):
            self.assertIn(word, r.out)


if __name__ == "__main__":
    unittest.main()
