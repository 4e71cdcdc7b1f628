# SPDX-License-Identifier: Apache-2.0
"""The incident commands end to end: add, update, escalate, close, list, show, categories, export
and import (issue 3). Times are fixed 2026 times in the office's zone (+08:00)."""
import csv
import datetime
import io
import math
import shutil
import unittest

from harness import DATA
from incident_support import IncidentTest

FIGURES = ("deaths", "injured", "seriously_injured", "missing", "trapped", "loss")


def pick(d, *keys):
    return {k: d[k] for k in keys}


class AddTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def test_ids_are_the_received_year_and_a_sequence(self):
        self.assertEqual(self.add("--title", "a", "--category", "flood", "--received", "2026-11-20 08:00"), "2026-0001")
        self.assertEqual(self.add("--title", "b", "--category", "flood", "--received", "2026-11-20 09:00"), "2026-0002")
        # The year is the received date's, not today's; each year counts from 0001.
        self.assertEqual(self.add("--title", "c", "--category", "flood", "--received", "2025-12-31 23:59"), "2025-0001")
        # ... and the received date is taken in the office's zone: 17:00Z is 01:00 next day in Shanghai.
        self.assertEqual(self.add("--title", "d", "--category", "flood", "--received", "2025-12-31T17:00:00Z"),
                         "2026-0003")
        self.assertEqual(self.add("--title", "e", "--category", "flood", "--received", "2026-11-21 08:00"),
                         "2026-0004")
        self.assertEqual([(i["id"], i["title"]) for i in self.export_json()],
                         [("2025-0001", "c"), ("2026-0003", "d"), ("2026-0001", "a"), ("2026-0002", "b"),
                          ("2026-0004", "e")])

    def test_time_forms(self):
        # Relative forms count back from the same clock that stamps recorded_at, so they are exact.
        def received_and_recorded(when):
            inc = self.ok("incident", "add", "--title", when, "--category", "flood", "--received", when,
                          "--format", "json").json()
            return (datetime.datetime.fromisoformat(inc["received_at"]),
                    datetime.datetime.fromisoformat(inc["recorded_at"]))

        received, recorded = received_and_recorded("now")
        self.assertEqual(received, recorded)
        received, recorded = received_and_recorded("-15m")
        self.assertEqual(recorded - received, datetime.timedelta(minutes=15))
        received, recorded = received_and_recorded("-1h30m")
        self.assertEqual(recorded - received, datetime.timedelta(minutes=90))
        # A bare clock time is today in the office's zone (+08:00), whatever TZ the process has.
        received, recorded = received_and_recorded("00:00")
        self.assertEqual(received, recorded.replace(hour=0, minute=0, second=0))
        self.assertEqual(received.utcoffset(), datetime.timedelta(hours=8))
        received, _ = received_and_recorded("2026-11-20T06:05:00Z")
        self.assertEqual(received.isoformat(), "2026-11-20T14:05:00+08:00")
        received, _ = received_and_recorded("2026-11-20T14:05+08:00")
        self.assertEqual(received.isoformat(), "2026-11-20T14:05:00+08:00")
        received, _ = received_and_recorded("2026-11-20 14:05")
        self.assertEqual(received.isoformat(), "2026-11-20T14:05:00+08:00")

    def test_a_rejected_add_uses_no_id(self):
        self.assertEqual(self.add("--title", "a", "--category", "flood", "--received", "2026-11-20 08:00"), "2026-0001")
        self.assertExit(self.d("incident", "add", "--title", "b", "--category", "nope", "--received", "-1h"), 2)
        self.assertEqual(self.add("--title", "c", "--category", "flood", "--received", "2026-11-20 09:00"), "2026-0002")

    def test_json_output_is_the_whole_incident(self):
        r = self.ok("--by-user", "clerk", "incident", "add", "--title", "Tank leak at Plant 3", "--category", "hazmat",
                    "--severity", "IV", "--occurred", "2026-11-20 13:50", "--received", "2026-11-20 14:05",
                    "--location", "Plant 3, Xinhe", "--source", "Foreman Li, 13900000001", "--by", "ann",
                    "--deaths", "0", "--injured", "4", "--seriously-injured", "1", "--missing", "2", "--trapped", "3",
                    "--loss", "12.5", "--actions", "Cordon set up", "--note", "Valve failed", "--format", "json")
        inc = r.json()
        self.assertRegex(inc.pop("recorded_at"), r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?\+08:00$")
        # The report due at 16:05 on 20 November has been overdue ever since: whole minutes until now.
        due = datetime.datetime(2026, 11, 20, 8, 5, tzinfo=datetime.timezone.utc)
        overdue = math.ceil((datetime.datetime.now(datetime.timezone.utc) - due).total_seconds() / 60)
        self.assertAlmostEqual(inc["requirements"][0]["minutes_late"], overdue, delta=1)
        events = inc.pop("events")
        self.assertEqual(inc, {
            "id": "2026-0001", "title": "Tank leak at Plant 3", "category": "hazmat",
            "severity": "IV", "stated_severity": "IV", "graded_severity": "IV", "status": "open",
            "location": "Plant 3, Xinhe", "source": "Foreman Li, 13900000001", "received_by": "ann",
            "occurred_at": "2026-11-20T13:50+08:00", "received_at": "2026-11-20T14:05+08:00",
            "closed_at": None, "deaths": 0, "injured": 4, "seriously_injured": 1, "missing": 2, "trapped": 3,
            "loss": 12.5, "description": "Valve failed", "actions": "Cordon set up", "leaders_on_scene": "",
            "next_steps": "", "followups": 0, "supplements": 0, "void": False, "void_reason": "", "corrections": [],
            "requirements": [{"to": "prefecture", "via": "written", "arose_at": "2026-11-20T14:05+08:00",
                              "due": "2026-11-20T16:05+08:00", "made_at": None,
                              "minutes_late": inc["requirements"][0]["minutes_late"], "status": "overdue",
                              "basis": "Order 493 Art. 11"}],
        })
        self.assertEqual(len(events), 1)
        self.assertEqual(pick(events[0], "seq", "type", "at", "by"),
                         {"seq": 2, "type": "created", "at": "2026-11-20T14:05+08:00", "by": "clerk"})
        self.assertRegex(events[0]["hash"], "^[0-9a-f]{64}$")
        # Text output is just the id, for scripts.
        r = self.ok("incident", "add", "--title", "x", "--category", "flood", "--received", "2026-11-20 15:00")
        self.assertEqual(r.out, "2026-0002\n")

    def test_graded_severity_follows_order_493_thresholds(self):
        cases = [
            ([], "IV"),
            (["--deaths", "2"], "IV"), (["--deaths", "3"], "III"), (["--deaths", "9"], "III"),
            (["--deaths", "10"], "II"), (["--deaths", "29"], "II"), (["--deaths", "30"], "I"),
            (["--seriously-injured", "9"], "IV"), (["--seriously-injured", "10"], "III"),
            (["--seriously-injured", "50"], "II"), (["--seriously-injured", "99"], "II"),
            (["--seriously-injured", "100"], "I"),
            (["--loss", "999.9"], "IV"), (["--loss", "1000"], "III"), (["--loss", "5000"], "II"),
            (["--loss", "10000"], "I"),
            # Injuries that are not serious, the missing and the trapped do not grade by themselves.
            (["--injured", "500", "--missing", "40", "--trapped", "200"], "IV"),
            # Any one criterion suffices; the gravest wins.
            (["--deaths", "3", "--seriously-injured", "50", "--loss", "1"], "II"),
        ]
        for args, graded in cases:
            with self.subTest(args=args):
                inc = self.ok("incident", "add", "--title", "t", "--category", "mining", "--received",
                              "2026-11-20 08:00", *args, "--format", "json").json()
                self.assertEqual((inc["stated_severity"], inc["graded_severity"], inc["severity"]),
                                 ("unknown", graded, graded))

    def test_effective_severity_is_the_graver_of_stated_and_graded(self):
        cases = [
            (["--severity", "II"], ("II", "IV", "II")),
            (["--severity", "IV", "--deaths", "10"], ("IV", "II", "II")),
            (["--severity", "I", "--deaths", "3"], ("I", "III", "I")),
            (["--severity", "III", "--loss", "1000"], ("III", "III", "III")),
            (["--severity", "unknown", "--deaths", "30"], ("unknown", "I", "I")),
        ]
        for args, expected in cases:
            with self.subTest(args=args):
                inc = self.ok("incident", "add", "--title", "t", "--category", "fire", "--received",
                              "2026-11-20 08:00", *args, "--format", "json").json()
                self.assertEqual((inc["stated_severity"], inc["graded_severity"], inc["severity"]), expected)

    def test_figures_from_an_update_regrade(self):
        self.add("--title", "t", "--category", "construction", "--severity", "IV", "--received", "2026-11-20 08:00")
        self.ok("incident", "update", "2026-0001", "--deaths", "12", "--at", "2026-11-20 09:00", "--note", "worse")
        inc = self.show("2026-0001")
        self.assertEqual((inc["stated_severity"], inc["graded_severity"], inc["severity"], inc["deaths"]),
                         ("IV", "II", "II", 12))
        self.assertEqual([i["id"] for i in self.ok("incident", "list", "--severity", "II", "--format", "json").json()],
                         ["2026-0001"])


class LifecycleTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        # --by-user (a global option, accepted after the command too) names who made each entry.
        self.add("--title", "Bridge collapse", "--category", "construction", "--received", "2026-11-20 08:00",
                 "--injured", "1", "--by-user", "dora")

    def test_updates_are_numbered_1_2_3(self):
        for n, (at, args) in enumerate([("2026-11-20 08:30", ["--injured", "3"]),
                                        ("2026-11-20 09:00", ["--missing", "2", "--trapped", "4"]),
                                        ("2026-11-20 09:30", ["--missing", "0", "--deaths", "1"])], start=1):
            r = self.ok("incident", "update", "2026-0001", *args, "--at", at, "--note", f"follow-up {n}")
            self.assertEqual(r.out, f"2026-0001 follow-up {n}\n")
        inc = self.show("2026-0001")
        self.assertEqual(inc["followups"], 3)
        self.assertEqual([(e["type"], e.get("number"), e.get("note")) for e in inc["events"]],
                         [("created", None, None), ("update", 1, "follow-up 1"), ("update", 2, "follow-up 2"),
                          ("update", 3, "follow-up 3")])
        # The latest figure of each kind stands.
        self.assertEqual(pick(inc, "deaths", "injured", "missing", "trapped"),
                         {"deaths": 1, "injured": 3, "missing": 0, "trapped": 4})
        # Numbering is per incident.
        self.add("--title", "other", "--category", "fire", "--received", "2026-11-20 10:00")
        self.assertEqual(self.ok("incident", "update", "2026-0002", "--at", "2026-11-20 10:05", "--note", "n").out,
                         "2026-0002 follow-up 1\n")

    def test_update_json_format(self):
        inc = self.ok("incident", "update", "2026-0001", "--deaths", "3", "--at", "2026-11-20 08:40", "--note", "n",
                      "--format", "json").json()
        self.assertEqual(pick(inc, "id", "followups", "deaths", "graded_severity"),
                         {"id": "2026-0001", "followups": 1, "deaths": 3, "graded_severity": "III"})

    def test_escalate(self):
        r = self.ok("--by-user", "ben", "incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                    "--at", "2026-11-20 09:10", "--note", "Faxed form 1 to Director Zhao")
        self.assertEqual(r.out, "2026-0001 reported to prefecture via written\n")
        self.assertEqual(r.err, "")
        r = self.ok("--by-user", "cat", "incident", "escalate", "2026-0001", "--to", "province", "--via", "phone",
                    "--at", "2026-11-20 09:20")
        self.assertEqual(r.out, "2026-0001 reported to province via phone\n")
        inc = self.show("2026-0001")
        escalations = [pick(e, "seq", "type", "at", "by", "to", "via", "minutes_late")
                       for e in inc["events"] if e["type"] == "escalation"]
        self.assertEqual(escalations, [
            {"seq": 3, "type": "escalation", "at": "2026-11-20T09:10+08:00", "by": "ben", "to": "prefecture",
             "via": "written", "minutes_late": 0},
            {"seq": 4, "type": "escalation", "at": "2026-11-20T09:20+08:00", "by": "cat", "to": "province",
             "via": "phone", "minutes_late": 0}])
        self.assertEqual(inc["events"][1]["note"], "Faxed form 1 to Director Zhao")
        self.assertEqual(inc["requirements"], [
            {"to": "prefecture", "via": "written", "arose_at": "2026-11-20T08:00+08:00",
             "due": "2026-11-20T10:00+08:00", "made_at": "2026-11-20T09:10+08:00", "minutes_late": 0,
             "status": "made", "basis": "Order 493 Art. 11"}])
        # Escalations are not follow-ups.
        self.assertEqual(inc["followups"], 0)

    def test_close_then_update_is_refused_but_escalate_is_allowed(self):
        r = self.ok("incident", "close", "2026-0001", "--at", "2026-11-20 12:00", "--deaths", "1", "--injured", "2",
                    "--note", "Rescue over; one died in hospital")
        self.assertEqual(r.out, "2026-0001 closed\n")
        # The written report to the prefecture was never made: closing says so, and does not waive it.
        self.assertEqual(r.err, "duty: warning: the report to Prefecture EMB via written (due 2026-11-20 10:00) was never "
                                "made; closing does not waive it\n")
        inc = self.show("2026-0001")
        self.assertEqual(pick(inc, "status", "closed_at", "deaths", "injured", "followups"),
                         {"status": "closed", "closed_at": "2026-11-20T12:00+08:00", "deaths": 1, "injured": 2,
                          "followups": 0})
        before = self.snapshot()
        r = self.d("incident", "update", "2026-0001", "--deaths", "2", "--at", "2026-11-20 13:00",
                   "--note", "late news")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, "duty: error: incident 2026-0001 was closed with its final report at 2026-11-20 12:00; "
                                "closed incidents accept no updates (escalations can still be recorded)\n")
        r = self.d("incident", "close", "2026-0001", "--at", "2026-11-20 13:00", "--note", "again")
        self.assertExit(r, 2)
        self.assertEqual(r.err,
                         "duty: error: incident 2026-0001 is already closed (final report at 2026-11-20 12:00)\n")
        self.assertEqual(self.snapshot(), before)
        # The missed report can still be recorded, after closing, and is marked late.
        r = self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                    "--at", "2026-11-20 13:00")
        self.assertEqual(r.out, "2026-0001 reported to prefecture via written\n")
        inc = self.show("2026-0001")
        self.assertEqual([e["type"] for e in inc["events"]], ["created", "closed", "escalation"])
        self.assertEqual(inc["events"][2]["minutes_late"], 180)
        self.assertEqual(pick(inc["requirements"][0], "made_at", "minutes_late", "status"),
                         {"made_at": "2026-11-20T13:00+08:00", "minutes_late": 180, "status": "late"})

    def test_show_json_has_the_timeline_and_the_requirements(self):
        self.ok("--by-user", "ann", "incident", "update", "2026-0001", "--deaths", "3", "--at", "2026-11-20 08:20",
                "--note", "three died")
        self.ok("--by-user", "ben", "incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                "--at", "2026-11-20 10:30")
        self.ok("--by-user", "cat", "incident", "close", "2026-0001", "--at", "2026-11-20 18:00", "--note", "done")
        inc = self.show("2026-0001")
        self.assertEqual([pick(e, "seq", "type", "at", "by") for e in inc["events"]], [
            {"seq": 2, "type": "created", "at": "2026-11-20T08:00+08:00", "by": "dora"},
            {"seq": 3, "type": "update", "at": "2026-11-20T08:20+08:00", "by": "ann"},
            {"seq": 4, "type": "escalation", "at": "2026-11-20T10:30+08:00", "by": "ben"},
            {"seq": 5, "type": "closed", "at": "2026-11-20T18:00+08:00", "by": "cat"},
        ])
        for e in inc["events"]:
            self.assertRegex(e["recorded_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?\+08:00$")
        self.assertEqual(pick(inc["events"][2], "to", "via", "minutes_late"),
                         {"to": "prefecture", "via": "written", "minutes_late": 30})
        self.assertEqual(inc["requirements"], [
            {"to": "prefecture", "via": "written", "arose_at": "2026-11-20T08:00+08:00",
             "due": "2026-11-20T10:00+08:00", "made_at": "2026-11-20T10:30+08:00", "minutes_late": 30,
             "status": "late", "basis": "Order 493 Art. 11"}])
        self.assertEqual(pick(inc, "status", "severity", "deaths", "followups"),
                         {"status": "closed", "severity": "III", "deaths": 3, "followups": 1})


class ListTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.add("--title", "Flooded underpass", "--category", "flood", "--received", "2026-11-20 08:00")
        self.add("--title", "Bus crash, G213", "--category", "road-traffic", "--received", "2026-11-21 09:00",
                 "--deaths", "3", "--location", "G213 K120")
        self.add("--title", "Market fire", "--category", "fire", "--received", "2026-11-22 10:00", "--severity", "II")
        self.add("--title", "Dam seepage", "--category", "flood", "--received", "2026-11-23 11:00", "--loss", "1000")
        self.ok("incident", "update", "2026-0002", "--injured", "7", "--at", "2026-11-21 10:00", "--note", "n")
        self.ok("incident", "close", "2026-0002", "--at", "2026-11-21 20:00", "--note", "done")
        self.ok("incident", "close", "2026-0004", "--at", "2026-11-23 20:00", "--note", "done")

    def ids(self, *args):
        return [i["id"] for i in self.ok("incident", "list", *args, "--format", "json").json()]

    def test_filters(self):
        self.assertEqual(self.ids(), ["2026-0001", "2026-0002", "2026-0003", "2026-0004"])
        self.assertEqual(self.ids("--open"), ["2026-0001", "2026-0003"])
        self.assertEqual(self.ids("--closed"), ["2026-0002", "2026-0004"])
        self.assertEqual(self.ids("--category", "flood"), ["2026-0001", "2026-0004"])
        self.assertEqual(self.ids("--category", "fire"), ["2026-0003"])
        self.assertEqual(self.ids("--category", "earthquake"), [])
        self.assertEqual(self.ids("--severity", "III"), ["2026-0002", "2026-0004"])
        self.assertEqual(self.ids("--severity", "II"), ["2026-0003"])
        self.assertEqual(self.ids("--severity", "IV"), ["2026-0001"])
        self.assertEqual(self.ids("--severity", "I"), [])
        # --from and --to are inclusive bounds on the received time.
        self.assertEqual(self.ids("--from", "2026-11-21 09:00"), ["2026-0002", "2026-0003", "2026-0004"])
        self.assertEqual(self.ids("--from", "2026-11-21 09:01"), ["2026-0003", "2026-0004"])
        self.assertEqual(self.ids("--to", "2026-11-22 10:00"), ["2026-0001", "2026-0002", "2026-0003"])
        self.assertEqual(self.ids("--to", "2026-11-22T01:59:00Z"), ["2026-0001", "2026-0002"])
        self.assertEqual(self.ids("--from", "2026-11-21 00:00", "--to", "2026-11-22 23:59"), ["2026-0002", "2026-0003"])
        self.assertEqual(self.ids("--open", "--category", "flood"), ["2026-0001"])
        self.assertEqual(self.ids("--closed", "--severity", "III", "--from", "2026-11-22 00:00"), ["2026-0004"])

    def test_open_and_closed_together_is_bad_usage(self):
        r = self.d("incident", "list", "--open", "--closed")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertIn("--open cannot be used with --closed", r.err)

    def test_json_rows(self):
        rows = self.ok("incident", "list", "--closed", "--format", "json").json()
        first = rows[0]
        self.assertRegex(first.pop("recorded_at"), r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?\+08:00$")
        self.assertEqual(first, {
            "id": "2026-0002", "title": "Bus crash, G213", "category": "road-traffic", "severity": "III",
            "stated_severity": "unknown", "graded_severity": "III", "status": "closed", "location": "G213 K120",
            "source": "", "received_by": "", "occurred_at": None, "received_at": "2026-11-21T09:00+08:00",
            "closed_at": "2026-11-21T20:00+08:00", "deaths": 3, "injured": 7, "seriously_injured": 0,
            "missing": 0, "trapped": 0, "loss": 0, "description": "", "actions": "", "leaders_on_scene": "",
            "next_steps": "", "followups": 1, "supplements": 0, "void": False, "void_reason": "", "corrections": []})
        # Listings carry no timelines; show does.
        self.assertNotIn("events", rows[1])

    def test_csv(self):
        text = self.ok("incident", "list", "--format", "csv").out
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(rows[0], ["id", "received_at", "occurred_at", "category", "severity", "stated_severity",
                                   "graded_severity", "status", "title", "location", "deaths", "injured",
                                   "seriously_injured", "missing", "trapped", "loss", "followups"])
        self.assertEqual(rows[1:], [
            ["2026-0001", "2026-11-20T08:00+08:00", "", "flood", "IV", "unknown", "IV", "open",
             "Flooded underpass", "", "0", "0", "0", "0", "0", "0", "0"],
            ["2026-0002", "2026-11-21T09:00+08:00", "", "road-traffic", "III", "unknown", "III", "closed",
             "Bus crash, G213", "G213 K120", "3", "7", "0", "0", "0", "0", "1"],
            ["2026-0003", "2026-11-22T10:00+08:00", "", "fire", "II", "II", "IV", "open", "Market fire", "", "0",
             "0", "0", "0", "0", "0", "0"],
            ["2026-0004", "2026-11-23T11:00+08:00", "", "flood", "III", "unknown", "III", "closed", "Dam seepage",
             "", "0", "0", "0", "0", "0", "1000", "0"],
        ])
        filtered = list(csv.reader(io.StringIO(self.ok("incident", "list", "--open", "--format", "csv").out,
                                               newline="")))
        self.assertEqual([r[0] for r in filtered[1:]], ["2026-0001", "2026-0003"])

    def test_table(self):
        out = self.ok("incident", "list", "--category", "flood", "--format", "table").out.splitlines()
        self.assertEqual(out[0].split(), ["ID", "Received", "Category", "Severity", "Status", "Deaths", "Title"])
        self.assertEqual(out[1].split(), ["2026-0001", "2026-11-20", "08:00", "Flood", "IV", "open", "0", "Flooded",
                                          "underpass"])
        self.assertEqual(out[2].split(), ["2026-0004", "2026-11-23", "11:00", "Flood", "III", "closed", "0", "Dam",
                                          "seepage"])
        self.assertEqual(len(out), 3)


# The labels the contract names, as the built-in taxonomy gives them.
CATEGORIES = {
    "flood": ("洪涝灾害", "Flood"),
    "geological": ("地质灾害", "Geological hazard (landslide, debris flow, collapse, subsidence)"),
    "forest-fire": ("森林草原火灾", "Forest and grassland fire"),
    "earthquake": ("地震灾害", "Earthquake"),
    "snow-disaster": ("雪灾", "Snow disaster"),
    "road-traffic": ("道路交通事故", "Road traffic accident"),
    "construction": ("建筑施工事故", "Construction accident"),
    "hazmat": ("危险化学品事故", "Hazardous chemicals accident"),
    "special-equipment": ("特种设备事故", "Special equipment accident (boilers, lifts, cranes)"),
    "farm-machinery": ("农机事故", "Farm machinery accident"),
    "fire": ("火灾事故", "Fire"),
    "mining": ("矿山事故", "Mining accident"),
    "public-health": ("传染病疫情", "Infectious disease outbreak"),
    "mass-incident": ("群体性事件", "Mass incident"),
}


class CategoriesTest(IncidentTest):
    def test_builtin_categories_have_zh_and_en_labels(self):
        self.make_workspace()
        listed = {c["id"]: c for c in self.ok("incident", "categories", "--format", "json").json()}
        for cid, (zh, en) in CATEGORIES.items():
            with self.subTest(category=cid):
                self.assertEqual((listed[cid]["zh"], listed[cid]["en"]), (zh, en))
        self.assertEqual(listed["flood"]["class"], "natural-disaster")
        self.assertEqual(listed["hazmat"]["class"], "accident-disaster")
        self.assertEqual(listed["public-health"]["class"], "public-health")
        self.assertEqual(listed["mass-incident"]["class"], "social-security")
        # Every listed id is accepted by add.
        for n, cid in enumerate(listed, start=1):
            self.assertEqual(self.add("--title", cid, "--category", cid, "--received", "2026-11-20 08:00"),
                             f"2026-{n:04d}")

    def test_listing_works_outside_a_workspace(self):
        r = self.duty("incident", "categories", "--format", "json")
        self.assertExit(r, 0)
        ids = [c["id"] for c in r.json()]
        self.assertTrue(set(CATEGORIES) <= set(ids), ids)
        self.assertEqual(self.files(), [])

    def test_office_yaml_extends_the_taxonomy(self):
        self.make_workspace()
        with open(self.ws / "office.yaml", "a", encoding="utf-8") as f:
            f.write("categories:\n"
                    "  - {id: grassland-rodent, class: natural-disaster, zh: 草原鼠害,"
                    " en: Grassland rodent damage}\n")
        listed = self.ok("incident", "categories", "--format", "json").json()
        self.assertEqual(listed[-1], {"id": "grassland-rodent", "class": "natural-disaster", "zh": "草原鼠害",
                                      "en": "Grassland rodent damage"})
        self.assertEqual(self.add("--title", "voles", "--category", "grassland-rodent", "--received",
                                  "2026-11-20 08:00"), "2026-0001")


def comparable(incident):
    """What an export/import round trip must keep: everything but ids, who typed it, and when."""
    keep = ("title", "category", "severity", "stated_severity", "graded_severity", "status", "location", "source",
            "received_by", "occurred_at", "received_at", "closed_at", "description", "actions", "leaders_on_scene",
            "followups",
            *FIGURES)
    # An import records each incident's updates, then its escalations, then its close: compare the
    # timeline by when things happened, not by the order they were typed in.
    events = sorted(({k: v for k, v in e.items() if k not in ("seq", "recorded_at", "by", "hash")}
                     for e in incident["events"]), key=lambda e: (e["at"], e["type"]))
    requirements = [{k: v for k, v in r.items() if k != "minutes_late" or r["made_at"]}
                    for r in incident["requirements"]]
    return {**pick(incident, *keep), "events": events, "requirements": requirements}


class ExportImportTest(IncidentTest):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.other = self.make_workspace(where=self.tmp / "other")

    def populate(self):
        self.add("--title", "Landslide, Xiaohe", "--category", "geological", "--severity", "III",
                 "--occurred", "2026-11-18 06:10", "--received", "2026-11-18 06:25", "--location", "Xiaohe village",
                 "--source", "Village head Wang, 13900000001", "--by", "ann", "--injured", "2", "--missing", "1",
                 "--loss", "350.5", "--actions", "Evacuated 40", "--note", "Road blocked")
        self.ok("incident", "update", "2026-0001", "--missing", "0", "--deaths", "1", "--at", "2026-11-18 08:00",
                "--note", "The missing man was found dead")
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone",
                "--at", "2026-11-18 06:40", "--note", "Told duty officer Zhao")
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                "--at", "2026-11-18 09:00")
        # The final report corrects the figures: those must survive the round trip too.
        self.ok("incident", "close", "2026-0001", "--at", "2026-11-19 18:00", "--deaths", "2", "--loss", "410",
                "--note", "Search ended")
        self.add("--title", "三岔口交通事故", "--category", "road-traffic", "--received", "2026-11-19 17:40",
                 "--deaths", "3", "--note", "两车相撞")
        self.ok("incident", "escalate", "2026-0002", "--to", "province", "--via", "fax", "--at", "2026-11-19 19:00")
        self.add("--title", "Market fire", "--category", "fire", "--received", "2026-11-20 10:00")

    def test_yaml_round_trip(self):
        self.populate()
        exported = self.ok("incident", "export").out
        self.write("export.yaml", exported)
        r = self.ok("incident", "import", "export.yaml", ws=self.other)
        self.assertEqual(r.out, "imported 3 incidents (2026-0001 .. 2026-0003)\n")
        mine = self.export_json()
        theirs = self.export_json(self.other)
        self.assertEqual([i["id"] for i in theirs], ["2026-0001", "2026-0002", "2026-0003"])
        for a, b in zip(mine, theirs):
            with self.subTest(incident=a["id"]):
                self.assertEqual(pick(b, "title", *FIGURES), pick(a, "title", *FIGURES))
            with self.subTest(incident=a["id"], what="timeline"):
                self.assertEqual(comparable(b), comparable(a))
        self.assertEqual(self.ok("log", "verify", ws=self.other).out, "ok: 9 events verified\n")
        # The import's own export is the same document: nothing drifts on a second trip.
        self.assertEqual(self.ok("incident", "export", ws=self.other).out, exported)

    def test_csv_round_trip_keeps_titles_and_figures(self):
        self.populate()
        exported = self.ok("incident", "export", "--format", "csv").out
        # A flat table cannot carry the follow-ups, escalations and final reports: importing it as
        # it is would lose them, and is refused (docs/incident-log.md).
        self.write("export.csv", exported)
        r = self.d("incident", "import", "export.csv", ws=self.other)
        self.assertExit(r, 2)
        self.assertIn("a CSV row holds an incident's current state only", r.err)
        # Without the columns that count the history, it is a table of current states like any other.
        rows = list(csv.DictReader(io.StringIO(exported, newline="")))
        out = io.StringIO()
        writer = csv.DictWriter(out, [c for c in rows[0] if c not in ("status", "followups", "escalations")],
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        self.write("export.csv", out.getvalue())
        r = self.ok("incident", "import", "export.csv", ws=self.other)
        self.assertEqual(r.out, "imported 3 incidents (2026-0001 .. 2026-0003)\n")
        keys = ("title", "category", "stated_severity", "location", "source", "received_by", "occurred_at",
                "received_at", "description", "actions", *FIGURES)
        self.assertEqual([pick(i, *keys) for i in self.export_json(self.other)],
                         [pick(i, *keys) for i in self.export_json()])

    def test_csv_import(self):
        shutil.copy(DATA / "incident" / "import.csv", self.tmp / "import.csv")
        r = self.ok("incident", "import", "import.csv")
        self.assertEqual(r.out, "imported 3 incidents (2026-0001 .. 2026-0003)\n")
        keys = ("id", "title", "category", "stated_severity", "graded_severity", "severity", "occurred_at",
                "received_at", "location", "source", "received_by", *FIGURES, "description", "actions", "status")
        self.assertEqual([pick(i, *keys) for i in self.export_json()], [
            {"id": "2026-0001", "title": "Landslide, Xiaohe village", "category": "geological",
             "stated_severity": "III", "graded_severity": "IV", "severity": "III",
             "occurred_at": "2026-11-18T06:10+08:00", "received_at": "2026-11-18T06:25+08:00",
             "location": "Xiaohe village", "source": "Village head Wang, 13900000001", "received_by": "ann",
             "deaths": 0, "injured": 2, "seriously_injured": 1, "missing": 1, "trapped": 0, "loss": 350,
             "description": "Road blocked", "actions": "Evacuated 40 residents", "status": "open"},
            {"id": "2026-0002", "title": "三岔口交通事故", "category": "road-traffic",
             "stated_severity": "unknown",
             "graded_severity": "III", "severity": "III", "occurred_at": None,
             "received_at": "2026-11-19T17:40+08:00", "location": "G213 K120", "source": "交警大队",
             "received_by": "ben", "deaths": 3, "injured": 5, "seriously_injured": 0, "missing": 0, "trapped": 0,
             "loss": 0, "description": "两车相撞", "actions": "", "status": "open"},
            {"id": "2026-0003", "title": "Warehouse fire", "category": "fire", "stated_severity": "IV",
             "graded_severity": "III", "severity": "III", "occurred_at": None,
             "received_at": "2026-11-20T01:15+08:00", "location": "", "source": "", "received_by": "",
             "deaths": 0, "injured": 0, "seriously_injured": 0, "missing": 0, "trapped": 0, "loss": 1200.5,
             "description": 'Said "under control"', "actions": "", "status": "open"},
        ])
        self.assertEqual(self.ok("log", "verify").out, "ok: 4 events verified\n")

    def test_import_continues_the_numbering(self):
        self.add("--title", "already here", "--category", "flood", "--received", "2026-11-25 08:00")
        shutil.copy(DATA / "incident" / "import.csv", self.tmp / "import.csv")
        r = self.ok("incident", "import", "import.csv")
        self.assertEqual(r.out, "imported 3 incidents (2026-0002 .. 2026-0004)\n")

    def assertNothingImported(self, before):
        self.assertEqual(self.snapshot(), before)
        self.assertEqual([i["title"] for i in self.export_json()], ["already here"])

    def test_csv_import_is_all_or_nothing(self):
        self.add("--title", "already here", "--category", "flood", "--received", "2026-11-25 08:00")
        before = self.snapshot()
        shutil.copy(DATA / "incident" / "import-bad-category.csv", self.tmp / "bad.csv")
        r = self.d("incident", "import", "bad.csv")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, "duty: error: bad.csv:3:1: category: unknown category 'flod' (did you mean 洪涝灾害 (flood)?); "
                                "'duty incident categories' lists them\n")
        self.assertNothingImported(before)

    def test_yaml_import_is_all_or_nothing(self):
        self.add("--title", "already here", "--category", "flood", "--received", "2026-11-25 08:00")
        before = self.snapshot()
        shutil.copy(DATA / "incident" / "import-bad.yaml", self.tmp / "bad.yaml")
        r = self.d("incident", "import", "bad.yaml")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        first = r.err.splitlines()[0]
        self.assertRegex(first, r"^duty: error: bad\.yaml:(5|9):\d+: ")
        self.assertIn("unknown organisation 'prefecure' (did you mean 'prefecture'?)", first)
        self.assertNothingImported(before)

    def test_import_reports_every_bad_row(self):
        # Style: validators collect every problem in a file, so one run names all the rows to fix.
        self.add("--title", "already here", "--category", "flood", "--received", "2026-11-25 08:00")
        before = self.snapshot()
        shutil.copy(DATA / "incident" / "import-bad-rows.csv", self.tmp / "bad.csv")
        r = self.d("incident", "import", "bad.csv")
        self.assertExit(r, 2)
        errors = [line for line in r.err.splitlines() if line.startswith("duty: error: ")]
        self.assertEqual([e.split(": ")[2] for e in errors], ["bad.csv:3:40", "bad.csv:5:1", "bad.csv:6:1"], r.err)
        self.assertIn("deaths: cannot be negative (got -2)", errors[0])
        self.assertIn("unknown category 'flod'", errors[1])
        self.assertIn("in the future", errors[2])
        self.assertNothingImported(before)


if __name__ == "__main__":
    unittest.main()
