# SPDX-License-Identifier: Apache-2.0
"""`duty watch` (issue 16): follows the office's log live, printing each event as another process
commits it (a line a duty officer reads, or JSON Lines), from the head on or from --since SEQ, and
ends cleanly with exit 0 on SIGINT and SIGTERM; a store removed under it ends it with exit 4."""
import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
import unittest

from harness import BIN, count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import OFFICE_YAML, IncidentTest

tearDownModule = report_bad_input_cases

# Long enough for a loaded machine; the watch itself looks every half second.
WAIT = 10


class Watch:
    """`duty watch` running in the background, its lines read as they come."""

    def __init__(self, test, *args, env=None):
        full_env = test.base_env()
        full_env.update(env or {})
        self.proc = subprocess.Popen([BIN, "--office", test.ws, "watch", *args], cwd=test.tmp, env=full_env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        test.addCleanup(self.close)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def line(self, timeout=WAIT):
        line = self.lines.get(timeout=timeout)
        if line is None:
            raise AssertionError(f"duty watch ended (exit {self.proc.wait()}): {self.proc.stderr.read()}")
        return line

    def stop(self, sig=signal.SIGINT):
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=WAIT)
        self.reader.join(timeout=WAIT)
        rest = []
        while not self.lines.empty():
            line = self.lines.get()
            if line is not None:
                rest.append(line)
        return code, rest, self.proc.stderr.read()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


class WatchTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.first = self.add("--title", "Before the watch", "--category", "fire", "--received", "2026-11-20 08:00")

    def head_seq(self):
        """The last event's seq, as `log verify` counts them (on either store)."""
        out = self.ok("log", "verify").out
        return int(re.match(r"ok: (\d+) events? verified", out).group(1))

    def ready(self, watch):
        """Waits until the watch has started: it prints nothing before an event, and an event
        committed before it read the head is not new to it. Adds a todo a second until one is seen
        (and reads the lines of those added after it); returns how many were added."""
        added = 0
        deadline = time.monotonic() + WAIT
        while True:
            added += 1
            self.ok("todo", "add", f"warm-up {added}", "--at", "2026-11-20 08:05")
            try:
                line = watch.line(timeout=1)
                break
            except queue.Empty:
                self.assertLess(time.monotonic(), deadline, "duty watch never printed a new event")
        seen = int(re.search(r"warm-up (\d+)", line).group(1))
        for n in range(seen + 1, added + 1):
            self.assertIn(f"warm-up {n}", watch.line())
        return added

    def test_new_events_from_other_processes_arrive_as_json_lines(self):
        w = Watch(self, "--format", "json")
        self.ready(w)
        a = self.add("--title", "Warehouse fire", "--category", "fire", "--received", "2026-11-20 09:00")
        b = self.add("--by-user", "Bo", "--title", "Landslide", "--category", "geological",
                     "--received", "2026-11-20 09:30")
        first, second = json.loads(w.line()), json.loads(w.line())
        head = self.head_seq()
        self.assertEqual([first["subject"], second["subject"]], [a, b])
        self.assertEqual(second["seq"], head)
        self.assertEqual(first["seq"], head - 1)
        for event in (first, second):
            self.assertEqual(event["type"], "created")
            self.assertEqual(sorted(event), ["at", "by", "data", "hash", "recorded_at", "seq", "subject", "type"])
            # The hash printed is the log's own: the chain checks against it.
            self.ok("log", "verify", "--expect", f"{event['seq']}:{event['hash']}")
        self.assertEqual(first["at"], "2026-11-20T09:00+08:00")
        self.assertEqual(first["data"]["title"], "Warehouse fire")
        self.assertEqual(first["data"]["category"], "fire")
        self.assertEqual(second["by"], "Bo")
        code, rest, err = w.stop(signal.SIGINT)
        self.assertEqual((code, rest, err), (0, [], ""))

    def test_since_zero_replays_everything_then_follows(self):
        n = self.head_seq()
        w = Watch(self, "--format", "json", "--since", "0")
        replayed = [json.loads(w.line()) for _ in range(n)]
        self.assertEqual([e["seq"] for e in replayed], list(range(1, n + 1)))
        self.assertEqual(replayed[0]["type"], "rules")
        self.assertEqual(replayed[-1]["subject"], self.first)
        self.ok("note", "add", "Radio 2 is broken", "--at", "2026-11-20 10:00")
        note = json.loads(w.line())
        self.assertEqual((note["seq"], note["type"], note["data"]), (n + 1, "note", {"text": "Radio 2 is broken"}))
        code, rest, err = w.stop(signal.SIGTERM)
        self.assertEqual((code, rest, err), (0, [], ""))

    def test_since_a_seq_starts_after_it(self):
        n = self.head_seq()
        w = Watch(self, "--format", "json", "--since", str(n - 1))
        self.assertEqual(json.loads(w.line())["seq"], n)
        code, rest, err = w.stop()
        self.assertEqual((code, rest, err), (0, [], ""))

    def test_text_lines_read_as_a_duty_officer_reads_them(self):
        w = Watch(self)
        self.ready(w)
        self.ok("--by-user", "Ann", "incident", "update", self.first, "--injured", "2", "--note", "two hurt",
                "--at", "2026-11-20 08:40")
        seq = self.head_seq()
        self.assertEqual(w.line(), f"2026-11-20 08:40  #{seq}  follow-up 1  {self.first}  Ann  two hurt\n")
        code, rest, err = w.stop(signal.SIGTERM)
        self.assertEqual((code, rest, err), (0, [], ""))

    def test_text_lines_in_chinese(self):
        (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("locale: en", "locale: zh-CN"), encoding="utf-8")
        w = Watch(self, env={"DUTY_LANG": "zh-CN"})
        todos = self.ready(w)
        i = self.add("--by-user", "张三", "--title", "仓库火灾", "--category", "fire", "--received", "2026-11-20 09:00")
        seq = self.head_seq()
        self.assertEqual(w.line(), f"2026-11-20 09:00  第{seq}条  接报（首报）  {i}  张三  仓库火灾\n")
        self.ok("--by-user", "李四", "todo", "add", "核查水库", "--at", "2026-11-20 09:10")
        self.assertEqual(w.line(), f"2026-11-20 09:10  第{seq + 1}条  待办事项  T-{todos + 1}  李四  核查水库\n")
        code, _, err = w.stop()
        self.assertEqual((code, err), (0, ""))

    @sqlite_only("removes duty.db")
    def test_a_store_removed_under_it_ends_with_exit_4(self):
        w = Watch(self)
        self.ready(w)
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.db}{suffix}")
            except FileNotFoundError:
                pass
        code = w.proc.wait(timeout=WAIT)
        self.assertEqual(code, 4)
        self.assertIn(f"the store {self.db} was removed or replaced while it was watched", w.proc.stderr.read())

    def test_bad_options_are_named(self):
        n = self.head_seq()
        for args, message in (
            (["--since", "-1"], "--since: cannot be negative"),
            (["--since", "x"], "--since: 'x' is not a whole number"),
            (["--since", str(n + 1)], f"--since: the log holds {n} events; give a number from 0 to {n}"),
            (["--format", "xml"], "--format"),
            (["--sinse", "0"], "did you mean '--since'?"),
        ):
            with self.subTest(args=args):
                start = time.monotonic()
                r = self.d("watch", *args, timeout=WAIT)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                self.assertEqual(r.out, "")
                self.assertLess(time.monotonic() - start, WAIT)
                count_bad_input()

    @sqlite_only("removes duty.db")
    def test_no_store_is_exit_4(self):
        self.db.unlink()
        r = self.d("watch", timeout=WAIT)
        self.assertExit(r, 4)
        self.assertIn("no store at", r.err)


if __name__ == "__main__":
    unittest.main()
