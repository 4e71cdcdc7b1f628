# SPDX-License-Identifier: Apache-2.0
"""Corrections (更正), voiding (作废) and supplementary reports (补报) end to end (issue 15): a
correction is its own entry, never a follow-up, and deadlines follow a corrected received time; a
voided entry stays in the log and in `show` and leaves lists, counts, overdue reports, the daily
bulletin and the handover; a supplement is accepted on a closed incident within the legal window
after the accident (Order 493 Art. 13) and renders as 补报."""
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import IncidentTest

OFFICE_YAML = """\
office:
  name: Correction Test Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
chain:
  - {id: prefecture, name: Prefecture EMB}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: every incident}
  - {match: {deaths_at_least: 1}, to: [prefecture], via: phone, within: 30m, basis: a death}
"""

ZH = {"DUTY_LANG": "zh-CN"}


def tearDownModule():
    report_bad_input_cases()


class CorrectionTest(IncidentTest):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.make_workspace(OFFICE_YAML)

    def fire(self, received="2026-11-20 14:00", **extra):
        args = ["--title", "Warehouse fire", "--category", "fire", "--received", received]
        for k, v in extra.items():
            args += [f"--{k.replace('_', '-')}", str(v)]
        return self.add(*args)

    def refused(self, args, code, message, env=None):
        """A command that must fail with `code` and `message`, writing nothing."""
        before = self.snapshot()
        r = self.d(*args, env=env)
        self.assertExit(r, code)
        self.assertIn(message, r.err)
        self.assertEqual(self.snapshot(), before)
        count_bad_input()
        return r

    # --- corrections -------------------------------------------------------------------------

    def test_a_correction_is_not_a_follow_up(self):
        i = self.fire()
        self.ok("incident", "update", i, "--at", "2026-11-20 15:00", "--note", "fire out")
        r = self.ok("incident", "correct", i, "--deaths", "2", "--location", "Dock 3", "--reason", "typed 0 for 2",
                    "--at", "2026-11-20 15:10")
        self.assertEqual(r.out, f"{i} corrected (not a follow-up report):\n"
                                "  deaths: 0 → 2\n"
                                "  location: (none) → “Dock 3”\n")
        shown = self.show(i)
        self.assertEqual(shown["followups"], 1)
        self.assertEqual((shown["deaths"], shown["location"]), (2, "Dock 3"))
        self.assertFalse(shown["void"])
        self.assertEqual(shown["corrections"], [{
            "seq": 4, "at": "2026-11-20T15:10+08:00", "by": shown["corrections"][0]["by"],
            "reason": "typed 0 for 2",
            "changes": [{"field": "deaths", "old": 0, "new": 2}, {"field": "location", "old": "", "new": "Dock 3"}],
        }])
        self.assertEqual([e["type"] for e in shown["events"]], ["created", "update", "correction"])
        # The listing row carries the corrections too, without reading the events.
        listed = self.ok("incident", "list", "--format", "json").json()
        self.assertEqual(listed[0]["corrections"], shown["corrections"])
        # Bulletins do not number it: the latest report is still follow-up 1.
        out = self.ok("bulletin", i).out
        self.assertIn("Follow-up report 1", out)
        self.assertNotIn("Follow-up report 2", out)
        # The corrected figures count from the correction: a death owes a phone report from 15:10.
        reqs = {(q["via"], q["due"]) for q in shown["requirements"]}
        self.assertIn(("phone", "2026-11-20T15:40+08:00"), reqs)
        text = self.ok("incident", "show", i, "--format", "text").out
        self.assertIn("Corrections:\n  #4  2026-11-20 15:10 by ", text)
        self.assertIn("      deaths: 0 → 2\n", text)
        self.assertIn("correction (not a report)", text)
        # Allowed on a closed incident too.
        self.ok("incident", "close", i, "--at", "2026-11-20 18:00", "--note", "final")
        self.ok("incident", "correct", i, "--title", "Warehouse fire, Dock 3", "--reason", "place in the title")
        self.assertEqual(self.show(i)["title"], "Warehouse fire, Dock 3")

    def test_a_corrected_received_time_moves_the_deadlines(self):
        i = self.fire()
        # Reported in writing at 15:30: on time for a 16:00 deadline.
        self.ok("incident", "escalate", i, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 15:30")
        self.assertEqual(self.show(i)["requirements"][0]["status"], "made")
        r = self.ok("incident", "correct", i, "--received", "2026-11-20 13:00", "--reason", "the call log says 13:00")
        self.assertIn("received at: 2026-11-20 14:00 → 2026-11-20 13:00", r.out)
        self.assertIn("LATE: the report to Prefecture EMB (written) made at 2026-11-20 15:30 is now late by 30 min "
                      "(due 2026-11-20 15:00)", r.out)
        shown = self.show(i)
        self.assertEqual(shown["received_at"], "2026-11-20T13:00+08:00")
        q = shown["requirements"][0]
        self.assertEqual((q["due"], q["status"], q["minutes_late"]), ("2026-11-20T15:00+08:00", "late", 30))
        text = self.ok("incident", "show", i, "--format", "text").out
        self.assertIn("LATE: the report to Prefecture EMB", text)
        # The listing orders by the corrected time.
        self.assertEqual(self.ok("incident", "list", "--format", "json").json()[0]["received_at"],
                         "2026-11-20T13:00+08:00")

    def test_correction_wording_in_chinese(self):
        i = self.fire()
        self.ok("incident", "escalate", i, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 15:30")
        r = self.d("incident", "correct", i, "--received", "2026-11-20 13:00", "--deaths", "1", "--reason", "核对来电记录",
                   "--at", "2026-11-20 16:00", env=ZH)
        self.assertExit(r, 0)
        self.assertIn(f"{i} 已更正（不是续报）：", r.out)
        self.assertIn("接报时间：2026-11-20 14:00 → 2026-11-20 13:00", r.out)
        self.assertIn("死亡：0 → 1", r.out)
        self.assertIn("迟报：", r.out)
        r = self.d("incident", "correct", i, "--deaths", "1", "--reason", "再次核对", env=ZH)
        self.assertExit(r, 2)
        self.assertIn("更正没有改变任何内容", r.err)
        self.assertNotIn("changes nothing", r.err)
        text = self.d("incident", "show", i, "--format", "text", env=ZH).out
        self.assertIn("更正记录：", text)

    def test_bad_corrections_write_nothing(self):
        i = self.fire()
        self.ok("incident", "update", i, "--at", "2026-11-20 15:00", "--note", "progress")
        self.refused(["incident", "correct", i, "--title", "Warehouse fire", "--reason", "x"], 2,
                     "the correction changes nothing")
        self.refused(["incident", "correct", i, "--colour", "red", "--reason", "x"], 2, "--colour")
        self.refused(["incident", "correct", i, "--deaths", "-1", "--reason", "x"], 2, "--deaths")
        self.refused(["incident", "correct", i, "--deaths", "many", "--reason", "x"], 2, "--deaths")
        self.refused(["incident", "correct", i, "--category", "fiire", "--reason", "x"], 2, "did you mean 火灾事故 (fire)?")
        self.refused(["incident", "correct", i, "--deaths", "1"], 2, "--reason: is required")
        self.refused(["incident", "correct", i, "--deaths", "1", "--reason", "   "], 2, "--reason: is required")
        self.refused(["incident", "correct", i, "--deaths", "1", "--reason", "bad\x1b[2Jreason"], 2, "--reason")
        self.refused(["incident", "correct", i, "--title", "a\nb", "--reason", "x"], 2, "--title")
        self.refused(["incident", "correct", i, "--received", "2099-01-01 00:00", "--reason", "x"], 2,
                     "is in the future")
        self.refused(["incident", "correct", i, "--received", "2026-11-20 16:00", "--reason", "x"], 2,
                     "is after the incident's entry #3 at 2026-11-20 15:00")
        self.refused(["incident", "correct", i, "--occurred", "2026-11-20 14:30", "--reason", "x"], 2,
                     "is after the incident was received")
        self.refused(["incident", "correct", "2026-0099", "--deaths", "1", "--reason", "x"], 2, "no incident")
        self.ok("incident", "void", i, "--reason", "duplicate")
        self.refused(["incident", "correct", i, "--deaths", "1", "--reason", "x"], 2, "was voided")
        # Chinese users read no English sentence on these paths.
        r = self.refused(["incident", "correct", i, "--deaths", "1"], 2, "必须填写", env=ZH)
        self.assertNotIn("is required", r.err)

    # --- voiding -----------------------------------------------------------------------------

    def test_a_voided_incident_leaves_lists_counts_overdue_daily_and_handover(self):
        a = self.fire("2026-11-20 14:00")
        b = self.fire("2026-11-20 14:05")  # the same call entered twice
        before = self.d("incident", "overdue", "--at", "2026-11-20 17:00", "--format", "json")
        self.assertEqual(sorted(x["incident"] for x in before.json()), [a, b])
        r = self.ok("incident", "void", b, "--reason", f"duplicate of {a}")
        self.assertRegex(r.out, rf"^{b} voided at \d{{4}}-\d\d-\d\d \d\d:\d\d(:\d\d)?: duplicate of {a}\n$")
        self.assertEqual([x["id"] for x in self.ok("incident", "list", "--format", "json").json()], [a])
        both = self.ok("incident", "list", "--include-void", "--format", "json").json()
        self.assertEqual([(x["id"], x["void"]) for x in both], [(a, False), (b, True)])
        self.assertEqual(both[1]["void_reason"], f"duplicate of {a}")
        after = self.d("incident", "overdue", "--at", "2026-11-20 17:00", "--format", "json")
        self.assertEqual([x["incident"] for x in after.json()], [a])
        daily = self.ok("daily", "--date", "2026-11-20", "--context").json()
        self.assertEqual(daily["counts"]["total"], 1)
        self.assertEqual([x["id"] for x in daily["incidents"]], [a])
        handover = self.ok("handover", "--at", "2026-11-21 08:30", "--context").json()
        self.assertEqual([x["id"] for x in handover["received"]], [a])
        self.assertEqual([x["id"] for x in handover["open_incidents"]], [a])
        self.assertEqual([x["incident"] for x in handover["due_reports"]], [a])
        self.assertEqual([x["id"] for x in self.export_json()], [a])
        # It stays in the log and in show, marked.
        shown = self.show(b)
        self.assertTrue(shown["void"])
        self.assertEqual(shown["requirements"], [])
        self.assertIn("[open, VOID]", self.ok("incident", "show", b, "--format", "text").out)
        zh = self.d("incident", "show", b, "--format", "text", env=ZH).out
        self.assertIn("已作废", zh)
        self.ok("log", "verify")
        # Voiding twice, a missing reason, and entries on a voided incident are refused.
        self.refused(["incident", "void", b, "--reason", "again"], 2, "was already voided")
        self.refused(["incident", "void", a], 2, "--reason: is required")
        self.refused(["incident", "void", a, "--reason", ""], 2, "--reason: is required")
        self.refused(["incident", "update", b, "--note", "x"], 2, "was voided")
        self.refused(["incident", "close", b, "--note", "x"], 2, "was voided")
        self.refused(["bulletin", b], 2, "was voided")

    def test_voided_todos_instructions_and_notes_leave_the_handover(self):
        i = self.fire("2026-11-20 14:00")
        self.ok("todo", "add", "Call the fire brigade back", "--at", "2026-11-20 15:00")
        self.ok("incident", "instruct", i, "--from", "County head", "--text", "Report hourly",
                "--at", "2026-11-20 15:05")
        r = self.ok("note", "add", "Road to Dock 3 closed", "--at", "2026-11-20 16:00")
        self.assertRegex(r.out, r"^note #\d+ recorded at 2026-11-20 16:00\n$")
        seq = r.out.split("#")[1].split(" ")[0]
        kept = self.ok("note", "add", "Generator refuelled", "--at", "2026-11-20 17:00").out.split("#")[1].split(" ")[0]
        context = self.ok("handover", "--at", "2026-11-21 08:30", "--context").json()
        self.assertEqual((len(context["pending"]), len(context["instructions"]), len(context["notes"])), (1, 1, 2))
        self.assertEqual(self.ok("todo", "void", "T-1", "--reason", "entered twice").out, "T-1 voided: entered twice\n")
        self.ok("todo", "void", "P-1", "--reason", "wrong incident")
        self.assertEqual(self.ok("note", "void", seq, "--reason", "wrong shift").out,
                         f"note #{seq} of 2026-11-20 16:00 voided: wrong shift\n")
        context = self.ok("handover", "--at", "2026-11-21 08:30", "--context").json()
        self.assertEqual((len(context["pending"]), len(context["instructions"])), (0, 0))
        self.assertEqual([n["text"] for n in context["notes"]], ["Generator refuelled"])
        self.assertEqual(context["counts"]["notes"], 1)
        daily = self.ok("daily", "--date", "2026-11-20", "--context").json()
        self.assertEqual(daily["instructions"], [])
        self.assertEqual(self.ok("todo", "list", "--format", "json").json(), [])
        listed = self.ok("todo", "list", "--include-void", "--format", "json").json()
        self.assertEqual([(x["id"], x["void"], x["void_reason"]) for x in listed],
                         [("T-1", True, "entered twice"), ("P-1", True, "wrong incident")])
        self.refused(["todo", "void", "T-1", "--reason", "again"], 2, "T-1 was already voided")
        self.refused(["todo", "done", "T-1"], 2, "T-1 was voided")
        self.refused(["todo", "void", "T-9", "--reason", "x"], 2, "no pending item or instruction 'T-9'")
        self.refused(["todo", "void", "P-1"], 2, "--reason: is required")
        self.refused(["note", "void", seq, "--reason", "again"], 2, f"note {seq} was already voided")
        self.refused(["note", "void", "1", "--reason", "x"], 2, "event 1 is not a handover note")
        self.refused(["note", "void", "abc", "--reason", "x"], 2, "'abc' is not a note number")
        self.refused(["note", "void", "999999", "--reason", "x"], 2, "is not a handover note")
        self.ok("note", "void", kept, "--reason", "not needed")
        self.ok("log", "verify")

    # --- 补报 ----------------------------------------------------------------------------------

    def closed_incident(self, category, occurred="2026-11-20 10:00"):
        i = self.add("--title", "Accident", "--category", category, "--occurred", occurred,
                     "--received", "2026-11-20 10:20", "--injured", "3")
        self.ok("incident", "close", i, "--at", "2026-11-20 18:00", "--note", "final")
        return i

    def test_a_supplement_within_the_window_renders_as_buchong(self):
        i = self.closed_incident("road-traffic")
        r = self.ok("incident", "supplement", i, "--deaths", "1", "--injured", "2", "--note",
                    "one of the injured died in hospital", "--at", "2026-11-26 09:00")
        self.assertEqual(r.out, f"{i} supplement 1 (补报) recorded; 'duty bulletin {i}' renders it\n")
        shown = self.show(i)
        self.assertEqual((shown["deaths"], shown["injured"], shown["supplements"], shown["followups"]), (1, 2, 1, 0))
        self.assertEqual(shown["status"], "closed")
        out = self.ok("bulletin", i).out
        self.assertIn("Supplementary report: Accident", out)
        self.assertIn("one of the injured died in hospital", out)
        self.assertIn("casualties from 3 injured to 1 dead, 2 injured", out)
        zh = self.d("bulletin", i, env=ZH, ws=None)
        self.assertExit(zh, 0)
        # The office's locale is en: its templates are English; a zh-CN office renders 补报.
        (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("locale: en", "locale: zh-CN"), encoding="utf-8")
        out = self.ok("bulletin", i).out
        self.assertIn("关于Accident的补报", out)
        self.assertIn("二、补报情况", out)
        html = self.ok("bulletin", i, "--format", "html").out
        self.assertIn("补报", html)
        self.assertIn("supplementary report 1 (补报)", self.ok("incident", "show", i, "--format", "text").out)
        # Out of the window (7 days for road traffic): refused, naming the window.
        self.refused(["incident", "supplement", i, "--deaths", "2", "--note", "x", "--at", "2026-11-27 10:01"], 2,
                     "ended at 2026-11-27 10:00: 7 days after the accident (2026-11-20 10:00)")

    def test_supplement_windows_and_refusals(self):
        flood = self.closed_incident("flood")
        self.ok("incident", "supplement", flood, "--missing", "1", "--note", "one missing", "--at", "2026-12-06 10:00")
        self.refused(["incident", "supplement", flood, "--note", "x", "--at", "2026-12-20 10:01"], 2,
                     "in the future")
        fire = self.closed_incident("fire", occurred="2026-11-20 09:00")
        self.refused(["incident", "supplement", fire, "--deaths", "1", "--note", "x", "--at", "2026-11-27 09:01"], 2,
                     "7 days after the accident")
        r = self.refused(["incident", "supplement", fire, "--deaths", "1", "--note", "x", "--at", "2026-11-27 09:01"],
                         2, "补报", env=ZH)
        self.assertIn("7天", r.err)
        open_one = self.add("--title", "Open", "--category", "flood", "--received", "2026-11-20 11:00")
        self.refused(["incident", "supplement", open_one, "--deaths", "1", "--note", "x"], 2, "is still open")
        self.refused(["incident", "supplement", fire, "--deaths", "1"], 2, "--note: is required")
        self.refused(["incident", "supplement", fire, "--deaths", "1", "--note", "x", "--at", "2026-11-20 17:00"], 2,
                     "is before the final report")
        # office.yaml sets the window per category.
        yaml = OFFICE_YAML + ("categories:\n  - {id: fire, class: accident-disaster, zh: 火灾事故, en: Fire, "
                              "supplement_days: 10}\n")
        (self.ws / "office.yaml").write_text(yaml, encoding="utf-8")
        self.ok("incident", "supplement", fire, "--deaths", "1", "--note", "x", "--at", "2026-11-27 09:01")
        bad = OFFICE_YAML + "categories:\n  - {id: fire, supplement_days: soon}\n"
        (self.ws / "office.yaml").write_text(bad, encoding="utf-8")
        r = self.d("incident", "list")
        self.assertExit(r, 2)
        self.assertIn("office.yaml:12:", r.err)
        self.assertIn("supplement_days", r.err)
        count_bad_input()

    # --- projections -------------------------------------------------------------------------

    def test_log_verify_and_rebuild_agree_after_corrections_voids_and_supplements(self):
        a = self.closed_incident("road-traffic")
        self.ok("incident", "correct", a, "--received", "2026-11-20 10:10", "--reason", "call log")
        self.ok("incident", "supplement", a, "--deaths", "1", "--note", "died", "--at", "2026-11-22 10:00")
        b = self.fire()
        self.ok("incident", "void", b, "--reason", "duplicate")
        self.ok("todo", "add", "x", "--at", "2026-11-20 15:00")
        self.ok("todo", "void", "T-1", "--reason", "mistake")
        self.assertExit(self.d("log", "verify"), 0)
        # A row edited behind duty's back is found, and rebuild puts it back.
        self.sql("UPDATE incidents SET voided = 0 WHERE id = ?", b)
        self.sql("UPDATE pending SET voided = 0 WHERE id = 'T-1'")
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertIn("voided: stored 0, events give 1", r.out + r.err)
        self.ok("log", "rebuild")
        self.assertExit(self.d("log", "verify"), 0)
        self.assertEqual([x["id"] for x in self.ok("incident", "list", "--format", "json").json()], [a])
        self.sql("UPDATE incidents SET corrections = '' WHERE id = ?", a)
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertIn("corrections: stored ''", r.out + r.err)


if __name__ == "__main__":
    unittest.main()
