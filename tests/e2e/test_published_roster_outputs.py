# SPDX-License-Identifier: Apache-2.0
"""The published roster reaching every output: calendar exports of `roster show` whose UIDs stay and
whose SEQUENCE counts changes, and the people on duty named by the handover record and the daily
bulletin."""
import csv
import io
import unittest

import icalendar

from publish_support import PublishTest


class PublishedExports(PublishTest):
    def events(self, *args):
        text = self.ok("roster", "show", "--format", "ics", *args).out
        return {str(e["DTSTART"].dt.date()): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}

    def test_a_swap_keeps_the_uids_and_bumps_the_sequence_of_its_two_dates(self):
        self.make_office()
        plan = self.assignments(self.publish())
        before = self.events()
        self.assertEqual(len(before), 31)
        self.assertEqual({int(e.get("SEQUENCE", 0)) for e in before.values()}, {0})
        a_day, b_day = "2027-01-10", "2027-01-20"
        a, b = plan[a_day]["officer"][0], plan[b_day]["officer"][0]
        if a == b:
            b_day = next(d for d, s in sorted(plan.items()) if s["officer"][0] != a and d > a_day)
            b = plan[b_day]["officer"][0]
        self.ok("roster", "swap", a_day, b_day, "officer", a, b, "--reason", "family matter", "--force")
        after = self.events()
        self.assertEqual({d: str(e["UID"]) for d, e in after.items()}, {d: str(e["UID"]) for d, e in before.items()})
        changed = {d for d, e in after.items() if int(e.get("SEQUENCE", 0)) != 0}
        self.assertEqual(changed, {a_day, b_day})
        self.assertEqual(int(after[a_day]["SEQUENCE"]), 1)
        name_b = {"off-a": "Officer A", "off-b": "Officer B", "off-c": "Officer C", "off-d": "Officer D"}[b]
        self.assertIn(name_b, str(after[a_day]["SUMMARY"]))

    def test_show_writes_csv_and_html_and_one_persons_calendar(self):
        self.make_office()
        plan = self.assignments(self.publish())
        rows = list(csv.reader(io.StringIO(self.ok("roster", "show", "--format", "csv").out)))
        self.assertEqual(len(rows), 32)
        self.assertEqual(rows[1][0], "2027-01-01")
        html = self.ok("roster", "show", "--format", "html").out
        self.assertTrue(html.lstrip().lower().startswith("<!doctype html"))
        self.assertIn("Test County Duty Office", html)
        mine = self.events("--person", "off-a")
        self.assertEqual(sorted(mine), sorted(d for d, s in plan.items() if "off-a" in s["officer"]))
        r = self.d("roster", "show", "--format", "ics", "--person", "off-z")
        self.assertExit(r, 2)
        self.assertIn("--person", r.err)


class PublishedPeopleOnBulletins(PublishTest):
    def test_handover_and_daily_name_the_people_on_the_published_roster(self):
        self.make_office(frm="2026-11-01", to="2026-11-30")
        plan = self.assignments(self.publish())
        names = {"ldr-a": "Leader A", "ldr-b": "Leader B", "ldr-c": "Leader C", "off-a": "Officer A",
                 "off-b": "Officer B", "off-c": "Officer C", "off-d": "Officer D"}
        handover = self.ok("handover", "--at", "2026-11-20 08:30").out
        self.assertNotIn("not on the published roster", handover)
        for day in ("2026-11-19", "2026-11-20"):
            for person in plan[day]["leader"] + plan[day]["officer"]:
                self.assertIn(names[person], handover)
        context = self.ok("handover", "--at", "2026-11-20 08:30", "--context").json()
        self.assertIn(names[plan["2026-11-20"]["leader"][0]], str(context))
        daily = self.ok("daily", "--date", "2026-11-20").out
        self.assertIn(names[plan["2026-11-20"]["leader"][0]], daily)
        self.assertNotIn("not on the published roster", daily)


if __name__ == "__main__":
    unittest.main()
