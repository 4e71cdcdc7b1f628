# SPDX-License-Identifier: Apache-2.0
"""Times as a duty officer types them (issue 15, docs/time.md): a bare date ending a range takes in the
whole day; relative deadlines count from --at; a bare clock time is the most recent one for when
something happened and the next one for a deadline; JSON times carry seconds only when they have
some."""
import datetime
import json
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import IncidentTest

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def tearDownModule():
    report_bad_input_cases()


class RangeTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.early = self.add("--title", "early", "--category", "flood", "--received", "2026-11-20 00:00")
        self.late = self.add("--title", "late", "--category", "flood", "--received", "2026-11-20T23:59:30+08:00")
        self.next = self.add("--title", "next", "--category", "flood", "--received", "2026-11-21 00:00")

    def ids(self, *args):
        return [x["id"] for x in self.ok(*args, "--format", "json").json()]

    def test_a_bare_date_ending_a_range_is_the_whole_day(self):
        day = ("--from", "2026-11-20", "--to", "2026-11-20")
        self.assertEqual(self.ids("incident", "list", *day), [self.early, self.late])
        self.assertEqual([x["id"] for x in self.ok("incident", "export", *day, "--format", "json").json()],
                         [self.early, self.late])
        # A time of day ends the range there, as before.
        self.assertEqual(self.ids("incident", "list", "--from", "2026-11-20", "--to", "2026-11-20 12:00"),
                         [self.early])
        self.assertEqual(self.ids("incident", "list", "--to", "2026-11-21"), [self.early, self.late, self.next])
        csv_rows = self.ok("incident", "export", "--format", "csv", "--from", "2026-11-21").out.splitlines()
        self.assertEqual([r.split(",")[0] for r in csv_rows[1:]], [self.next])

    def test_bad_range_ends(self):
        for args, message in [
            (("incident", "list", "--to", "2026-11-31"), "--to: '2026-11-31' is not a time; accepted: "),
            (("incident", "export", "--to", "2500-01-01"), "--to: '2500-01-01' is outside the years 1900 to 2199"),
            (("note", "list", "--from", "soon"), "--from: 'soon' is not a time; accepted: "),
        ]:
            r = self.d(*args)
            count_bad_input()
            self.assertExit(r, 2)
            self.assertIn(message, r.err)
        r = self.d("incident", "list", "--to", "2026-11-31", env={"DUTY_LANG": "zh-CN"})
        count_bad_input()
        self.assertExit(r, 2)
        self.assertIn("“2026-11-31”不是有效时间", r.err)

    def test_json_times_have_seconds_only_when_typed(self):
        self.assertEqual(self.show(self.early)["received_at"], "2026-11-20T00:00+08:00")
        self.assertEqual(self.show(self.late)["received_at"], "2026-11-20T23:59:30+08:00")
        # Text shows the seconds too when there are some.
        self.assertIn("2026-11-20 23:59:30", self.ok("incident", "show", self.late).out)


class RelativeTimeTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.a = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 14:00")

    def pending(self):
        return {p["text"]: p for p in self.ok("todo", "list", "--format", "json").json()}

    def test_a_deadline_counts_from_at(self):
        self.ok("incident", "instruct", self.a, "--from", "县长", "--text", "两小时内报告", "--at", "2026-11-20 15:10",
                "--due", "+2h")
        self.ok("todo", "add", "核实伤亡", "--at", "2026-11-20 15:10", "--due", "+1h30m")
        # A bare clock time as a deadline is the next such moment after --at: the next morning here.
        self.ok("todo", "add", "早会通报", "--at", "2026-11-20 15:10", "--due", "08:00")
        self.ok("todo", "add", "傍晚回访", "--at", "2026-11-20 15:10", "--due", "17:00")
        p = self.pending()
        self.assertEqual(p["两小时内报告"]["due"], "2026-11-20T17:10+08:00")
        self.assertEqual(p["核实伤亡"]["due"], "2026-11-20T16:40+08:00")
        self.assertEqual(p["早会通报"]["due"], "2026-11-21T08:00+08:00")
        self.assertEqual(p["傍晚回访"]["due"], "2026-11-20T17:00+08:00")

    def test_a_bare_clock_time_that_happened_is_the_most_recent(self):
        # 23:59 today is (but for the last minute of the day) still to come: typed for a report
        # received, it is last night.
        now = datetime.datetime.now(SHANGHAI)
        expected = now.replace(hour=23, minute=59, second=0, microsecond=0)
        if expected > now:
            expected -= datetime.timedelta(days=1)
        b = self.add("--title", "夜间接报", "--category", "flood", "--received", "23:59", "--occurred", "23:58")
        inc = self.show(b)
        self.assertEqual(inc["received_at"], expected.strftime("%Y-%m-%dT%H:%M+08:00"))
        self.assertEqual(inc["occurred_at"], (expected - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M+08:00"))
        self.ok("note", "add", "夜间情况", "--at", "-1m")
        r = self.d("todo", "add", "x", "--at", "23:59")
        self.assertExit(r, 0)
        self.assertEqual(self.pending()["x"]["created_at"], expected.strftime("%Y-%m-%dT%H:%M+08:00"))
        # Every --at of a thing that happened reads a bare clock time the same way (note add, close).
        self.ok("note", "add", "深夜巡查", "--at", "23:59")
        notes = json.loads(self.ok("note", "list", "--format", "json").out)
        self.assertEqual([n["at"] for n in notes if n["text"] == "深夜巡查"], [expected.strftime("%Y-%m-%dT%H:%M+08:00")])
        self.ok("incident", "close", b, "--at", "23:59", "--note", "处置完毕")
        self.assertEqual(self.show(b)["closed_at"], expected.strftime("%Y-%m-%dT%H:%M+08:00"))


if __name__ == "__main__":
    unittest.main()
