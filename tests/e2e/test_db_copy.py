# SPDX-License-Identifier: Apache-2.0
"""`duty db copy` (issue 16): an office's whole history moves to another store with every event
byte for byte, both chains verified, all or nothing; a source that does not verify, a destination
that holds events or is the source itself, and a destination that cannot be written are refused
with nothing written."""
import os
import resource
import sqlite3
import stat
import signal
import subprocess
import sys
import time
import unittest

import harness
from harness import BIN, PG_ADMIN, PG_OFFICE, SOURCE, count_bad_input, psql, report_bad_input_cases, sqlite_only
from incident_support import IncidentTest
from publish_support import PublishTest

tearDownModule = report_bad_input_cases

EVENT_COLUMNS = "seq, type, subject, at, recorded_at, by, hex(data), prev_hash, hash"


def rows(path, sql):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def events(path):
    return rows(path, f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")


def pg_events(conninfo):
    """The office's events in a PostgreSQL database (the PostgreSQL run), as events() gives them."""
    dbname = conninfo.rsplit("dbname=", 1)[1].split()[0]
    out = psql("SELECT seq, type, subject, at, recorded_at, by, upper(encode(convert_to(data, 'UTF8'), 'hex')), "
               f"prev_hash, hash FROM duty.events WHERE office = '{PG_OFFICE}' ORDER BY seq", dbname)
    return [(int(f[0]), f[1], f[2], int(f[3]), int(f[4]), f[5], f[6], f[7], f[8])
            for f in (line.split("|") for line in out.splitlines() if line)]


class CopyTest(PublishTest):
    def setUp(self):
        super().setUp()
        # A published roster, incidents with follow-ups, reports, a final report, corrections and a
        # void, pending items (one done), a leader's instruction, a handover note and a call.
        self.make_office()
        self.publish()
        a = self.add("--title", "Warehouse fire", "--category", "fire", "--received", "2026-11-20 08:00",
                     "--deaths", "0")
        b = self.add("--title", "Landslide on X road", "--category", "geological",
                     "--received", "2026-11-20 09:00")
        c = self.add("--title", "Entered twice", "--category", "fire", "--received", "2026-11-20 09:30")
        self.ok("incident", "update", a, "--injured", "2", "--note", "two hurt", "--at", "2026-11-20 08:40")
        self.ok("incident", "escalate", a, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 09:10")
        self.ok("incident", "close", a, "--note", "fire out", "--at", "2026-11-20 12:00")
        self.ok("incident", "correct", b, "--deaths", "1", "--reason", "the hospital called back")
        self.ok("incident", "void", c, "--reason", "entered twice")
        self.ok("incident", "instruct", b, "--from", "County head", "--text", "Close the road",
                "--at", "2026-11-20 10:00")
        self.ok("todo", "add", "Check the dam", "--owner", "Ann", "--at", "2026-11-20 10:30")
        self.ok("todo", "add", "Call the school", "--owner", "Bo", "--at", "2026-11-20 10:40")
        self.ok("todo", "done", "T-1", "--note", "dam fine", "--at", "2026-11-20 11:00")
        self.ok("note", "add", "Radio 2 is broken", "--at", "2026-11-20 11:30")
        self.ok("call", "add", "--from", "Villager", "--summary", "smoke on the hill", "--at", "2026-11-20 11:40")
        last = self.source_events()[-1]
        self.head = (last[0], last[8])

    def source_events(self):
        """The office's events where the office keeps them: duty.db, or PostgreSQL in the PostgreSQL run."""
        return pg_events(self.pg_db) if self.pg_db else events(self.db)

    def leftovers(self):
        return sorted(p.name for p in self.tmp.rglob("*") if ".copying-" in p.name or ".tmp-" in p.name)

    def views(self, *db):
        extra = ["--db", *db] if db else []
        return [self.ok(*extra, *args).out for args in (
            ("incident", "list", "--include-void", "--format", "json"),
            ("incident", "export", "--format", "json"),
            ("incident", "show", "2026-0002", "--format", "json"),
            ("todo", "list", "--all", "--include-void", "--format", "json"),
            ("note", "list", "--format", "json"),
            ("call", "list", "--format", "json"),
            ("roster", "show", "--format", "json"),
        )]

    def test_copy_to_a_new_file_is_byte_identical_and_verifies(self):
        dest = self.tmp / "grown.db"
        r = self.ok("db", "copy", "--to", dest)
        n, head = self.head
        source = self.json_copy_source() if self.pg_db else str(self.db)
        self.assertEqual(r.out, f"copied {n} events (head {n} {head[:12]}) from {source} to {dest}; "
                                "both chains verify\n")
        self.assertEqual(r.err, "")
        self.assertEqual(events(dest), self.source_events())
        self.assertEqual(stat.S_IMODE(os.stat(dest).st_mode), 0o600)
        self.assertEqual(self.ok("--db", dest, "log", "verify").out, f"ok: {n} events verified\n")
        self.assertEqual(self.views(dest), self.views())
        self.assertEqual(self.leftovers(), [])
        # The copy is a store like any other: the office goes on writing to it.
        self.add("--db", dest, "--title", "After the move", "--category", "fire", "--received", "2026-11-20 13:00")
        self.assertEqual(self.ok("--db", dest, "log", "verify").out, f"ok: {n + 1} events verified\n")

    def json_copy_source(self):
        """How `db copy` names the office's store (a PostgreSQL location is named without a password)."""
        scratch = self.tmp / "scratch.db"
        source = self.ok("db", "copy", "--to", scratch, "--format", "json").json()["from"]
        scratch.unlink()
        return source

    @sqlite_only("copies between SQLite files and a new workspace's duty.db")
    def test_json_report_and_copy_back_through_an_empty_store(self):
        first = self.tmp / "first.db"
        r = self.ok("db", "copy", "--to", first, "--format", "json").json()
        n, head = self.head
        self.assertEqual(r, {"events": n, "head": {"seq": n, "hash": head}, "from": str(self.db), "to": str(first)})
        # Into a store that exists and holds nothing (a new workspace's), from another store than the office's.
        other = self.tmp / "other"
        self.ok("init", other, "--locale", "en")
        (other / "office.yaml").write_text((self.ws / "office.yaml").read_text())
        empty = other / "duty.db"
        self.assertEqual(rows(empty, "SELECT count(*) FROM events"), [(0,)])
        r = self.ok("db", "copy", "--from", first, "--to", empty, "--format", "json").json()
        self.assertEqual(r["events"], n)
        self.assertEqual(r["to"], str(empty))
        self.assertEqual(events(empty), events(self.db))
        self.assertEqual(self.views(empty), self.views())
        self.assertEqual(self.ok("log", "verify", ws=other).out, f"ok: {n} events verified\n")

    def test_a_store_holding_events_is_refused(self):
        dest = self.tmp / "grown.db"
        self.ok("db", "copy", "--to", dest)
        before = events(dest)
        n = self.head[0]
        r = self.d("db", "copy", "--to", dest)
        self.assertExit(r, 2)
        self.assertEqual(r.err, f"duty: error: {dest} already holds {n} events of this office; nothing was "
                                "written. Copy into a new file or an empty database\n")
        self.assertEqual(r.out, "")
        self.assertEqual(events(dest), before)
        count_bad_input()
        # The office's own store holds events too: copying a store into it is refused the same way.
        r = self.d("db", "copy", "--from", dest, "--to", self.pg_db or self.db)
        self.assertExit(r, 2)
        self.assertIn("already holds", r.err)
        count_bad_input()

    @sqlite_only("the same file by another name")
    def test_the_source_itself_is_refused(self):
        before = events(self.db)
        os.link(self.db, self.tmp / "hard-link.db")
        for target in (self.db, self.ws / ".." / "ws" / "duty.db", self.ws / "duty.db-wal",
                       self.tmp / "hard-link.db"):
            with self.subTest(target=target):
                r = self.d("db", "copy", "--to", target)
                self.assertExit(r, 2)
                self.assertIn(f"--to: {target} is the store being copied", r.err)
                count_bad_input()
        self.assertEqual(events(self.db), before)
        self.assertEqual(self.ok("log", "verify").out, f"ok: {self.head[0]} events verified\n")

    @sqlite_only("tampers with duty.db")
    def test_a_source_that_does_not_verify_is_refused(self):
        self.sql("UPDATE events SET data = replace(data, 'Landslide', 'Rockfall') WHERE seq = "
                 "(SELECT min(seq) FROM events WHERE subject = '2026-0002')")
        seq = rows(self.db, "SELECT min(seq) FROM events WHERE subject = '2026-0002'")[0][0]
        dest = self.tmp / "grown.db"
        r = self.d("db", "copy", "--to", dest)
        self.assertExit(r, 1)
        self.assertIn(f"event {seq} (created 2026-0002) was changed after it was written", r.err)
        self.assertIn(f"nothing was copied: {self.db} does not verify", r.err)
        self.assertFalse(dest.exists())
        self.assertEqual(self.leftovers(), [])
        zh = self.d("db", "copy", "--to", dest, env={"DUTY_LANG": "zh-CN"})
        self.assertExit(zh, 1)
        self.assertRegex(zh.err, f"第 ?{seq} ?条")
        self.assertIn("未复制任何内容", zh.err)

    def test_a_destination_that_cannot_be_written_gets_nothing(self):
        cases = [
            (self.tmp / "no-such-folder" / "grown.db", "cannot create"),
            (self.ws / "office.yaml" / "grown.db", "cannot create"),
        ]
        for dest, message in cases:
            with self.subTest(dest=dest):
                r = self.d("db", "copy", "--to", dest)
                self.assertExit(r, 4)
                self.assertIn(message, r.err)
                self.assertIn("Nothing was written", r.err)
        # A file that is not a duty store is left as it is.
        precious = self.write("precious.txt", "not a store\n")
        r = self.d("db", "copy", "--to", precious)
        self.assertExit(r, 4)
        self.assertIn("is not a duty store", r.err)
        self.assertEqual(precious.read_text(), "not a store\n")
        self.assertEqual(self.leftovers(), [])

    def copy_under_file_size_limit(self, dest, limit):
        """`duty db copy` with the file size limit (ulimit -f) at `limit` bytes: writing fails part
        of the way through, as on a full disk."""
        env = self.base_env()

        def limit_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return subprocess.run([BIN, "--office", self.ws, "db", "copy", "--to", dest], cwd=self.tmp, env=env,
                              capture_output=True, text=True, timeout=60, preexec_fn=limit_files)

    def empty_store_size(self):
        other = self.tmp / "other"
        self.ok("init", other, "--locale", "en")
        return other / "duty.db", os.stat(other / "duty.db").st_size

    @sqlite_only("sizes the limit by SQLite files")
    def test_a_failure_part_way_leaves_no_file(self):
        # Past the schema, half way through the events.
        _, empty = self.empty_store_size()
        dest = self.tmp / "grown.db"
        p = self.copy_under_file_size_limit(dest, empty + (os.stat(self.db).st_size - empty) // 2)
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertIn("nothing was written", p.stderr.lower())
        self.assertFalse(dest.exists())
        self.assertEqual(self.leftovers(), [])

    @sqlite_only("an empty SQLite store")
    def test_a_failure_part_way_leaves_an_empty_store_empty(self):
        empty, size = self.empty_store_size()
        p = self.copy_under_file_size_limit(empty, size + (os.stat(self.db).st_size - size) // 2)
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertEqual(rows(empty, "SELECT count(*) FROM events"), [(0,)])
        self.assertEqual(rows(empty, "SELECT count(*) FROM incidents"), [(0,)])

    @unittest.skipUnless(PG_ADMIN, "the PostgreSQL run only")
    def test_into_an_empty_postgres_database_and_the_source_refused(self):
        # PostgreSQL -> a new SQLite file -> an empty PostgreSQL database.
        archive = self.tmp / "archive.db"
        self.ok("db", "copy", "--to", archive)
        target = f"{PG_ADMIN} dbname={harness._pg_new_database()}"
        r = self.ok("db", "copy", "--from", archive, "--to", target, "--format", "json").json()
        n, head = self.head
        self.assertEqual((r["events"], r["head"], r["from"]), (n, {"seq": n, "hash": head}, str(archive)))
        self.assertEqual(pg_events(target), self.source_events())
        self.assertEqual(self.ok("--db", target, "log", "verify").out, f"ok: {n} events verified\n")
        self.assertEqual(self.views(target), self.views())
        r = self.d("db", "copy", "--to", self.pg_db)
        self.assertExit(r, 2)
        self.assertIn("is the store being copied", r.err)
        count_bad_input()

    def test_bad_options_are_named(self):
        for args, message in (
            (["db", "copy"], "--to is required"),
            (["db", "copy", "--to", ""], "--to: is empty"),
            (["db", "copy", "--to", "x.db", "--format", "xml"], "--format"),
            (["db", "copy", "--tto", "x.db"], "did you mean '--to'?"),
            (["db", "cpy", "--to", "x.db"], "did you mean 'copy'?"),
        ):
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                count_bad_input()
        self.assertFalse((self.tmp / "x.db").exists())

    def test_needs_an_office(self):
        r = self.duty("db", "copy", "--to", self.tmp / "x.db")
        self.assertExit(r, 2)
        self.assertIn("office.yaml", r.err)
        self.assertFalse((self.tmp / "x.db").exists())
        count_bad_input()


@sqlite_only("kills a copy between SQLite files")
class KillTest(IncidentTest):
    """A copy killed at any moment leaves the destination absent (a new file) or empty (an existing
    store), or, when the kill came after it finished, whole."""

    def setUp(self):
        super().setUp()
        self.make_workspace(office_yaml=None)
        data = self.tmp / "incidents.yaml"
        subprocess.run([sys.executable, SOURCE / "tests" / "perf" / "gen_incidents.py", data, "--count", "2000"],
                       check=True)
        self.ok("incident", "import", data)
        self.n = rows(self.db, "SELECT count(*) FROM events")[0][0]

    def killed(self, dest, after):
        p = subprocess.Popen([BIN, "--office", self.ws, "db", "copy", "--to", dest], cwd=self.tmp, env=self.base_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(after)
        p.send_signal(signal.SIGKILL)
        return p.wait(timeout=60)

    def test_a_new_file_is_absent_or_whole(self):
        for i, after in enumerate((0.05, 0.15, 0.3, 0.6)):
            dest = self.tmp / f"grown-{i}.db"
            with self.subTest(after=after):
                # Killed after the file was moved into place but before exiting, the copy is whole too.
                self.killed(dest, after)
                if dest.exists():
                    self.assertEqual(events(dest), events(self.db))
                    self.assertEqual(self.ok("--db", dest, "log", "verify").out, f"ok: {self.n} events verified\n")

    def test_an_empty_store_stays_empty_or_gets_everything(self):
        for i, after in enumerate((0.05, 0.15, 0.3, 0.6)):
            other = self.tmp / f"other-{i}"
            self.ok("init", other, "--locale", "en")
            dest = other / "duty.db"
            with self.subTest(after=after):
                self.killed(dest, after)
                # What a reader sees after the kill: nothing of the copy, or all of it.
                held = self.ok("--db", dest, "log", "verify").out
                self.assertIn(held, ("ok: 0 events verified\n", f"ok: {self.n} events verified\n"))


if __name__ == "__main__":
    unittest.main()
