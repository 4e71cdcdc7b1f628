# SPDX-License-Identifier: Apache-2.0
"""A cover of part of a shift (`roster cover ... --from TIME --to TIME`, issue 14): recorded without
changing the duty, `who` naming the covering person inside the window, the daily bulletin and the
handover record showing both, bad times refused with nothing written, `log verify`/`rebuild`, and a
store of schema 6 migrated."""
import datetime
import json
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import SCHEMA_VERSION
from publish_support import OFFICE, PublishTest

NAMES = {"ldr-a": "Leader A", "ldr-b": "Leader B", "ldr-c": "Leader C", "off-a": "Officer A",
         "off-b": "Officer B", "off-c": "Officer C", "off-d": "Officer D"}
PHONES = {"ldr-a": "1001", "ldr-b": "1002", "ldr-c": "1003", "off-a": "2001", "off-b": "2002",
          "off-c": "2003", "off-d": "2004"}
OFFICERS = ["off-a", "off-b", "off-c", "off-d"]


def next_day(day):
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def epoch(day, clock):
    """Unix seconds of a local time in Asia/Shanghai (+08:00)."""
    t = datetime.datetime.fromisoformat(f"{day}T{clock}:00+08:00")
    return int(t.timestamp())


class PartialCoverTest(PublishTest):
    FROM, TO = "2027-01-01", "2027-01-31"

    def setUp(self):
        super().setUp()
        self.make_office(self.FROM, self.TO)
        self.plan = self.assignments(self.publish())
        self.day = sorted(self.plan)[9]
        self.person = self.plan[self.day]["officer"][0]
        self.leader = self.plan[self.day]["leader"][0]
        self.other = next(p for p in OFFICERS if p != self.person)
        self.third = next(p for p in OFFICERS if p not in (self.person, self.other))

    def cover(self, *args, day=None, person=None, by=None):
        return self.d("roster", "cover", day or self.day, "officer", person or self.person, "--by",
                      by or self.other, "--reason", "clinic visit", *args)

    def entry(self, at):
        return self.who(at)["assignments"]["officer"]

    def cover_args(self, frm, to, by=None):
        return ("roster", "cover", self.day, "officer", self.person, "--by", by or self.other, "--reason", "x",
                "--from", frm, "--to", to)

    def last_cover_event(self):
        return json.loads(self.sql("SELECT data FROM events WHERE type = 'roster-cover' ORDER BY seq DESC LIMIT 1")[0][0])

    def partial_covers(self, day):
        return self.sql("SELECT partial_covers FROM roster_shifts WHERE date = (julianday(?) - 2440587.5)", day)[0][0]


class RecordedAndAsked(PartialCoverTest):
    def test_a_partial_cover_is_recorded_and_the_duty_stays(self):
        r = self.cover("--from", "14:00", "--to", "18:00")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"{self.day} officer: {self.person} -> {self.other} {self.day} 14:00 – {self.day} 18:00\n")
        # The duty is still the person's: show, the assignments and the calendar sequence are unchanged.
        self.assertEqual(self.assignments(self.show()), self.plan)
        self.assertEqual(self.sql("SELECT changes FROM roster_shifts WHERE date = (julianday(?) - 2440587.5)",
                                  self.day), [(0,)])
        # The event carries the window in Unix seconds, as `start` and `end` of a publication.
        payload = self.last_cover_event()
        self.assertEqual((payload["from"], payload["to"]), (epoch(self.day, "14:00"), epoch(self.day, "18:00")))
        self.assertEqual((payload["slot"], payload["out"], payload["in"], payload["reason"]),
                         ("officer", self.person, self.other, "clinic visit"))
        self.assertNotIn("forced", payload)
        self.assertIn(f'"out":"{self.person}"', self.partial_covers(self.day))
        history = self.ok("roster", "history", self.day, "--format", "json").json()
        self.assertEqual([h["type"] for h in history], ["publish", "cover"])
        self.assertEqual(history[1]["change"],
                         f"officer: {self.person} -> {self.other} {self.day} 14:00 – {self.day} 18:00")
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")

    def test_who_names_the_coverer_inside_the_window_only(self):
        self.ok(*self.cover_args("14:00", "18:00"))
        duty = [{"id": self.person, "name": NAMES[self.person], "phone": PHONES[self.person]}]
        self.assertEqual(self.entry(f"{self.day} 13:59"), duty)
        covering = [{"id": self.other, "name": NAMES[self.other], "phone": PHONES[self.other],
                     "covering": {"id": self.person, "name": NAMES[self.person]},
                     "until": f"{self.day}T18:00:00+08:00"}]
        self.assertEqual(self.entry(f"{self.day} 14:00"), covering)
        self.assertEqual(self.entry(f"{self.day} 17:59"), covering)
        self.assertEqual(self.entry(f"{self.day} 18:00"), duty)
        # The leader's place is not covered.
        self.assertEqual(self.who(f"{self.day} 15:00")["assignments"]["leader"][0]["id"], self.leader)
        table = self.ok("who", "--at", f"{self.day} 15:00", "--format", "table").out
        self.assertIn(f"{NAMES[self.other]} (covering {NAMES[self.person]} until {self.day} 18:00)", table)
        self.assertIn(PHONES[self.other], table)

    def test_a_window_across_midnight_and_full_times(self):
        nxt = next_day(self.day)
        self.ok(*self.cover_args("22:00", "02:00"))
        self.assertEqual(self.entry(f"{nxt} 01:59")[0]["id"], self.other)
        self.assertEqual(self.entry(f"{nxt} 01:59")[0]["until"], f"{nxt}T02:00:00+08:00")
        self.assertEqual(self.entry(f"{nxt} 02:00")[0]["id"], self.person)
        # Full local times and ISO 8601 work as for --at; the window may end with the shift.
        self.ok(*self.cover_args(f"{nxt} 06:00", f"{nxt}T08:30:00+08:00", by=self.third))
        self.assertEqual(self.entry(f"{nxt} 08:29")[0]["id"], self.third)
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")

    def test_the_whole_shift_is_an_ordinary_cover(self):
        r = self.cover("--from", "08:30", "--to", "08:30", "--force")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"{self.day} officer: {self.person} -> {self.other}\n")
        self.assertEqual(self.assignments(self.show())[self.day]["officer"], [self.other])
        self.assertEqual(self.partial_covers(self.day), "")
        self.assertNotIn("covering", self.entry(f"{self.day} 12:00")[0])

    def test_a_later_full_cover_of_the_person_drops_their_partial_cover(self):
        self.ok(*self.cover_args("14:00", "18:00"))
        self.ok("roster", "cover", self.day, "officer", self.person, "--by", self.third, "--reason", "sick",
                "--force")
        self.assertEqual(self.entry(f"{self.day} 15:00"),
                         [{"id": self.third, "name": NAMES[self.third], "phone": PHONES[self.third]}])
        self.assertEqual(self.partial_covers(self.day), "")
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")

    def test_force_records_a_cover_by_someone_on_leave(self):
        self.set_spec(self.FROM, self.TO, leave={self.other: [self.day]})
        before = self.state()
        r = self.cover("--from", "14:00", "--to", "18:00")
        self.assertExit(r, 2)
        self.assertIn("the cover breaks the roster's rules; nothing was changed (--force records it anyway)", r.err)
        self.assertIn(f"{self.day} officer: {NAMES[self.other]} ({self.other}) is unavailable", r.err)
        self.assertEqual(self.state(), before)
        count_bad_input()
        self.assertExit(self.cover("--from", "14:00", "--to", "18:00", "--force"), 0)
        self.assertEqual(self.last_cover_event()["forced"], 1)


class BadInput(PartialCoverTest):
    def test_bad_times_and_people_change_nothing(self):
        self.ok(*self.cover_args("14:00", "18:00"))
        before = self.state()
        nxt = next_day(self.day)
        other_day = next(d for d in sorted(self.plan) if self.plan[d]["officer"][0] not in (self.person, self.other))
        cases = [
            (("--from", "14:00"), "--to: required with --from"),
            (("--to", "18:00"), "--from: required with --to"),
            (("--from", f"{self.day} 06:00", "--to", f"{self.day} 10:00"),
             f"--from: {self.day} 06:00 is not within the shift of {self.day} ({self.day} 08:30 – {nxt} 08:30)"),
            (("--from", "20:00", "--to", f"{nxt} 09:00"),
             f"--to: {nxt} 09:00 is after the end of the shift of {self.day}"),
            (("--from", "12:00", "--to", "10:00"), f"--to: {self.day} 10:00 is not after --from {self.day} 12:00"),
            (("--from", "25:00", "--to", "10:00"), "--from: '25:00' is not a time"),
            (("--from", "17:00", "--to", "19:00", "--force"),
             f"{self.person}'s place as officer on {self.day} is already covered by {self.other}"),
            (("--from", "12:00", "--to", "14:30", "--force"), "already covered"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.cover(*args, by=self.third)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                self.assertEqual(self.state(), before)
                count_bad_input()
        people = [
            ({"by": "ldr-a" if self.leader != "ldr-a" else "ldr-b"}, "is not in group 'staff'"),
            ({"by": self.leader}, f"({self.leader}) is already on this shift as leader"),
            ({"by": "off-zz"}, "--by: unknown person 'off-zz'"),
            ({"person": self.third, "by": self.other}, f"{self.third} is not on duty as officer on {self.day}"),
            ({"day": "2027-05-01"}, "2027-05-01 is not in the published roster (published: 2027-01-01 .. 2027-01-31)"),
            ({"person": self.person, "day": other_day}, f"{self.person} is not on duty as officer on {other_day}"),
        ]
        for kw, message in people:
            with self.subTest(kw=kw):
                r = self.cover("--from", "09:00", "--to", "10:00", **kw)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                self.assertEqual(self.state(), before)
                count_bad_input()
        # The same coverer cannot be in two places at once.
        r = self.d("roster", "cover", self.day, "leader", self.leader, "--by", self.other, "--reason", "x",
                   "--from", "15:00", "--to", "16:00", "--force")
        self.assertExit(r, 2)
        self.assertIn(f"{self.other} already covers {self.person} as officer on {self.day}", r.err)
        self.assertEqual(self.state(), before)
        count_bad_input()


class OnBulletins(PublishTest):
    """The daily bulletin and the handover record of a past shift (the clock is real: November 2026
    has begun)."""

    def scenario(self, locale):
        self.make_workspace(OFFICE.format(tz="Asia/Shanghai", handover="08:30").replace("locale: en",
                                                                                         f"locale: {locale}"))
        self.set_spec("2026-11-01", "2026-11-30")
        plan = self.assignments(self.publish())
        day = "2026-11-10"
        person = plan[day]["officer"][0]
        other = next(p for p in OFFICERS if p != person)
        self.ok("roster", "cover", day, "officer", person, "--by", other, "--reason", "clinic",
                "--from", "14:00", "--to", "18:00")
        return person, other

    def test_en(self):
        person, other = self.scenario("en")
        line = f"{NAMES[person]} {PHONES[person]} (covered by {NAMES[other]} 14:00–18:00)"
        self.assertIn(f"Duty officer: {line}", self.ok("daily", "--date", "2026-11-10").out)
        self.assertIn(line, self.ok("daily", "--date", "2026-11-10", "--format", "md").out)
        self.assertIn(line, self.ok("daily", "--date", "2026-11-10", "--format", "html").out)
        handover = self.ok("handover", "--at", "2026-11-11 08:30").out
        self.assertIn(f"Duty officer: {line}", handover)
        self.assertEqual(handover.count("covered by"), 1)  # the outgoing shift only
        context = self.ok("daily", "--date", "2026-11-10", "--context").json()
        slot = context["on_duty"]["slots"][1]
        self.assertEqual(slot["people_text"], f"{NAMES[person]} {PHONES[person]}")
        self.assertEqual(slot["covers"], [{"name": NAMES[person], "by": NAMES[other], "by_phone": PHONES[other],
                                           "from": "2026-11-10 14:00", "to": "2026-11-10 18:00",
                                           "text": f"covered by {NAMES[other]} 14:00–18:00"}])
        self.assertEqual(slot["covers_text"], f"covered by {NAMES[other]} 14:00–18:00")
        self.assertEqual(context["on_duty"]["slots"][0]["covers"], [])
        # The day before has no cover.
        self.assertNotIn("covered by", self.ok("daily", "--date", "2026-11-09").out)

    def test_zh(self):
        person, other = self.scenario("zh-CN")
        line = f"{NAMES[person]} {PHONES[person]}（14:00—18:00 由{NAMES[other]}代班）"
        self.assertIn(f"Duty officer：{line}", self.ok("daily", "--date", "2026-11-10").out)
        self.assertIn(line, self.ok("handover", "--at", "2026-11-11 08:30").out)
        self.assertIn(line, self.ok("handover", "--at", "2026-11-11 08:30", "--format", "html").out)


class Store(PartialCoverTest):
    def test_log_verify_names_a_tampered_partial_cover_and_rebuild_repairs_it(self):
        self.ok(*self.cover_args("14:00", "18:00"))
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")
        self.sql("UPDATE roster_shifts SET partial_covers = replace(partial_covers, ?, '\"mallory\"') "
                 "WHERE partial_covers != ''", f'"{self.other}"')
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertIn(f"roster_shifts {self.day}: partial_covers: stored", r.err + r.out)
        self.assertEqual(self.entry(f"{self.day} 15:00")[0]["id"], "mallory")
        self.ok("log", "rebuild")
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")
        self.assertEqual(self.entry(f"{self.day} 15:00")[0]["id"], self.other)

    def test_a_store_of_schema_6_is_read_and_migrated(self):
        self.sql("ALTER TABLE roster_shifts DROP COLUMN partial_covers")
        # Schema 6 had none of version 8's columns either (corrections and voids).
        for table, column in [("incidents", "voided"), ("incidents", "void_reason"), ("incidents", "corrections"),
                              ("incidents", "supplements"), ("pending", "voided"), ("pending", "void_reason")]:
            self.sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        self.sql("PRAGMA user_version = 6")
        # Read as it is: who, show and verify.
        self.assertEqual(self.entry(f"{self.day} 15:00")[0]["id"], self.person)
        self.assertEqual(self.assignments(self.show()), self.plan)
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")
        self.assertEqual(self.sql("PRAGMA user_version"), [(6,)])
        # The first write migrates it.
        self.ok(*self.cover_args("14:00", "18:00"))
        self.assertEqual(self.sql("PRAGMA user_version"), [(SCHEMA_VERSION,)])
        self.assertEqual(SCHEMA_VERSION, 8)
        self.assertEqual(self.entry(f"{self.day} 15:00")[0]["id"], self.other)
        self.assertEqual(self.ok("log", "verify").out.split(":")[0], "ok")


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
