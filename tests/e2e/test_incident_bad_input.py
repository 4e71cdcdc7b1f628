# SPDX-License-Identifier: Apache-2.0
"""Bad input to the incident commands exits 2 naming the option (or office.yaml's file:line:column)
and writes nothing; a store that cannot be used exits 4 with a one-line message and is left as it
was (issue 3, docs/exit-codes.md)."""
import os
import sqlite3
import time
import unittest

from harness import count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import SCHEMA_VERSION, IncidentTest

TIME_FORMS = ("accepted: '2027-01-05 14:05', '14:05' (the most recent 14:05 for when something happened, the "
              "next for a deadline), '2027-01-05' (midnight; as the end of a range, the whole day), ISO 8601 with "
              "offset (2027-01-05T14:05:00+08:00), 'now', or a relative time such as -15m or +2h")
ADD = ("incident", "add", "--title", "Crash", "--category", "road-traffic")

# (arguments, the start of the one error line). Each names the option the user has to correct.
BAD_ADDS = [
    ((*ADD[:-1], "rod-traffic", "--received", "-1h"),
     "--category: unknown category 'rod-traffic' (did you mean 道路交通事故 (road-traffic)?)"),
    ((*ADD, "--severity", "V"), "--severity: unknown severity 'V'; expected 特别重大 (I), 重大 (II), 较大 (III), "
                                "一般 (IV) or unknown"),
    ((*ADD, "--deaths", "-1"), "--deaths: cannot be negative (got -1)"),
    ((*ADD, "--injured", "-2"), "--injured: cannot be negative (got -2)"),
    ((*ADD, "--seriously-injured", "-3"), "--seriously-injured: cannot be negative (got -3)"),
    ((*ADD, "--missing", "-4"), "--missing: cannot be negative (got -4)"),
    ((*ADD, "--trapped", "-5"), "--trapped: cannot be negative (got -5)"),
    ((*ADD, "--loss", "-0.5"), "--loss: cannot be negative (got -0.5)"),
    ((*ADD, "--deaths", "three"), "--deaths: 'three' is not a whole number"),
    ((*ADD, "--loss", "lots"), "--loss: 'lots' is not a number of 万元 (10,000 yuan)"),
    ((*ADD, "--received", "2099-12-31 10:00"), "--received: 2099-12-31 10:00 is in the future (now is "),
    ((*ADD, "--received", "+1h"), "--received: "),
    ((*ADD, "--received", "2026-11-20 14:00", "--occurred", "2026-11-20 14:30"),
     "--received: 2026-11-20 14:00 is before the incident occurred (2026-11-20 14:30)"),
    ((*ADD, "--occurred", "2099-12-31 10:00"), "--occurred: 2099-12-31 10:00 is in the future (now is "),
    ((*ADD, "--received", "yesterday"), f"--received: 'yesterday' is not a time; {TIME_FORMS}"),
    ((*ADD, "--received", "2026-02-30 10:00"), f"--received: '2026-02-30 10:00' is not a time; {TIME_FORMS}"),
    ((*ADD, "--received", "24:30"), f"--received: '24:30' is not a time; {TIME_FORMS}"),
    ((*ADD, "--occurred", "2026-11-20 14h"), f"--occurred: '2026-11-20 14h' is not a time; {TIME_FORMS}"),
    (("incident", "add", "--category", "flood"), "--title: is required"),
    (("incident", "add", "--title", "t"), "--category: is required"),
    ((*ADD, "--format", "xml"), "--format: unknown format 'xml'; expected text or json"),
]


class BadCommandTest(IncidentTest):
    """Against a store holding an open incident (2026-0001) and a closed one (2026-0002)."""

    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.add("--title", "Open", "--category", "flood", "--received", "2026-11-20 14:00")
        self.add("--title", "Closed", "--category", "fire", "--received", "2026-11-20 15:00")
        self.ok("incident", "close", "2026-0002", "--at", "2026-11-20 16:00", "--note", "done")
        self.before = self.snapshot()
        self.files_before = self.files()

    def assertRejected(self, args, message, code=2):
        r = self.d(*args)
        count_bad_input()
        self.assertExit(r, code)
        self.assertEqual(r.out, "")
        lines = r.err.splitlines()
        self.assertTrue(lines and lines[0].startswith("duty: error: " + message), r.err)
        self.assertEqual(self.snapshot(), self.before)
        return r

    def test_bad_adds(self):
        for args, message in BAD_ADDS:
            with self.subTest(args=args[2:]):
                self.assertRejected(args, message)
        # Not one id was used up by the failures.
        self.assertEqual(self.add("--title", "next", "--category", "flood", "--received", "2026-11-21 08:00"),
                         "2026-0003")

    def test_bad_updates(self):
        cases = [
            (("2026-0099", "--note", "n"), "no incident '2026-0099'; 'duty incident list' shows them"),
            (("2026-0002", "--deaths", "1", "--at", "2026-11-20 17:00", "--note", "n"),
             "incident 2026-0002 was closed with its final report at 2026-11-20 16:00; closed incidents accept no "
             "updates"),
            (("2026-0001", "--at", "2026-11-20 13:59", "--note", "n"),
             "--at: 2026-11-20 13:59 is before the incident was received (2026-11-20 14:00)"),
            (("2026-0001", "--at", "2099-12-31 10:00", "--note", "n"), "--at: 2099-12-31 10:00 is in the future"),
            (("2026-0001", "--at", "soon", "--note", "n"), f"--at: 'soon' is not a time; {TIME_FORMS}"),
            (("2026-0001", "--deaths", "-1", "--note", "n"), "--deaths: cannot be negative (got -1)"),
            (("2026-0001", "--category", "flod", "--note", "n"), "--category: unknown category 'flod'"),
            (("2026-0001", "--severity", "X", "--note", "n"), "--severity: unknown severity 'X'"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRejected(("incident", "update", *args), message)

    # The times an update sets obey the rules add enforces (separate tests: an accepted one changes the store).
    def test_update_cannot_move_the_occurrence_into_the_future(self):
        self.assertRejected(("incident", "update", "2026-0001", "--occurred", "2099-12-31 10:00", "--note", "n"),
                            "--occurred: 2099-12-31 10:00 is in the future")

    def test_update_cannot_move_the_occurrence_after_receipt(self):
        # Received at 14:00: an occurrence at 14:30 would have the report arrive before the event.
        self.assertRejected(("incident", "update", "2026-0001", "--occurred", "2026-11-20 14:30",
                             "--at", "2026-11-20 15:00", "--note", "n"), "--")

    def test_bad_escalations(self):
        cases = [
            (("2026-0001", "--to", "prefecure", "--via", "phone"),
             "--to: unknown organisation 'prefecure' (did you mean 'prefecture'?); the chain in office.yaml has: "
             "prefecture, province"),
            (("2026-0001", "--to", "prefecture", "--via", "pigeon"),
             "--via: unknown channel 'pigeon'; expected phone, written, fax or system"),
            (("2026-0099", "--to", "prefecture", "--via", "phone"), "no incident '2026-0099'"),
            (("2026-0001", "--to", "prefecture", "--via", "phone", "--at", "2026-11-20 13:00"),
             "--at: 2026-11-20 13:00 is before the incident was received (2026-11-20 14:00)"),
            (("2026-0001", "--to", "prefecture", "--via", "phone", "--at", "2099-12-31 10:00"),
             "--at: 2099-12-31 10:00 is in the future"),
            (("2026-0001", "--to", "prefecture", "--via", "phone", "--at", "later"),
             f"--at: 'later' is not a time; {TIME_FORMS}"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRejected(("incident", "escalate", *args), message)

    def test_bad_closes(self):
        cases = [
            (("2026-0099", "--note", "n"), "no incident '2026-0099'"),
            (("2026-0002", "--note", "n"), "incident 2026-0002 is already closed (final report at 2026-11-20 16:00)"),
            (("2026-0001", "--at", "whenever", "--note", "n"), f"--at: 'whenever' is not a time; {TIME_FORMS}"),
            (("2026-0001", "--at", "2026-11-20 13:00", "--note", "n"), "--at: 2026-11-20 13:00 is before the incident "
                                                                       "was received"),
            (("2026-0001", "--missing", "-1", "--note", "n"), "--missing: cannot be negative (got -1)"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRejected(("incident", "close", *args), message)

    def test_bad_reads(self):
        cases = [
            (("list", "--category", "flod"), "--category: unknown category 'flod' (did you mean 洪涝灾害 (flood)?)"),
            (("list", "--severity", "V"), "--severity: unknown severity 'V'"),
            (("list", "--from", "monday"), f"--from: 'monday' is not a time; {TIME_FORMS}"),
            (("list", "--to", "2026-11-31 00:00"), f"--to: '2026-11-31 00:00' is not a time; {TIME_FORMS}"),
            (("list", "--format", "xml"), "--format: unknown format 'xml'; expected table, json or csv"),
            (("overdue", "--at", "noon"), f"--at: 'noon' is not a time; {TIME_FORMS}"),
            (("show", "2026-0099"), "no incident '2026-0099'"),
            (("export", "--format", "xml"), "--format: unknown format 'xml'; expected yaml, json or csv"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertRejected(("incident", *args), message)
        self.assertEqual(self.files(), self.files_before)

    def test_missing_required_options_are_usage_errors(self):
        for args in [("incident", "update", "2026-0001"), ("incident", "close", "2026-0001"),
                     ("incident", "escalate", "2026-0001", "--via", "phone")]:
            with self.subTest(args=args):
                r = self.d(*args)
                count_bad_input()
                self.assertExit(r, 2)
                self.assertEqual(self.snapshot(), self.before)


class BadAddOnAFreshWorkspaceTest(IncidentTest):
    def test_nothing_is_created(self):
        # The store is "created on first write": an add that is refused has written nothing, not even it.
        # One case per kind of check (option syntax, the office's lists, figures, times).
        cases = [BAD_ADDS[0], BAD_ADDS[1], BAD_ADDS[2], BAD_ADDS[8], BAD_ADDS[10], BAD_ADDS[12], BAD_ADDS[14],
                 BAD_ADDS[-3], BAD_ADDS[-1]]
        for n, (args, message) in enumerate(cases):
            with self.subTest(args=args[2:]):
                ws = self.make_workspace(where=self.tmp / f"ws{n}")
                before = sorted(p.name for p in ws.iterdir())
                r = self.d(*args, ws=ws)
                count_bad_input()
                self.assertExit(r, 2)
                self.assertTrue(r.err.startswith("duty: error: " + message), r.err)
                self.assertEqual(sorted(p.name for p in ws.iterdir()), before)


class BadOfficeYamlTest(IncidentTest):
    def run_bad(self, text, *args, env=None):
        self.make_workspace(text)
        before = self.files()
        r = self.d(*(args or ("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h")), env=env)
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(self.files(), before)
        return r

    def assertDiagnostic(self, r, text, line, column, message, zh=False):
        """`duty: error: ws/office.yaml:LINE:COLUMN: message` (`duty: 错误：...` with zh), then the line
        and a caret under the column."""
        source = text.splitlines()[line - 1]
        err = r.err.splitlines()
        prefix = f"duty: {'错误：' if zh else 'error: '}{self.ws}/office.yaml:{line}:{column}: "
        found = [i for i, e in enumerate(err) if e.startswith(prefix)]
        self.assertEqual(len(found), 1, f"expected one diagnostic at {line}:{column}\n{r.err}")
        i = found[0]
        self.assertIn(message, err[i])
        self.assertEqual(err[i + 1:i + 3], ["    " + source, "    " + " " * (column - 1) + "^"], r.err)

    def test_unknown_top_level_key_suggests_the_right_one(self):
        text = OFFICE.replace("escalation:", "escalaton:")
        r = self.run_bad(text)
        self.assertDiagnostic(r, text, 9, 1, "unknown key 'escalaton' in office.yaml (did you mean 'escalation'?); "
                                             "expected one of: office, roster, database, chain, escalation")

    def test_unknown_key_in_a_rule(self):
        text = OFFICE.replace("within: 2h", "witin: 2h")
        r = self.run_bad(text, "incident", "list")
        self.assertDiagnostic(r, text, 10, 49, "unknown key 'witin' in an escalation rule (did you mean 'within'?)")

    def test_unknown_organisation_in_a_rule(self):
        text = OFFICE.replace("to: [province]", "to: [prefecture, provnce]")
        r = self.run_bad(text, "incident", "list")
        # The caret goes under the unknown name, not under the list holding it.
        self.assertDiagnostic(r, text, 11, 51, "unknown organisation 'provnce' (did you mean 'province'?); "
                                               "organisations come from 'chain': prefecture, province")

    def test_unknown_channel_in_a_rule(self):
        text = OFFICE.replace("via: phone", "via: phon")
        r = self.run_bad(text, "incident", "overdue")
        self.assertDiagnostic(r, text, 11, 55, "unknown channel 'phon' (did you mean 'phone'?)")

    def test_problems_in_chinese_keep_the_place_and_the_names(self):
        # A broken office.yaml cannot say its locale: DUTY_LANG (or LANG) chooses the language.
        text = OFFICE.replace("Asia/Shanghai", "Asia/Shanghia").replace("to: [province]", "to: [prefecture, provnce]")
        r = self.run_bad(text, "incident", "list", env={"DUTY_LANG": "zh-CN"})
        self.assertDiagnostic(r, text, 3, 13, "未知的时区“Asia/Shanghia”；应为 IANA 时区名，如 Asia/Shanghai",
                              zh=True)
        self.assertDiagnostic(r, text, 11, 51, "未知的单位“provnce”", zh=True)
        self.assertDiagnostic(r, text, 11, 51, "；单位取自“chain”：prefecture, province", zh=True)
        self.assertNotIn("unknown organisation", r.err)
        text = OFFICE.replace("  name: Test County Duty Office\n", "")
        (self.ws / "office.yaml").write_text(text, encoding="utf-8")
        r = self.d("incident", "list", env={"DUTY_LANG": "zh-CN"})
        count_bad_input()
        self.assertExit(r, 2)
        self.assertDiagnostic(r, text, 2, 3, "office 需要“name”", zh=True)

    def test_every_problem_is_reported(self):
        text = OFFICE.replace("escalation:", "escalaton:").replace("Asia/Shanghai", "Asia/Shanghia")
        r = self.run_bad(text)
        self.assertDiagnostic(r, text, 3, 13, "unknown time zone 'Asia/Shanghia'")
        self.assertDiagnostic(r, text, 9, 1, "unknown key 'escalaton'")
        self.assertEqual(r.err.splitlines()[-1], "duty: 2 problems found; nothing was written")


# Line numbers and columns in BadOfficeYamlTest refer to this text.
OFFICE = """\
office:
  name: Test County Duty Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
chain:
  - {id: prefecture, name: Prefecture EMB}
  - {id: province, name: Province EMD}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h}
  - {match: {severity: [I, II]}, to: [province], via: phone, within: 1h}
"""


# Import files with one bad input class each: (name, file name, text, line, column, message fragment).
# The line and column point at the offending value or key; problems found by checking a whole
# record against the office and the clock (a category, an organisation, the order of times) point
# at the record: its first key in YAML, its row in CSV.
GOOD = "- {title: ok, category: flood, received: 2026-11-20 10:00}\n"
BAD_IMPORTS = [
    ("syntax error", "i.yaml", GOOD + "- {title: open, category: flood\n", 3, 1, "end of map flow not found"),
    ("unknown key", "i.yaml", GOOD + "- {titel: x, category: flood}\n", 2, 4,
     "unknown key 'titel' in an incident (did you mean 'title'?)"),
    ("wrong type", "i.yaml", GOOD + "- {title: x, category: flood, deaths: [1]}\n", 2, 39,
     "expected text for deaths, got a list"),
    ("unknown category", "i.yaml", GOOD + "- {title: x, category: flod}\n", 2, 3,
     "category: unknown category 'flod' (did you mean 洪涝灾害 (flood)?)"),
    ("unknown severity", "i.yaml", GOOD + "- {title: x, category: flood, severity: V}\n", 2, 41,
     "severity: unknown severity 'V'; expected 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV) or unknown"),
    ("negative figure", "i.yaml", GOOD + "- {title: x, category: flood, injured: -3}\n", 2, 40,
     "injured: cannot be negative (got -3)"),
    ("unparsable time", "i.yaml", GOOD + "- {title: x, category: flood, received: yesterday}\n", 2, 41,
     "received: 'yesterday' is not a time; accepted: "),
    ("received in the future", "i.yaml", GOOD + "- {title: x, category: flood, received: 2099-01-01 10:00}\n", 2, 3,
     "received: 2099-01-01 10:00 is in the future"),
    ("received before occurred", "i.yaml",
     GOOD + "- {title: x, category: flood, occurred: 2026-11-20 11:00, received: 2026-11-20 10:00}\n", 2, 3,
     "is before the incident occurred"),
    ("unknown organisation", "i.yaml",
     GOOD + "- title: x\n  category: flood\n  received: 2026-11-20 10:00\n"
            "  escalations: [{to: prefecure, via: phone, at: 2026-11-20 10:10}]\n", 2, 3,
     "unknown organisation 'prefecure' (did you mean 'prefecture'?)"),
    ("unknown channel", "i.yaml",
     GOOD + "- title: x\n  category: flood\n  received: 2026-11-20 10:00\n"
            "  escalations: [{to: prefecture, via: pigeon, at: 2026-11-20 10:10}]\n", 5, 39,
     "unknown channel; expected phone, written, fax or system"),
    ("update after the final report", "i.yaml",
     GOOD + "- title: x\n  category: flood\n  received: 2026-11-20 10:00\n"
            "  updates: [{at: 2026-11-20 12:00, note: late}]\n  closed: {at: 2026-11-20 11:00, note: done}\n", 2, 3,
     "comes after the final report (2026-11-20 11:00); closed incidents accept no updates"),
    ("unknown column", "i.csv", "title,categry,received\nx,flood,2026-11-20 10:00\n", 1, 7,
     "unknown column 'categry' (did you mean 'category'?)"),
    ("row with too few fields", "i.csv", "title,category,received\nx,flood\n", 2, 1,
     "this row has 2 fields; the header has 3"),
    ("unterminated quote", "i.csv", "title,category,received\n\"x,flood,2026-11-20 10:00\n", 2, 1, "quote"),
    ("unknown category", "i.csv", "title,category,received\nx,flod,2026-11-20 10:00\n", 2, 1,
     "category: unknown category 'flod'"),
    ("negative figure", "i.csv", "title,category,received,deaths\nx,flood,2026-11-20 10:00,-1\n", 2, 26,
     "deaths: cannot be negative (got -1)"),
    ("unparsable time", "i.csv", "title,category,received\nx,flood,soon\n", 2, 9, "received: 'soon' is not a time"),
]


class BadImportTest(IncidentTest):
    """Every bad input class in an import file: exit 2, file:line:column of the offending value, and
    nothing imported."""

    def test_bad_import_files(self):
        self.make_workspace()
        self.add("--title", "already here", "--category", "fire", "--received", "2026-11-19 08:00")
        before = self.snapshot()
        for name, file, text, line, column, fragment in BAD_IMPORTS:
            with self.subTest(case=name, file=file):
                self.write(file, text)
                r = self.d("incident", "import", file)
                count_bad_input()
                self.assertExit(r, 2)
                self.assertEqual(r.out, "")
                # Other problems the same mistake causes may be reported too ("title is required"
                # beside the misspelt key); the one for this class is at its place.
                found = [e for e in r.err.splitlines() if e.startswith("duty: error: ") and fragment in e]
                self.assertEqual(len(found), 1, r.err)
                self.assertTrue(found[0].startswith(f"duty: error: {file}:{line}:{column}: "), r.err)
                self.assertEqual(self.snapshot(), before)


def file_bytes(path):
    return path.read_bytes()


@sqlite_only("a store file that is not one, read-only, locked or of another schema")
class StoreProblemTest(IncidentTest):
    """Exit 4, one line on stderr, and the store exactly as it was."""

    def setUp(self):
        super().setUp()
        self.make_workspace()

    def with_one_incident(self):
        self.add("--title", "Open", "--category", "flood", "--received", "2026-11-20 14:00")
        self.before = self.snapshot()

    def assertStoreError(self, r, message):
        count_bad_input()
        self.assertExit(r, 4)
        self.assertEqual(r.out, "")
        self.assertEqual(len(r.err.splitlines()), 1, r.err)
        self.assertTrue(r.err.startswith("duty: error: "), r.err)
        self.assertIn(message, r.err)

    def run_everything(self, message):
        """Write and read commands alike refuse the store, and leave its bytes alone."""
        before = file_bytes(self.db)
        for args in [("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h"),
                     ("incident", "list", "--format", "json"), ("incident", "export", "--format", "json"),
                     ("log", "verify")]:
            with self.subTest(args=args):
                self.assertStoreError(self.d(*args), message)
                self.assertEqual(file_bytes(self.db), before)

    def test_a_file_that_is_not_a_store(self):
        self.db.write_bytes(b"duty log backup, do not delete\n" * 200)
        self.db.chmod(0o600)
        self.run_everything(f"{self.ws.name}/duty.db is not a duty store (not an SQLite database)")

    def test_another_programs_sqlite_database(self):
        self.db.unlink()  # the empty store `duty init` made
        self.sql("CREATE TABLE contacts (name TEXT, phone TEXT)")
        self.sql("INSERT INTO contacts VALUES ('Zhao', '13900000001')")
        self.run_everything(f"{self.ws.name}/duty.db is not a duty store (another program's SQLite database)")
        self.assertEqual(self.sql("SELECT * FROM contacts"), [("Zhao", "13900000001")])
        self.assertEqual(self.sql("PRAGMA user_version"), [(0,)])

    def test_a_newer_schema_is_refused(self):
        self.with_one_incident()
        self.sql("PRAGMA user_version = 99")
        self.run_everything(
            f"was written by a newer duty (schema 99; this duty knows up to {SCHEMA_VERSION}); upgrade duty")
        self.assertEqual(self.sql("PRAGMA user_version"), [(99,)])
        self.sql("PRAGMA user_version = 3")
        self.assertEqual(self.snapshot(), self.before)

    def test_a_missing_folder(self):
        r = self.d("--db", self.tmp / "no" / "such" / "duty.db", "incident", "add", "--title", "t",
                   "--category", "flood", "--received", "-1h")
        self.assertStoreError(r, "cannot create the store")
        self.assertFalse((self.tmp / "no").exists())

    def test_a_read_only_store(self):
        self.with_one_incident()
        before = file_bytes(self.db)
        if os.geteuid() == 0:
            # Root ignores permission bits, so the command runs as 'nobody', the owner of a read-only
            # workspace: the same situation as a clerk whose store was made read-only.
            uid, gid = 65534, 65534
            os.chmod(self.tmp, 0o755)
            for p in [self.ws, *self.ws.rglob("*")]:
                os.chown(p, uid, gid)

            def run(*args):
                return self.duty_as(uid, gid, "--office", self.ws, *args)
        else:
            def run(*args):
                return self.d(*args)
        self.db.chmod(0o444)
        self.ws.chmod(0o555)
        self.addCleanup(self.ws.chmod, 0o755)
        r = run("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h")
        self.assertStoreError(r, f"the store {self.db} is read-only")
        r = run("incident", "update", "2026-0001", "--deaths", "1", "--note", "n")
        self.assertStoreError(r, f"the store {self.db} is read-only")
        self.assertEqual(file_bytes(self.db), before)
        self.ws.chmod(0o755)
        self.db.chmod(0o600)
        self.assertEqual(self.snapshot(), self.before)

    def test_a_store_locked_by_another_process(self):
        # Takes the busy timeout (10 s): a writer waits its turn that long, then gives up cleanly.
        self.with_one_incident()
        conn = sqlite3.connect(self.db, isolation_level=None)
        self.addCleanup(conn.close)
        conn.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        r = self.d("incident", "add", "--title", "t", "--category", "flood", "--received", "2026-11-21 07:00")
        waited = time.monotonic() - started
        self.assertStoreError(r, f"the store {self.db} is locked by another")
        self.assertGreaterEqual(waited, 9.5)
        # WAL lets readers through meanwhile.
        self.assertEqual([i["id"] for i in self.ok("incident", "list", "--format", "json").json()], ["2026-0001"])
        conn.execute("ROLLBACK")
        self.assertEqual(self.snapshot(), self.before)
        # Once released, writing works again and the failed add used up no id.
        self.assertEqual(self.add("--title", "t", "--category", "flood", "--received", "2026-11-21 08:00"),
                         "2026-0002")


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
