# SPDX-License-Identifier: Apache-2.0
"""Runs the real `duty` binary in a fresh temporary folder and checks what it does.

DUTY_BIN names the binary under test and DUTY_SOURCE_DIR the source tree (for examples/ and
tests/data/); CTest sets both. Tests never write to the source tree or the current folder.
"""
import json
import os
import pathlib
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("DUTY_BIN", "duty")
SOURCE = pathlib.Path(os.environ.get("DUTY_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE / "examples"
DATA = SOURCE / "tests" / "data"


# The whole suite runs a second time against PostgreSQL (CTest's e2e_pg.* tests, label pg): those set
# DUTY_E2E_BACKEND=postgres, and DUTY_TEST_PG names a server where the suite may create databases (a
# libpq connection string; the README's test command starts a throwaway server with pg_virtualenv).
# Each test then gets its own database, made from a template that `duty db init` prepared once per
# module, and every command it runs has DUTY_DB pointing at that database (office id "e2e", from the
# database's duty.office setting). Without DUTY_TEST_PG the module is skipped (exit 77). A test
# about the SQLite file itself is marked sqlite_only; one that runs SQL on the store (self.sql) runs
# it on PostgreSQL, or is skipped there when the statement is in SQLite's own dialect.
PG_ADMIN = None
if os.environ.get("DUTY_E2E_BACKEND") == "postgres":
    PG_ADMIN = os.environ.get("DUTY_TEST_PG")
    if not PG_ADMIN:
        print("skipped: the e2e suite runs against PostgreSQL only with DUTY_TEST_PG set to a libpq connection "
              "string", file=sys.stderr)
        sys.exit(77)
PG_OFFICE = "e2e"
_pg_template = None
_pg_databases = []


def psql(sql, dbname=None):
    """Runs SQL as the suite's PostgreSQL administrator (DUTY_TEST_PG); its output, stripped."""
    conninfo = PG_ADMIN if dbname is None else f"{PG_ADMIN} dbname={dbname}"
    proc = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"psql {sql!r}: {proc.stderr}")
    return proc.stdout.strip()


# What only SQLite understands: a test running such a statement on the store is about the SQLite
# file itself, and is skipped in the PostgreSQL run (DutyTest.pg_sql).
_SQLITE_DIALECT = re.compile(r"\b(?:PRAGMA|julianday|sqlite_\w+|user_version|DROP\s+COLUMN|strftime|unixepoch|"
                             r"json_\w+|rowid|INSERT\s+OR|VACUUM|ATTACH)\b", re.IGNORECASE)


def sqlite_only(reason):
    """Marks a test that is about the SQLite file itself (tampering with it, its permissions, its
    backup): skipped in the PostgreSQL run, with the reason."""
    return unittest.skipIf(PG_ADMIN is not None, f"SQLite only: {reason}")


def _pg_new_database(template=None):
    """A new database holding an initialised, empty journal of office "e2e" (or a copy of the
    database `template`); its name."""
    global _pg_template
    if _pg_template is None:
        name = f"duty_e2e_tpl_{os.getpid()}"
        psql(f"DROP DATABASE IF EXISTS {name}")
        psql(f"CREATE DATABASE {name}")
        psql(f"ALTER DATABASE {name} SET duty.office = '{PG_OFFICE}'")
        work = pathlib.Path(tempfile.mkdtemp(prefix="duty-e2e-pg-"))
        try:
            env = {k: v for k, v in os.environ.items() if not k.startswith("DUTY_")}
            env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "DUTY_LANG": "en",
                        "DUTY_DB": f"{PG_ADMIN} dbname={name}"})
            for args in (["init", "--locale", "en"], ["db", "init"]):
                proc = subprocess.run([BIN, *args], cwd=work, env=env, capture_output=True, text=True, timeout=120)
                if proc.returncode != 0:
                    raise RuntimeError(f"duty {' '.join(args)}: exit {proc.returncode}\n{proc.stderr}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _pg_template = name
        _pg_databases.append(name)
    name = f"duty_e2e_{os.getpid()}_{len(_pg_databases)}"
    psql(f"CREATE DATABASE {name} TEMPLATE {template or _pg_template}")
    psql(f"ALTER DATABASE {name} SET duty.office = '{PG_OFFICE}'")
    _pg_databases.append(name)
    return name


def _pg_drop_databases():
    for name in reversed(_pg_databases):
        try:
            psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except RuntimeError:
            pass


if PG_ADMIN:
    import atexit
    atexit.register(_pg_drop_databases)


_bad_input_cases = 0


def count_bad_input(n=1):
    """Counts a bad-input case whose exit code and message were asserted, for the summary."""
    global _bad_input_cases
    _bad_input_cases += n


def report_bad_input_cases():
    """Prints "bad-input cases: N" at the end of a module (as its tearDownModule); .ci/run adds the
    lines of every module up into the suite's summary."""
    print(f"\nbad-input cases: {_bad_input_cases}", file=sys.stderr, flush=True)


# Every command the suite runs that fails with exit 2 or 3 (bad input or a request that cannot be
# met: nothing was written, so running it again is safe) is run again with DUTY_LANG=zh-CN, the
# same arguments, stdin and folder; the test fails when the exit code differs or stderr holds an
# English sentence (english_sentences). DUTY_E2E_ZH_RERUN=0 turns the re-run off (for timing); the
# PostgreSQL run leaves it to the SQLite run (refusals of bad input do not depend on the store).
ZH_RERUN = os.environ.get("DUTY_E2E_ZH_RERUN", "1") != "0" and PG_ADMIN is None
ALLOWED_ENGLISH_FILE = pathlib.Path(__file__).resolve().parent / "i18n_allowed_english.txt"

# Words that are names, not English: the product, formats, units and the metavariables of --help.
PRODUCT_WORDS = {
    "duty", "yaml", "json", "csv", "html", "ics", "sqlite", "utf-8", "sha-256", "ed25519", "iana",
    "mustache", "pdf", "a4", "bom", "fifo", "kib", "mib", "gib", "tib", "table", "text", "zh-cn", "en",
}


def _allowed_english():
    try:
        lines = ALLOWED_ENGLISH_FILE.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [re.compile(l) for l in lines if l.strip() and not l.lstrip().startswith("#")]


def english_sentences(stderr):
    """The English sentences in a zh-CN stderr: what is left, after taking out the user's data and
    names, as three or more English words in a row. Taken out: the source line and caret a
    diagnostic quotes (indented lines), quoted text ('x', "x", “x”, ‘x’), file:line:col, paths
    and file names, option names (--title, -o), ids and numbers (anything with a digit),
    people as "Name (id)", snake_case keys (loss_at_least), ALL-CAPS metavariables (SPEC, N:HASH), comma-separated lists of names (expected one of: a, b,
    c) and PRODUCT_WORDS; what i18n_allowed_english.txt allows is ignored."""
    found = []
    allowed = _allowed_english()
    for line in stderr.splitlines():
        if line.startswith((" ", "\t")):
            continue  # a quoted source line, its caret, or the reasons under a summary
        for rx in allowed:
            line = rx.sub(" ", line)
        line = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’", " ", line)
        line = re.sub(r"\S*[/\\]\S*|\S+\.(?:ya?ml|db|pem|csv|json|md|txt|mustache|html|ics|pdf|po)\b", " ", line)
        line = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", line)
        line = re.sub(r"[\w.:-]*\d[\w.:-]*", " ", line)
        # A person named with the id in brackets, "Officer A (off-a)", is data; so is a
        # snake_case key of office.yaml or a spec (loss_at_least).
        line = re.sub(r"(?:[A-Z][\w.'-]*\s+)*[\w.'-]+\s*\([a-z][\w.-]*\)", " ", line)
        line = re.sub(r"(?<![A-Za-z0-9_])[A-Za-z]+(?:_[A-Za-z0-9]+)+(?![A-Za-z0-9_])", " ", line)
        line = re.sub(r"\b[A-Z][A-Z0-9_:]+\b", " ", line)
        line = re.sub(r"[\w.-]+(?:\s*[,、]\s*[\w.-]+)+", " ", line)
        # A run of English words is broken by a Chinese character or full-width punctuation, and
        # by anything left over that is not a word (a removed name leaves a space only).
        words = []
        for token in re.findall(r"[A-Za-z][A-Za-z'-]*|[\u2000-\u206f\u3000-\u9fff\uff00-\uffef]+", line):
            if token[0].isascii() and token.lower() not in PRODUCT_WORDS:
                words.append(token)
                continue
            if len(words) >= 3:
                found.append(" ".join(words))
            words = []
        if len(words) >= 3:
            found.append(" ".join(words))
    return found


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
        # In the PostgreSQL run: this test's own database (harness notes above); a test that makes
        # several workspaces gets one database for each (pg_db_for).
        self.pg_db = f"{PG_ADMIN} dbname={_pg_new_database()}" if PG_ADMIN else None
        self._pg_workspace_dbs = {}
        # Set by a test whose workspaces name their databases in office.yaml (database:) instead.
        self.pg_in_office_yaml = False

    def pg_db_for(self, workspace):
        """The database of a workspace of this test in the PostgreSQL run: the first one named
        gets the test's own (self.pg_db), each other one a new one."""
        key = str(pathlib.Path(workspace).resolve())
        if key not in self._pg_workspace_dbs:
            fresh = not self._pg_workspace_dbs
            self._pg_workspace_dbs[key] = self.pg_db if fresh else f"{PG_ADMIN} dbname={_pg_new_database()}"
        return self._pg_workspace_dbs[key]

    def pg_sql(self, statement, *params, dsn=None):
        """Runs one statement on this test's PostgreSQL store as the administrator, with the rows
        back as tuples: the PostgreSQL side of IncidentTest.sql. A statement that changes events
        runs with the append-only triggers disabled for its transaction, the way a superuser could
        tamper; a statement in SQLite's own dialect skips the test."""
        if _SQLITE_DIALECT.search(statement):
            raise unittest.SkipTest(f"SQLite only: {statement.split()[0]} ... in SQLite's dialect")
        import psycopg2  # Debian's python3-psycopg2; only the PostgreSQL run needs it
        conn = psycopg2.connect(dsn or self.pg_db)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SET search_path = duty, public")
                tamper = re.match(r"\s*(UPDATE|DELETE|INSERT)\b.*\bevents\b", statement, re.IGNORECASE | re.DOTALL)
                if tamper:
                    cur.execute("BEGIN; ALTER TABLE duty.events DISABLE TRIGGER USER")
                if params:
                    cur.execute(statement.replace("%", "%%").replace("?", "%s"), params)
                else:
                    cur.execute(statement)
                rows = [tuple(row) for row in cur.fetchall()] if cur.description else []
                if tamper:
                    cur.execute("ALTER TABLE duty.events ENABLE ALWAYS TRIGGER events_append_only; "
                                "ALTER TABLE duty.events ENABLE ALWAYS TRIGGER events_no_truncate; COMMIT")
                return rows
        finally:
            conn.close()

    def copy_workspace(self, source, destination):
        """A copy of the workspace folder `source` at `destination`, with its store: on
        PostgreSQL a new database made from the source's."""
        shutil.copytree(source, destination)
        if self.pg_db:
            name = re.search(r"dbname=(\S+)$", self.pg_db_for(source)).group(1)
            self._pg_workspace_dbs[str(pathlib.Path(destination).resolve())] = \
                f"{PG_ADMIN} dbname={_pg_new_database(template=name)}"

    def store_env(self, workspace):
        """The environment additions that point a command at `workspace`'s own store: nothing on
        SQLite (the store is in the workspace), DUTY_DB on PostgreSQL."""
        return {"DUTY_DB": self.pg_db_for(workspace)} if self.pg_db and not self.pg_in_office_yaml else {}

    def base_env(self):
        """The environment every command of the test runs in (before its own additions)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DUTY_OFFICE") and k != "DUTY_DB"}
        env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "DUTY_LANG": "en"})
        if self.pg_db and not self.pg_in_office_yaml:
            env["DUTY_DB"] = self.pg_db
        return env

    def duty(self, *args, env=None, stdin=None, timeout=120):
        full_env = self.base_env()
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, *map(str, args)], cwd=self.tmp, env=full_env, input=stdin,
                              capture_output=True, text=True, timeout=timeout)
        result = Result(proc)
        if ZH_RERUN and result.code in (2, 3) and not (env and "DUTY_LANG" in env):
            self._check_in_chinese(args, full_env, stdin, timeout, result)
        return result

    def _check_in_chinese(self, args, full_env, stdin, timeout, english):
        """Runs a failed command again in zh-CN: same exit code, no English sentence on stderr."""
        zh_env = dict(full_env, DUTY_LANG="zh-CN")
        proc = subprocess.run([BIN, *map(str, args)], cwd=self.tmp, env=zh_env, input=stdin,
                              capture_output=True, text=True, timeout=timeout)
        where = f"duty {' '.join(map(str, args))}"
        self.assertEqual(proc.returncode, english.code,
                         f"{where}: exit {english.code} in English but {proc.returncode} in zh-CN\n{proc.stderr}")
        english_left = english_sentences(proc.stderr)
        self.assertFalse(english_left, f"{where}: English on stderr in zh-CN: {english_left}\n--- stderr\n{proc.stderr}")

    def duty_on_terminal(self, *args, env=None, timeout=120):
        """Like duty(), but with stdout on a pseudo-terminal, for output that depends on isatty.

        The terminal turns each newline into CRLF; .out has them turned back into newlines.
        """
        full_env = self.base_env()
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
