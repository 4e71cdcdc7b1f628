# SPDX-License-Identifier: Apache-2.0
"""Files turned against the office (issue 13, sections 3 and 4): symbolic links planted where duty
creates its store, -o aimed at a FIFO, a device, a link or the office's own files, a full disk, a
file size limit and a closed pipe on stdout, FIFOs and devices given as input files, oversized
files, the YAML billion laughs and files of several documents, and a store path with a typo.
Every attack must fail without writing through anything, and say why."""
import json
import os
import resource
import signal
import socket
import sqlite3
import stat
import subprocess
import time
import unittest

from harness import BIN, EXAMPLES, Result, count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import IncidentTest

SPEC = EXAMPLES / "zeku" / "roster.yaml"
ADD = ("--category", "flood", "--received", "2026-11-20 10:00")
VICTIM_TEXT = "the office's precious file\n"


def billion_laughs(top):
    """Nine nested anchors of ten aliases each, under `top`: 10^9 nodes for a reader walking it."""
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append(f"{top}: *a9")
    return "\n".join(lines) + "\n"


class FileAttackTest(IncidentTest):
    def run_duty(self, *args, stdout=subprocess.PIPE, preexec_fn=None, timeout=20, cwd=None):
        """Runs duty with a given stdout and set-up in the child; a hang fails the test instead of
        the suite."""
        env = self.base_env()
        try:
            proc = subprocess.run([BIN, *map(str, args)], cwd=cwd or self.tmp, env=env, stdout=stdout,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            self.fail(f"duty {' '.join(map(str, args))} hung for {timeout} s")
        out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else ""
        return Result(subprocess.CompletedProcess(proc.args, proc.returncode, out,
                                                  proc.stderr.decode("utf-8", "replace")))

    def refused(self, result, code, *fragments):
        self.assertExit(result, code)
        for fragment in fragments:
            self.assertIn(fragment, result.err)
        count_bad_input()

    def victim(self, name="victim.txt", text=VICTIM_TEXT):
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return path

    def stray_temporaries(self, folder):
        return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@sqlite_only("links, permissions and side files of the SQLite store file")
class StoreCreationTest(FileAttackTest):
    """The store is made in a private folder of a random name; no link at a name it uses is followed."""

    def setUp(self):
        super().setUp()
        self.make_workspace()
        for suffix in ("", "-wal", "-shm", "-journal"):
            (self.ws / f"duty.db{suffix}").unlink(missing_ok=True)

    def test_links_planted_at_every_temporary_name_are_never_written_through(self):
        victim = self.victim()
        # The names a process-id scheme would pick: every id the next few thousand processes get.
        first = subprocess.Popen(["true"])
        first.wait()
        for pid in range(first.pid, first.pid + 3000):
            for name in (f"duty.db.creating-{pid}", f".duty.db.creating-{pid}"):
                os.symlink(victim, self.ws / name)
        r = self.run_duty("--office", self.ws, "incident", "add", "--title", "t", *ADD)
        self.assertEqual(victim.read_bytes(), VICTIM_TEXT.encode())
        self.assertExit(r, 0)
        self.assertTrue(stat.S_ISREG(os.lstat(self.db).st_mode))
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        # Only the planted links are left beside the store: no temporary folder or file.
        planted = {f"duty.db.creating-{p}" for p in range(first.pid, first.pid + 3000)}
        planted |= {"." + n for n in planted}
        left = {p.name for p in self.ws.iterdir()} - planted
        self.assertEqual(sorted(n for n in left if "creating" in n), [])

    def test_links_at_the_store_and_its_side_files_are_refused(self):
        for suffix in ("", "-wal", "-shm", "-journal"):
            with self.subTest(suffix=suffix):
                for leftover in ("duty.db", "duty.db-wal", "duty.db-shm", "duty.db-journal"):
                    (self.ws / leftover).unlink(missing_ok=True)
                if suffix:
                    # A store folded into its one file, then a link beside it.
                    self.assertExit(self.run_duty("--office", self.ws, "incident", "add", "--title", "t", *ADD), 0)
                    conn = sqlite3.connect(self.db)
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.close()
                    for side in ("-wal", "-shm"):
                        (self.ws / f"duty.db{side}").unlink(missing_ok=True)
                # An empty victim is what SQLite would happily turn into a store.
                victim = self.victim(f"victim{suffix}", "")
                link = self.ws / f"duty.db{suffix}"
                os.symlink(victim, link)
                for args in (("incident", "add", "--title", "t", *ADD), ("incident", "list")):
                    r = self.run_duty("--office", self.ws, *args)
                    self.refused(r, 4, f"duty: error: {link} is a symbolic link" if suffix else
                                 f"duty: error: the store {link} is a symbolic link")
                self.assertEqual(victim.read_bytes(), b"")
                self.assertTrue(os.path.islink(link))


class OutputFileTest(FileAttackTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.add("--title", "Flood at the bridge", *ADD)

    def export(self, target, *extra):
        return self.d("incident", "export", *extra, "-o", target)

    def test_o_refuses_what_is_not_a_regular_file(self):
        victim = self.victim()
        fifo = self.tmp / "out.yaml"
        os.mkfifo(fifo)
        folder = self.tmp / "folder.yaml"
        folder.mkdir()
        link = self.tmp / "link.yaml"
        os.symlink(victim, link)
        sock_path = self.tmp / "sock.yaml"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(sock_path))
        self.addCleanup(sock.close)
        for target, kind in ((fifo, "a FIFO (named pipe)"), (folder, "a folder"), (link, "a symbolic link"),
                             (sock_path, "a socket")):
            with self.subTest(kind=kind):
                for args in (("incident", "export", "-o", target),
                             ("incident", "export", "--format", "yaml", "-o", target),
                             ("daily", "--format", "text", "-o", target),
                             ("roster", "build", SPEC, "--format", "json", "-o", target)):
                    r = self.d(*args)
                    self.refused(r, 2, f"duty: error: -o: '{target}' is {kind}; duty writes only regular files")
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertTrue(folder.is_dir())
        self.assertTrue(os.path.islink(link))
        self.assertEqual(victim.read_bytes(), VICTIM_TEXT.encode())
        self.assertEqual(self.stray_temporaries(self.tmp), [])
        # `-o -` is standard output.
        r = self.d("incident", "export", "--format", "json", "-o", "-")
        self.assertExit(r, 0)
        self.assertEqual([i["id"] for i in json.loads(r.out)], ["2026-0001"])

    def test_o_keeps_an_existing_files_mode_and_makes_new_ones_private(self):
        private = self.tmp / "phones.csv"
        private.write_text("old\n", encoding="utf-8")
        private.chmod(0o600)
        shared = self.tmp / "shared.csv"
        shared.write_text("old\n", encoding="utf-8")
        shared.chmod(0o644)
        for path, mode in ((private, 0o600), (shared, 0o644)):
            self.assertExit(self.export(path), 0)
            self.assertIn("Flood at the bridge", path.read_text(encoding="utf-8"))
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), mode)
        for args, name in ((("incident", "export"), "new.csv"), (("roster", "build", SPEC), "new.html"),
                           (("daily",), "new.txt"), (("bulletin", "2026-0001"), "new.html")):
            with self.subTest(command=args[:2]):
                r = self.d(*args, "-o", self.tmp / name)
                self.assertExit(r, 0)
                self.assertEqual(stat.S_IMODE(os.stat(self.tmp / name).st_mode), 0o600)

    def test_o_never_writes_over_the_offices_own_files(self):
        self.add("--title", "Second", "--category", "flood", "--received", "2026-11-20 11:00")
        hard_link = self.tmp / "store-copy.yaml"
        os.link(self.db, hard_link)
        other = self.tmp / "other.db"
        self.assertExit(self.d("--db", other, "incident", "add", "--title", "t", *ADD), 0)
        targets = [(self.db, "the office's store"), (self.ws / "office.yaml", "the office's office.yaml"),
                   (self.ws / "roster.yaml", "the office's roster spec"), (hard_link, "the office's store")]
        if (self.ws / "duty.db-wal").exists():
            targets.append((self.ws / "duty.db-wal", "a file of the office's store"))
        before = {p: p.read_bytes() for p, _ in targets}
        for target, what in targets:
            with self.subTest(target=target.name):
                r = self.export(target, "--format", "yaml")
                self.refused(r, 2, f"duty: error: -o: '{target}' is {what}",
                             "duty never writes its output over it")
                r = self.d("roster", "build", SPEC, "--format", "yaml", "-o", target)
                self.refused(r, 2, f"-o: '{target}' is {what}")
        r = self.d("--db", other, "incident", "export", "--format", "yaml", "-o", other)
        self.refused(r, 2, f"-o: '{other}' is the office's store")
        for path, data in before.items():
            self.assertEqual(path.read_bytes(), data, path)
        self.assertEqual(len(self.export_json()), 2)

    def test_an_unknown_extension_is_refused_not_written_as_text(self):
        cases = [(("roster", "build", SPEC), "roster.docx", ".txt, .json, .yaml, .ics, .html, .csv, .md"),
                 (("daily",), "daily.json", ".txt, .md, .html"),
                 (("bulletin", "2026-0001"), "report.docx", ".txt, .md, .html"),
                 (("incident", "export"), "export.docx", ".yaml, .json, .csv")]
        for args, name, extensions in cases:
            with self.subTest(name=name):
                r = self.d(*args, "-o", self.tmp / name)
                self.refused(r, 2, f"-o: this command cannot write a {os.path.splitext(name)[1]} file",
                             f"name the file {extensions}, or choose the format with --format")
                self.assertFalse((self.tmp / name).exists())
        # The extension chooses the export's format.
        self.assertExit(self.export(self.tmp / "export.csv"), 0)
        self.assertTrue((self.tmp / "export.csv").read_text(encoding="utf-8").startswith("id,title,"))
        self.assertExit(self.export(self.tmp / "export.json"), 0)
        self.assertEqual(json.loads((self.tmp / "export.json").read_text(encoding="utf-8"))[0]["id"], "2026-0001")

    def test_the_file_size_limit_leaves_no_temporary_file(self):
        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        out = self.tmp / "out"
        out.mkdir()
        r = self.run_duty("roster", "build", SPEC, "--format", "html", "-o", out / "roster.html", preexec_fn=limit)
        self.refused(r, 4, f"-o: cannot write '{out / 'roster.html'}': the file would pass the file size limit")
        self.assertEqual(list(out.iterdir()), [])
        # The same for standard output redirected to a file.
        with open(out / "stdout.html", "wb") as f:
            r = self.run_duty("roster", "build", SPEC, "--format", "html", stdout=f, preexec_fn=limit)
        self.refused(r, 4, "cannot write to standard output: the output would pass the file size limit")


class StdoutTest(FileAttackTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.incident = self.add("--title", "Flood at the bridge", *ADD)

    def test_a_full_disk_on_stdout_is_exit_4(self):
        for args in (("--office", self.ws, "incident", "list", "--format", "json"),
                     ("roster", "build", SPEC, "--format", "json"),
                     ("--office", self.ws, "incident", "export")):
            with self.subTest(command=args[-3:]):
                with open("/dev/full", "wb") as full:
                    r = self.run_duty(*args, stdout=full)
                self.refused(r, 4, "duty: error: cannot write to standard output: no space left on the device")

    def test_a_closed_stdout_is_exit_4(self):
        r = self.run_duty("--office", self.ws, "incident", "list", "--format", "json",
                          preexec_fn=lambda: os.close(1))
        self.refused(r, 4, "duty: error: cannot write to standard output: standard output is closed")
        # The closed number is not handed to the store or another file: they are untouched.
        self.assertEqual([i["id"] for i in self.export_json()], [self.incident])

    def test_a_reader_that_stops_reading_ends_duty_quietly(self):
        rows = ["title,category,received,location"]
        rows += [f"imported {n},flood,2026-11-{1 + n % 20:02d} 08:00,village {n}" for n in range(400)]
        self.ok("incident", "import", self.write("many.csv", "\n".join(rows) + "\n"))
        for ignore in (False, True):
            with self.subTest(sigpipe_ignored=ignore):
                env = self.base_env()
                proc = subprocess.Popen(
                    [BIN, "--office", self.ws, "incident", "export", "--format", "json"],
                    cwd=self.tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    preexec_fn=(lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None)
                self.assertEqual(len(proc.stdout.read(100)), 100)
                proc.stdout.close()
                err = proc.stderr.read()
                proc.stderr.close()
                self.assertEqual(proc.wait(timeout=60), -signal.SIGPIPE)
                self.assertEqual(err, b"")

    def test_record_sent_only_after_the_bulletin_was_written_whole(self):
        with open("/dev/full", "wb") as full:
            r = self.run_duty("--office", self.ws, "bulletin", self.incident, "--record-sent", "--via", "phone",
                              stdout=full)
        self.refused(r, 4, "cannot write to standard output")
        fifo = self.tmp / "bulletin.txt"
        os.mkfifo(fifo)
        r = self.d("bulletin", self.incident, "--record-sent", "--via", "phone", "-o", fifo)
        self.refused(r, 2, "is a FIFO")
        self.assertEqual(len(self.show(self.incident)["events"]), 1)
        # Written whole: recorded.
        r = self.d("bulletin", self.incident, "--record-sent", "--via", "phone")
        self.assertExit(r, 0)
        self.assertEqual(len(self.show(self.incident)["events"]), 2)


class InputFileTest(FileAttackTest):
    """Only regular files are read, within their size limits; nothing hangs or eats the memory."""

    @staticmethod
    def bounded():
        # Should duty read a device or a huge file, it runs out of memory here, not the machine.
        # AddressSanitizer reserves terabytes of address space for its shadow memory, so a sanitizer
        # build (DUTY_SANITIZED=1, set by CTest) runs unbounded and relies on the timeout.
        if os.environ.get("DUTY_SANITIZED") != "1":
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    def test_fifos_devices_and_folders_are_refused_at_once(self):
        self.make_workspace()
        fifo = self.tmp / "input"
        os.mkfifo(fifo)
        folder = self.tmp / "folder.yaml"
        folder.mkdir()
        for path, kind in ((fifo, "a FIFO (named pipe)"), ("/dev/zero", "a character device"), (folder, "a folder")):
            for args in (("roster", "build", path), ("roster", "check", SPEC, path),
                         ("--office", self.ws, "roster", "publish", path),
                         ("--office", self.ws, "incident", "import", path, "--format", "csv"),
                         ("--office", self.ws, "incident", "import", path, "--format", "yaml")):
                with self.subTest(command=args[-3:], kind=kind):
                    started = time.monotonic()
                    r = self.run_duty(*args, preexec_fn=self.bounded, timeout=10)
                    self.refused(r, 2, f"duty: error: cannot read '{path}': it is {kind}, not a regular file")
                    self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(self.export_json(), [])

    def test_a_fifo_as_office_yaml_is_refused_at_once(self):
        self.make_workspace()
        (self.ws / "office.yaml").unlink()
        os.mkfifo(self.ws / "office.yaml")
        r = self.run_duty("--office", self.ws, "incident", "list", timeout=10)
        self.refused(r, 2, f"cannot read '{self.ws / 'office.yaml'}': it is a FIFO (named pipe)")

    def test_size_limits(self):
        self.make_workspace()
        office = self.ws / "office.yaml"
        original = office.read_bytes()
        with open(office, "a", encoding="utf-8") as f:
            f.write(("# " + "x" * 1021 + "\n") * (16 * 1024) + "#\n")
        r = self.run_duty("--office", self.ws, "incident", "list", preexec_fn=self.bounded)
        self.refused(r, 2, f"duty: error: '{office}' is too large", "may be at most 16777216 bytes (16 MiB)")
        office.write_bytes(original)
        spec = self.tmp / "spec.yaml"
        spec.write_text(SPEC.read_text(encoding="utf-8") + ("#" * 1023 + "\n") * (17 * 1024), encoding="utf-8")
        r = self.run_duty("roster", "build", spec, preexec_fn=self.bounded)
        self.refused(r, 2, f"duty: error: '{spec}' is too large (17 MiB); a roster spec may be at most 16 MiB")
        # Imports: sparse files, refused from their size without being read.
        for name in ("huge.csv", "huge.yaml"):
            huge = self.tmp / name
            with open(huge, "wb") as f:
                f.truncate((1 << 30) + 1)
            started = time.monotonic()
            r = self.run_duty("--office", self.ws, "incident", "import", huge,
                              preexec_fn=self.bounded, timeout=60)
            self.refused(r, 2, f"duty: error: '{huge}' is too large (1073741825 bytes); an import file may be at "
                               "most 1073741824 bytes (1 GiB)")
            self.assertLess(time.monotonic() - started, 5)


class YamlAttackTest(FileAttackTest):
    def test_the_billion_laughs_are_refused_in_well_under_a_second(self):
        self.make_workspace()
        spec = self.write("laughs-spec.yaml", billion_laughs("people"))
        imports = self.write("laughs-import.yaml", billion_laughs("incidents"))
        office = self.ws / "office.yaml"
        for args, path in ((("roster", "build", spec), spec),
                           (("--office", self.ws, "incident", "import", imports), imports),
                           (("--office", self.ws, "incident", "list"), office)):
            with self.subTest(file=path.name):
                if path == office:
                    office.write_text(office.read_text(encoding="utf-8") + billion_laughs("bulletin_extra"),
                                      encoding="utf-8")
                started = time.monotonic()
                r = self.run_duty(*args, preexec_fn=InputFileTest.bounded, timeout=20)
                elapsed = time.monotonic() - started
                self.refused(r, 2, "YAML aliases (*name) expand this document too far")
                self.assertRegex(r.err, rf"duty: error: {path}:\d+:\d+: ")
                self.assertLess(elapsed, 0.5)

    def test_a_second_document_is_refused_never_half_read(self):
        self.make_workspace()
        office = self.ws / "office.yaml"
        text = office.read_text(encoding="utf-8")
        line = text.count("\n") + 1
        office.write_text(text + "---\noffice: {name: Another office}\n", encoding="utf-8")
        r = self.d("incident", "list")
        self.refused(r, 2, f"duty: error: {office}:{line}:1: a second YAML document starts here")
        spec = self.write("two.yaml", SPEC.read_text(encoding="utf-8") + "...\nslots: []\n")
        line = SPEC.read_text(encoding="utf-8").count("\n") + 2
        r = self.duty("roster", "build", spec)
        self.refused(r, 2, f"duty: error: {spec}:{line}:1: a second YAML document starts here")


@sqlite_only("links, permissions and side files of the SQLite store file")
class StoreAtPathTest(FileAttackTest):
    def test_a_missing_store_is_exit_4_for_every_read_only_command(self):
        self.make_workspace()
        self.add("--title", "t", *ADD)
        missing = self.tmp / "duty-typo.db"
        commands = [("incident", "overdue"), ("incident", "list"), ("incident", "show", "2026-0001"),
                    ("incident", "export"), ("log", "verify"), ("daily",), ("handover",), ("who",),
                    ("todo", "list"), ("roster", "show"), ("roster", "next", "leader-1"), ("roster", "history"),
                    ("bulletin", "2026-0001"),
                    ("incident", "update", "2026-0001", "--note", "n"), ("todo", "done", "T-1")]
        for args in commands:
            with self.subTest(command=args[:2]):
                r = self.d("--db", missing, *args)
                self.refused(r, 4, f"duty: error: no store at {missing}; check --db / database:")
        (self.ws / "office.yaml").write_text((self.ws / "office.yaml").read_text(encoding="utf-8") +
                                             f"database: {missing}\n", encoding="utf-8")
        r = self.d("incident", "overdue")
        self.refused(r, 4, f"no store at {missing}")
        self.assertFalse(missing.exists())

    def test_a_new_workspace_answers_from_its_empty_store(self):
        self.make_workspace()
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.assertEqual(self.ok("incident", "list", "--format", "json").json(), [])
        self.assertExit(self.d("incident", "overdue"), 0)
        self.assertExit(self.d("log", "verify"), 0)

    def test_a_folder_as_the_store_says_so(self):
        self.make_workspace()
        folder = self.tmp / "stores"
        folder.mkdir()
        for args in (("incident", "list"), ("incident", "add", "--title", "t", *ADD)):
            r = self.d("--db", folder, *args)
            self.refused(r, 4, f"duty: error: {folder} is a folder, not a duty store; check --db")
            self.assertNotIn("disk I/O error", r.err)

    def test_a_stale_read_only_shm_does_not_block_writes_once_permissions_are_fixed(self):
        self.make_workspace()
        self.add("--title", "t", *ADD)
        conn = sqlite3.connect(self.db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        for suffix in ("-wal", "-shm"):
            (self.ws / f"duty.db{suffix}").unlink(missing_ok=True)
        if os.geteuid() == 0:
            # Root ignores permission bits: run as 'nobody', the owner of the workspace.
            uid, gid = 65534, 65534
            os.chmod(self.tmp, 0o755)
            for p in [self.ws, *self.ws.rglob("*")]:
                os.chown(p, uid, gid)

            def run(*args):
                return self.duty_as(uid, gid, "--office", self.ws, *args)
        else:
            def run(*args):
                return self.d(*args)
        self.db.chmod(0o400)
        # A reader of the read-only store, and a writer refused, leave what they leave behind.
        self.assertExit(run("incident", "list"), 0)
        r = run("incident", "add", "--title", "t2", *ADD)
        self.refused(r, 4, f"the store {self.db} is read-only")
        self.db.chmod(0o600)
        r = run("incident", "add", "--title", "t3", *ADD)
        self.assertExit(r, 0)
        self.assertEqual(r.out.strip(), "2026-0002")


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
