# SPDX-License-Identifier: Apache-2.0
"""Roster attacks of issue 13: a roster spec that disagrees with office.yaml on the zone or the
handover, a spec whose solving would take minutes, and calendars that a reader could place at
another instant than `duty who` (DST gaps and repeated hours, periods past 2199, historic offsets
with seconds). The calendars are read back with python3-icalendar, a real RFC 5545 reader.
"""
import datetime
import json
import re
import time
import unittest

import icalendar

from harness import DutyTest, count_bad_input, report_bad_input_cases
from publish_support import OFFICE, PublishTest, roster_yaml

UTC = datetime.timezone.utc


def instant(text):
    """An ISO 8601 instant of duty's JSON as an aware datetime."""
    return datetime.datetime.fromisoformat(text)


def event_instants(ics_text):
    """(DTSTART, DTEND) of every VEVENT as aware datetimes, in file order, as icalendar reads them."""
    cal = icalendar.Calendar.from_ical(ics_text)
    return [(e["DTSTART"].dt, e["DTEND"].dt) for e in cal.walk("VEVENT")]


class SpecAgainstOffice(PublishTest):
    """`roster publish`, `replan`, `swap` and `cover` refuse a spec whose zone or handover is not
    the office's: the shifts they record would begin at other instants than the office reckons."""

    def refused(self, r, *needles):
        self.assertExit(r, 2)
        for needle in needles:
            self.assertIn(needle, r.err)
        self.assertEqual(r.out, "")
        count_bad_input()

    def test_publish_refuses_a_spec_in_another_zone(self):
        self.make_workspace(OFFICE.format(tz="Asia/Shanghai", handover="08:30"))
        self.set_spec("2027-01-01", "2027-01-10", tz="Asia/Urumqi")
        r = self.d("roster", "publish")
        self.refused(r, "roster.yaml:1:11: the roster spec's timezone 'Asia/Urumqi' differs from the "
                        "office's timezone 'Asia/Shanghai' in ", "office.yaml")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_publish_refuses_a_spec_with_another_handover(self):
        self.make_workspace(OFFICE.format(tz="Asia/Shanghai", handover="08:30"))
        self.set_spec("2027-01-01", "2027-01-10", handover="09:00")
        r = self.d("roster", "publish")
        self.refused(r, "roster.yaml:2:11: the roster spec's handover 09:00 differs from the office's "
                        "handover 08:30 in ", "office.yaml")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_a_spec_that_leaves_the_handover_to_its_default_is_named_so(self):
        self.make_workspace(OFFICE.format(tz="Asia/Shanghai", handover="09:00"))
        text = roster_yaml("2027-01-01", "2027-01-10", handover="09:00").replace('handover: "09:00"\n', "")
        (self.ws / "roster.yaml").write_text(text, encoding="utf-8")
        r = self.d("roster", "publish")
        self.refused(r, "the roster spec's handover 08:30 (the default: the spec does not set handover) "
                        "differs from the office's handover 09:00")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_both_differences_are_reported_together_for_a_spec_given_by_path(self):
        self.make_workspace(OFFICE.format(tz="Europe/London", handover="08:30"))
        self.write("other.yaml", roster_yaml("2027-01-01", "2027-01-10", tz="Europe/Dublin", handover="07:00"))
        r = self.d("roster", "publish", self.tmp / "other.yaml")
        self.refused(r, "other.yaml:1:11: the roster spec's timezone 'Europe/Dublin' differs from the "
                        "office's timezone 'Europe/London'",
                     "other.yaml:2:11: the roster spec's handover 07:00 differs from the office's handover 08:30",
                     "2 problems")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_a_plan_is_not_published_through_a_mismatched_spec(self):
        self.make_office("2027-01-01", "2027-01-10")
        plan = self.ok("roster", "build", self.ws / "roster.yaml", "--format", "json").out
        self.write("plan.json", plan)
        self.set_spec("2027-01-01", "2027-01-10", handover="20:00")
        r = self.d("roster", "publish", self.tmp / "plan.json")
        self.refused(r, "handover 20:00 differs from the office's handover 08:30")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_replan_swap_and_cover_refuse_once_the_spec_moved_away(self):
        self.make_office("2027-01-01", "2027-01-20")
        plan = self.assignments(self.publish())
        before = self.state()
        self.set_spec("2027-01-01", "2027-01-20", tz="Asia/Tokyo")
        a, b = plan["2027-01-05"]["officer"][0], plan["2027-01-12"]["officer"][0]
        attempts = {
            "replan": ("roster", "replan", "--from", "2027-01-10", "--reason", "leave"),
            "swap": ("roster", "swap", "2027-01-05", "2027-01-12", "officer", a, b, "--reason", "trade"),
            "cover": ("roster", "cover", "2027-01-05", "officer", a, "--by",
                      next(p for p in ("off-a", "off-b", "off-c", "off-d") if p != a), "--reason", "ill"),
        }
        for name, args in attempts.items():
            with self.subTest(name):
                r = self.d(*args, "--force") if name == "replan" else self.d(*args)
                self.refused(r, "timezone 'Asia/Tokyo' differs from the office's timezone 'Asia/Shanghai'")
                self.assertEqual(self.state(), before)
        # The same commands work again once the two files agree.
        self.set_spec("2027-01-01", "2027-01-20")
        self.ok(*attempts["replan"])


# A spec the solver would chew on for minutes: 10,000 people for a 100-place slot, a whole year.
def huge_spec(days=365, people=10000, count=100, strategy="balanced"):
    start = datetime.date(2027, 1, 1)
    end = start + datetime.timedelta(days=days - 1)
    lines = ["timezone: Asia/Shanghai", 'handover: "08:30"', f"period: {{from: {start}, to: {end}}}",
             f"strategy: {strategy}", "slots:", f"  - {{id: officer, group: staff, count: {count}}}", "people:"]
    lines += [f"  - {{id: p{i}, groups: [staff]}}" for i in range(people)]
    return "\n".join(lines) + "\n"


class ResourceCeiling(PublishTest):
    """A spec over the work ceiling of docs/roster-spec.md is refused at once by every command that
    reads it, naming the limit and the figure, instead of running for minutes."""

    WORK = "36,500 places (100 a shift x 365 days) x (10,000 people + 365 days) = 378,322,500"

    def assert_refused_quickly(self, started, r, where="roster.yaml:3:9"):
        elapsed = time.monotonic() - started
        self.assertExit(r, 2)
        self.assertIn(where + ": the roster is too large to solve within a minute", r.err)
        self.assertIn(self.WORK, r.err)
        self.assertIn("the limit is 6,000,000", r.err)
        self.assertEqual(r.out, "")
        # Reading 10,000 people is most of it; solving would take hours.
        self.assertLess(elapsed, 30, r)
        count_bad_input()

    def test_build_check_and_stats_refuse_before_solving(self):
        self.write("roster.yaml", huge_spec())
        start = datetime.date(2027, 1, 1)
        shifts = []
        for i in range(365):
            day = start + datetime.timedelta(days=i)
            shifts.append({"date": str(day), "start": f"{day}T08:30:00+08:00",
                           "end": f"{day + datetime.timedelta(days=1)}T08:30:00+08:00",
                           "day_type": "workday", "assignments": {"officer": []}})
        self.write("plan.json", json.dumps({"timezone": "Asia/Shanghai", "handover": "08:30", "from": "2027-01-01",
                                            "to": "2027-12-31", "shifts": shifts}))
        for args in (("roster", "build", "roster.yaml", "--format", "json"),
                     ("roster", "stats", "roster.yaml", "--format", "json"),
                     ("roster", "stats", "roster.yaml", "plan.json", "--format", "json"),
                     ("roster", "check", "roster.yaml", "plan.json")):
            with self.subTest(" ".join(args[1:])):
                started = time.monotonic()
                self.assert_refused_quickly(started, self.duty(*args, timeout=120))

    def test_publish_and_replan_refuse_before_solving(self):
        self.make_office("2027-01-01", "2027-12-31")
        self.publish()
        before = self.state()
        (self.ws / "roster.yaml").write_text(huge_spec(), encoding="utf-8")
        started = time.monotonic()
        self.assert_refused_quickly(started, self.d("roster", "publish", timeout=120))
        self.assertEqual(self.state(), before)
        started = time.monotonic()
        self.assert_refused_quickly(started, self.d("roster", "replan", "--from", "2027-01-01", "--force",
                                                    "--reason", "new staff", timeout=120))
        self.assertEqual(self.state(), before)

    def test_a_large_spec_within_the_ceiling_is_solved(self):
        # 1,000 people for a 10-place slot over 182 days: 1,820 places x (1,000 + 182) = 2,151,240.
        self.write("roster.yaml", huge_spec(days=182, people=1000, count=10))
        r = self.duty("roster", "build", "roster.yaml", "--format", "json", timeout=300)
        self.assertExit(r, 0)
        self.assertEqual(len(r.json()["shifts"]), 182)
        self.assertTrue(all(len(s["assignments"]["officer"]) == 10 for s in r.json()["shifts"]))


class Calendars(PublishTest):
    """Every calendar reader places each duty at the instant `duty who` and `roster show` give."""

    def publish_around(self, tz, handover, frm, to):
        self.make_office(frm, to, tz=tz, handover=handover)
        self.publish()
        shown = self.show()
        ics = self.ok("roster", "show", "--format", "ics").out
        return shown, ics

    def assert_calendar_agrees(self, shown, ics):
        events = event_instants(ics)
        self.assertEqual(len(events), len(shown["shifts"]))
        for (start, end), shift in zip(events, shown["shifts"]):
            self.assertEqual(start.astimezone(UTC), instant(shift["start"]).astimezone(UTC), shift["date"])
            self.assertEqual(end.astimezone(UTC), instant(shift["end"]).astimezone(UTC), shift["date"])
            # who --at the event's start names that shift; a second before, the one before it.
            at = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            self.assertEqual(self.who(at)["date"], shift["date"])
            earlier = (start - datetime.timedelta(seconds=60)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            if shift is not shown["shifts"][0]:
                self.assertLess(self.who(earlier)["date"], shift["date"])

    def test_new_york_spring_gap(self):
        # 02:30 does not exist on 2027-03-14: the shift changes at 03:30 EDT, 07:30 UTC.
        shown, ics = self.publish_around("America/New_York", "02:30", "2027-03-12", "2027-03-15")
        self.assertIn("DTEND:20270314T073000Z\n", ics)
        self.assertIn("DTSTART:20270314T073000Z\n", ics)
        self.assertIn("DTSTART;TZID=America/New_York:20270313T023000\n", ics)
        self.assert_calendar_agrees(shown, ics)

    def test_new_york_repeated_hour(self):
        # 01:30 happens twice on 2027-11-07; the first, 01:30 EDT, is 05:30 UTC.
        shown, ics = self.publish_around("America/New_York", "01:30", "2027-11-05", "2027-11-08")
        self.assertIn("DTSTART:20271107T053000Z\n", ics)
        self.assertIn("DTEND:20271107T053000Z\n", ics)
        self.assert_calendar_agrees(shown, ics)

    def test_london_spring_gap(self):
        shown, ics = self.publish_around("Europe/London", "01:30", "2027-03-27", "2027-03-29")
        self.assertIn("DTSTART:20270328T013000Z\n", ics)  # 02:30 BST, the 01:30 GMT that never was
        self.assert_calendar_agrees(shown, ics)

    def test_london_repeated_hour(self):
        shown, ics = self.publish_around("Europe/London", "01:30", "2027-10-30", "2027-11-01")
        self.assertIn("DTSTART:20271031T003000Z\n", ics)  # 01:30 BST
        self.assert_calendar_agrees(shown, ics)

    def test_a_person_calendar_agrees_too(self):
        shown, _ = self.publish_around("America/New_York", "01:30", "2027-11-05", "2027-11-08")
        person = shown["shifts"][2]["assignments"]["officer"][0]
        ics = self.ok("roster", "show", "--format", "ics", "--person", person).out
        theirs = [s for s in shown["shifts"] if person in s["assignments"]["officer"]]
        events = event_instants(ics)
        self.assertEqual([e[0].astimezone(UTC) for e in events],
                         [instant(s["start"]).astimezone(UTC) for s in theirs])


class PeriodRange(DutyTest):
    """Periods lie within 1900-01-01 .. 2199-12-31 and outside offsets with seconds."""

    def spec(self, tz, frm, to, handover="08:30"):
        return (f'timezone: {tz}\nhandover: "{handover}"\nperiod: {{from: {frm}, to: {to}}}\n'
                "slots: [{id: leader, group: leaders}]\n"
                "people: [{id: ann, groups: [leaders]}, {id: bob, groups: [leaders]}]\n")

    def bad(self, text, needle, *args):
        self.write("spec.yaml", text)
        r = self.duty("roster", "build", "spec.yaml", "--format", "ics", *args)
        self.assertExit(r, 2)
        self.assertIn(needle, r.err)
        self.assertEqual(r.out, "")
        count_bad_input()

    def test_a_period_ending_after_2199_is_refused(self):
        self.bad(self.spec("Asia/Shanghai", "2199-12-20", "2200-01-05"),
                 "duty: error: spec.yaml:3:32: period.to: '2200-01-05' is outside the years 1900 to 2199 that duty "
                 "accepts; check the year")

    def test_the_last_day_of_2199_is_accepted(self):
        self.write("spec.yaml", self.spec("Asia/Shanghai", "2199-12-25", "2199-12-31"))
        r = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json()["shifts"][-1]["end"], "2200-01-01T08:30:00+08:00")

    def test_local_mean_time_is_refused_not_rounded(self):
        # Shanghai kept local mean time, +08:05:43, until 1901; JSON offsets are whole minutes.
        self.bad(self.spec("Asia/Shanghai", "1900-12-30", "1901-01-02"),
                 "spec.yaml:3:16: the period 1900-12-30 .. 1901-01-02 reaches into the time when "
                 "Asia/Shanghai's UTC offset was +08:05:43 (LMT, until 1901-01-01 00:00)")
        self.assertIn("start the period on or after 1901-01-01", self.duty("roster", "build", "spec.yaml").err)
        # Amsterdam summer time 1937 was +01:19:32 until 1 July.
        self.bad(self.spec("Europe/Amsterdam", "1937-06-20", "1937-07-10"),
                 "Europe/Amsterdam's UTC offset was +01:19:32 (NST, until 1937-07-01 00:00)")
        self.bad(self.spec("Asia/Shanghai", "1901-01-01", "1901-01-03"),
                 "--from/--to: the period 1900-12-31 .. 1901-01-03", "--from", "1900-12-31")

    def test_the_first_whole_minute_days_are_written_whole(self):
        for tz, frm, to, seconds in (("Asia/Shanghai", "1901-01-01", "1901-01-05", "+080543"),
                                     ("Europe/Amsterdam", "1937-07-01", "1937-07-04", "+011932")):
            with self.subTest(tz):
                self.write("spec.yaml", self.spec(tz, frm, to))
                shown = self.duty("roster", "build", "spec.yaml", "--format", "json").json()
                r = self.duty("roster", "build", "spec.yaml", "--format", "ics")
                self.assertExit(r, 0)
                # The change out of the offset with seconds is in the VTIMEZONE, seconds and all.
                self.assertIn(f"TZOFFSETFROM:{seconds}\n", r.out)
                cal = icalendar.Calendar.from_ical(r.out)
                offsets = [sub["TZOFFSETFROM"].td for tz_ in cal.walk("VTIMEZONE") for sub in tz_.subcomponents]
                self.assertIn(datetime.timedelta(hours=int(seconds[1:3]), minutes=int(seconds[3:5]),
                                                 seconds=int(seconds[5:7])), offsets)
                events = event_instants(r.out)
                self.assertEqual([s.astimezone(UTC) for s, _ in events],
                                 [instant(s["start"]).astimezone(UTC) for s in shown["shifts"]])

    def test_a_period_past_the_zone_files_last_change_is_refused(self):
        # The tz file lists London's changes to 2037; later ones follow a footer rule duty does not
        # apply, so a summer shift in 2040 would be an hour off (pytz readers err the same way).
        self.bad(self.spec("Europe/London", "2040-06-30", "2040-07-02"),
                 "spec.yaml:3:32: the period 2040-06-30 .. 2040-07-02 runs past 2037-10-25 01:00, the last clock "
                 "change Europe/London's time zone file lists; later changes follow a rule duty does not apply, "
                 "so its times there could be an hour off: end the period by 2037-10-23")
        self.bad(self.spec("America/New_York", "2037-10-01", "2037-10-31"),
                 "duty: error: --from/--to: the period 2037-10-01 .. 2037-11-02 runs past 2037-11-01 01:00",
                 "--to", "2037-11-02")
        self.assertIn("end the period by 2037-10-30", self.duty("roster", "build", "spec.yaml", "--to", "2037-11-02").err)

    def test_years_after_2038_are_written_in_utc_where_the_zone_allows_them(self):
        self.write("spec.yaml", self.spec("Asia/Shanghai", "2038-01-18", "2038-01-20"))
        shown = self.duty("roster", "build", "spec.yaml", "--format", "json").json()
        r = self.duty("roster", "build", "spec.yaml", "--format", "ics")
        self.assertExit(r, 0)
        # 32-bit time ends at 2038-01-19 03:14:07 UTC: the shift of the 19th starts before, ends after.
        self.assertIn("DTSTART;TZID=Asia/Shanghai:20380119T083000\n", r.out)
        self.assertIn("DTEND:20380120T003000Z\n", r.out)
        self.assertIn("DTSTART:20380120T003000Z\n", r.out)
        self.assertEqual([s.astimezone(UTC) for s, _ in event_instants(r.out)],
                         [instant(s["start"]).astimezone(UTC) for s in shown["shifts"]])

    def test_no_vtimezone_observance_starts_after_the_events(self):
        # Before a zone's first change the one observance must start no later than the first event.
        self.write("spec.yaml", self.spec("Etc/GMT-3", "1950-03-01", "1950-03-03"))
        r = self.duty("roster", "build", "spec.yaml", "--format", "ics")
        self.assertExit(r, 0)
        starts = re.findall(r"BEGIN:STANDARD\nDTSTART:(\d{8})T", r.out)
        self.assertEqual(starts, ["19500301"])


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
