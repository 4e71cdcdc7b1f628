# SPDX-License-Identifier: Apache-2.0
"""Shared set-up for the incident log tests: a workspace whose office.yaml the test controls, and
shortcuts for the commands. Not a test module itself (CTest only picks up test_*.py).

Every time used is a fixed 2026 time before today (received times may never be in the future), in
the office's zone Asia/Shanghai (+08:00), so ids are 2026-NNNN and deadlines are exact.
"""
import json
import os
import pathlib
import sqlite3
import subprocess
import unittest

from harness import BIN, DutyTest, Result

# The store schema this build writes (SqliteStore::kSchemaVersion; docs/incident-log.md).
SCHEMA_VERSION = 8

# A small office: two organisations, English labels, and one catch-all rule so every incident has
# exactly one requirement unless a test says otherwise.
OFFICE_YAML = """\
office:
  name: Test County Duty Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
chain:
  - {id: prefecture, name: Prefecture EMB, phone: "0100"}
  - {id: province, name: Province EMD}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "Order 493 Art. 11"}
"""


def integrity(path):
    """SQLite's own check of the store at `path`, opened read-only: [("ok",)] when sound."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


class IncidentTest(DutyTest):
    """A DutyTest with a workspace at self.ws (created by make_workspace) and helpers around it."""

    def setUp(self):
        super().setUp()
        self.ws = self.tmp / "ws"

    def make_workspace(self, office_yaml=OFFICE_YAML, where=None):
        """`duty init` then, unless office_yaml is None, replaces the generated office.yaml."""
        where = where or self.ws
        r = self.duty("init", where, "--locale", "en")
        self.assertExit(r, 0)
        if office_yaml is not None:
            (where / "office.yaml").write_text(office_yaml, encoding="utf-8")
        return where

    def d(self, *args, ws=None, env=None, timeout=120):
        """Runs duty against the workspace (by --office); another workspace than self.ws has its
        own store in the PostgreSQL run too."""
        if self.pg_db:
            env = {**self.store_env(ws or self.ws), **(env or {})}
        return self.duty("--office", ws or self.ws, *args, env=env, timeout=timeout)

    def ok(self, *args, ws=None):
        r = self.d(*args, ws=ws)
        self.assertExit(r, 0)
        return r

    def add(self, *args, ws=None):
        """`incident add` that must succeed; returns the new id."""
        r = self.ok("incident", "add", *args, ws=ws)
        self.assertEqual(r.err, "")
        return r.out.strip()

    def show(self, incident, ws=None):
        return self.ok("incident", "show", incident, "--format", "json", ws=ws).json()

    def export_json(self, ws=None):
        return self.ok("incident", "export", "--format", "json", ws=ws).json()

    def snapshot(self, ws=None):
        """What a failed command must leave as it was: every incident with every event (hashes
        included) and the verified chain. The overdue minutes of reports not yet made grow with the
        clock, so they are left out."""
        incidents = self.export_json(ws)
        for incident in incidents:
            for r in incident["requirements"]:
                if r["made_at"] is None:
                    del r["minutes_late"], r["status"]
        return json.dumps(incidents, ensure_ascii=False, indent=1), self.ok("log", "verify", ws=ws).out

    @property
    def db(self):
        return self.ws / "duty.db"

    def sql(self, statement, *params, path=None):
        """Runs one statement on the store with Python's sqlite3, committing it; returns the rows.
        In the PostgreSQL run the same statement goes to the workspace's database (pg_sql); one on
        another SQLite file (`path`) skips the test there."""
        if self.pg_db:
            if path is not None and pathlib.Path(path).resolve() != self.db.resolve():
                raise unittest.SkipTest("SQLite only: reads another SQLite file")
            return self.pg_sql(statement, *params, dsn=self.pg_db_for(self.ws))
        conn = sqlite3.connect(path or self.db, isolation_level=None)
        try:
            return conn.execute(statement, params).fetchall()
        finally:
            conn.close()

    def duty_in(self, cwd, *args, env=None, umask=None, timeout=120):
        """Like duty(), from another working folder (for upward discovery) and optionally another umask."""
        full_env = self.base_env()
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, *map(str, args)], cwd=cwd, env=full_env, capture_output=True, text=True,
                              timeout=timeout, umask=-1 if umask is None else umask)
        return Result(proc)

    def duty_as(self, uid, gid, *args, env=None, timeout=120):
        """Like duty(), as another user: root ignores permission bits, so read-only tests drop to one."""
        full_env = self.base_env()
        full_env["HOME"] = "/"
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, *map(str, args)], cwd="/", env=full_env, capture_output=True, text=True,
                              timeout=timeout, user=uid, group=gid, extra_groups=[])
        return Result(proc)

