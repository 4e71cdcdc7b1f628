# SPDX-License-Identifier: Apache-2.0
"""A power cut or kill -9 in the middle of a command loses nothing already accepted and leaves no
half of the interrupted command (issue 6): after each kill the store passes SQLite's own
`PRAGMA integrity_check`, `duty log verify` passes, and the command's records are all there or
none are. The next command works and numbers on from what is there.

DUTY_CRASH_SEED picks the kill moments (printed with every failure, so a failing run can be
repeated); DUTY_CRASH_TRIALS the number of kills per command (default 20; 5 on PostgreSQL, where
each trial copies a database and the server, not duty, undoes the killed transaction)."""
import csv
import io
import os
import random
import shutil
import signal
import subprocess
import time
import unittest

from harness import BIN, PG_ADMIN, sqlite_only
from incident_support import IncidentTest, integrity
from publish_support import roster_yaml

TRIALS = int(os.environ.get("DUTY_CRASH_TRIALS", "5" if PG_ADMIN else "20"))
SEED = int(os.environ.get("DUTY_CRASH_SEED", str(int(time.time()))))

# Enough incidents that the import runs for a good fraction of a second, so kills land while it
# parses, while it writes and while it commits.
IMPORT_SIZE = 3000


def import_csv(count):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["title", "category", "received", "deaths", "location", "note"])
    for n in range(count):
        w.writerow([f"imported {n}", "flood", f"2026-11-{1 + n % 20:02d} {n % 24:02d}:{n % 60:02d}", n % 3,
                    f"village {n}", "x" * (n % 200)])
    return out.getvalue()


class CrashTest(IncidentTest):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.rng = random.Random(SEED)

    def kill_at(self, args, delay, ws):
        """Starts duty with `args` on workspace `ws`, kills it with SIGKILL after `delay` seconds (if
        still running) and returns whether it finished by itself and with what exit code."""
        p = subprocess.Popen([BIN, "--office", ws, *map(str, args)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env={**self.base_env(), **self.store_env(ws)})
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            p.stderr.close()
            return False, None
        err = p.stderr.read().decode()
        p.stderr.close()
        self.assertEqual(p.returncode, 0, err)
        self.assertNotIn("error", err)
        return True, 0

    def run_crash_trials(self, base, command, check, name, store_may_be_absent=False):
        """Copies the workspace `base` once per trial, runs `command` on the copy and kills it at a
        random moment; `check(ws)` then says whether the copy holds all ("all") or none ("none")
        of the command's records (and fails the test on anything else). The first run is timed
        whole, so the kill moments spread over the command's whole life, commit included.
        Any other writing command gets the same treatment with its own `check` (roster publish:
        the published plan is there whole or not at all)."""
        timing = self.tmp / f"{name}-timing"
        self.copy_workspace(base, timing)
        started = time.monotonic()
        finished, _ = self.kill_at(command, 600, timing)
        whole = time.monotonic() - started
        self.assertTrue(finished)
        self.assertEqual(check(timing), "all")
        outcomes = {"all": 0, "none": 0}
        for trial in range(TRIALS):
            ws = self.tmp / f"{name}-{trial}"
            self.copy_workspace(base, ws)
            delay = self.rng.uniform(0.0, whole * 1.1)
            with self.subTest(trial=trial, delay=round(delay, 3), seed=SEED):
                self.kill_at(command, delay, ws)
                if not store_may_be_absent or (ws / "duty.db").exists():
                    if not self.pg_db:
                        self.assertEqual(integrity(ws / "duty.db"), [("ok",)])
                    verified = self.d("log", "verify", ws=ws)
                    self.assertExit(verified, 0)
                else:
                    # No store yet is a missing store to every reader (exit 4), never an empty log.
                    verified = self.d("log", "verify", ws=ws)
                    self.assertExit(verified, 4)
                    self.assertIn("no store at", verified.err)
                outcomes[check(ws)] += 1
                # The store takes the next command as if nothing had happened.
                after = self.d("incident", "add", "--title", "after the crash", "--category", "fire",
                               "--received", "2026-11-28 08:00", ws=ws)
                self.assertExit(after, 0)
                self.assertExit(self.d("log", "verify", ws=ws), 0)
            shutil.rmtree(ws, ignore_errors=True)
        print(f"\n{name}: {TRIALS} kills in {whole:.2f} s runs (seed {SEED}): {outcomes['none']} left nothing, "
              f"{outcomes['all']} had finished", flush=True)

    def test_kill_9_during_a_large_import(self):
        base = self.make_workspace(where=self.tmp / "base")
        self.add("--title", "already here", "--category", "fire", "--received", "2026-11-01 08:00", ws=base)
        self.ok("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-01 09:00", "--note", "n", ws=base)
        before = self.snapshot(ws=base)
        source = self.write("import.csv", import_csv(IMPORT_SIZE))

        def check(ws):
            incidents = self.ok("incident", "list", "--format", "json", ws=ws).json()
            titles = sorted(i["title"] for i in incidents)
            self.assertIn(len(incidents), (1, IMPORT_SIZE + 1))
            if len(incidents) == 1:
                self.assertEqual(self.snapshot(ws=ws), before)
                return "none"
            self.assertEqual(titles, sorted(["already here"] + [f"imported {n}" for n in range(IMPORT_SIZE)]))
            self.assertEqual(sorted(i["id"] for i in incidents),
                             [f"2026-{n:04d}" for n in range(1, IMPORT_SIZE + 2)])
            return "all"

        self.run_crash_trials(base, ("incident", "import", source), check, "import")

    @sqlite_only("the first write creates the SQLite file; a server store exists from `duty db init`")
    def test_kill_9_during_the_first_write(self):
        # The first command creates the store: killed at any moment of that, the next command
        # still finds a usable store (or none) and creates or opens it.
        base = self.make_workspace(where=self.tmp / "base")
        (base / "duty.db").unlink()  # `duty init` made it; this test is about the first write making it
        source = self.write("import.csv", import_csv(IMPORT_SIZE // 3))

        def check(ws):
            if not (ws / "duty.db").exists():
                return "none"
            incidents = self.ok("incident", "list", "--format", "json", ws=ws).json()
            self.assertIn(len(incidents), (0, IMPORT_SIZE // 3))
            return "all" if incidents else "none"

        self.run_crash_trials(base, ("incident", "import", source), check, "first-write", store_may_be_absent=True)

    def test_kill_9_during_roster_publish(self):
        # A year's roster is solved and written as one transaction: killed at any moment, the
        # store holds the whole published year or no roster at all, beside the incident it had.
        base = self.make_workspace(where=self.tmp / "base")
        (base / "roster.yaml").write_text(roster_yaml("2027-01-01", "2027-12-31"), encoding="utf-8")
        self.add("--title", "already here", "--category", "fire", "--received", "2026-11-01 08:00", ws=base)
        before = self.snapshot(ws=base)

        def check(ws):
            shown = self.d("roster", "show", "--format", "json", ws=ws)
            if shown.code == 2:
                self.assertIn("no roster is published yet", shown.err)
                self.assertEqual(self.snapshot(ws=ws), before)
                return "none"
            self.assertExit(shown, 0)
            self.assertEqual(len(shown.json()["shifts"]), 365)
            return "all"

        self.run_crash_trials(base, ("roster", "publish", "--format", "json"), check, "publish")

if __name__ == "__main__":
    unittest.main()
