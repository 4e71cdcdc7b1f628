# SPDX-License-Identifier: Apache-2.0
"""The journal is the single source of truth (issue 13): every table duty reads to answer a question
(incidents, requirements, pending items, the published roster and its people) is a projection of the
events. `duty log verify` recomputes each from the events, through the same folds the commands use
when they write, and names every row that differs; `duty log rebuild` rewrites them from a chain
that verifies, in one transaction."""
import datetime
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import IncidentTest
from publish_support import PublishTest

tearDownModule = report_bad_input_cases

SETUP = [
    ("incident", "add", "--title", "Flooded underpass", "--category", "flood", "--received", "2026-11-20 08:00"),
    ("incident", "add", "--title", "Bus crash", "--category", "road-traffic", "--received", "2026-11-20 09:00"),
    ("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 10:00", "--note", "one drowned"),
    ("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written", "--at", "2026-11-20 10:30"),
    ("incident", "close", "2026-0001", "--at", "2026-11-20 12:00", "--note", "pumped dry"),
    ("todo", "add", "Call the water company back", "--owner", "Wang", "--at", "2026-11-20 09:30"),
    ("todo", "add", "Check the pumps", "--at", "2026-11-20 09:40"),
    ("todo", "done", "T-1", "--note", "called", "--at", "2026-11-20 11:00"),
    ("incident", "instruct", "2026-0002", "--from", "County head", "--text", "Report hourly",
     "--at", "2026-11-20 09:30"),
    ("note", "add", "Pump 3 is out of order", "--at", "2026-11-20 11:30"),
]

# 2026-11-20 11:00 +08:00, which is also 2026-0002's deadline (received 09:00, written report in 2 h).
T_1100 = 1795143600
DUE_0002 = 1795143600


class ProjectionTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        for args in SETUP:
            self.ok(*args)
        self.events = self.sql("SELECT count(*) FROM events")[0][0]
        self.assertEqual(self.ok("log", "verify").out, f"ok: {self.events} events verified\n")

    def assertFinds(self, *lines, count=None):
        """`log verify` exits 1 with these error lines (in order) and the closing summary; stdout empty."""
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertEqual(r.out, "")
        err = r.err.splitlines()
        self.assertEqual(err[:-1], ["duty: error: " + line for line in lines])
        n = count if count is not None else len(lines)
        self.assertEqual(err[-1], f"duty: {n} projection row{'' if n == 1 else 's'} differ from what the events give "
                                  "(changed behind duty's back); keep this store as evidence, then 'duty log rebuild' "
                                  "rewrites the tables from the events")
        return r

    def rebuild(self, *changed):
        r = self.ok("log", "rebuild")
        lines = r.out.splitlines()
        self.assertEqual(lines[:-1], ["rebuilt: " + c for c in changed])
        self.assertRegex(lines[-1], rf"^ok: \d+ projection rows written from the events; {len(changed)} of them differed$")
        self.assertEqual(self.ok("log", "verify").out, f"ok: {self.events} events verified\n")
        return r

    def test_deleted_requirements_are_found_and_rebuilt(self):
        before = self.sql("SELECT * FROM requirements ORDER BY incident, org, via")
        self.assertEqual(len(before), 2)
        overdue = self.d("incident", "overdue", "--format", "json").json()
        self.assertEqual([o["incident"] for o in overdue], ["2026-0002"])
        self.sql("DELETE FROM requirements")
        # With the rows gone `overdue` answers all-clear: exactly what verify must expose.
        self.assertEqual(self.d("incident", "overdue", "--format", "json").json(), [])
        missing = "missing: the events give this row and the table does not hold it"
        self.assertFinds(f"requirements 2026-0001 prefecture written: {missing}",
                         f"requirements 2026-0002 prefecture written: {missing}")
        self.rebuild(f"requirements 2026-0001 prefecture written: {missing}",
                     f"requirements 2026-0002 prefecture written: {missing}")
        self.assertEqual(self.sql("SELECT * FROM requirements ORDER BY incident, org, via"), before)
        self.assertEqual([o["incident"] for o in self.d("incident", "overdue", "--format", "json").json()],
                         ["2026-0002"])

    def test_an_incident_closed_by_hand(self):
        self.sql("UPDATE incidents SET closed = 1, closed_at = ? WHERE id = '2026-0002'", T_1100)
        self.assertEqual([i["id"] for i in self.d("incident", "list", "--open", "--format", "json").json()], [])
        self.assertFinds(f"incidents 2026-0002: closed: stored 1, events give 0; closed_at: stored {T_1100}, "
                         "events give NULL")
        self.rebuild(f"incidents 2026-0002: closed: stored 1, events give 0; closed_at: stored {T_1100}, "
                     "events give NULL")
        self.assertEqual([i["id"] for i in self.d("incident", "list", "--open", "--format", "json").json()],
                         ["2026-0002"])

    def test_every_column_a_query_reads_is_checked(self):
        # The effective severity (what `list --severity` filters on), a report marked made, a figure.
        self.sql("UPDATE incidents SET severity = 'I', deaths = 0 WHERE id = '2026-0001'")
        self.sql("UPDATE requirements SET made_at = due WHERE incident = '2026-0002'")
        self.assertFinds("incidents 2026-0001: severity: stored 'I', events give 'IV'; deaths: stored 0, events give 1",
                         f"requirements 2026-0002 prefecture written: made_at: stored {DUE_0002}, "
                         "events give NULL")

    def test_an_extra_incident_row(self):
        columns = ("year, title, category, location, source, received_by, stated, graded, severity, occurred_at, "
                   "received_at, recorded_at, deaths, injured, seriously_injured, missing, trapped, loss, closed, "
                   "closed_at, followups, last_seq, description, actions, leaders_on_scene, voided, void_reason, "
                   "corrections, supplements" + (", office" if self.pg_db else ""))
        self.sql(f"INSERT INTO incidents (id, number, {columns}) SELECT '2026-0009', 9, {columns} FROM incidents "
                 "WHERE id = '2026-0002'")
        self.assertFinds("incidents 2026-0009: extra: the table holds this row and no events give it")
        self.rebuild("incidents 2026-0009: extra: the table holds this row and no events give it")
        self.assertEqual(self.sql("SELECT id FROM incidents ORDER BY id"), [("2026-0001",), ("2026-0002",)])

    def test_pending_items_done_or_deleted_by_hand(self):
        self.sql("UPDATE pending SET done_at = ?, done_by = 'nobody' WHERE id = 'T-2'", T_1100)
        self.sql("DELETE FROM pending WHERE id = 'P-1'")
        self.assertFinds("pending P-1: missing: the events give this row and the table does not hold it",
                         f"pending T-2: done_at: stored {T_1100}, events give NULL; done_by: stored 'nobody', "
                         "events give ''")

    def test_rebuild_refuses_a_broken_chain(self):
        self.sql("DELETE FROM requirements")
        self.sql("UPDATE events SET data = replace(data, '\"deaths\":1', '\"deaths\":0') WHERE seq = 4")
        before = self.sql("SELECT * FROM incidents ORDER BY id"), self.sql("SELECT count(*) FROM requirements")
        r = self.d("log", "rebuild")
        self.assertExit(r, 1)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err.splitlines(), [
            "duty: error: the log does not verify: event 4 (update 2026-0001) was changed after it was written (its "
            "hash does not match its content)",
            "duty: nothing was rebuilt: projections are rebuilt only from a chain that verifies; keep this store as "
            "evidence and restore from a backup"])
        self.assertEqual((self.sql("SELECT * FROM incidents ORDER BY id"), self.sql("SELECT count(*) FROM requirements")),
                         before)

    def test_a_clean_rebuild_changes_nothing(self):
        tables = ["incidents", "requirements", "pending"]
        before = [self.sql(f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables]
        self.rebuild()
        self.assertEqual([self.sql(f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables], before)

    def test_rebuild_takes_no_arguments(self):
        r = self.d("log", "rebuild", "now")
        self.assertExit(r, 2)
        self.assertIn("now", r.err)
        count_bad_input()


class RosterProjectionTest(PublishTest):
    def setUp(self):
        super().setUp()
        self.make_office()
        plan = self.assignments(self.publish())
        a_days = [d for d, a in sorted(plan.items()) if "off-a" in a["officer"]]
        self.day = a_days[2]
        for d in [d for d, a in sorted(plan.items()) if "off-b" in a["officer"]]:
            if self.d("roster", "swap", self.day, d, "officer", "off-a", "off-b", "--reason", "exam").code == 0:
                break
        else:
            self.fail("no swap of off-a and off-b keeps the rules")
        self.number = (datetime.date.fromisoformat(self.day) - datetime.date(1970, 1, 1)).days
        self.events = self.sql("SELECT count(*) FROM events")[0][0]
        self.assertEqual(self.ok("log", "verify").out, f"ok: {self.events} events verified\n")

    def test_a_duty_rewritten_in_the_roster_table(self):
        enc = self.sql("SELECT assignments FROM roster_shifts WHERE date = ?", self.number)[0][0]
        other = self.sql("SELECT assignments FROM roster_shifts WHERE date = ?", self.number + 1)[0][0]
        self.assertNotEqual(enc, other)
        self.sql("UPDATE roster_shifts SET assignments = ? WHERE date = ?", other, self.number)
        self.sql("DELETE FROM roster_people WHERE id = 'off-a'")
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        err = r.err.splitlines()
        # Subject by subject: person:... before roster:....
        self.assertEqual(err[0], "duty: error: roster_people off-a: missing: the events give this row and the table "
                                 "does not hold it")
        self.assertEqual(err[1], f"duty: error: roster_shifts {self.day}: assignments: stored '{other}', events give "
                                 f"'{enc}'")
        self.assertEqual(len(err), 3)
        r = self.ok("log", "rebuild")
        self.assertIn(f"rebuilt: roster_shifts {self.day}: assignments: stored '{other}', events give '{enc}'\n", r.out)
        self.assertEqual(self.sql("SELECT assignments FROM roster_shifts WHERE date = ?", self.number)[0][0], enc)
        self.assertEqual(self.ok("log", "verify").out, f"ok: {self.events} events verified\n")


if __name__ == "__main__":
    unittest.main()
