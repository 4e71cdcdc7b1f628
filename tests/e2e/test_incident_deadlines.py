# SPDX-License-Identifier: Apache-2.0
"""Reporting deadlines end to end (issue 3): a rule applies when its match holds on the current
state; its deadline runs from the received time or from the update that made it apply; one
requirement per (organisation, channel) with the earliest deadline; any escalation to that pair
satisfies it, late ones marked with minutes late; closing does not waive anything."""
import unittest

from incident_support import IncidentTest

# Rules written for these tests, so each deadline below follows from one line here.
OFFICE_YAML = """\
office:
  name: Deadline Test Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
chain:
  - {id: prefecture, name: Prefecture EMB}
  - {id: province, name: Province EMD}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: every incident}
  - {match: {deaths_at_least: 1}, to: [prefecture], via: phone, within: 30m, basis: a death}
  - {match: {category: [hazmat]}, to: [prefecture], via: written, within: 1h, basis: hazmat}
  - {match: {deaths_at_least: 3}, to: [prefecture], via: written, within: 30m, basis: three deaths}
  - {match: {severity: [I, II]}, to: [province], via: phone, within: 1h, basis: grave}
"""


def req(to, via, arose, due, basis, made=None, late=None, status=None):
    """A requirement as show --format json gives it (minutes_late/status only asserted when made)."""
    r = {"to": to, "via": via, "arose_at": f"2026-11-20T{arose}+08:00", "due": f"2026-11-20T{due}+08:00",
         "made_at": f"2026-11-20T{made}+08:00" if made else None, "basis": basis}
    if made:
        r.update(minutes_late=late, status=status)
    return r


def due(incident, to, via, at, late):
    return {"incident": incident, "to": to, "via": via, "due": f"2026-11-20T{at}+08:00", "minutes_late": late}


class DeadlineTest(IncidentTest):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.make_workspace(OFFICE_YAML)

    def requirements(self, incident="2026-0001"):
        """The requirements, without the live overdue minutes of unmade ones (they grow with the clock)."""
        out = []
        for r in self.show(incident)["requirements"]:
            if r["made_at"] is None:
                self.assertEqual(r["status"], "overdue")  # every deadline here is days in the past
                r = {k: v for k, v in r.items() if k not in ("minutes_late", "status")}
            out.append(r)
        return out

    def overdue(self, at, *args, code):
        r = self.d("incident", "overdue", "--at", f"2026-11-20 {at}", *args, "--format", "json")
        self.assertExit(r, code)
        return [{k: row[k] for k in ("incident", "to", "via", "due", "minutes_late")} for row in r.json()]

    def test_a_death_reported_at_14_40_makes_a_phone_report_due_at_15_10(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        self.assertEqual(self.requirements(), [req("prefecture", "written", "14:00", "16:00", "every incident")])
        r = self.ok("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 14:40",
                    "--note", "one died on the way to hospital")
        self.assertEqual(r.out, "2026-0001 follow-up 1\n")
        self.assertEqual(self.requirements(), [
            req("prefecture", "phone", "14:40", "15:10", "a death"),
            req("prefecture", "written", "14:00", "16:00", "every incident"),
        ])
        # Due at 15:10 means not overdue at 15:10 itself, and one minute late a minute later.
        self.assertEqual(self.overdue("15:10", code=0), [])
        self.assertEqual(self.overdue("15:11", code=1), [due("2026-0001", "prefecture", "phone", "15:10", 1)])
        self.assertEqual(self.overdue("16:30", code=1), [
            due("2026-0001", "prefecture", "phone", "15:10", 80),
            due("2026-0001", "prefecture", "written", "16:00", 30),
        ])

    def test_a_death_known_from_the_first_report_runs_from_received(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00",
                 "--deaths", "1")
        self.assertEqual(self.requirements(), [
            req("prefecture", "phone", "14:00", "14:30", "a death"),
            req("prefecture", "written", "14:00", "16:00", "every incident"),
        ])

    def test_two_rules_for_one_pair_keep_the_earliest_deadline(self):
        # "every incident" (2 h) and "hazmat" (1 h) both demand a written report to the prefecture.
        self.add("--title", "Chlorine leak", "--category", "hazmat", "--received", "2026-11-20 09:00")
        self.assertEqual(self.requirements(), [req("prefecture", "written", "09:00", "10:00", "hazmat")])

    def test_a_rule_applying_later_can_bring_the_deadline_forward(self):
        self.add("--title", "Scaffold collapse", "--category", "construction", "--received", "2026-11-20 14:00")
        self.ok("incident", "update", "2026-0001", "--deaths", "3", "--at", "2026-11-20 15:00", "--note", "three dead")
        # 15:00 + 30 min is earlier than 14:00 + 2 h: the written report is now due at 15:30.
        reqs = self.requirements()
        self.assertEqual(sorted((r["to"], r["via"], r["due"], r["basis"]) for r in reqs), [
            ("prefecture", "phone", "2026-11-20T15:30+08:00", "a death"),
            ("prefecture", "written", "2026-11-20T15:30+08:00", "three deaths"),
        ])
        self.assertEqual(sorted(self.overdue("15:45", code=1), key=lambda r: r["via"]), [
            due("2026-0001", "prefecture", "phone", "15:30", 15),
            due("2026-0001", "prefecture", "written", "15:30", 15),
        ])

    def test_a_rule_applying_later_never_pushes_the_deadline_back(self):
        self.add("--title", "Scaffold collapse", "--category", "construction", "--received", "2026-11-20 14:00")
        self.ok("incident", "update", "2026-0001", "--deaths", "3", "--at", "2026-11-20 15:45", "--note", "three dead")
        # 15:45 + 30 min = 16:15 is later than 16:00: the earlier deadline stands.
        self.assertEqual(self.requirements(), [
            req("prefecture", "written", "14:00", "16:00", "every incident"),
            req("prefecture", "phone", "15:45", "16:15", "a death"),
        ])

    def test_effective_severity_drives_severity_rules(self):
        # Stated II at the first report: the province must hear by phone within the hour.
        self.add("--title", "Market fire", "--category", "fire", "--received", "2026-11-20 10:00", "--severity", "II")
        self.assertIn(req("province", "phone", "10:00", "11:00", "grave"), self.requirements("2026-0001"))
        # Stated IV, but ten deaths reported at 12:00 grade it II: due from the update.
        self.add("--title", "Mine flood", "--category", "mining", "--received", "2026-11-20 11:00", "--severity", "IV")
        self.assertNotIn("province", [r["to"] for r in self.requirements("2026-0002")])
        self.ok("incident", "update", "2026-0002", "--deaths", "10", "--at", "2026-11-20 12:00", "--note", "ten dead")
        self.assertIn(req("province", "phone", "12:00", "13:00", "grave"), self.requirements("2026-0002"))

    def test_a_late_escalation_is_marked_with_minutes_late(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        self.ok("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 14:40", "--note", "one died")
        r = self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone",
                    "--at", "2026-11-20 15:25")
        self.assertEqual(r.out, "2026-0001 reported to prefecture via phone\n")
        self.assertEqual(r.err, "duty: note: this report was 15 minutes late (due 2026-11-20 15:10); it is recorded "
                                "as late\n")
        r = self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                    "--at", "2026-11-20 15:55")
        self.assertEqual(r.err, "")
        inc = self.show("2026-0001")
        self.assertEqual([(e["type"], e.get("via"), e.get("minutes_late")) for e in inc["events"]],
                         [("created", None, None), ("update", None, None), ("escalation", "phone", 15),
                          ("escalation", "written", 0)])
        self.assertEqual(inc["requirements"], [
            {**req("prefecture", "phone", "14:40", "15:10", "a death", made="15:25", late=15, status="late")},
            {**req("prefecture", "written", "14:00", "16:00", "every incident", made="15:55", late=0, status="made")},
        ])
        # Made reports are never overdue afterwards.
        self.assertEqual(self.overdue("18:00", code=0), [])
        # ... but as of a time before they were made, they were.
        self.assertEqual(self.overdue("15:20", code=1), [due("2026-0001", "prefecture", "phone", "15:10", 10)])

    def test_an_escalation_made_before_the_rule_applied_satisfies_it(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone", "--at", "2026-11-20 14:10")
        self.ok("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 14:40", "--note", "one died")
        self.assertEqual(self.requirements()[0],
                         req("prefecture", "phone", "14:40", "15:10", "a death", made="14:10", late=0, status="made"))
        self.assertEqual(self.overdue("15:30", code=0), [])

    def test_the_first_escalation_to_a_pair_is_the_one_that_counts(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        for at in ("17:00", "17:30"):
            self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                    "--at", f"2026-11-20 {at}")
        # A report to a pair nobody required is recorded, on time by definition, and creates no requirement.
        self.ok("incident", "escalate", "2026-0001", "--to", "province", "--via", "fax", "--at", "2026-11-20 17:40")
        inc = self.show("2026-0001")
        self.assertEqual([e.get("minutes_late") for e in inc["events"]], [None, 60, 0, 0])
        self.assertEqual(inc["requirements"], [
            req("prefecture", "written", "14:00", "16:00", "every incident", made="17:00", late=60, status="late")])

    def test_overdue_before_and_after_a_deadline_and_upcoming(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        self.ok("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 14:40", "--note", "one died")
        self.add("--title", "Chlorine leak", "--category", "hazmat", "--received", "2026-11-20 14:20")
        self.assertEqual(self.overdue("14:45", code=0), [])
        self.assertEqual(self.overdue("14:45", "--upcoming", code=0), [
            due("2026-0001", "prefecture", "phone", "15:10", 0),
            due("2026-0002", "prefecture", "written", "15:20", 0),
            due("2026-0001", "prefecture", "written", "16:00", 0),
        ])
        # Before the death was known, its phone report was not yet required.
        self.assertEqual(self.overdue("14:30", "--upcoming", code=0), [
            due("2026-0002", "prefecture", "written", "15:20", 0),
            due("2026-0001", "prefecture", "written", "16:00", 0),
        ])
        self.assertEqual(self.overdue("15:15", "--upcoming", code=1), [
            due("2026-0001", "prefecture", "phone", "15:10", 5),
            due("2026-0002", "prefecture", "written", "15:20", 0),
            due("2026-0001", "prefecture", "written", "16:00", 0),
        ])
        self.assertEqual(self.overdue("15:15", code=1), [due("2026-0001", "prefecture", "phone", "15:10", 5)])
        # Once made, the report leaves the list.
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone", "--at", "2026-11-20 15:16")
        self.assertEqual(self.overdue("15:20", code=0), [])
        # The table says the same, with the same exit code.
        r = self.d("incident", "overdue", "--at", "2026-11-20 16:05", "--format", "table")
        self.assertExit(r, 1)
        rows = r.out.splitlines()
        self.assertEqual(rows[0].split(), ["Incident", "To", "Via", "Due", "Overdue", "/", "left", "Title"])
        self.assertEqual(rows[1].split(), ["2026-0002", "Prefecture", "EMB", "written", "2026-11-20", "15:20", "45",
                                           "min", "overdue", "Chlorine", "leak"])
        self.assertEqual(rows[2].split(), ["2026-0001", "Prefecture", "EMB", "written", "2026-11-20", "16:00", "5",
                                           "min", "overdue", "Crash", "on", "G213"])
        self.assertEqual(len(rows), 3)
        r = self.d("incident", "overdue", "--at", "2026-11-20 14:45", "--format", "table")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "No report is overdue.\n")

    def test_closing_does_not_waive(self):
        self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "2026-11-20 14:00",
                 "--deaths", "1")
        r = self.ok("incident", "close", "2026-0001", "--at", "2026-11-20 14:20", "--note", "cleared")
        self.assertEqual(r.err.splitlines(), [
            "duty: warning: the report to Prefecture EMB via phone (due 2026-11-20 14:30) was never made; closing does "
            "not waive it",
            "duty: warning: the report to Prefecture EMB via written (due 2026-11-20 16:00) was never made; closing does "
            "not waive it",
        ])
        self.assertEqual(self.requirements(), [
            req("prefecture", "phone", "14:00", "14:30", "a death"),
            req("prefecture", "written", "14:00", "16:00", "every incident"),
        ])
        self.assertEqual(self.overdue("16:30", code=1), [
            due("2026-0001", "prefecture", "phone", "14:30", 120),
            due("2026-0001", "prefecture", "written", "16:00", 30),
        ])
        # Figures in the final report still bring rules into force: three deaths, written in 30 minutes.
        self.add("--title", "Boiler blast", "--category", "special-equipment", "--received", "2026-11-20 09:00")
        self.ok("incident", "close", "2026-0002", "--deaths", "3", "--at", "2026-11-20 09:10", "--note", "final")
        self.assertEqual(sorted((r["via"], r["due"], r["basis"]) for r in self.requirements("2026-0002")), [
            ("phone", "2026-11-20T09:40+08:00", "a death"),
            ("written", "2026-11-20T09:40+08:00", "three deaths"),
        ])
        # Recording the missed reports after closing satisfies them, late.
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone", "--at", "2026-11-20 16:45")
        self.assertEqual(self.requirements()[0], req("prefecture", "phone", "14:00", "14:30", "a death", made="16:45",
                                                     late=135, status="late"))


if __name__ == "__main__":
    unittest.main()
