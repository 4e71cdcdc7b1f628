# SPDX-License-Identifier: Apache-2.0
"""A store on a disk that fills up, or held by another process past the busy timeout, gives exit 4
and one line saying what to do, and keeps every record it had (issue 6). The read-only, foreign,
not-a-store and newer-schema cases live in test_incident_bad_input.py (StoreProblemTest).

The full-disk tests mount a small tmpfs, so they need root; elsewhere they are skipped, saying so."""
import csv
import io
import os
import sqlite3
import subprocess
import time
import unittest

from harness import BIN, count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import IncidentTest, integrity


def import_csv(count, note_bytes=400):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["title", "category", "received", "note"])
    for n in range(count):
        w.writerow([f"imported {n}", "flood", "2026-11-20 10:00", "n" * note_bytes])
    return out.getvalue()


@sqlite_only("a full disk under the SQLite file and SQLite's file lock")
class FullDiskTest(IncidentTest):
    SIZE = "1m"

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("full-disk tests mount a small tmpfs and need root; run the suite as root to include them")
        self.disk = self.tmp / "disk"
        self.disk.mkdir()
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.SIZE},mode=0755", "tmpfs", str(self.disk)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here ({p.stderr.strip()}); full-disk tests skipped")
        self.addCleanup(subprocess.run, ["umount", "-l", str(self.disk)], check=False)
        self.ws = self.disk / "ws"
        self.make_workspace()

    def fill(self, leave):
        """Fills the disk with a file, leaving about `leave` bytes free."""
        st = os.statvfs(self.disk)
        free = st.f_bavail * st.f_frsize
        with open(self.disk / "filler", "wb") as f:
            f.write(b"\0" * max(0, free - leave))

    def assertFull(self, r):
        count_bad_input()
        self.assertExit(r, 4)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, f"duty: error: the disk holding {self.db} is full; nothing was written. Free some "
                                "space and run the command again\n")

    def test_a_disk_that_fills_during_an_import(self):
        self.add("--title", "already here", "--category", "fire", "--received", "2026-11-01 08:00")
        self.ok("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "written",
                "--at", "2026-11-01 09:00")
        before = self.snapshot()
        # About 2 MB of incidents for a 1 MB disk: it fills while the import writes.
        source = self.write("import.csv", import_csv(4000))
        r = self.d("incident", "import", source)
        self.assertFull(r)
        self.assertEqual(integrity(self.db), [("ok",)])
        self.assertEqual(self.snapshot(), before)
        # Readers and small writes still work on what space is left, and numbering goes on.
        self.assertEqual(self.add("--title", "small", "--category", "fire", "--received", "2026-11-02 08:00"),
                         "2026-0002")
        self.assertEqual(self.ok("log", "verify").out, "ok: 4 events verified\n")

    def test_a_full_disk_on_every_write(self):
        self.add("--title", "already here", "--category", "fire", "--received", "2026-11-01 08:00")
        before = self.snapshot()
        self.fill(leave=0)
        # Each writing command refuses, one line, and changes nothing.
        for args in [("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h",
                      "--note", "x" * 5000),
                     ("incident", "update", "2026-0001", "--deaths", "2", "--note", "y" * 5000),
                     ("incident", "close", "2026-0001", "--note", "z" * 5000)]:
            with self.subTest(command=args[1]):
                self.assertFull(self.d(*args))
                self.assertEqual(integrity(self.db), [("ok",)])
        (self.disk / "filler").unlink()
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.add("--title", "t", "--category", "flood", "--received", "-1h"), "2026-0002")

    def test_a_full_disk_when_the_store_is_created(self):
        self.db.unlink()  # made by `duty init`: here the first write makes it
        self.fill(leave=0)
        r = self.d("incident", "add", "--title", "first", "--category", "flood", "--received", "-1h")
        self.assertExit(r, 4)
        self.assertEqual(r.out, "")
        self.assertEqual(len(r.err.splitlines()), 1, r.err)
        self.assertIn("full", r.err)
        # Once there is space the store is created as if the failed command had never run.
        (self.disk / "filler").unlink()
        self.assertFalse(self.db.exists())
        self.assertEqual([n for n in os.listdir(self.ws) if "creating" in n], [])
        self.assertEqual(self.add("--title", "first", "--category", "flood", "--received", "-1h"), "2026-0001")
        self.assertEqual(self.ok("log", "verify").out, "ok: 2 events verified\n")
        self.assertEqual(integrity(self.db), [("ok",)])


@sqlite_only("a full disk under the SQLite file and SQLite's file lock")
class LockedStoreTest(IncidentTest):
    """Held by another process past the busy timeout (shortened with DUTY_BUSY_TIMEOUT_MS; the
    default 10 s is tested in StoreProblemTest)."""

    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.add("--title", "Open", "--category", "flood", "--received", "2026-11-20 14:00")
        self.before = self.snapshot()
        self.holder = sqlite3.connect(self.db, isolation_level=None)
        self.addCleanup(self.holder.close)

    def test_every_writing_command_gives_up_after_the_timeout(self):
        source = self.write("import.csv", import_csv(20))
        self.holder.execute("BEGIN EXCLUSIVE")
        env = {"DUTY_BUSY_TIMEOUT_MS": "700"}
        for args in [("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h"),
                     ("incident", "update", "2026-0001", "--deaths", "1", "--note", "n"),
                     ("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone"),
                     ("incident", "close", "2026-0001", "--note", "n"),
                     ("incident", "import", source)]:
            with self.subTest(command=args[1]):
                started = time.monotonic()
                r = self.d(*args, env=env)
                count_bad_input()
                waited = time.monotonic() - started
                self.assertExit(r, 4)
                self.assertEqual(r.out, "")
                self.assertRegex(r.err, rf"^duty: error: the store {self.db} is locked by another process \(waited "
                                        r"0\.7 s while [a-z ]+\); try again, or find the process holding it\n$")
                self.assertGreaterEqual(waited, 0.6)
                self.assertLess(waited, 8)
        self.holder.execute("ROLLBACK")
        self.assertEqual(self.snapshot(), self.before)

    def test_a_writer_waits_for_a_lock_released_within_the_timeout(self):
        self.holder.execute("BEGIN EXCLUSIVE")
        p = subprocess.Popen([BIN, "--office", self.ws, "incident", "add", "--title",
                              "waited", "--category", "fire", "--received", "2026-11-20 15:00"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "DUTY_BUSY_TIMEOUT_MS": "5000"})
        time.sleep(0.5)
        self.holder.execute("ROLLBACK")
        out, err = p.communicate(timeout=60)
        self.assertEqual((p.returncode, out, err), (0, "2026-0002\n", ""))

    def test_a_bad_timeout_value_names_the_variable(self):
        for value in ("soon", "-1", "1e3", "99999999999999999999"):
            with self.subTest(value=value):
                r = self.d("incident", "add", "--title", "t", "--category", "flood", "--received", "-1h",
                           env={"DUTY_BUSY_TIMEOUT_MS": value})
                count_bad_input()
                self.assertExit(r, 2)
                self.assertEqual(r.err, f"duty: error: DUTY_BUSY_TIMEOUT_MS: '{value}' is not a whole number of "
                                        "milliseconds from 0 to 86400000; unset it to wait the default 10 s\n")
        self.assertEqual(self.snapshot(), self.before)


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
