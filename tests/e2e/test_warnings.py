# SPDX-License-Identifier: Apache-2.0
"""The warnings register (预警, issue 17) end to end: `duty warning add`, `update`, `lift`, `list`,
`show`, `call`, `answered`, `overdue` and `import` (CAP 1.2, China's profile); 叫应 rounds under
office.yaml's response rules; bad input refused with exit 2, a clear message and nothing written;
the warnings in the log's hash chain.

Every time is a fixed July 2026 time in the office's zone (+08:00).
"""
import pathlib
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, IncidentTest
from publish_support import PublishTest

CAP = pathlib.Path(__file__).resolve().parent.parent / "data" / "cap"

WARNINGS_YAML = OFFICE_YAML + """\
contacts:
  townships:
    - {unit: 泽曲镇, person: 才让, phone: "13800000001"}
    - {unit: 宁秀乡, person: 卓玛, phone: "13800000002"}
warnings:
  response:
    - {match: {level: [orange, red]}, call: [townships], within: 10m, leader_in_room: true}
    - {match: {level: [yellow], type: [rainstorm, flood, mountain-flood]}, call: [townships], within: 30m}
"""


class WarningTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace(WARNINGS_YAML)

    def add_warning(self, *args):
        r = self.d("warning", "add", *args)
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        return r.out.strip()

    def rainstorm(self, level="yellow", received="2026-07-12 08:00", *more):
        return self.add_warning("--type", "rainstorm", "--level", level, "--issuer", "泽库县气象台",
                                "--area", "泽曲镇,宁秀乡", "--received", received, *more)

    def listing(self, *args):
        return self.ok("warning", "list", *args, "--format", "json").json()

    def shown(self, wid, ):
        return self.ok("warning", "show", wid, "--format", "json").json()

    def event_count(self):
        return self.sql("SELECT count(*) FROM events")[0][0]

    def assertRefused(self, r, message):
        """Exit 2 with this message (a substring of stderr), nothing on stdout."""
        self.assertExit(r, 2)
        self.assertIn(message, r.err)
        self.assertTrue(r.err.startswith("duty: error: "), r.err)
        self.assertEqual(r.out, "")
        count_bad_input()


class Lifecycle(WarningTest):
    def test_areas_may_be_given_more_than_once(self):
        self.add_warning("--type", "flood", "--level", "blue", "--issuer", "水文站", "--area", "泽曲镇、宁秀乡",
                         "--area", "泽曲镇", "--area", "和日镇", "--received", "2026-07-12 08:00")
        self.ok("warning", "update", "--area", "宁秀乡", "W-1", "--at", "2026-07-12 09:00")
        self.assertEqual(self.shown("W-1")["area"], ["宁秀乡"])
        self.assertEqual(self.shown("W-1")["history"][1]["change"], "updated")

    def test_add_update_lift_and_list_with_every_field(self):
        wid = self.rainstorm("黄色", "2026-07-12 08:00", "--issued", "2026-07-12 07:50", "--expires",
                             "2026-07-12 20:00", "--headline", "泽库县气象台发布暴雨黄色预警")
        self.assertEqual(wid, "W-1")
        rows = self.listing("--at", "2026-07-12 09:00")
        self.assertEqual(len(rows), 1)
        w = rows[0]
        self.assertLessEqual({"id", "type", "level", "issuer", "area", "issued_at", "received_at", "expires_at",
                              "lifted_at", "status", "exercise"}, set(w))
        self.assertEqual((w["id"], w["type"], w["level"], w["issuer"], w["area"]),
                         ("W-1", "rainstorm", "yellow", "泽库县气象台", ["泽曲镇", "宁秀乡"]))
        self.assertEqual((w["issued_at"], w["received_at"], w["expires_at"], w["lifted_at"]),
                         ("2026-07-12T07:50+08:00", "2026-07-12T08:00+08:00", "2026-07-12T20:00+08:00", None))
        self.assertEqual((w["status"], w["exercise"]), ("in-force", False))

        r = self.ok("warning", "update", "W-1", "--level", "Ⅱ", "--at", "2026-07-12 10:00")
        self.assertEqual(r.out, "W-1 upgraded: Rainstorm orange warning\n")
        self.ok("warning", "update", "W-1", "--level", "yellow", "--expires", "2026-07-13 08:00", "--at",
                "2026-07-12 12:00")
        r = self.ok("warning", "lift", "W-1", "--at", "2026-07-12 14:00", "--note", "雨停")
        self.assertEqual(r.out, "W-1 lifted at 2026-07-12 14:00\n")
        self.assertEqual(self.listing("--at", "2026-07-12 11:00")[0]["level"], "orange")
        self.assertEqual(self.listing("--at", "2026-07-12 13:00")[0]["expires_at"], "2026-07-13T08:00+08:00")
        now = self.listing()[0]
        self.assertEqual((now["status"], now["lifted_at"], now["level"]), ("lifted", "2026-07-12T14:00+08:00", "yellow"))
        history = self.shown("W-1")["history"]
        self.assertEqual([(h["change"], h["level"], h["at"]) for h in history],
                         [("issued", "yellow", "2026-07-12T08:00+08:00"), ("upgraded", "orange", "2026-07-12T10:00+08:00"),
                          ("downgraded", "yellow", "2026-07-12T12:00+08:00"), ("lifted", "yellow", "2026-07-12T14:00+08:00")])
        self.assertEqual(history[3]["note"], "雨停")
        text = self.ok("warning", "show", "W-1").out
        self.assertIn("W-1  Rainstorm yellow warning  [lifted]", text)
        self.assertIn("2026-07-12 10:00  upgraded  Rainstorm orange warning", text)

    def test_in_force_expired_and_exercise(self):
        self.rainstorm("yellow", "2026-07-12 08:00", "--expires", "2026-07-12 10:00")
        self.add_warning("--type", "雷电", "--level", "orange", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 09:00", "--status", "exercise")
        self.add_warning("--type", "gale", "--level", "blue", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 11:00")
        self.assertEqual([w["id"] for w in self.listing("--in-force", "--at", "2026-07-12 09:30")], ["W-1"])
        self.assertEqual([w["id"] for w in self.listing("--in-force", "--include-exercise", "--at", "2026-07-12 09:30")],
                         ["W-1", "W-2"])
        at_noon = self.listing("--at", "2026-07-12 12:00")
        self.assertEqual([(w["id"], w["status"], w["exercise"]) for w in at_noon],
                         [("W-1", "expired", False), ("W-2", "in-force", True), ("W-3", "in-force", False)])
        self.assertEqual([w["id"] for w in self.listing("--in-force", "--at", "2026-07-12 12:00")], ["W-3"])
        self.assertEqual(self.listing("--at", "2026-07-12 07:00"), [])
        table = self.ok("warning", "list", "--at", "2026-07-12 12:00").out
        self.assertIn("Lightning orange warning [exercise]", table)
        self.assertIn("until lifted", table)

    def test_warnings_are_in_the_chain(self):
        self.rainstorm()
        self.ok("warning", "lift", "W-1", "--at", "2026-07-12 09:00")
        rows = self.sql("SELECT type, subject FROM events WHERE subject = 'W-1' ORDER BY seq")
        self.assertEqual(rows, [("warning", "W-1"), ("warning-lift", "W-1")])
        self.ok("log", "verify")
        self.sql("UPDATE events SET data = replace(data, 'yellow', 'red') WHERE subject = 'W-1' AND type = 'warning'")
        self.assertExit(self.d("log", "verify"), 1)


class BadInput(WarningTest):
    def test_refusals_write_nothing(self):
        self.rainstorm()
        before = self.event_count()
        cases = [
            (("warning", "add", "--type", "tornado", "--level", "red", "--issuer", "x"),
             "--type: unknown warning type 'tornado'"),
            (("warning", "add", "--type", "lightning", "--level", "blue", "--issuer", "x"),
             "--level: a 雷电 (lightning) warning has no blue level; its levels are yellow, orange, red"),
            (("warning", "add", "--type", "rainstorm", "--level", "purple", "--issuer", "x"),
             "--level: unknown warning level 'purple'"),
            (("warning", "add", "--type", "rainstorm", "--level", "red", "--issuer", "x", "--received",
              "2026-07-12 08:00", "--expires", "2026-07-12 07:00"),
             "--expires: 2026-07-12 07:00 is not after the warning was issued (2026-07-12 08:00)"),
            (("warning", "add", "--type", "rainstorm", "--level", "red", "--issuer", " "), "--issuer: cannot be empty"),
            (("warning", "add", "--type", "rainstorm", "--level", "red", "--issuer", "x", "--status", "drill"),
             "--status: unknown status 'drill'"),
            (("warning", "update", "W-9", "--level", "red"), "no warning 'W-9'"),
            (("warning", "update", "W-1"), "nothing to update for W-1"),
            (("warning", "update", "W-1", "--level", "red", "--at", "2026-07-12 07:00"),
             "--at: 2026-07-12 07:00 is before the warning's last change (2026-07-12 08:00)"),
            (("warning", "answered", "W-1", "--unit", "泽曲", "--by", "才让"),
             "--unit: '泽曲' is in no contact group of office.yaml"),
            (("warning", "call", "W-1", "--unit", "泽曲镇", "--via", "pigeon"), "--via: unknown channel 'pigeon'"),
            (("warning", "overdue", "--format", "csv"), "csv"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRefused(self.d(*args), message)
        self.ok("warning", "lift", "W-1", "--at", "2026-07-12 09:00")
        after_lift = self.event_count()
        self.assertRefused(self.d("warning", "lift", "W-1"), "W-1 is already lifted (at 2026-07-12 09:00)")
        self.assertRefused(self.d("warning", "update", "W-1", "--level", "red"), "W-1 was lifted at 2026-07-12 09:00")
        self.assertEqual(self.event_count(), after_lift)
        self.assertEqual(after_lift, before + 1)

    def test_an_answer_from_a_unit_not_owed_one(self):
        self.add_warning("--type", "gale", "--level", "yellow", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 08:00")
        before = self.event_count()
        self.assertRefused(self.d("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让"),
                           "--unit: 泽曲镇 is owed no answer for W-1")
        self.assertEqual(self.event_count(), before)

    def test_office_yaml_problems_name_the_line(self):
        (self.ws / "office.yaml").write_text(WARNINGS_YAML.replace("call: [townships], within: 10m",
                                                                   "call: [villages], within: 10m"), encoding="utf-8")
        r = self.d("warning", "list")
        self.assertExit(r, 2)
        self.assertIn("office.yaml:17:46: unknown contact group 'villages'; groups come from 'contacts': townships", r.err)
        self.assertIn("unknown contact group 'villages'", r.err)
        count_bad_input()


class CallAndAnswer(WarningTest):
    def test_rounds_calls_answers_and_overdue(self):
        self.rainstorm("yellow", "2026-07-12 08:00")
        self.ok("warning", "call", "W-1", "--unit", "泽曲镇", "--at", "2026-07-12 08:05")
        r = self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 08:10")
        self.assertEqual(r.out, "W-1: 泽曲镇 answered at 2026-07-12 08:10\n")
        r = self.d("warning", "overdue", "--at", "2026-07-12 08:20", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), [])
        r = self.d("warning", "overdue", "--at", "2026-07-12 08:20", "--upcoming", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual([(x["unit"], x["due"], x["minutes_late"]) for x in r.json()],
                         [("宁秀乡", "2026-07-12T08:30+08:00", 0)])
        r = self.d("warning", "overdue", "--at", "2026-07-12 08:45", "--format", "json")
        self.assertExit(r, 1)
        self.assertEqual([{k: x[k] for k in ("warning", "unit", "due", "minutes_late")} for x in r.json()],
                         [{"warning": "W-1", "unit": "宁秀乡", "due": "2026-07-12T08:30+08:00", "minutes_late": 15}])
        # The upgrade to orange: a stricter rule, a new round; 泽曲镇's earlier answer does not count.
        self.ok("warning", "update", "W-1", "--level", "orange", "--at", "2026-07-12 09:00")
        r = self.d("warning", "overdue", "--at", "2026-07-12 09:15", "--format", "json")
        self.assertExit(r, 1)
        self.assertEqual([(x["unit"], x["due"], x["minutes_late"]) for x in r.json()],
                         [("泽曲镇", "2026-07-12T09:10+08:00", 5), ("宁秀乡", "2026-07-12T09:10+08:00", 5)])
        self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 09:12")
        self.assertRefused(self.d("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at",
                                  "2026-07-12 09:13"), "--unit: 泽曲镇 already answered W-1 at 2026-07-12 09:12 (才让)")
        table = self.d("warning", "overdue", "--at", "2026-07-12 09:15")
        self.assertExit(table, 1)
        self.assertIn("宁秀乡", table.out)
        self.assertIn("卓玛", table.out)
        self.assertNotIn("泽曲镇", table.out)
        shown = self.shown("W-1")
        states = [(x["unit"], x["start"], x["state"]) for x in shown["response"]]
        self.assertEqual(states, [("泽曲镇", "2026-07-12T08:00+08:00", "answered"),
                                  ("宁秀乡", "2026-07-12T08:00+08:00", "late"),
                                  ("泽曲镇", "2026-07-12T09:00+08:00", "answered-late"),
                                  ("宁秀乡", "2026-07-12T09:00+08:00", "late")])
        self.assertEqual(shown["calls"][0]["person"], "才让")
        self.assertTrue(shown["leader_in_room"])
        text = self.ok("warning", "show", "W-1").out
        self.assertIn("The leader on duty must be in the duty room", text)
        # Lifted: nothing is owed any more.
        self.ok("warning", "lift", "W-1", "--at", "2026-07-12 09:20")
        r = self.d("warning", "overdue", "--at", "2026-07-12 09:30")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "No answer is late.\n")


class CapImport(WarningTest):
    def import_(self, *names, received="2026-07-12 19:00"):
        return self.d("warning", "import", *[CAP / n for n in names], "--received", received)

    def test_a_message_sent_after_it_was_received_is_refused(self):
        r = self.import_("alert_lightning_yellow.xml", received="2026-07-12 14:00")
        self.assertRefused(r, "is after the warning was received")
        # At the element at fault: <sent> is on line 5.
        self.assertIn("alert_lightning_yellow.xml:5:", r.err)
        self.assertIn("63232341600000_20260712140500 (<sent>):", r.err)
        self.assertEqual(self.listing(), [])

    def test_alert_update_cancel_sequence(self):
        paths = [CAP / n for n in ["alert_lightning_yellow.xml", "update_lightning_orange.xml", "cancel_lightning.xml",
                                   "exercise_rainstorm_red.xml"]]
        r = self.d("warning", "import", paths[0], paths[1], paths[3], "--received", "2026-07-12 16:30")
        self.assertExit(r, 0)
        self.assertEqual(r.out.splitlines(), [
            f"{paths[0]}: W-1 added (63232341600000_20260712140500)",
            f"{paths[1]}: W-1 updated (63232341600000_20260712153000)",
            f"{paths[3]}: W-2 added (63232341600000_20260712160000)"])
        w = self.shown("W-1")
        self.assertEqual((w["type"], w["level"], w["issuer"], w["area"]),
                         ("lightning", "orange", "泽库县气象台", ["泽曲镇", "宁秀乡"]))
        self.assertEqual(w["issued_at"], "2026-07-12T14:05+08:00")
        self.assertEqual(w["expires_at"], "2026-07-12T21:30+08:00")
        self.assertEqual(self.shown("W-2")["exercise"], True)
        self.assertEqual(self.shown("W-2")["cap_status"], "exercise")
        before = self.event_count()
        r = self.d("warning", "import", *paths, "--received", "2026-07-12 18:10")
        self.assertExit(r, 0)
        self.assertIn(f"{paths[0]}: 63232341600000_20260712140500 already recorded (W-1)", r.out)
        self.assertIn(f"{paths[2]}: W-1 lifted (63232341600000_20260712180000)", r.out)
        self.assertEqual(self.event_count(), before + 1)
        r = self.d("warning", "import", *paths, "--received", "2026-07-12 18:20")
        self.assertExit(r, 0)
        self.assertEqual(r.out.count("already recorded"), 4)
        self.assertEqual(self.event_count(), before + 1)
        self.assertEqual(self.shown("W-1")["status"], "lifted")

    def test_acknowledgements_and_drafts_are_skipped_and_the_rest_imported(self):
        # Valid CAP that is not a warning must not stop a cron import of the folder it lies in.
        paths = [CAP / n for n in ["ack_lightning.xml", "alert_lightning_yellow.xml", "draft_gale_blue.xml"]]
        r = self.d("warning", "import", *paths, "--received", "2026-07-12 19:00")
        self.assertExit(r, 0)
        self.assertEqual(r.out.splitlines(), [
            f"{paths[0]}: 63232341600000_20260712141000_ack skipped: an Ack message is not a warning to record "
            "(Alert, Update and Cancel are)",
            f"{paths[2]}: 63232341600000_20260712142000_draft skipped: a Draft message is not a warning to record "
            "(Actual, Exercise and Test are)",
            f"{paths[1]}: W-1 added (63232341600000_20260712140500)"])
        self.assertEqual([w["id"] for w in self.listing()], ["W-1"])

    def test_an_update_of_an_unrecorded_warning_is_added_and_said_so(self):
        path = CAP / "update_unrecorded_gale.xml"
        r = self.d("warning", "import", path, "--received", "2026-07-12 19:00")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"{path}: W-1 added (63232341600000_20260712170000); references "
                                "63232341600000_20260712110000, not recorded: added as new\n")
        self.assertEqual((self.shown("W-1")["type"], self.shown("W-1")["level"]), ("gale", "yellow"))
        r = self.d("warning", "import", path, CAP / "ack_lightning.xml", CAP / "alert_lightning_yellow.xml",
                   "--received", "2026-07-12 19:10", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), [
            {"file": str(CAP / "ack_lightning.xml"), "identifier": "63232341600000_20260712141000_ack",
             "action": "skipped", "warning": None,
             "note": "an Ack message is not a warning to record (Alert, Update and Cancel are)",
             "unrecorded_references": []},
            {"file": str(CAP / "alert_lightning_yellow.xml"), "identifier": "63232341600000_20260712140500",
             "action": "added", "warning": "W-2", "note": None, "unrecorded_references": []},
            {"file": str(path), "identifier": "63232341600000_20260712170000", "action": "already-recorded",
             "warning": "W-1", "note": None, "unrecorded_references": []}])

    def test_an_update_of_an_unrecorded_warning_as_json(self):
        path = CAP / "update_unrecorded_gale.xml"
        r = self.d("warning", "import", path, "--received", "2026-07-12 19:00", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), [
            {"file": str(path), "identifier": "63232341600000_20260712170000", "action": "added", "warning": "W-1",
             "note": "references 63232341600000_20260712110000, not recorded: added as new",
             "unrecorded_references": ["63232341600000_20260712110000"]}])

    def test_an_update_received_after_the_expiry_renews_the_warning(self):
        alert, renew = CAP / "alert_lightning_yellow.xml", CAP / "renew_lightning_yellow.xml"
        self.assertExit(self.import_("alert_lightning_yellow.xml", received="2026-07-12 14:10"), 0)
        self.assertEqual(self.listing("--at", "2026-07-12 21:00")[0]["status"], "expired")
        r = self.d("warning", "import", alert, renew, "--received", "2026-07-12 21:40")
        self.assertExit(r, 0)
        self.assertEqual(r.out.splitlines(), [
            f"{alert}: 63232341600000_20260712140500 already recorded (W-1)",
            f"{renew}: W-1 renewed (续发) after it expired (63232341600000_20260712213000)"])
        w = self.listing("--at", "2026-07-12 22:00")[0]
        self.assertEqual((w["status"], w["expires_at"], w["area"]), ("in-force", "2026-07-13T03:30+08:00", ["泽曲镇"]))
        self.assertEqual([h["change"] for h in self.shown("W-1")["history"]], ["issued", "renewed"])

    def test_an_update_without_expiry_after_the_expiry_renews_it_until_lifted(self):
        self.assertExit(self.import_("alert_lightning_yellow.xml", received="2026-07-12 14:10"), 0)
        text = (CAP / "renew_lightning_yellow.xml").read_text(encoding="utf-8")
        renew = self.write("renew_no_expiry.xml", text[:text.index("<expires>")] +
                           text[text.index("</expires>") + len("</expires>"):])
        r = self.d("warning", "import", renew, "--received", "2026-07-12 21:40", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual([(x["action"], x["warning"]) for x in r.json()], [("renewed", "W-1")])
        w = self.shown("W-1")
        self.assertEqual((w["status"], w["expires_at"]), ("in-force", None))
        self.assertEqual([(h["change"], h["expires_at"]) for h in w["history"]],
                         [("issued", "2026-07-12T20:05+08:00"), ("renewed", None)])
        self.ok("log", "verify")

    def test_a_fire_danger_alert_with_its_rating_and_only_geocodes(self):
        r = self.import_("alert_fire_danger_geocode.xml")
        self.assertExit(r, 0)
        w = self.shown("W-1")
        self.assertEqual((w["type"], w["level"], w["fire_rating"], w["area"]),
                         ("fire-danger", "orange", 4, ["632323100000", "632323200000"]))

    def test_malformed_and_hostile_files_write_nothing(self):
        good = CAP / "alert_lightning_yellow.xml"
        huge = self.tmp / "huge.xml"
        huge.write_text("<alert>" + "x" * (2 << 20) + "</alert>", encoding="utf-8")
        cases = [("malformed.xml", "not well-formed XML"), ("missing_identifier.xml", "has no <identifier>"),
                 ("bad_sent.xml", "<sent>: 'yesterday' is not a CAP date-time"),
                 ("billion_laughs.xml", "<!DOCTYPE>"), ("external_entity.xml", "<!DOCTYPE>")]
        for name, message in cases:
            with self.subTest(name=name):
                r = self.d("warning", "import", good, CAP / name, "--received", "2026-07-12 19:00")
                self.assertRefused(r, message)
                self.assertIn(f"{CAP / name}:", r.err)
                self.assertNotIn("root:", r.err)
        r = self.d("warning", "import", huge, "--received", "2026-07-12 19:00")
        self.assertExit(r, 2)
        self.assertIn("huge.xml", r.err)
        count_bad_input()
        self.assertFalse(self.ws.joinpath("duty.db").exists() and self.listing())


class Catalogue(WarningTest):
    def test_haze_has_red_and_frost_has_none(self):
        self.add_warning("--type", "霾", "--level", "红色", "--issuer", "泽库县气象台", "--received", "2026-07-12 08:00")
        self.assertEqual((self.shown("W-1")["type"], self.shown("W-1")["level"]), ("haze", "red"))
        self.assertRefused(self.d("warning", "add", "--type", "haze", "--level", "blue", "--issuer", "x"),
                           "--level: a 霾 (haze) warning has no blue level; its levels are yellow, orange, red")
        self.assertRefused(self.d("warning", "add", "--type", "frost", "--level", "red", "--issuer", "x"),
                           "--level: a 霜冻 (frost) warning has no red level; its levels are blue, yellow, orange")


class FireDangerRating(WarningTest):
    def fire(self, *more):
        return self.add_warning("--type", "fire-danger", "--level", "orange", "--issuer", "泽库县林草局",
                                "--received", "2026-07-12 08:00", *more)

    def test_rating_kept_beside_the_colour_in_list_show_and_json(self):
        self.fire("--rating", "4")
        self.rainstorm("yellow", "2026-07-12 08:30")
        rows = self.listing("--at", "2026-07-12 09:00")
        self.assertEqual([(w["id"], w["level"], w["fire_rating"]) for w in rows],
                         [("W-1", "orange", 4), ("W-2", "yellow", None)])
        table = self.ok("warning", "list", "--at", "2026-07-12 09:00").out.splitlines()
        self.assertIn("Fire rating", table[0])
        self.assertRegex(table[1], r"^W-1\s+Forest and grassland fire danger orange warning\s+4\s+泽库县林草局")
        self.assertIn("Fire-danger rating (森林草原火险等级): 4", self.ok("warning", "show", "W-1").out)
        self.ok("warning", "update", "W-1", "--rating", "5级", "--at", "2026-07-12 10:00")
        self.assertEqual(self.listing("--at", "2026-07-12 09:00")[0]["fire_rating"], 4)
        w = self.shown("W-1")
        self.assertEqual((w["fire_rating"], w["level"]), (5, "orange"))
        self.assertEqual([(h["change"], h["fire_rating"]) for h in w["history"]], [("issued", 4), ("updated", 5)])
        ctx = self.ok("handover", "--at", "2026-07-13 08:30", "--context").json()["warnings"]["in_force"]
        self.assertEqual([(w["id"], w["fire_rating"], w["fire_rating_text"]) for w in ctx],
                         [("W-1", 5, "fire-danger rating 5"), ("W-2", None, "")])
        text = self.ok("handover", "--at", "2026-07-13 08:30", "--format", "text").out
        self.assertIn("W-1  Forest and grassland fire danger orange warning, fire-danger rating 5 (泽库县林草局)", text)

    def test_a_rating_out_of_range_or_on_another_type_is_refused(self):
        self.fire()
        self.rainstorm("yellow", "2026-07-12 08:30")
        # Without any rating, the table has no rating column.
        self.assertNotIn("Fire rating", self.ok("warning", "list").out)
        before = self.event_count()
        cases = [
            (("warning", "add", "--type", "rainstorm", "--level", "red", "--issuer", "x", "--rating", "3"),
             "--rating: a fire-danger rating (森林草原火险等级) belongs to fire-danger (森林草原火险) warnings only; "
             "this one is 暴雨 (rainstorm)"),
            (("warning", "add", "--type", "fire-danger", "--level", "red", "--issuer", "x", "--rating", "6"),
             "--rating: 6 is not a fire-danger rating; ratings are 1 to 5"),
            (("warning", "add", "--type", "fire-danger", "--level", "red", "--issuer", "x", "--rating", "0"),
             "--rating: 0 is not a fire-danger rating"),
            (("warning", "add", "--type", "fire-danger", "--level", "red", "--issuer", "x", "--rating", "high"),
             "--rating: 'high' is not a fire-danger rating; ratings are 1 to 5"),
            (("warning", "update", "W-1", "--rating", "9"), "--rating: 9 is not a fire-danger rating"),
            (("warning", "update", "W-2", "--rating", "2"), "--rating: a fire-danger rating"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRefused(self.d(*args), message)
        self.assertEqual(self.event_count(), before)


class Renewal(WarningTest):
    def test_renewed_after_expiry_in_force_again_with_a_new_round(self):
        # Orange: both townships owed an answer within 10 minutes; it expires at 08:05.
        self.rainstorm("orange", "2026-07-12 08:00", "--expires", "2026-07-12 08:05")
        self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 08:03")
        self.assertEqual(self.listing("--at", "2026-07-12 08:20")[0]["status"], "expired")
        # 宁秀乡's answer was due at 08:10, after the expiry: not owed, so not late.
        r = self.d("warning", "overdue", "--at", "2026-07-12 08:20", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), [])
        before = self.event_count()
        self.assertRefused(self.d("warning", "update", "W-1", "--text", "雨势持续", "--at", "2026-07-12 08:30"),
                           "--expires: W-1 expired at 2026-07-12 08:05; to renew it (续发) give --expires after "
                           "2026-07-12 08:30")
        self.assertEqual(self.event_count(), before)
        r = self.ok("warning", "update", "W-1", "--expires", "2026-07-12 14:00", "--at", "2026-07-12 08:30")
        self.assertEqual(r.out, "W-1 renewed (续发): Rainstorm orange warning\n")
        at = self.listing("--at", "2026-07-12 08:45")[0]
        self.assertEqual((at["status"], at["expires_at"]), ("in-force", "2026-07-12T14:00+08:00"))
        self.assertEqual(self.listing("--at", "2026-07-12 08:20")[0]["status"], "expired")
        self.assertEqual([w["id"] for w in self.listing("--in-force", "--at", "2026-07-12 08:45")], ["W-1"])
        # A new round from the renewal: 泽曲镇's answer at 08:03 does not count for it.
        r = self.d("warning", "overdue", "--at", "2026-07-12 08:45", "--format", "json")
        self.assertExit(r, 1)
        self.assertEqual([(x["unit"], x["due"], x["minutes_late"]) for x in r.json()],
                         [("泽曲镇", "2026-07-12T08:40+08:00", 5), ("宁秀乡", "2026-07-12T08:40+08:00", 5)])
        self.assertRefused(self.d("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at",
                                  "2026-07-12 08:04"),
                           "--unit: 泽曲镇 already answered W-1 at 2026-07-12 08:03 (才让)")
        self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 08:35")
        shown = self.shown("W-1")
        self.assertEqual([(h["change"], h["at"]) for h in shown["history"]],
                         [("issued", "2026-07-12T08:00+08:00"), ("renewed", "2026-07-12T08:30+08:00")])
        self.assertEqual([(x["unit"], x["start"], x["ended"], x["state"]) for x in shown["response"]],
                         [("泽曲镇", "2026-07-12T08:00+08:00", "2026-07-12T08:05+08:00", "answered"),
                          ("宁秀乡", "2026-07-12T08:00+08:00", "2026-07-12T08:05+08:00", "not-owed"),
                          ("泽曲镇", "2026-07-12T08:30+08:00", "2026-07-12T14:00+08:00", "answered"),
                          ("宁秀乡", "2026-07-12T08:30+08:00", "2026-07-12T14:00+08:00", "late")])
        self.assertIn("2026-07-12 08:30  renewed (续发)  Rainstorm orange warning  until 2026-07-12 14:00",
                      self.ok("warning", "show", "W-1").out)
        ctx = self.ok("handover", "--at", "2026-07-12 08:30", "--context").json()["warnings"]
        self.assertEqual([(c["at"], c["kind"]) for c in ctx["changes"]],
                         [("2026-07-12 08:00", "new"), ("2026-07-12 08:05", "expired"), ("2026-07-12 08:30", "renewed")])

    def test_a_round_due_before_the_expiry_stays_late(self):
        self.rainstorm("orange", "2026-07-12 08:00", "--expires", "2026-07-12 08:20")
        self.assertEqual([(x["state"], x["ended"]) for x in self.shown("W-1")["response"]],
                         [("late", "2026-07-12T08:20+08:00"), ("late", "2026-07-12T08:20+08:00")])


class OnTheRecords(WarningTest):
    def setUp(self):
        super().setUp()
        self.add_warning("--type", "rainstorm", "--level", "yellow", "--issuer", "泽库县气象台", "--area", "泽曲镇",
                         "--received", "2026-07-12 09:00")
        self.ok("warning", "update", "W-1", "--level", "red", "--at", "2026-07-12 10:00")
        self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 10:05")
        self.add_warning("--type", "gale", "--level", "blue", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 11:00", "--expires", "2026-07-12 20:00")
        self.add_warning("--type", "lightning", "--level", "orange", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 11:30", "--status", "exercise")
        self.add_warning("--type", "heat", "--level", "yellow", "--issuer", "泽库县气象台", "--received",
                         "2026-07-12 12:00")

    def test_handover_shows_warnings_in_force_red_first_changes_and_exercise_apart(self):
        text = self.ok("handover", "--at", "2026-07-13 08:30", "--format", "text").out
        section = text[text.index("8. Warnings"):]
        lines = [l.strip() for l in section.splitlines()]
        self.assertEqual(lines[1], "While the warning is in force the leader on duty must be in the duty room.")
        self.assertEqual(lines[2], "W-1  Rainstorm red warning (泽库县气象台; 泽曲镇)  until lifted  answered 1 of 2; "
                                   "late: 宁秀乡")
        self.assertEqual(lines[3], "W-4  Heat yellow warning (泽库县气象台)  until lifted")
        self.assertEqual(lines[4:10], ["Changes this shift:", "2026-07-12 09:00  new  Rainstorm yellow warning (W-1)",
                                       "2026-07-12 10:00  upgraded  Rainstorm red warning (W-1)",
                                       "2026-07-12 11:00  new  Gale blue warning (W-2)",
                                       "2026-07-12 12:00  new  Heat yellow warning (W-4)",
                                       "2026-07-12 20:00  expired  Gale blue warning (W-2)"])
        self.assertEqual(lines[10:12], ["Exercise and test warnings (not counted above):",
                                        "W-3  Lightning orange warning (泽库县气象台)  until lifted  answered 0 of 2"])
        ctx = self.ok("handover", "--at", "2026-07-13 08:30", "--context").json()["warnings"]
        self.assertEqual([w["id"] for w in ctx["in_force"]], ["W-1", "W-4"])
        self.assertEqual((ctx["in_force"][0]["owed"], ctx["in_force"][0]["answered"]), (2, 1))
        self.assertEqual(ctx["counts"], {"in_force": 2, "exercise": 1, "changes": 5, "late": 1})
        # A shift with no warning says nothing about warnings.
        self.assertNotIn("Warnings", self.ok("handover", "--at", "2026-07-11 08:30", "--format", "text").out)

    def test_the_daily_bulletin_and_the_chinese_records(self):
        (self.ws / "office.yaml").write_text(WARNINGS_YAML.replace("locale: en", "locale: zh-CN"), encoding="utf-8")
        text = self.ok("daily", "--date", "2026-07-12", "--format", "text").out
        self.assertIn("四、预警信息", text)
        self.assertIn("W-1　暴雨红色预警（泽库县气象台，泽曲镇）　直至解除　叫应到位1/2，超时：宁秀乡", text)
        self.assertIn("2026-07-12 20:00　到期　大风蓝色预警（W-2）", text)
        md = self.ok("handover", "--at", "2026-07-13 08:30", "--format", "md").out
        self.assertIn("## 八、预警信息", md)
        html = self.ok("handover", "--at", "2026-07-13 08:30", "--format", "html").out
        self.assertIn("<h2>八、预警信息</h2>", html)


class WhoSaysTheLeaderMustBeIn(PublishTest):
    def test_who_names_the_warning_that_needs_the_leader_in_the_room(self):
        self.make_office(frm="2026-07-01", to="2026-07-31")
        with open(self.ws / "office.yaml", "a", encoding="utf-8") as f:
            f.write(WARNINGS_YAML[len(OFFICE_YAML):])
        self.publish()
        self.assertEqual(self.who("2026-07-12 09:00")["leader_in_room"], [])
        r = self.d("warning", "add", "--type", "rainstorm", "--level", "orange", "--issuer", "县气象台", "--received",
                   "2026-07-12 08:40")
        self.assertExit(r, 0)
        self.assertEqual(self.who("2026-07-12 09:00")["leader_in_room"],
                         [{"warning": "W-1", "title": "Rainstorm orange warning"}])
        table = self.ok("who", "--at", "2026-07-12 09:00").out
        self.assertIn("W-1 Rainstorm orange warning is in force: the leader on duty must be in the duty room", table)
        self.assertEqual(self.who("2026-07-12 08:30")["leader_in_room"], [])
        # No roster published for the moment: the leader's duty is still said.
        r = self.d("who", "--at", "2026-08-15 09:00")
        self.assertExit(r, 1)
        self.assertIn("no published roster covers 2026-08-15 09:00", r.err)
        self.assertIn("W-1 Rainstorm orange warning is in force: the leader on duty must be in the duty room", r.out)



class NothingAfterTheFact(WarningTest):
    """What a tired officer (or someone tidying the record) could type after the fact, found by a
    trial on a first shift: each would have bent the record of who answered and when."""

    def test_no_answer_after_the_round_ended(self):
        self.rainstorm("orange", "2026-07-12 08:00", "--expires", "2026-07-12 12:00")   # W-1 expires
        self.rainstorm("orange", "2026-07-12 08:00")                                    # W-2 lifted
        self.ok("warning", "lift", "W-2", "--at", "2026-07-12 10:00")
        before = self.event_count()
        self.assertRefused(self.d("warning", "answered", "W-2", "--unit", "宁秀乡", "--by", "卓玛", "--at",
                                  "2026-07-12 11:00"),
                           "--at: 宁秀乡 was owed an answer for W-2 only until 2026-07-12 10:00, when its round ended")
        self.assertRefused(self.d("warning", "answered", "W-1", "--unit", "宁秀乡", "--by", "卓玛", "--at",
                                  "2026-07-12 12:30"),
                           "--at: 宁秀乡 was owed an answer for W-1 only until 2026-07-12 12:00")
        self.assertEqual(self.event_count(), before)
        # Still named late on the record of the shift.
        shown = self.shown("W-2")
        self.assertEqual([(x["unit"], x["state"]) for x in shown["response"]], [("泽曲镇", "late"), ("宁秀乡", "late")])
        # Within the round, a late answer says how late.
        self.rainstorm("orange", "2026-07-12 13:00")                                    # W-3
        r = self.ok("warning", "answered", "W-3", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 13:25")
        self.assertEqual(r.out, "W-3: 泽曲镇 answered at 2026-07-12 13:25 (15 min late)\n")

    def test_a_downgrade_ends_what_is_owed_on_the_records(self):
        yaml = WARNINGS_YAML.replace("""    - {unit: 宁秀乡, person: 卓玛, phone: "13800000002"}
""", """    - {unit: 宁秀乡, person: 卓玛, phone: "13800000002"}
  departments:
    - {unit: 县水利局, person: 王工, phone: "13800000003"}
""").replace("call: [townships], within: 10m", "call: [townships, departments], within: 10m")
        (self.ws / "office.yaml").write_text(yaml, encoding="utf-8")
        self.rainstorm("orange", "2026-07-12 09:00")
        self.ok("warning", "update", "W-1", "--level", "yellow", "--at", "2026-07-12 10:00")
        self.ok("warning", "answered", "W-1", "--unit", "泽曲镇", "--by", "才让", "--at", "2026-07-12 10:05")
        w = self.ok("handover", "--at", "2026-07-13 08:30", "--context").json()["warnings"]["in_force"][0]
        # Owed now: the two townships, whose round goes on under the yellow rule (泽曲镇 answered it
        # late); 县水利局's round ended at the downgrade and is no longer counted.
        self.assertEqual((w["owed"], w["answered"], w["late_units"]), (2, 1, "泽曲镇, 宁秀乡"))
        r = self.d("warning", "overdue", "--at", "2026-07-13 08:30", "--format", "json")
        self.assertEqual([x["unit"] for x in r.json()], ["宁秀乡"])

    def test_updates_that_rewrite_the_past_or_change_nothing(self):
        self.rainstorm("orange", "2026-07-12 09:00")
        before = self.event_count()
        self.assertRefused(self.d("warning", "update", "W-1", "--expires", "2026-07-12 09:30", "--at",
                                  "2026-07-12 10:00"),
                           "--expires: 2026-07-12 09:30 is not after the update (2026-07-12 10:00); to end the "
                           "warning now, use 'duty warning lift'")
        self.assertRefused(self.d("warning", "update", "W-1", "--level", "orange", "--at", "2026-07-12 10:00"),
                           "nothing changes for W-1: what was given is what is in force already")
        self.assertEqual(self.event_count(), before)
        # An expired warning is not lifted afterwards (a 解除 that never happened).
        self.rainstorm("yellow", "2026-07-12 11:00", "--expires", "2026-07-12 12:00")
        self.assertRefused(self.d("warning", "lift", "W-2", "--at", "2026-07-12 13:00"),
                           "W-2 expired at 2026-07-12 12:00: an expired warning is not lifted")
        self.assertEqual(self.event_count(), before + 1)

    def test_exercise_rounds_apart_from_overdue(self):
        self.rainstorm("orange", "2026-07-12 09:00", "--status", "exercise")
        r = self.d("warning", "overdue", "--at", "2026-07-12 10:00", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), [])
        r = self.d("warning", "overdue", "--at", "2026-07-12 10:00", "--include-exercise")
        self.assertExit(r, 0)   # an exercise never makes the exit status 1
        self.assertIn("W-1 (exercise)", r.out)
        self.assertIn("宁秀乡", r.out)

    def test_calls_by_chinese_channel_names(self):
        self.rainstorm("orange", "2026-07-12 09:00")
        self.ok("warning", "call", "W-1", "--unit", "泽曲镇", "--via", "微信", "--at", "2026-07-12 09:02")
        self.assertEqual(self.shown("W-1")["calls"][0]["via"], "wechat")

    def test_a_cancel_of_a_warning_never_recorded_is_skipped_and_the_rest_imported(self):
        r = self.d("warning", "import", CAP / "cancel_lightning.xml", CAP / "alert_fire_danger_geocode.xml",
                   "--received", "2026-07-12 19:00")
        self.assertExit(r, 0)
        self.assertIn("cancel_lightning.xml: 63232341600000_20260712180000 skipped: it cancels a warning that is "
                      "not recorded (63232341600000_20260712153000): nothing to lift", r.out)
        self.assertEqual([w["type"] for w in self.listing()], ["fire-danger"])
        r = self.d("warning", "import", CAP / "cancel_lightning.xml", "--received", "2026-07-12 19:00",
                   "--format", "json")
        self.assertEqual([(x["action"], x["warning"]) for x in r.json()], [("skipped", None)])



class VoidAndTypedIds(WarningTest):
    def test_a_warning_entered_by_mistake_is_voided_and_leaves_every_count(self):
        self.rainstorm("orange", "2026-07-12 08:00")                     # W-1, entered twice
        self.rainstorm("orange", "2026-07-12 08:00")                     # W-2
        r = self.d("warning", "void", "w-2", "--reason", "entered twice, see W-1")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"^W-2 voided at \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?: entered twice, see W-1\n$")
        self.assertEqual([w["id"] for w in self.listing("--at", "2026-07-12 09:00")], ["W-1"])
        every = self.listing("--at", "2026-07-12 09:00", "--include-void")
        self.assertEqual([(w["id"], w["status"], w["void_reason"]) for w in every],
                         [("W-1", "in-force", None), ("W-2", "void", "entered twice, see W-1")])
        r = self.d("warning", "overdue", "--at", "2026-07-12 09:00", "--format", "json")
        self.assertEqual(sorted({x["warning"] for x in r.json()}), ["W-1"])
        ctx = self.ok("handover", "--at", "2026-07-12 08:30", "--context").json()["warnings"]
        self.assertEqual([w["id"] for w in ctx["in_force"]], ["W-1"])
        self.assertEqual([(c["id"], c["kind"]) for c in ctx["changes"]], [("W-1", "new")])
        self.assertIn("Voided at", self.ok("warning", "show", "W-2").out)
        before = self.event_count()
        for args, message in [
            (("warning", "void", "W-2", "--reason", "again"), "W-2 was voided at"),
            (("warning", "update", "W-2", "--level", "red"), "W-2 was voided at"),
            (("warning", "lift", "W-2"), "W-2 was voided at"),
            (("warning", "answered", "W-2", "--unit", "泽曲镇", "--by", "才让"), "W-2 was voided at"),
            (("warning", "void", "W-1", "--reason", " "), "--reason: cannot be empty"),
            (("warning", "void", "W-9", "--reason", "x"), "no warning 'W-9'"),
        ]:
            with self.subTest(args=args):
                self.assertRefused(self.d(*args), message)
        self.assertEqual(self.event_count(), before)
        self.assertExit(self.d("log", "verify"), 0)

    def test_ids_as_people_type_them(self):
        self.rainstorm("yellow", "2026-07-12 08:00")
        self.ok("warning", "update", "Ｗ－１", "--level", "orange", "--at", "2026-07-12 09:00")
        self.ok("warning", "call", " w-01 ", "--unit", "泽曲镇", "--at", "2026-07-12 09:01")
        shown = self.shown("w-1")
        self.assertEqual((shown["id"], shown["level"], len(shown["calls"])), ("W-1", "orange", 1))
        # Every event is about W-1 itself, whatever was typed.
        self.assertEqual(self.sql("SELECT DISTINCT subject FROM events WHERE type LIKE 'warning%'"), [("W-1",)])


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
