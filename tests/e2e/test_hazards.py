# SPDX-License-Identifier: Apache-2.0
"""The hazard ledger (隐患台账, issue 18) end to end: `duty hazard add`, progress, extend, submit,
accept, reject, supervise, void, reopen, list, show, overdue, stats and export; every refusal (bad
input exit 2, a forbidden acceptance exit 3) with its message and nothing written; hazards in the
log's hash chain.

Found times are fixed 2026 times before today in the office's zone (+08:00); due dates either in
November 2026 (overdue by now) or in 2099 (not yet due), and `--at` fixes the moment of a listing.
"""
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, IncidentTest

OFFICE_WITH_PLACES = OFFICE_YAML + """\
hazards:
  townships: [Zequ, Heri]
  units: [Zequ market office, County fire brigade, County safety committee]
  upcoming_days: 5
"""

ZH = {"DUTY_LANG": "zh-CN"}


def tearDownModule():
    report_bad_input_cases()


class HazardTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace(OFFICE_WITH_PLACES)

    def hazard(self, *extra, title="Blocked fire exit", grade="general", due="2026-11-10",
               found="2026-11-01 09:00", township="Zequ", unit="Zequ market office"):
        """`hazard add` that must succeed; returns the new id."""
        r = self.d("hazard", "add", "--title", title, "--township", township, "--location",
                   "Zequ market, east gate", "--category", "fire", "--grade", grade, "--source",
                   "inspection", "--found", found, "--found-by", "Li Ming", "--unit", unit,
                   "--owner", "Wang Gang", "--measures", "Clear the exit and fix the door",
                   "--due", due, *extra)
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        return r.out.strip()

    def show(self, hazard, *args):
        return self.ok("hazard", "show", hazard, "--format", "json", *args).json()

    def event_count(self):
        return self.sql("SELECT count(*) FROM events")[0][0]

    def assertRefused(self, r, message, code=2):
        """Exit 2 (or 3) with exactly this one-line message, nothing on stdout."""
        self.assertExit(r, code)
        self.assertEqual(r.err.splitlines()[0], f"duty: error: {message}")
        self.assertEqual(r.out, "")
        count_bad_input()


class AddShowList(HazardTest):
    def test_add_prints_the_next_id_and_show_gives_the_contract_fields(self):
        self.assertEqual(self.hazard(), "H-1")
        self.assertEqual(self.hazard("--owner-phone", "138 0013 8000", "--supervisor", "County fire brigade",
                                     "--basis", "GB 35181-2017 5.1", title="Gas pipe under the market",
                                     grade="重大", due="2099-12-31"), "H-2")
        h = self.show("H-2", "--at", "2026-12-01 12:00")
        for key in ("id", "title", "grade", "status", "township", "unit", "owner", "due", "original_due",
                    "extensions", "submitted_at", "closed_at", "on_time", "supervision", "overdue", "events"):
            self.assertIn(key, h)
        self.assertEqual((h["id"], h["grade"], h["status"], h["township"], h["unit"], h["owner"]),
                         ("H-2", "major", "open", "Zequ", "Zequ market office", "Wang Gang"))
        self.assertEqual((h["due"], h["original_due"], h["extensions"]), ("2099-12-31", "2099-12-31", []))
        self.assertEqual((h["submitted_at"], h["closed_at"], h["on_time"], h["supervision"], h["overdue"]),
                         (None, None, None, None, False))
        self.assertEqual((h["owner_phone"], h["supervisor"], h["basis"]),
                         ("138 0013 8000", "County fire brigade", "GB 35181-2017 5.1"))
        self.assertEqual(h["found"], "2026-11-01T09:00+08:00")
        self.assertEqual([e["type"] for e in h["events"]], ["hazard"])
        # The first is past its due by December.
        self.assertTrue(self.show("H-1", "--at", "2026-12-01 12:00")["overdue"])
        self.assertFalse(self.show("H-1", "--at", "2026-11-10 23:59")["overdue"])
        text = self.ok("hazard", "show", "H-1").out
        self.assertIn("H-1  Blocked fire exit  [open, OVERDUE]", text)
        self.assertIn("Due: 2026-11-10", text)

    def test_chinese_grades_and_sources_and_json_output_of_add(self):
        r = self.d("hazard", "add", "--title", "护栏缺失", "--township", "Heri", "--location", "桥头",
                   "--category", "交通", "--grade", "一般", "--source", "举报", "--found", "2026-11-02 10:00",
                   "--found-by", "群众", "--unit", "County fire brigade", "--owner", "赵磊", "--measures", "加装护栏",
                   "--due", "2099-01-01", "--format", "json")
        self.assertExit(r, 0)
        h = r.json()
        self.assertEqual((h["id"], h["grade"], h["source"]), ("H-1", "general", "tip-off"))

    def test_list_filters_and_formats(self):
        self.hazard()                                                  # H-1 overdue
        self.hazard(title="Gas", grade="major", due="2099-12-31", township="Heri")  # H-2
        self.hazard(title="Dup", due="2099-12-31")                     # H-3, voided
        self.ok("hazard", "void", "H-3", "--reason", "entered twice", "--at", "2026-11-02 09:00")
        rows = self.ok("hazard", "list", "--format", "json", "--at", "2026-12-01 12:00").json()
        self.assertEqual([(r["id"], r["status"], r["overdue"]) for r in rows],
                         [("H-1", "open", True), ("H-2", "open", False), ("H-3", "void", False)])
        # The contract: JSON of a hazard, in show and in list, carries its events.
        self.assertEqual([e["type"] for e in rows[2]["events"]], ["hazard", "hazard-void"])
        ids = lambda *a: [r["id"] for r in self.ok("hazard", "list", "--format", "json", *a).json()]
        self.assertEqual(ids("--overdue"), ["H-1"])
        self.assertEqual(ids("--status", "void"), ["H-3"])
        self.assertEqual(ids("--township", "Heri"), ["H-2"])
        self.assertEqual(ids("--grade", "重大"), ["H-2"])
        self.assertEqual(ids("--unit", "County safety committee"), [])  # listed, no hazard
        self.assertExit(self.d("hazard", "list", "--unit", "nobody"), 2)  # not listed: a typo, not "none"
        count_bad_input()
        csv = self.ok("hazard", "list", "--format", "csv").out.splitlines()
        self.assertTrue(csv[0].startswith("id,title,grade,status,overdue,township"))
        self.assertEqual(len(csv), 4)
        table = self.ok("hazard", "list").out
        self.assertIn("H-2", table)
        self.assertIn("open (overdue)", table)
        self.assertEqual(self.ok("hazard", "list", "--status", "closed").out, "No hazard matches.\n")


class Lifecycle(HazardTest):
    def test_extend_submit_reject_submit_accept_reopen(self):
        self.hazard(due="2026-11-10")
        r = self.ok("hazard", "progress", "H-1", "--note", "Door ordered", "--at", "2026-11-03 10:00")
        self.assertEqual(r.out, "H-1: open (overdue)\n")  # due 2026-11-10, long past
        r = self.ok("hazard", "extend", "H-1", "--to", "2026-11-20", "--reason", "Door late",
                    "--approved-by", "Zhao Lei", "--at", "2026-11-08 10:00")
        self.assertIn("due 2026-11-20 (originally 2026-11-10)", r.out)
        self.ok("hazard", "submit", "H-1", "--note", "Door fitted", "--at", "2026-11-15 10:00")
        self.ok("hazard", "reject", "H-1", "--by", "Zhao Lei", "--reason", "Door does not close",
                "--at", "2026-11-16 10:00")
        self.assertEqual(self.show("H-1")["status"], "open")
        self.ok("hazard", "submit", "H-1", "--note", "Closer fitted", "--at", "2026-11-19 10:00")
        h = self.show("H-1")
        self.assertEqual((h["status"], h["submitted_at"]), ("awaiting-acceptance", "2026-11-19T10:00+08:00"))
        r = self.ok("hazard", "accept", "H-1", "--by", "Zhao Lei", "--unit", "County fire brigade",
                    "--at", "2026-11-21 10:00", "--note", "OK")
        self.assertEqual(r.out, "H-1: closed, fixed on time\n")
        h = self.show("H-1")
        self.assertEqual((h["status"], h["closed_at"], h["on_time"], h["overdue"]),
                         ("closed", "2026-11-21T10:00+08:00", True, False))
        self.assertEqual((h["due"], h["original_due"]), ("2026-11-20", "2026-11-10"))
        self.assertEqual(h["extensions"], [{"to": "2026-11-20", "reason": "Door late", "approved_by": "Zhao Lei",
                                            "at": "2026-11-08T10:00+08:00"}])
        self.ok("hazard", "reopen", "H-1", "--note", "Door blocked again", "--due", "2099-01-31")
        h = self.show("H-1")
        self.assertEqual((h["status"], h["closed_at"], h["on_time"], h["reopened"], h["due"]),
                         ("open", None, None, 1, "2099-01-31"))
        self.assertEqual([e["type"] for e in h["events"]],
                         ["hazard", "hazard-progress", "hazard-extend", "hazard-submit", "hazard-reject",
                          "hazard-submit", "hazard-accept", "hazard-reopen"])
        self.assertEqual(self.ok("log", "verify").code, 0)

    def test_late_submission_is_not_on_time(self):
        self.hazard(due="2026-11-10")
        self.ok("hazard", "submit", "H-1", "--note", "done", "--at", "2026-11-11 00:00")
        r = self.ok("hazard", "accept", "H-1", "--by", "Zhao Lei", "--unit", "County fire brigade",
                    "--at", "2026-11-12 10:00")
        self.assertEqual(r.out, "H-1: closed, fixed late\n")
        self.assertIs(self.show("H-1")["on_time"], False)

    def test_supervision_and_who_may_accept_a_major_hazard(self):
        self.hazard(grade="major", due="2099-12-31")
        self.ok("hazard", "supervise", "H-1", "--level", "county", "--by", "County safety committee",
                "--doc", "安委办督〔2026〕3号", "--due", "2099-06-30", "--at", "2026-11-02 09:00")
        h = self.show("H-1")
        self.assertEqual(h["supervision"], {"level": "county", "by": "County safety committee",
                                            "doc": "安委办督〔2026〕3号", "due": "2099-06-30",
                                            "at": "2026-11-02T09:00+08:00"})
        self.assertIn("county County safety committee", self.ok("hazard", "list").out)
        self.ok("hazard", "submit", "H-1", "--note", "done", "--at", "2026-11-20 10:00")
        before = self.event_count()
        r = self.d("hazard", "accept", "H-1", "--by", "Zhao Lei", "--unit", "County fire brigade")
        self.assertRefused(r, "acceptance of H-1 refused; nothing was written", code=3)
        self.assertIn("only County safety committee may accept it", r.err)
        r = self.d("hazard", "accept", "H-1", "--by", "Wang Gang", "--unit", "County safety committee")
        self.assertRefused(r, "acceptance of H-1 refused; nothing was written", code=3)
        self.assertIn("the owner may not accept their own rectification", r.err)
        r = self.d("hazard", "accept", "H-1", "--by", "Zhao Lei", "--unit", "Zequ market office")
        self.assertRefused(r, "acceptance of H-1 refused; nothing was written", code=3)
        self.assertIn("acceptance must come from another unit", r.err)
        # The owner or the responsible unit written another way (case, spaces, full-width letters,
        # a zero-width space) is still the owner or that unit: never accepted.
        for by, unit in (("wang gang", "County safety committee"), ("Ｗａｎｇ　Ｇａｎｇ", "County safety committee"),
                         ("Wang\u200bGang", "County safety committee"), ("Zhao Lei", " zequ  MARKET office "),
                         ("Zhao Lei", "Ｚｅｑｕ market office")):
            with self.subTest(by=by, unit=unit):
                r = self.d("hazard", "accept", "H-1", "--by", by, "--unit", unit)
                self.assertIn(r.code, (2, 3), repr(r))
        self.assertEqual(self.event_count(), before)
        self.ok("hazard", "accept", "H-1", "--by", "Zhao Lei", "--unit", "County safety committee")
        self.assertEqual(self.show("H-1")["status"], "closed")


class Refusals(HazardTest):
    ADD = ["hazard", "add", "--title", "T", "--township", "Zequ", "--location", "L", "--category", "fire",
           "--grade", "general", "--source", "inspection", "--found", "2026-11-01 09:00", "--found-by", "Li",
           "--unit", "Zequ market office", "--owner", "Wang", "--measures", "M", "--due", "2026-11-10"]

    def add_with(self, option, value):
        args = list(self.ADD)
        args[args.index(option) + 1] = value
        return self.d(*args)

    def test_bad_new_hazards_write_nothing(self):
        cases = [
            ("--township", "Zequu", "--township: unknown township 'Zequu' (did you mean 'Zequ'?); office.yaml "
                                    "lists them under 'hazards.townships'"),
            ("--unit", "Water bureau", "--unit: unknown unit 'Water bureau'; office.yaml lists them under "
                                       "'hazards.units'"),
            ("--due", "2026-10-31", "--due: 2026-10-31 is before the day the hazard was found (2026-11-01)"),
            ("--due", "next week", "--due: 'next week' is not a date; expected YYYY-MM-DD (the deadline is the "
                                   "end of that day) or +Nd (N days from today)"),
            ("--grade", "big", "--grade: unknown grade 'big'; expected general or major (一般, 重大)"),
            ("--source", "rumour", "--source: unknown source 'rumour'; expected self-check, inspection, tip-off, "
                                   "meeting, assigned, drill or other (自查, 检查, 举报, 会议, 交办, 演练, 其他)"),
            ("--found", "2099-01-01 09:00", None),
            ("--title", " ", None),
        ]
        for option, value, message in cases:
            with self.subTest(option=option, value=value):
                r = self.add_with(option, value)
                if message:
                    self.assertRefused(r, message)
                else:
                    self.assertExit(r, 2)
                    self.assertTrue(r.err.startswith(f"duty: error: {option}"), r.err)
                    count_bad_input()
        # Nothing was written.
        self.assertEqual(self.ok("hazard", "list", "--format", "json").json(), [])
        self.assertEqual(self.event_count(), 0)

    def test_transitions_the_status_does_not_allow(self):
        self.hazard(due="2099-12-31")
        before = self.event_count()
        r = self.d("hazard", "accept", "H-1", "--by", "Zhao", "--unit", "County fire brigade")
        self.assertRefused(r, "H-1 is open: acceptance is allowed only while it is awaiting-acceptance")
        r = self.d("hazard", "reject", "H-1", "--by", "Zhao", "--reason", "no")
        self.assertRefused(r, "H-1 is open: a rejection is allowed only while it is awaiting-acceptance")
        r = self.d("hazard", "reopen", "H-1", "--note", "again")
        self.assertRefused(r, "H-1 is open: reopening is allowed only while it is closed")
        r = self.d("hazard", "extend", "H-1", "--to", "2099-12-30", "--reason", "x", "--approved-by", "Zhao")
        self.assertRefused(r, "--to: 2099-12-30 is not later than the due date in force (2099-12-31); an "
                              "extension moves the deadline later")
        r = self.d("hazard", "progress", "H-9", "--note", "x")
        self.assertRefused(r, "no hazard 'H-9'; 'duty hazard list' shows them")
        r = self.d("hazard", "progress", "H-1", "--note", "x", "--at", "2026-10-01 09:00")
        self.assertRefused(r, "--at: 2026-10-01 09:00 is before the hazard was found (2026-11-01 09:00)")
        r = self.d("hazard", "supervise", "H-1", "--level", "national", "--by", "X", "--doc", "D")
        self.assertRefused(r, "--level: unknown level 'national'; expected county, prefecture or province "
                              "(县级, 市级, 省级)")
        r = self.d("hazard", "progress", "H-1", "--note", "  ")
        self.assertRefused(r, "--note: cannot be empty")
        self.ok("hazard", "submit", "H-1", "--note", "done")
        r = self.d("hazard", "submit", "H-1", "--note", "again")
        self.assertRefused(r, "H-1 is awaiting-acceptance: a submission for acceptance is allowed only while "
                              "it is open")
        r = self.d("hazard", "extend", "H-1", "--to", "2100-01-31", "--reason", "x", "--approved-by", "Zhao")
        self.assertRefused(r, "H-1 is awaiting-acceptance: an extension is allowed only while it is open")
        self.ok("hazard", "void", "H-1", "--reason", "entered twice")
        r = self.d("hazard", "void", "H-1", "--reason", "again")
        self.assertRefused(r, "H-1 is void: voiding is allowed only while it is open or awaiting-acceptance")
        self.assertEqual(self.event_count(), before + 2)

    def test_closed_hazards_cannot_be_voided(self):
        self.hazard(due="2099-12-31")
        self.ok("hazard", "submit", "H-1", "--note", "done")
        self.ok("hazard", "accept", "H-1", "--by", "Zhao", "--unit", "County fire brigade")
        r = self.d("hazard", "void", "H-1", "--reason", "oops")
        self.assertRefused(r, "H-1 is closed: voiding is allowed only while it is open or awaiting-acceptance")

    def test_refusals_in_chinese(self):
        r = self.d(*self.ADD[:-1], "2026-10-31", env=ZH)
        self.assertExit(r, 2)
        self.assertTrue(r.err.startswith("duty: 错误：--due: 2026-10-31 "), r.err)
        self.assertIn("早于", r.err)


class OverdueAndStats(HazardTest):
    def setUp(self):
        super().setUp()
        self.hazard(due="2026-11-10")                                   # H-1 overdue from 11-11
        self.hazard(due="2026-11-14", township="Heri")                  # H-2 due soon on 11-11
        self.hazard(title="Gas", grade="major", due="2026-11-10", township="Heri")  # H-3 fixed on time
        self.ok("hazard", "submit", "H-3", "--note", "done", "--at", "2026-11-09 10:00")
        self.ok("hazard", "accept", "H-3", "--by", "Zhao", "--unit", "County fire brigade", "--at", "2026-11-12 10:00")

    def test_overdue_exits_1_and_lists_days_late(self):
        r = self.d("hazard", "overdue", "--at", "2026-11-13 09:00", "--format", "json")
        self.assertExit(r, 1)
        self.assertEqual(r.json()[0]["hazard"], "H-1")
        self.assertEqual((r.json()[0]["due"], r.json()[0]["days_late"]), ("2026-11-10", 3))
        self.assertEqual(len(r.json()), 1)
        r = self.d("hazard", "overdue", "--at", "2026-11-13 09:00", "--upcoming", "--format", "json")
        self.assertEqual([(x["hazard"], x["days_late"], x["status"]) for x in r.json()],
                         [("H-1", 3, "overdue"), ("H-2", -1, "due")])
        r = self.d("hazard", "overdue", "--at", "2026-11-13 09:00", "--upcoming", "0", "--format", "json")
        self.assertEqual([x["hazard"] for x in r.json()], ["H-1"])
        r = self.d("hazard", "overdue", "--upcoming", "many")
        self.assertRefused(r, "--upcoming: 'many' is not a number of days from 0 to 366")
        r = self.d("hazard", "overdue", "--at", "2026-11-10 23:59")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "No hazard is overdue.\n")
        r = self.d("hazard", "overdue", "--at", "2026-11-12 09:00")
        self.assertExit(r, 1)
        self.assertIn("2 days overdue", r.out)

    def test_stats_by_hand(self):
        r = self.ok("hazard", "stats", "--quarter", "2026Q4", "--at", "2026-11-13 09:00", "--by", "township",
                    "--format", "json")
        s = r.json()
        self.assertEqual((s["found"], s["fixed"], s["major_found"], s["major_fixed"], s["overdue"],
                          s["not_yet_due"]), (3, 1, 1, 1, 1, 1))
        self.assertAlmostEqual(s["fix_rate"], 1 / 3)
        self.assertEqual((s["major_fix_rate"], s["on_time_rate"]), (1.0, 1.0))
        self.assertEqual([(g["key"], g["found"], g["fixed"]) for g in s["groups"]], [("Heri", 2, 1), ("Zequ", 1, 0)])
        self.assertEqual(s["groups"][1]["fix_rate"], 0)  # one found, none fixed: 0, not null
        self.assertIsNone(s["groups"][1]["on_time_rate"])
        self.assertIsNone(s["groups"][1]["major_fix_rate"])
        table = self.ok("hazard", "stats", "--year", "2026", "--at", "2026-11-13 09:00").out
        self.assertIn("33.3%", table)
        self.assertIn("100%", table)
        empty = self.ok("hazard", "stats", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json").json()
        self.assertEqual((empty["found"], empty["fix_rate"], empty["on_time_rate"]), (0, None, None))
        csv = self.ok("hazard", "stats", "--format", "csv").out.splitlines()
        self.assertEqual(csv[0], "key,found,fixed,fix_rate,major_found,major_fixed,major_fix_rate,on_time_rate,"
                                 "overdue,not_yet_due")
        r = self.d("hazard", "stats", "--quarter", "2026Q5")
        self.assertRefused(r, "--quarter: '2026Q5' is not a quarter; expected YYYYQn such as 2026Q4")
        r = self.d("hazard", "stats", "--by", "colour")
        self.assertRefused(r, "--by: unknown grouping 'colour'; expected township, unit, category or grade")
        r = self.d("hazard", "stats", "--from", "2026-12-01", "--to", "2026-11-01")
        self.assertRefused(r, "--to: 2026-11-01 is before --from (2026-12-01)")

    def test_quarterly_report_from_the_templates(self):
        self.ok("hazard", "supervise", "H-1", "--level", "county", "--by", "County safety committee", "--doc", "D-7",
                "--at", "2026-11-02 09:00")
        c = self.ok("hazard", "report", "--quarter", "2026Q4", "--at", "2026-11-13 09:00", "--context").json()
        self.assertEqual((c["report"]["from"], c["report"]["to"]), ("2026-10-01", "2026-12-31"))
        self.assertEqual(c["total"]["found"], 3)
        self.assertEqual(c["total"]["fix_rate"], "33.3%")
        self.assertEqual([(t["name"], t["found"], t["fix_rate"], t["on_time_rate"]) for t in c["townships"]],
                         [("Heri", 2, "50%", "100%"), ("Zequ", 1, "0%", "—")])
        self.assertEqual([h["id"] for h in c["overdue"]], ["H-1"])
        self.assertEqual(c["overdue"][0]["days_late"], 3)
        self.assertEqual([h["id"] for h in c["supervised"]], ["H-1"])
        text = self.ok("hazard", "report", "--quarter", "2026Q4", "--at", "2026-11-13 09:00").out
        self.assertIn("HAZARD LEDGER: QUARTERLY FIGURES", text)
        self.assertIn("Heri | 2 | 1 | 50% | 1 | 1 | 100% | 100% | 0 | 1", text)
        self.assertIn("- H-1 Blocked fire exit (Zequ, general; Zequ market office, Wang Gang): due 2026-11-10, "
                      "3 days overdue", text)
        self.assertIn("Q4 2026 (2026-10-01 to 2026-12-31)", text)
        self.ok("hazard", "extend", "H-1", "--to", "2026-11-11", "--reason", "rain", "--approved-by", "Zhao",
                "--at", "2026-11-10 09:00")
        md = self.ok("hazard", "report", "--quarter", "2026Q4", "--at", "2026-11-13 09:00", "--format", "md").out
        self.assertIn("| Township | Found |", md)
        self.assertIn("due 2026-11-11 (first due 2026-11-10), 2 days overdue", md)
        html = self.ok("hazard", "report", "--quarter", "2026Q4", "--format", "html").out
        self.assertIn("<td>Heri</td><td>2</td>", html)
        zh = self.d("hazard", "report", "--quarter", "2026Q4", "--at", "2026-11-13 09:00",
                    env={"DUTY_LANG": "zh-CN"})
        self.assertExit(zh, 0)
        r = self.d("hazard", "report", "--quarter", "Q4")
        self.assertRefused(r, "--quarter: 'Q4' is not a quarter; expected YYYYQn such as 2026Q4")

    def test_export_every_hazard(self):
        rows = self.ok("hazard", "export").out.splitlines()
        self.assertEqual(len(rows), 4)
        self.assertTrue(rows[0].startswith("id,title,township,location,category,grade,source,found"))
        data = self.ok("hazard", "export", "--format", "json").json()
        self.assertEqual([h["id"] for h in data], ["H-1", "H-2", "H-3"])
        self.assertEqual(len(data[2]["events"]), 3)


class ImportExport(HazardTest):
    CSV = ("隐患描述,属地,部位,类别,等级,来源,排查时间,排查人,责任单位,责任人,联系电话,整改措施,整改时限\n"
           "护栏缺失,Zequ,桥头,交通,一般,自查,2026-11-02 09:00,李明,Zequ market office,王刚,13800138000,加装护栏,2026/11/30\n"
           "燃气管道老化,Heri,市场,燃气,重大,检查,2026-11-03 09:00,李明,County fire brigade,赵磊,,更换管道,2099-12-31\n")

    def test_csv_with_chinese_headers_all_rows_in_one_go(self):
        self.write("t.csv", self.CSV)
        r = self.ok("hazard", "import", self.tmp / "t.csv")
        self.assertEqual(r.out, "2 hazards registered: H-1 to H-2\n")
        rows = self.ok("hazard", "list", "--format", "json").json()
        self.assertEqual([(h["id"], h["grade"], h["source"], h["due"]) for h in rows],
                         [("H-1", "general", "self-check", "2026-11-30"), ("H-2", "major", "inspection", "2099-12-31")])

    def test_yaml_import(self):
        self.write("t.yaml", "hazards:\n  - {title: 护栏缺失, township: Zequ, location: 桥头, category: 交通, grade: general,"
                             " source: drill, found: '2026-11-02 09:00', found_by: 李明, unit: Zequ market office,"
                             " owner: 王刚, measures: 加装护栏, due: '2026-11-30'}\n")
        self.assertEqual(self.ok("hazard", "import", self.tmp / "t.yaml").out, "1 hazard registered: H-1 to H-1\n")
        self.assertEqual(self.show("H-1")["source"], "drill")

    def test_every_problem_at_its_place_and_nothing_written(self):
        bad = self.CSV.replace("Zequ,桥头", "Zequq,桥头").replace("2099-12-31", "someday") + "x\n"
        self.write("bad.csv", bad)
        r = self.d("hazard", "import", self.tmp / "bad.csv")
        self.assertExit(r, 2)
        lines = r.err.splitlines()
        self.assertIn("bad.csv:2:", lines[0])
        self.assertIn("township: unknown township 'Zequq'", lines[0])
        self.assertIn("bad.csv:3:", lines[1])
        self.assertIn("due: 'someday' is not a date", lines[1])
        self.assertIn("bad.csv:4:", lines[2])
        self.assertIn("problems found; nothing was written", r.err)
        count_bad_input()
        self.assertEqual(self.event_count(), 0)
        self.write("cols.csv", "title,townshp\nx,y\n")
        r = self.d("hazard", "import", self.tmp / "cols.csv")
        self.assertExit(r, 2)
        self.assertIn("cols.csv:1:7: unknown column 'townshp' (did you mean 'township'?)", r.err)
        count_bad_input()

    def test_an_export_reads_back(self):
        self.hazard()
        self.hazard(title="Gas", grade="major", due="2099-12-31")
        out = self.ok("hazard", "export", "-o", self.tmp / "all.csv")
        self.assertEqual(out.out, "")
        r = self.ok("hazard", "import", self.tmp / "all.csv")
        self.assertEqual(r.out, "2 hazards registered: H-3 to H-4\n")
        self.assertEqual(self.show("H-4")["title"], "Gas")


if __name__ == "__main__":
    unittest.main()


class OnTheRecords(HazardTest):
    """The handover record and the daily bulletin list the hazards overdue, those due within
    hazards.upcoming_days (5 in this office) and the major hazards registered since the last shift."""

    def setUp(self):
        super().setUp()
        self.hazard(due="2026-11-10")                                              # H-1 overdue
        self.hazard(title="Loose cable", due="2026-11-14", township="Heri")        # H-2 due soon
        self.hazard(title="Gas leak", grade="major", due="2099-01-01", township="Heri",
                    found="2026-11-12 15:00", unit="County fire brigade")          # H-3 new, major
        self.hazard(title="Far off", due="2099-01-01")                             # H-4 not shown
        self.hazard(title="Done", due="2026-11-11")                                # H-5 closed in time
        self.ok("hazard", "submit", "H-5", "--note", "fixed", "--at", "2026-11-11 10:00")
        self.ok("hazard", "accept", "H-5", "--by", "Zhao", "--unit", "County fire brigade",
                "--at", "2026-11-11 16:00")
        self.ok("hazard", "supervise", "H-1", "--level", "county", "--by", "County safety committee",
                "--doc", "Safety [2026] 12", "--at", "2026-11-11 10:00")

    def test_the_handover_record_lists_overdue_due_soon_and_new_major_hazards(self):
        text = self.ok("handover", "--at", "2026-11-13 08:30", "--format", "text").out
        lines = [l.strip() for l in text[text.index("8. Hazards to fix"):].splitlines()]
        self.assertEqual(lines[1:7], [
            "Overdue (1):",
            "H-1  Blocked fire exit (Zequ; Zequ market office; owner Wang Gang)  due 2026-11-10, "
            "3 days overdue; listed for supervision (county, County safety committee)",
            "Due within 5 days (1):",
            "H-2  Loose cable (Heri; Zequ market office; owner Wang Gang)  due 2026-11-14, due in 1 day",
            "Major hazards registered this shift (1):",
            "H-3  Gas leak (Heri, Zequ market, east gate; County fire brigade; owner Wang Gang)  "
            "measures: Clear the exit and fix the door; due 2099-01-01, due in 26347 days"])
        ctx = self.ok("handover", "--at", "2026-11-13 08:30", "--context").json()["hazards"]
        self.assertEqual(ctx["counts"], {"overdue": 1, "due_soon": 1, "new_major": 1})
        self.assertEqual((ctx["overdue"][0]["days_late"], ctx["due_soon"][0]["days_late"]), (3, -1))
        self.assertEqual(ctx["upcoming_days"], 5)
        # The shift before: H-3 was not yet found, H-1 not yet late (due the 10th, judged the 10th).
        text = self.ok("handover", "--at", "2026-11-10 08:30", "--format", "text").out
        lines = [l.strip() for l in text[text.index("8. Hazards to fix"):].splitlines()]
        self.assertEqual(lines[1:3], ["Due within 5 days (3):",
                                      "H-1  Blocked fire exit (Zequ; Zequ market office; owner Wang Gang)  "
                                      "due 2026-11-10, due today"])
        self.assertNotIn("Overdue", text)
        self.assertNotIn("Major hazards", text)
        # Before any hazard was found the record has no hazard section at all.
        self.assertNotIn("Hazards", self.ok("handover", "--at", "2026-10-01 08:30", "--format", "text").out)

    def test_a_hazard_awaiting_acceptance_says_so_on_the_records(self):
        self.ok("hazard", "submit", "H-1", "--note", "cleared", "--at", "2026-11-12 16:00")
        text = self.ok("handover", "--at", "2026-11-13 08:30", "--format", "text").out
        self.assertIn("H-1  Blocked fire exit (Zequ; Zequ market office; owner Wang Gang)  due 2026-11-10, "
                      "3 days overdue, acceptance requested;", text)

    def test_the_daily_bulletin_in_chinese(self):
        yaml = (self.ws / "office.yaml").read_text(encoding="utf-8")
        (self.ws / "office.yaml").write_text(yaml.replace("locale: en", "locale: zh-CN"), encoding="utf-8")
        text = self.ok("daily", "--date", "2026-11-12", "--format", "text").out
        self.assertIn("四、隐患整改", text)
        self.assertIn("　　超期未整改（1项）：\n　　H-1　Blocked fire exit（Zequ，Zequ market office，责任人Wang Gang）"
                      "　限2026-11-10前整改，超期3天，县级挂牌督办（County safety committee）", text)
        self.assertIn("　　5日内到期（1项）：\n　　H-2　Loose cable（Heri，Zequ market office，责任人Wang Gang）"
                      "　限2026-11-14前整改，还剩1天", text)
        self.assertIn("　　本日新增重大隐患（1项）：\n　　H-3　Gas leak（HeriZequ market, east gate，County fire brigade，"
                      "责任人Wang Gang）　整改措施：Clear the exit and fix the door；限2099-01-01前整改", text)
        report = self.ok("hazard", "report", "--quarter", "2026Q4", "--at", "2026-11-13 09:00").out
        self.assertIn("2026年第四季度（2026-10-01至2026-12-31）", report)
        self.assertIn("整改时限2026-11-10，超期3天。", report)
        overdue = self.d("hazard", "overdue", "--at", "2026-11-13 09:00", "--upcoming", env=ZH)
        self.assertIn("超期3天", overdue.out)
        self.assertIn("还剩1天", overdue.out)
        md = self.ok("handover", "--at", "2026-11-13 08:30", "--format", "md").out
        self.assertIn("## 八、隐患整改", md)
        html = self.ok("handover", "--at", "2026-11-13 08:30", "--format", "html").out
        self.assertIn("<h2>八、隐患整改</h2>", html)
