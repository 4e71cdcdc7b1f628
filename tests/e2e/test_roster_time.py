# SPDX-License-Identifier: Apache-2.0
"""Shift instants from the tz database across the 2027 daylight-saving changes (docs/time.md).

The 2027 changes, checked with Python's zoneinfo: America/New_York springs forward on 2027-03-14
(02:00 EST -> 03:00 EDT) and falls back on 2027-11-07 (02:00 EDT -> 01:00 EST); Europe/London
springs forward on 2027-03-28 (01:00 GMT -> 02:00 BST) and falls back on 2027-10-31
(02:00 BST -> 01:00 GMT).
"""
import datetime
import unittest
import zoneinfo

from harness import DutyTest

SPEC = """\
timezone: {zone}
handover: "{handover}"
period: {{from: {first}, to: {last}}}
slots:
  - {{id: officer, group: staff}}
people:
  - {{id: ann, groups: [staff]}}
  - {{id: ben, groups: [staff]}}
strategy: rotation
"""


def hours(shift):
    start = datetime.datetime.fromisoformat(shift["start"])
    end = datetime.datetime.fromisoformat(shift["end"])
    return (end - start).total_seconds() / 3600


def expected_instant(zone, day, handover):
    """The handover on `day` as zoneinfo reads it: fold=0 takes the offset before a gap and the first
    of two occurrences, which is what docs/time.md promises."""
    tz = zoneinfo.ZoneInfo(zone)
    h, m = map(int, handover.split(":"))
    wall = datetime.datetime.combine(day, datetime.time(h, m), tzinfo=tz)
    # Round-tripping through UTC moves a time in a gap to the wall clock that actually exists.
    return wall.astimezone(datetime.timezone.utc).astimezone(tz).isoformat()


class DaylightSavingTest(DutyTest):
    def shifts(self, zone, handover, first, last):
        self.write("spec.yaml", SPEC.format(zone=zone, handover=handover, first=first, last=last))
        r = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(r, 0)
        return {s["date"]: s for s in r.json()["shifts"]}

    def test_the_2027_change_dates(self):
        # Guards the dates the other tests rely on against a different tz database.
        def offset(zone, day):
            return datetime.datetime.combine(day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(zone)).utcoffset()

        for zone, day in (("America/New_York", "2027-03-14"), ("America/New_York", "2027-11-07"),
                          ("Europe/London", "2027-03-28"), ("Europe/London", "2027-10-31")):
            d = datetime.date.fromisoformat(day)
            self.assertNotEqual(offset(zone, d - datetime.timedelta(days=1)), offset(zone, d), (zone, day))

    def test_new_york_spring_forward_shift_lasts_23_hours(self):
        shifts = self.shifts("America/New_York", "00:30", "2027-03-13", "2027-03-15")
        self.assertEqual({d: hours(s) for d, s in shifts.items()},
                         {"2027-03-13": 24, "2027-03-14": 23, "2027-03-15": 24})
        self.assertEqual((shifts["2027-03-14"]["start"], shifts["2027-03-14"]["end"]),
                         ("2027-03-14T00:30:00-05:00", "2027-03-15T00:30:00-04:00"))

    def test_new_york_fall_back_shift_lasts_25_hours(self):
        shifts = self.shifts("America/New_York", "00:30", "2027-11-06", "2027-11-08")
        self.assertEqual({d: hours(s) for d, s in shifts.items()},
                         {"2027-11-06": 24, "2027-11-07": 25, "2027-11-08": 24})
        self.assertEqual((shifts["2027-11-07"]["start"], shifts["2027-11-07"]["end"]),
                         ("2027-11-07T00:30:00-04:00", "2027-11-08T00:30:00-05:00"))

    def test_morning_handover_puts_the_change_in_the_previous_dates_shift(self):
        # The shift of date D runs from D's handover to D+1's, so at 08:30 the shift of the day
        # before the change is the one that spans it.
        shifts = self.shifts("America/New_York", "08:30", "2027-03-13", "2027-03-14")
        self.assertEqual(hours(shifts["2027-03-13"]), 23)
        self.assertEqual(hours(shifts["2027-03-14"]), 24)
        self.assertEqual(shifts["2027-03-13"]["end"], "2027-03-14T08:30:00-04:00")

    def test_london_spring_forward_and_fall_back(self):
        spring = self.shifts("Europe/London", "00:30", "2027-03-27", "2027-03-29")
        self.assertEqual([hours(s) for s in spring.values()], [24, 23, 24])
        self.assertEqual(spring["2027-03-28"]["start"], "2027-03-28T00:30:00+00:00")
        self.assertEqual(spring["2027-03-28"]["end"], "2027-03-29T00:30:00+01:00")
        autumn = self.shifts("Europe/London", "00:30", "2027-10-30", "2027-11-01")
        self.assertEqual([hours(s) for s in autumn.values()], [24, 25, 24])
        self.assertEqual(autumn["2027-10-31"]["end"], "2027-11-01T00:30:00+00:00")

    def test_handover_in_the_spring_gap_reads_the_offset_before_it(self):
        shifts = self.shifts("America/New_York", "02:30", "2027-03-13", "2027-03-15")
        # 02:30 does not exist on 2027-03-14; read as EST it is 07:30 UTC, 03:30 EDT.
        self.assertEqual(shifts["2027-03-14"]["start"], "2027-03-14T03:30:00-04:00")
        self.assertEqual(shifts["2027-03-13"]["end"], "2027-03-14T03:30:00-04:00")
        self.assertEqual(shifts["2027-03-14"]["end"], "2027-03-15T02:30:00-04:00")
        self.assertEqual([hours(s) for s in shifts.values()], [24, 23, 24])

    def test_london_handover_in_the_spring_gap(self):
        shifts = self.shifts("Europe/London", "01:30", "2027-03-28", "2027-03-28")
        self.assertEqual(shifts["2027-03-28"]["start"], "2027-03-28T02:30:00+01:00")

    def test_ambiguous_handover_takes_the_first_occurrence(self):
        shifts = self.shifts("Europe/London", "01:30", "2027-10-30", "2027-11-01")
        self.assertEqual(shifts["2027-10-31"]["start"], "2027-10-31T01:30:00+01:00")
        self.assertEqual(shifts["2027-10-30"]["end"], "2027-10-31T01:30:00+01:00")
        self.assertEqual(shifts["2027-10-31"]["end"], "2027-11-01T01:30:00+00:00")
        self.assertEqual([hours(s) for s in shifts.values()], [24, 25, 24])
        new_york = self.shifts("America/New_York", "01:30", "2027-11-07", "2027-11-07")
        self.assertEqual(new_york["2027-11-07"]["start"], "2027-11-07T01:30:00-04:00")

    def test_every_shift_of_2027_matches_zoneinfo(self):
        for zone, handover in (("America/New_York", "02:30"), ("Europe/London", "01:30"),
                               ("Australia/Lord_Howe", "02:15"), ("Asia/Shanghai", "08:30")):
            with self.subTest(zone=zone):
                shifts = self.shifts(zone, handover, "2027-01-01", "2027-12-31")
                self.assertEqual(len(shifts), 365)
                lengths = {}
                for date, shift in shifts.items():
                    day = datetime.date.fromisoformat(date)
                    self.assertEqual(shift["start"], expected_instant(zone, day, handover), date)
                    self.assertEqual(shift["end"], expected_instant(zone, day + datetime.timedelta(days=1), handover),
                                     date)
                    lengths[hours(shift)] = lengths.get(hours(shift), 0) + 1
                if zone == "Asia/Shanghai":
                    self.assertEqual(lengths, {24: 365})
                elif zone == "Australia/Lord_Howe":
                    # Lord Howe Island moves its clocks by half an hour.
                    self.assertEqual(lengths, {24: 363, 23.5: 1, 24.5: 1})
                else:
                    self.assertEqual(lengths, {24: 363, 23: 1, 25: 1})


if __name__ == "__main__":
    unittest.main()
