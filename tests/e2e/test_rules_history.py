# SPDX-License-Identifier: Apache-2.0
"""One answer to "what is overdue": a change of office.yaml's reporting rules is recorded in the log
by the first command that writes under it, each fact is judged by the rules in force when the office
learned it, and `incident overdue`, `incident show`, the daily bulletin and the handover record
agree at every moment (docs/incident-log.md, "Rules in force").

The rules' change is recorded at the moment a command runs, so these tests use times relative to
now, and an office whose handover clock is set relative to now so that every time falls in one
duty day.
"""
import datetime
import unittest

from harness import report_bad_input_cases
from incident_support import IncidentTest

CST = datetime.timezone(datetime.timedelta(hours=8))


def office_yaml(handover, rules):
    return f"""\
office:
  name: Test County Duty Office
  timezone: Asia/Shanghai
  handover: "{handover}"
  locale: en
chain:
  - {{id: prefecture, name: Prefecture EMB}}
  - {{id: province, name: Province EMD}}
escalation:
{rules}"""


CATCH_ALL_2H = '  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "Art. 11"}\n'
CATCH_ALL_4H = '  - {match: {}, to: [prefecture], via: written, within: 4h, basis: "Art. 11"}\n'
DEATHS_1H = '  - {match: {deaths_at_least: 1}, to: [province], via: phone, within: 1h, basis: "Art. 9"}\n'


def minute(text):
    """'2026-12-06T16:00+08:00' or '2026-12-06 16:00' -> '2026-12-06 16:00'."""
    return text.replace("T", " ")[:16]


def tearDownModule():
    report_bad_input_cases()


class RulesHistoryTest(IncidentTest):
    def workspace(self, hours_since_handover, rules):
        now = datetime.datetime.now(CST)
        handover = (now - datetime.timedelta(hours=hours_since_handover)).strftime("%H:%M")
        self.make_workspace(office_yaml(handover, rules))
        return now, handover

    def edit_rules(self, handover, rules):
        (self.ws / "office.yaml").write_text(office_yaml(handover, rules), encoding="utf-8")

    def show_dues(self, incident):
        return {(r["to"], r["via"]): minute(r["due"]) for r in self.show(incident)["requirements"]}

    def overdue_dues(self, incident):
        r = self.d("incident", "overdue", "--upcoming", "--format", "json")
        self.assertIn(r.code, (0, 1), repr(r))
        return {(x["to"], x["via"]): minute(x["due"]) for x in r.json() if x["incident"] == incident}

    def daily_dues(self, incident, date):
        c = self.ok("daily", "--date", date, "--context").json()
        for inc in c["incidents"]:
            if inc["id"] == incident:
                return {(r["to"], r["via"]): minute(r["due"]) for r in inc["requirements"]}
        self.fail(f"{incident} not in the daily bulletin of {date}")

    def test_every_view_agrees_after_a_rule_is_added_and_relaxed(self):
        now, handover = self.workspace(6, CATCH_ALL_2H)
        duty_date = (now - datetime.timedelta(hours=6)).strftime("%Y-%m-%d")
        a = self.add("--title", "Landslide", "--category", "geological", "--received", "-3h")
        received = minute(self.show(a)["received_at"])
        first = self.show_dues(a)
        self.assertEqual(len(first), 1)

        # The office relaxes the catch-all rule and adds one for deaths. Nothing has recorded the
        # change yet: every read-only view keeps the recorded rules and says so.
        self.edit_rules(handover, CATCH_ALL_4H + DEATHS_1H)
        r = self.d("incident", "show", a, "--format", "json")
        self.assertExit(r, 0)
        self.assertIn("differ from those the log recorded", r.err)
        self.assertEqual(self.show_dues(a), first)
        self.assertEqual(self.overdue_dues(a), first)
        self.assertEqual(self.daily_dues(a, duty_date), first)

        # A follow-up with a death, learned now: recorded together with the new rules, judged by
        # them. The prefecture deadline set by the first report keeps the rules of its time.
        self.ok("incident", "update", a, "--deaths", "1", "--note", "one body found")
        after = self.show_dues(a)
        self.assertEqual(after[("prefecture", "written")], first[("prefecture", "written")])
        self.assertIn(("province", "phone"), after)
        self.assertEqual(self.overdue_dues(a), after)
        self.assertEqual(self.daily_dues(a, duty_date), after)
        r = self.d("incident", "show", a, "--format", "json")
        self.assertEqual(r.err, "", "the change is recorded now: no warning")

        # A new incident learned after the change gets the relaxed deadline.
        b = self.add("--title", "Road accident", "--category", "road-traffic")
        b_received = datetime.datetime.fromisoformat(self.show(b)["received_at"])
        self.assertEqual(self.show_dues(b)[("prefecture", "written")],
                         (b_received + datetime.timedelta(hours=4)).strftime("%Y-%m-%d %H:%M"))
        self.assertEqual(self.overdue_dues(b), self.show_dues(b))

        # The log holds both versions of the rules, and verifies.
        rules = self.sql("SELECT seq, by FROM events WHERE type = 'rules' ORDER BY seq")
        self.assertEqual(len(rules), 2)
        self.ok("log", "verify")
        self.assertTrue(received)

    def test_handover_agrees_with_show_and_overdue(self):
        now, handover = self.workspace(1, CATCH_ALL_2H)
        a = self.add("--title", "Grassland fire", "--category", "fire", "--received", "-2h")
        self.edit_rules(handover, CATCH_ALL_4H)
        at = (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d ") + handover
        c = self.ok("handover", "--at", at, "--context").json()
        dues = {(r["to"], r["via"]): minute(r["due"]) for r in c["due_reports"] if r["incident"] == a}
        self.assertEqual(dues, self.show_dues(a))
        self.assertEqual(dues, self.overdue_dues(a))

    def test_a_backdated_fact_is_judged_by_the_rules_of_its_time(self):
        now, handover = self.workspace(6, CATCH_ALL_2H)
        a = self.add("--title", "Flood", "--category", "flood", "--received", "-3h")
        self.edit_rules(handover, CATCH_ALL_2H + DEATHS_1H)
        # Learned two hours ago, entered now: the deaths rule was not in force then.
        self.ok("incident", "update", a, "--deaths", "2", "--at", "-2h", "--note", "two found")
        self.assertEqual(list(self.show_dues(a)), [("prefecture", "written")])
        self.assertEqual(self.overdue_dues(a), self.show_dues(a))
        # Learned now: it is.
        self.ok("incident", "update", a, "--deaths", "3", "--note", "three found")
        self.assertIn(("province", "phone"), self.show_dues(a))
        self.assertEqual(self.overdue_dues(a), self.show_dues(a))

    def test_a_failed_command_records_no_rules(self):
        self.workspace(6, CATCH_ALL_2H)
        a = self.add("--title", "Flood", "--category", "flood", "--received", "-3h")
        before = self.sql("SELECT count(*) FROM events")
        self.edit_rules((datetime.datetime.now(CST) - datetime.timedelta(hours=6)).strftime("%H:%M"), CATCH_ALL_4H)
        r = self.d("incident", "update", "2026-9999", "--deaths", "1", "--note", "x")
        self.assertExit(r, 2)
        self.assertEqual(self.sql("SELECT count(*) FROM events"), before)
        self.assertTrue(a)


if __name__ == "__main__":
    unittest.main()
