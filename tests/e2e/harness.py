# SPDX-License-Identifier: Apache-2.0
"""Runs the real `duty` binary in a fresh temporary folder and checks what it does.

DUTY_BIN names the binary under test and DUTY_SOURCE_DIR the source tree (for examples/ and
tests/data/); CTest sets both. Tests never write to the source tree or the current folder.
"""
import json
import os
import pathlib
import pty
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("DUTY_BIN", "duty")
SOURCE = pathlib.Path(os.environ.get("DUTY_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE / "examples"
DATA = SOURCE / "tests" / "data"


_bad_input_cases = 0


def count_bad_input(n=1):
    """Counts a bad-input case whose exit code and message were asserted, for the summary."""
    global _bad_input_cases
    _bad_input_cases += n


def report_bad_input_cases():
    """Prints "bad-input cases: N" at the end of a module (as its tearDownModule); .ci/run adds the
    lines of every module up into the suite's summary."""
    print(f"\nbad-input cases: {_bad_input_cases}", file=sys.stderr, flush=True)


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


class DutyTest(unittest.TestCase):
    """Each test gets its own empty temporary folder as the working directory of `duty`."""

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="duty-e2e-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def duty(self, *args, env=None, stdin=None, timeout=120):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("DUTY_OFFICE")}
        full_env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "DUTY_LANG": "en"})
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, *map(str, args)], cwd=self.tmp, env=full_env, input=stdin,
                              capture_output=True, text=True, timeout=timeout)
        return Result(proc)

    def duty_on_terminal(self, *args, env=None, timeout=120):
        """Like duty(), but with stdout on a pseudo-terminal, for output that depends on isatty.

        The terminal turns each newline into CRLF; .out has them turned back into newlines.
        """
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("DUTY_OFFICE")}
        full_env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "DUTY_LANG": "en"})
        if env:
            full_env.update(env)
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([BIN, *map(str, args)], cwd=self.tmp, env=full_env, stdin=subprocess.DEVNULL,
                                    stdout=slave, stderr=subprocess.PIPE)
        finally:
            os.close(slave)
        chunks = []
        try:
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every writer to the terminal has closed it
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(master)
        err = proc.stderr.read()
        proc.stderr.close()
        proc.wait(timeout=timeout)
        out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
        return Result(subprocess.CompletedProcess(proc.args, proc.returncode, out, err.decode("utf-8")))

    def write(self, name, text):
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def assertExit(self, result, code):
        self.assertEqual(result.code, code, repr(result))

    def files(self):
        """Every file under the temporary folder, relative, for 'nothing written' checks."""
        return sorted(str(p.relative_to(self.tmp)) for p in self.tmp.rglob("*") if p.is_file())
