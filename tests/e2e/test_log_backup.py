# SPDX-License-Identifier: Apache-2.0
"""A store copy is whole (issue 13): every writer folds the write-ahead log into duty.db as it closes,
so duty.db alone holds every committed event; and `duty backup FILE` makes a consistent copy with
SQLite's online backup API while others write, checks it, and keeps it only when it verifies
(mode 0600, never over an existing file without --force, no partial file on failure)."""
import os
import shutil
import stat
import subprocess
import threading
import unittest

from harness import BIN, PG_ADMIN, count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import IncidentTest, integrity

tearDownModule = report_bad_input_cases


@sqlite_only("duty backup copies the SQLite file; a server store is backed up with pg_dump")
class BackupTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        for hour in (8, 9, 10):
            self.add("--title", f"Fire {hour}", "--category", "fire", "--received", f"2026-11-20 {hour:02}:00")

    def leftovers(self):
        return sorted(p.name for p in self.tmp.iterdir() if ".tmp-" in p.name or p.name.endswith(("-wal", "-shm", "-journal")))

    def test_duty_db_alone_holds_every_event(self):
        # A plain `cp` of duty.db (without duty.db-wal) after the writers closed: every event is there.
        copy = self.tmp / "plain-copy.db"
        shutil.copyfile(self.db, copy)
        self.assertEqual(self.ok("log", "verify", "--db", copy).out, "ok: 4 events verified\n")
        self.assertEqual(self.sql("SELECT count(*) FROM incidents", path=copy), [(3,)])

    def test_backup_makes_a_verified_private_copy(self):
        dest = self.tmp / "copy.db"
        r = self.ok("backup", dest)
        # Three incidents and, first, the record of the office's reporting rules.
        head = self.sql("SELECT hash FROM events WHERE seq = 4")[0][0]
        self.assertEqual(r.out, f"backed up 4 events to {dest} (last: event 4 {head[:12]}); the copy verifies\n")
        self.assertEqual(stat.S_IMODE(os.stat(dest).st_mode), 0o600)
        self.assertEqual(integrity(dest), [("ok",)])
        self.assertEqual(self.ok("log", "verify", "--db", dest).out, "ok: 4 events verified\n")
        self.assertEqual(self.leftovers(), [])
        # The copy is a store duty writes to like any other.
        self.ok("--db", dest, "incident", "add", "--title", "After", "--category", "fire", "--received",
                "2026-11-20 11:00")
        self.assertEqual(self.ok("log", "verify", "--db", dest).out, "ok: 5 events verified\n")

    def test_an_existing_file_is_kept_unless_forced(self):
        dest = self.tmp / "copy.db"
        dest.write_text("precious")
        r = self.d("backup", dest)
        self.assertExit(r, 2)
        self.assertEqual(r.err, f"duty: error: {dest} already exists; nothing was written (pass --force to replace it)\n")
        self.assertEqual(dest.read_text(), "precious")
        count_bad_input()
        self.ok("backup", dest, "--force")
        self.assertEqual(self.ok("log", "verify", "--db", dest).out, "ok: 4 events verified\n")

    def test_never_over_the_store_or_through_a_symlink(self):
        for target in (self.db, self.ws / "duty.db-wal"):
            with self.subTest(target=target):
                r = self.d("backup", target, "--force")
                self.assertExit(r, 2)
                self.assertIn("is the store being backed up", r.err)
                count_bad_input()
        outside = self.tmp / "outside"
        outside.write_text("keep")
        os.symlink(outside, self.tmp / "link.db")
        r = self.d("backup", self.tmp / "link.db", "--force")
        self.assertExit(r, 2)
        self.assertIn("is not a regular file", r.err)
        self.assertEqual(outside.read_text(), "keep")
        count_bad_input()
        self.assertEqual(self.ok("log", "verify").out, "ok: 4 events verified\n")

    def test_failure_leaves_no_file(self):
        r = self.d("backup", self.tmp / "no-such-folder" / "copy.db")
        self.assertExit(r, 4)
        self.assertIn("cannot create a file beside", r.err)
        # A store whose chain was tampered with: the copy is made, fails its check and is removed.
        self.sql("UPDATE events SET by = 'x' WHERE seq = 2")
        r = self.d("backup", self.tmp / "copy.db")
        self.assertExit(r, 1)
        self.assertFalse((self.tmp / "copy.db").exists())
        self.assertEqual(self.leftovers(), [])
        count_bad_input()

    def test_backup_while_four_writers_run(self):
        stop = threading.Event()
        added = [0] * 4
        errors = []

        def writer(k):
            while not stop.is_set():
                r = self.d("incident", "add", "--title", f"w{k}", "--category", "fire", "--received", "-1m")
                if r.code != 0:
                    errors.append(r)
                    return
                added[k] += 1

        threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        try:
            while sum(added) < 8:
                stop.wait(0.05)
            copies = []
            for n in range(3):
                dest = self.tmp / f"live-{n}.db"
                self.ok("backup", dest)
                copies.append(dest)
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        total = 4 + sum(added)
        self.assertEqual(self.ok("log", "verify").out, f"ok: {total} events verified\n")
        counts = []
        for dest in copies:
            self.assertEqual(integrity(dest), [("ok",)])
            r = self.ok("log", "verify", "--db", dest)
            n = self.sql("SELECT count(*) FROM events", path=dest)[0][0]
            self.assertEqual(r.out, f"ok: {n} events verified\n")
            # A consistent snapshot: every incident of the copy has its listing row, and no more.
            self.assertEqual(self.sql("SELECT count(*) FROM incidents", path=dest)[0][0], n - 1)
            counts.append(n)
        self.assertEqual(counts, sorted(counts))
        self.assertTrue(3 + 8 <= counts[0] <= total)


@unittest.skipIf(PG_ADMIN is None, "a PostgreSQL store only")
class ServerBackupTest(IncidentTest):
    def test_backup_of_a_server_store_points_to_pg_dump_and_db_copy(self):
        self.make_workspace()
        self.add("--title", "Fire", "--category", "fire", "--received", "2026-11-20 08:00")
        r = self.d("backup", self.tmp / "copy.db")
        self.assertExit(r, 2)
        self.assertIn("is a PostgreSQL database: back it up with pg_dump (docs/storage.md)", r.err)
        self.assertFalse((self.tmp / "copy.db").exists())
        count_bad_input()
        # The way it names: the office's whole log into an SQLite file, which then verifies alone.
        self.ok("db", "copy", "--to", self.tmp / "copy.db")
        r = self.duty("log", "verify", "--office", self.ws, "--db", self.tmp / "copy.db")
        self.assertExit(r, 0)
        self.assertEqual(r.out, self.ok("log", "verify").out)


if __name__ == "__main__":
    unittest.main()
