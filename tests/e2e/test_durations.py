# SPDX-License-Identifier: Apache-2.0
"""Durations as people say them (issue 15): 已超时3天18小时, 迟报35分钟, 剩余1小时20分 / "3 d 18 h
overdue", "35 min late", "1 h 20 min left" in `incident overdue` (with --upcoming the time left),
`incident show`, the handover record and `todo list`; JSON keeps the exact minutes and gives every
requirement a status (due, overdue, made, late)."""
import re
import unittest

from incident_support import IncidentTest

OFFICE = """\
office:
  name: Test County Duty Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: {locale}
chain:
  - {{id: prefecture, name: Prefecture EMB}}
escalation:
  - {{match: {{}}, to: [prefecture], via: written, within: 2h, basis: "Order 493 Art. 11"}}
"""

# The words of each locale; the office's locale and the language of messages agree in each.
WORDS = {
    "en": {"A": "3 d 18 h overdue", "B": "1 h 20 min left", "C": "15 min overdue", "late": "35 min late",
           "A8": "3 d 23 h overdue", "B8": "4 h 5 min overdue", "C8": "5 h 40 min overdue",
           "E8": "not yet made, 1 h 30 min left", "A_show": r"NOT MADE: \d+ d( \d+ h)? overdue",
           "late_show": "made 2026-11-20 12:35 (35 min late)", "timeline": "(35 min late)",
           "todo_over": r"\d+ d( \d+ h)? overdue", "todo_left": r"open, (1 h 59 min|2 h) left",
           "header": ["Incident", "To", "Via", "Due", "Overdue", "/", "left", "Title"]},
    "zh-CN": {"A": "已超时3天18小时", "B": "剩余1小时20分", "C": "已超时15分钟", "late": "迟报35分钟",
              "A8": "已超时3天23小时", "B8": "已超时4小时5分", "C8": "已超时5小时40分",
              "E8": "尚未报送，剩余1小时30分", "A_show": r"未报：已超时\d+天(\d+小时)?",
              "late_show": "已报 2026-11-20 12:35（迟报35分钟）", "timeline": "（迟报35分钟）",
              "todo_over": r"已超时\d+天(\d+小时)?", "todo_left": r"办理中，剩余(1小时59分|2小时)",
              "header": ["事件", "报送单位", "方式", "时限", "超时/剩余", "标题"]},
}


class Durations(IncidentTest):
    maxDiff = None

    def scenario(self, locale):
        self.ws = self.tmp / f"ws-{locale}"
        self.make_workspace(OFFICE.format(locale=locale))
        self.env = {"DUTY_LANG": locale}
        add = lambda title, received: self.add("--title", title, "--category", "road-traffic", "--received", received)
        ids = {"A": add("Crash A", "2026-11-20 07:00"),       # due 2026-11-20 09:00
               "D": add("Crash D", "2026-11-20 10:00"),       # due 12:00, made 12:35
               "C": add("Crash C", "2026-11-24 00:50"),       # due 02:50
               "B": add("Crash B", "2026-11-24 02:25"),       # due 04:25
               "E": add("Crash E", "2026-11-24 08:00")}       # due 10:00
        self.ok("incident", "escalate", ids["D"], "--to", "prefecture", "--via", "written", "--at", "2026-11-20 12:35")
        return ids

    def run_ok(self, *args, code=0):
        r = self.d(*args, env=self.env)
        self.assertExit(r, code)
        return r

    def test_overdue_table_says_how_long_overdue_and_how_long_left(self):
        for locale, words in WORDS.items():
            with self.subTest(locale=locale):
                ids = self.scenario(locale)
                r = self.run_ok("incident", "overdue", "--at", "2026-11-24 03:05", "--upcoming", "--format", "table",
                                code=1)
                rows = r.out.splitlines()
                self.assertEqual(rows[0].split(), words["header"])
                by_id = {row.split()[0]: row for row in rows[1:]}
                self.assertEqual(sorted(by_id), sorted([ids["A"], ids["B"], ids["C"]]))
                for key in ("A", "B", "C"):
                    self.assertRegex(by_id[ids[key]], rf"2026-11-2\d \d\d:\d\d  +{re.escape(words[key])}  +Crash {key}$")
                # Without --upcoming only the overdue ones.
                r = self.run_ok("incident", "overdue", "--at", "2026-11-24 03:05", "--format", "table", code=1)
                self.assertEqual([row.split()[0] for row in r.out.splitlines()[1:]], [ids["A"], ids["C"]])

    def test_overdue_json_keeps_the_minutes_and_gives_a_status(self):
        ids = self.scenario("en")
        r = self.run_ok("incident", "overdue", "--at", "2026-11-24 03:05", "--upcoming", "--format", "json", code=1)
        rows = {row["incident"]: (row["status"], row["minutes_late"]) for row in r.json()}
        self.assertEqual(rows, {ids["A"]: ("overdue", 3 * 24 * 60 + 18 * 60 + 5), ids["C"]: ("overdue", 15),
                                ids["B"]: ("due", 0)})
        r = self.run_ok("incident", "overdue", "--at", "2026-11-24 02:50", "--upcoming", "--format", "json", code=1)
        self.assertEqual({row["incident"]: row["status"] for row in r.json()}[ids["C"]], "due")

    def test_show_says_late_and_overdue_in_words_and_json_in_minutes(self):
        for locale, words in WORDS.items():
            with self.subTest(locale=locale):
                ids = self.scenario(locale)
                out = self.run_ok("incident", "show", ids["D"], "--format", "text").out
                self.assertIn(words["late_show"], out)
                self.assertIn(words["timeline"], out)
                self.assertRegex(self.run_ok("incident", "show", ids["A"], "--format", "text").out, words["A_show"])
                made = self.show(ids["D"])["requirements"][0]
                self.assertEqual((made["status"], made["minutes_late"]), ("late", 35))
                self.assertEqual(self.show(ids["A"])["requirements"][0]["status"], "overdue")

    def test_handover_record_says_next_report_due_and_overdue_in_words(self):
        for locale, words in WORDS.items():
            with self.subTest(locale=locale):
                ids = self.scenario(locale)
                out = self.run_ok("handover", "--at", "2026-11-24 08:30").out
                lines = out.splitlines()

                for key in ("A8", "B8", "C8"):
                    hits = [line for line in lines if ids[key[0]] in line and words[key] in line]
                    # Once among the open incidents (next report) and once among the reports due.
                    self.assertEqual(len(hits), 2, out)
                self.assertEqual(len([line for line in lines if ids["E"] in line and words["E8"] in line]), 1, out)
                self.assertNotRegex(out, r"\d{3,} ?(min|分钟)")
                c = self.run_ok("handover", "--at", "2026-11-24 08:30", "--context").json()
                status = {(r["incident"]): (r["status"], r["minutes_late"]) for r in c["due_reports"]}
                self.assertEqual(status[ids["A"]], ("overdue", 3 * 24 * 60 + 23 * 60 + 30))
                self.assertEqual(status[ids["E"]], ("due", 0))
                self.assertEqual({r["incident"]: r["time_text"] for r in c["due_reports"]}[ids["B"]],
                                 words["B8"])

    def test_todo_list_says_how_long_overdue_and_how_long_left(self):
        for locale, words in WORDS.items():
            with self.subTest(locale=locale):
                self.scenario(locale)
                self.run_ok("todo", "add", "Call the township back", "--due", "2026-11-24 03:00")
                self.run_ok("todo", "add", "Count the households", "--due", "+2h")
                rows = self.run_ok("todo", "list", "--format", "table").out.splitlines()
                self.assertRegex(next(r for r in rows if r.startswith("T-1")), words["todo_over"])
                self.assertRegex(next(r for r in rows if r.startswith("T-2")), words["todo_left"])


if __name__ == "__main__":
    unittest.main()
