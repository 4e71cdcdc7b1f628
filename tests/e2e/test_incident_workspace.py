# SPDX-License-Identifier: Apache-2.0
"""`duty init` and how commands find their workspace (--office, then $DUTY_OFFICE, then the nearest
folder upward holding office.yaml), and where and how the store is created (issue 3)."""
import os
import sqlite3
import stat
import unittest

from harness import sqlite_only
from incident_support import SCHEMA_VERSION, IncidentTest

RECEIVED = "2026-11-20 14:00"


class InitTest(IncidentTest):
    def test_init_en_creates_the_workspace_files(self):
        r = self.duty("init", "ws", "--locale", "en")
        self.assertExit(r, 0)
        self.assertRegex(r.out, f"^created the office workspace {self.ws}\nlog signing key fingerprint: [0-9a-f]{{64}}\n$")
        self.assertEqual(r.err, "")
        self.assertEqual(self.files(), ["ws/duty.db", "ws/office.yaml", "ws/public-key.pem", "ws/roster.yaml", "ws/signing-key.pem",
                                        "ws/templates/README.md"])
        office = (self.ws / "office.yaml").read_text(encoding="utf-8")
        self.assertIn("  locale: en ", office)
        self.assertIn("  timezone: Asia/Shanghai ", office)
        self.assertIn("locale: en\n", (self.ws / "roster.yaml").read_text(encoding="utf-8"))
        # The generated office.yaml is valid as it stands: an incident command accepts it.
        self.assertEqual(self.ok("incident", "list", "--format", "json").json(), [])

    def test_init_defaults_to_zh_cn(self):
        r = self.duty("init", "ws", env={"DUTY_LANG": "zh-CN"})
        self.assertExit(r, 0)
        self.assertRegex(r.out, f"^已创建值班室工作区：{self.ws}\n日志签名密钥指纹：[0-9a-f]{{64}}\n$")
        self.assertEqual(self.files(), ["ws/duty.db", "ws/office.yaml", "ws/public-key.pem", "ws/roster.yaml", "ws/signing-key.pem",
                                        "ws/templates/README.md"])
        self.assertIn("  locale: zh-CN ", (self.ws / "office.yaml").read_text(encoding="utf-8"))
        self.assertIn("locale: zh-CN\n", (self.ws / "roster.yaml").read_text(encoding="utf-8"))
        # zh-CN labels reach the output: the categories table is headed in Chinese.
        table = self.ok("incident", "categories", "--format", "table").out.splitlines()
        self.assertEqual(table[0].split(), ["编号", "类别", "名称"])
        self.assertEqual(table[1].split(), ["flood", "自然灾害", "洪涝灾害"])

    def test_explicit_zh_cn_locale(self):
        self.assertExit(self.duty("init", "ws", "--locale", "zh-CN"), 0)
        self.assertIn("  locale: zh-CN ", (self.ws / "office.yaml").read_text(encoding="utf-8"))

    def test_init_without_dir_uses_the_current_folder(self):
        r = self.duty("init", "--locale", "en")
        self.assertExit(r, 0)
        self.assertEqual(self.files(), ["duty.db", "office.yaml", "public-key.pem", "roster.yaml", "signing-key.pem",
                                        "templates/README.md"])

    def test_init_refuses_to_overwrite(self):
        self.assertExit(self.duty("init", "ws", "--locale", "en"), 0)
        # The office edited its workspace; a second init must not undo that.
        (self.ws / "office.yaml").write_text("# edited\n", encoding="utf-8")
        roster = (self.ws / "roster.yaml").read_text(encoding="utf-8")
        for args in (["init", "ws"], ["init", "ws", "--locale", "en"]):
            r = self.duty(*args)
            self.assertExit(r, 2)
            self.assertEqual(r.out, "")
            self.assertEqual(r.err, "duty: error: ws/office.yaml already exists; nothing was changed\n")
        self.assertEqual((self.ws / "office.yaml").read_text(encoding="utf-8"), "# edited\n")
        self.assertEqual((self.ws / "roster.yaml").read_text(encoding="utf-8"), roster)
        self.assertEqual(self.files(), ["ws/duty.db", "ws/office.yaml", "ws/public-key.pem", "ws/roster.yaml", "ws/signing-key.pem",
                                        "ws/templates/README.md"])

    def test_unknown_locale_creates_nothing(self):
        r = self.duty("init", "ws", "--locale", "fr")
        self.assertExit(r, 2)
        self.assertEqual(r.err, "duty: error: --locale: unknown locale 'fr'; expected zh-CN or en\n")
        self.assertEqual(self.files(), [])
        self.assertFalse(self.ws.exists())


class DiscoveryTest(IncidentTest):
    def setUp(self):
        super().setUp()
        # Three workspaces, each with one incident titled after it, so a listing says which was used.
        # In the PostgreSQL run each names its own database in office.yaml, so finding the
        # workspace is what chooses the store there too.
        self.spaces = {}
        self.pg_in_office_yaml = self.pg_db is not None
        for name in ("alpha", "beta", "gamma"):
            where = self.make_workspace(where=self.tmp / name)
            if self.pg_db:
                with open(where / "office.yaml", "a", encoding="utf-8") as f:
                    f.write(f"database: '{self.pg_db_for(where)}'\n")
            self.spaces[name] = where
            self.assertEqual(self.add("--title", name, "--category", "flood", "--received", RECEIVED, ws=where),
                             "2026-0001")

    def titles(self, r):
        self.assertExit(r, 0)
        return [i["title"] for i in r.json()]

    def test_office_option(self):
        r = self.duty("--office", self.spaces["beta"], "incident", "list", "--format", "json")
        self.assertEqual(self.titles(r), ["beta"])
        # A relative folder is taken from the working folder.
        r = self.duty("--office", "gamma", "incident", "list", "--format", "json")
        self.assertEqual(self.titles(r), ["gamma"])

    def test_office_option_may_follow_the_command(self):
        r = self.duty("incident", "list", "--format", "json", "--office", "alpha")
        self.assertEqual(self.titles(r), ["alpha"])

    def test_duty_office_variable(self):
        r = self.duty("incident", "list", "--format", "json", env={"DUTY_OFFICE": str(self.spaces["alpha"])})
        self.assertEqual(self.titles(r), ["alpha"])

    def test_office_option_beats_the_variable(self):
        r = self.duty("--office", "beta", "incident", "list", "--format", "json",
                      env={"DUTY_OFFICE": str(self.spaces["alpha"])})
        self.assertEqual(self.titles(r), ["beta"])

    def test_upward_search_from_a_subfolder(self):
        deep = self.spaces["gamma"] / "reports" / "2026" / "11"
        deep.mkdir(parents=True)
        r = self.duty_in(deep, "incident", "list", "--format", "json")
        self.assertEqual(self.titles(r), ["gamma"])
        # The workspace folder itself is found too.
        r = self.duty_in(self.spaces["gamma"], "incident", "list", "--format", "json")
        self.assertEqual(self.titles(r), ["gamma"])
        # A write from the subfolder lands in that workspace's store, not in the subfolder.
        r = self.duty_in(deep, "incident", "add", "--title", "from below", "--category", "fire", "--received", RECEIVED)
        self.assertExit(r, 0)
        self.assertEqual(r.out, "2026-0002\n")
        self.assertEqual(list(deep.iterdir()), [])
        self.assertEqual([i["title"] for i in self.export_json(self.spaces["gamma"])], ["gamma", "from below"])

    def test_the_variable_beats_the_upward_search(self):
        r = self.duty_in(self.spaces["gamma"], "incident", "list", "--format", "json",
                         env={"DUTY_OFFICE": str(self.spaces["beta"])})
        self.assertEqual(self.titles(r), ["beta"])

    def test_no_workspace_says_to_run_init(self):
        # self.tmp holds the workspaces but no office.yaml of its own, nor does any folder above it.
        r = self.duty("incident", "list", "--format", "json")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, f"duty: error: no duty office here: no office.yaml in {self.tmp} or any folder above "
                                "it; run 'duty init DIR' to create one, or pass --office DIR\n")
        r = self.duty("incident", "add", "--title", "x", "--category", "flood", "--received", RECEIVED)
        self.assertExit(r, 2)
        self.assertIn("run 'duty init DIR'", r.err)
        self.assertFalse((self.tmp / "duty.db").exists())

    def test_office_option_without_office_yaml(self):
        (self.tmp / "empty").mkdir()
        r = self.duty("--office", "empty", "incident", "list")
        self.assertExit(r, 2)
        self.assertEqual(r.err, "duty: error: --office: empty holds no office.yaml; run 'duty init empty' to create "
                                "a workspace there\n")
        self.assertEqual(list((self.tmp / "empty").iterdir()), [])

    def test_duty_office_without_office_yaml(self):
        empty = self.tmp / "empty"
        empty.mkdir()
        # A broken $DUTY_OFFICE is an error, not a reason to fall back to the upward search.
        r = self.duty_in(self.spaces["alpha"], "incident", "list", env={"DUTY_OFFICE": str(empty)})
        self.assertExit(r, 2)
        self.assertEqual(r.err, f"duty: error: DUTY_OFFICE: {empty} holds no office.yaml; run 'duty init {empty}' "
                                "to create a workspace there\n")


class StoreCreationTest(IncidentTest):
    @sqlite_only("where the SQLite file is made and how")
    def test_first_write_creates_duty_db_with_mode_0600_in_wal_mode(self):
        self.make_workspace()
        self.db.unlink()  # made by `duty init`; a first write makes a missing one the same way
        before = self.files()
        # Even a permissive umask must not widen it: the store holds names and phone numbers.
        r = self.duty_in(self.tmp, "--office", "ws", "incident", "add", "--title", "Flooded underpass",
                         "--category", "flood", "--received", RECEIVED, umask=0)
        self.assertExit(r, 0)
        self.assertEqual(r.out, "2026-0001\n")
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.assertIn("ws/duty.db", self.files())
        self.assertEqual(sorted(set(self.files()) - set(before)),
                         sorted(f for f in self.files() if f.startswith("ws/duty.db")))
        conn = sqlite3.connect(self.db)
        try:
            self.assertEqual(conn.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            self.assertEqual(conn.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        finally:
            conn.close()

    def test_read_only_commands_on_a_fresh_workspace_create_no_store(self):
        self.make_workspace()
        before = self.files()
        self.assertEqual(self.ok("incident", "list", "--format", "json").out, "[]\n")
        self.assertEqual(self.ok("incident", "list", "--format", "csv").out.splitlines()[1:], [])
        self.assertEqual(self.ok("incident", "overdue", "--format", "json").out, "[]\n")
        self.assertEqual(self.ok("incident", "export", "--format", "json").out, "[]\n")
        self.assertEqual(self.ok("log", "verify").out, "ok: 0 events verified\n")
        self.assertEqual(len(self.ok("incident", "categories", "--format", "json").json()), 27)
        r = self.d("incident", "show", "2026-0001", "--format", "json")
        self.assertExit(r, 2)
        self.assertEqual(r.err, "duty: error: no incident '2026-0001'; 'duty incident list' shows them\n")
        # The empty store `duty init` made is read (SQLite adds its WAL side files), nothing else made.
        self.assertEqual([f for f in self.files() if not f.endswith(("-wal", "-shm"))], before)

    @sqlite_only("where the SQLite file is made and how")
    def test_db_option_puts_the_store_elsewhere(self):
        self.make_workspace()
        self.db.unlink()
        other = self.tmp / "elsewhere.db"
        self.assertEqual(self.add("--title", "t", "--category", "flood", "--received", RECEIVED, "--db", other),
                         "2026-0001")
        self.assertFalse(self.db.exists())
        self.assertEqual(stat.S_IMODE(os.stat(other).st_mode), 0o600)
        self.assertEqual([i["title"] for i in self.ok("incident", "list", "--format", "json", "--db", other).json()],
                         ["t"])
        # Without --db the workspace's own store is missing (exit 4, never an empty log) and still
        # not created by reading.
        r = self.d("incident", "list", "--format", "json")
        self.assertExit(r, 4)
        self.assertIn(f"no store at {self.db}", r.err)
        self.assertFalse(self.db.exists())

    @sqlite_only("where the SQLite file is made and how")
    def test_database_key_in_office_yaml(self):
        self.make_workspace()
        self.db.unlink()
        (self.ws / "log").mkdir()
        with open(self.ws / "office.yaml", "a", encoding="utf-8") as f:
            f.write("database: log/incidents.db\n")
        self.add("--title", "t", "--category", "flood", "--received", RECEIVED)
        self.assertFalse(self.db.exists())
        store = self.ws / "log" / "incidents.db"
        self.assertTrue(store.exists())
        self.assertEqual(stat.S_IMODE(os.stat(store).st_mode), 0o600)


if __name__ == "__main__":
    unittest.main()
