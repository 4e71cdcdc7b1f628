# SPDX-License-Identifier: Apache-2.0
"""Names and small things as a duty officer types them (issue 15): categories and severities by their
Chinese names with did-you-mean for near misses, people by id or name resolved against the published
roster, who is entering (--by-user, DUTY_USER, office.yaml users:), one output format whatever stdout
is, `note list` and `--bom` for the incident CSV. Messages are checked in both locales."""
import csv
import io
import pwd
import os
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, IncidentTest

ZH = {"DUTY_LANG": "zh-CN"}

# A month of a small roster whose people have Chinese names (published before the tests add anything).
ROSTER = """\
timezone: Asia/Shanghai
handover: "08:30"
period: {from: 2026-11-01, to: 2026-11-30}
slots:
  - {id: leader, name: 带班领导, group: leaders, count: 1}
  - {id: officer, name: 值班员, group: staff, count: 1}
people:
  - {id: liming, name: 李明, groups: [leaders]}
  - {id: wangqiang, name: 王强, groups: [leaders]}
  - {id: tashi, name: 扎西, groups: [staff]}
  - {id: zhangwei, name: 张伟, groups: [staff]}
  - {id: dorje, name: 多吉才让, groups: [staff]}
rules: {min_rest_days: 1}
"""

OFFICE_WITH_ROSTER = OFFICE_YAML + "roster: roster.yaml\n"


def tearDownModule():
    report_bad_input_cases()


class WordsTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace(OFFICE_WITH_ROSTER)

    def publish(self):
        (self.ws / "roster.yaml").write_text(ROSTER, encoding="utf-8")
        self.ok("roster", "publish", "--format", "json")

    def refused(self, args, contains, env=None):
        r = self.d(*args, env=env)
        count_bad_input()
        self.assertExit(r, 2)
        self.assertIn(contains, r.err)
        self.assertTrue(r.err.startswith("duty: "), r.err)
        return r

    # --- categories and severities ---------------------------------------------------------------

    def test_category_and_severity_by_chinese_name(self):
        a = self.add("--title", "国道214线车祸", "--category", "道路交通事故", "--severity", "较大",
                     "--received", "2026-11-20 14:00")
        b = self.add("--title", "村民房屋起火", "--category", "Fire", "--severity", "Ⅳ",
                     "--received", "2026-11-20 15:00")
        c = self.add("--title", "山体滑坡", "--category", "  地质灾害 ", "--severity", "ii",
                     "--received", "2026-11-20 16:00")
        d = self.add("--title", "化工厂泄漏", "--category", "hazmat", "--severity", "Ⅲ级",
                     "--received", "2026-11-20 17:00")
        got = {i: (self.show(i)["category"], self.show(i)["stated_severity"]) for i in (a, b, c, d)}
        self.assertEqual(got, {a: ("road-traffic", "III"), b: ("fire", "IV"), c: ("geological", "II"),
                               d: ("hazmat", "III")})
        # The list filters take the same words.
        rows = self.ok("incident", "list", "--category", "道路交通事故", "--severity", "较大", "--format",
                       "json").json()
        self.assertEqual([x["id"] for x in rows], [a])
        rows = self.ok("incident", "list", "--severity", "一般", "--format", "json").json()
        self.assertEqual([x["id"] for x in rows], [b])
        # And update.
        self.ok("incident", "update", a, "--category", "危险化学品事故", "--severity", "重大", "--note", "查明",
                "--at", "2026-11-20 18:00")
        self.assertEqual((self.show(a)["category"], self.show(a)["stated_severity"]), ("hazmat", "II"))

    def test_near_misses_suggest_in_english(self):
        add = ("incident", "add", "--title", "t", "--received", "2026-11-20 14:00")
        self.refused((*add, "--category", "道路交通事"),
                     "--category: unknown category '道路交通事' (did you mean 道路交通事故 (road-traffic)?); "
                     "'duty incident categories' lists them")
        self.refused((*add, "--category", "rod-traffic"),
                     "--category: unknown category 'rod-traffic' (did you mean 道路交通事故 (road-traffic)?)")
        # Part of a name points at every category holding it.
        r = self.refused((*add, "--category", "交通事故"), "--category: unknown category '交通事故' (did you mean ")
        self.assertIn("道路交通事故 (road-traffic)", r.err)
        self.assertIn("水上交通事故 (water-traffic)", r.err)
        self.refused((*add, "--category", "flood", "--severity", "较打"),
                     "--severity: unknown severity '较打' (did you mean '较大'?); expected 特别重大 (I), 重大 (II), "
                     "较大 (III), 一般 (IV) or unknown")
        self.refused(("incident", "list", "--category", "森林火"),
                     "--category: unknown category '森林火'")
        self.assertFalse(self.db.exists() and self.ok("incident", "list", "--format", "json").json())

    def test_near_misses_suggest_in_chinese(self):
        add = ("incident", "add", "--title", "t", "--received", "2026-11-20 14:00")
        r = self.refused((*add, "--category", "道路交通事"), "--category: ", env=ZH)
        self.assertIn("未知的事件类别“道路交通事”（是否指 道路交通事故 (road-traffic)？）", r.err)
        self.assertNotIn("unknown", r.err)
        r = self.refused((*add, "--category", "flood", "--severity", "较打"), "--severity: ", env=ZH)
        self.assertIn("未知的事件等级“较打”（是否要输入“较大”？）", r.err)

    def test_import_takes_chinese_names(self):
        f = self.tmp / "in.csv"
        f.write_text("title,category,severity,received\n村民房屋起火,火灾事故,一般,2026-11-20 14:00\n"
                     "车祸,道路交通事故,较大,2026-11-20 15:00\n", encoding="utf-8")
        self.ok("incident", "import", f)
        rows = self.ok("incident", "list", "--format", "json").json()
        self.assertEqual([(x["category"], x["stated_severity"]) for x in rows], [("fire", "IV"), ("road-traffic", "III")])
        bad = self.tmp / "bad.csv"
        bad.write_text("title,category,severity,received\n车祸,道路交通事故,较打,2026-11-20 15:00\n", encoding="utf-8")
        self.refused(("incident", "import", bad), "unknown severity '较打' (did you mean '较大'?)")

    # --- people --------------------------------------------------------------------------------------

    def test_received_by_resolved_to_the_roster_person(self):
        self.publish()
        a = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 14:00", "--by", "扎西")
        b = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 15:00", "--by", "zhangwei")
        self.assertEqual((self.show(a)["received_by"], self.show(b)["received_by"]), ("扎西", "张伟"))
        self.refused(("incident", "add", "--title", "t", "--category", "flood", "--received", "2026-11-20 16:00",
                      "--by", "张玮"), "--by: unknown person '张玮' (did you mean 张伟 (zhangwei)?)")
        self.refused(("incident", "update", a, "--note", "n", "--by", "多吉"),
                     "--by: unknown person '多吉' (did you mean 多吉才让 (dorje)?)")
        self.assertEqual(len(self.ok("incident", "list", "--format", "json").json()), 2)

    def test_received_by_without_a_roster_is_kept_as_typed(self):
        a = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 14:00", "--by", " 扎西 ")
        self.assertEqual(self.show(a)["received_by"], "扎西")

    def test_instruction_leader_and_todo_owner(self):
        self.publish()
        a = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 14:00")
        r = self.d("incident", "instruct", a, "--from", "liming", "--text", "全力救治", "--at", "2026-11-20 14:30")
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        # A county leader who is on no roster is recorded as written, without a word.
        r = self.d("incident", "instruct", a, "--from", "县长赵军", "--text", "做好善后", "--at", "2026-11-20 14:40")
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        # A near miss of a roster name is recorded as written too, but the officer is told.
        r = self.d("todo", "add", "联系家属", "--owner", "王墙", "--at", "2026-11-20 14:50")
        self.assertExit(r, 0)
        self.assertIn("--owner: '王墙' is nobody in the published roster (did you mean 王强?); recorded as typed",
                      r.err)
        r = self.d("todo", "add", "上报续报", "--owner", "tashi", "--at", "2026-11-20 14:55", env=ZH)
        self.assertExit(r, 0)
        items = {p["text"]: p for p in self.ok("todo", "list", "--format", "json").json()}
        self.assertEqual(items["全力救治"]["from"], "李明")
        self.assertEqual(items["做好善后"]["from"], "县长赵军")
        self.assertEqual(items["联系家属"]["owner"], "王墙")
        self.assertEqual(items["上报续报"]["owner"], "扎西")
        r = self.d("todo", "add", "x", "--owner", "王墙", "--at", "2026-11-20 15:00", env=ZH)
        self.assertIn("“王墙”不是已发布排班中的人员（是否要找：王强？）；按输入原样记录", r.err)

    # --- who is entering ------------------------------------------------------------------------

    def entered_by(self, incident):
        return [e["by"] for e in self.show(incident)["events"]][-1]

    def test_who_is_entering(self):
        login = pwd.getpwuid(os.getuid()).pw_name
        (self.ws / "office.yaml").write_text(OFFICE_WITH_ROSTER + f"users:\n  {login}: 扎西\n  other: 张伟\n",
                                             encoding="utf-8")
        a = self.add("--title", "t", "--category", "flood", "--received", "2026-11-20 14:00")
        self.assertEqual(self.entered_by(a), "扎西")
        r = self.d("incident", "update", a, "--note", "n", "--at", "2026-11-20 14:10", env={"DUTY_USER": "多吉"})
        self.assertExit(r, 0)
        self.assertEqual(self.entered_by(a), "多吉")
        r = self.d("--by-user", "李明", "incident", "update", a, "--note", "n", "--at", "2026-11-20 14:20",
                   env={"DUTY_USER": "多吉"})
        self.assertExit(r, 0)
        self.assertEqual(self.entered_by(a), "李明")

    def test_bad_users_map(self):
        (self.ws / "office.yaml").write_text(OFFICE_YAML + "users: [root]\n", encoding="utf-8")
        self.refused(("incident", "list"), "office.yaml:11:8: expected 'users' as a map of login names to people")
        (self.ws / "office.yaml").write_text(OFFICE_YAML + "users:\n  root: \"\"\n", encoding="utf-8")
        self.refused(("incident", "list"), "office.yaml:12:9: users: the login name 'root' needs a person's name or id")
        r = self.d("incident", "list", env={"DUTY_USER": "a\x1bb"})
        self.assertExit(r, 2)

    # --- one format whatever stdout is -------------------------------------------------------------

    def test_listings_are_tables_in_pipes_too(self):
        a = self.add("--title", "车祸", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        for args, code in ((("incident", "list"), 0), (("incident", "overdue"), 1), (("incident", "categories"), 0),
                           (("todo", "list"), 0), (("note", "list"), 0)):
            r = self.d(*args)
            self.assertExit(r, code)
            self.assertFalse(r.out.lstrip().startswith(("[", "{")), (args, r.out))
        r = self.ok("incident", "show", a)
        self.assertFalse(r.out.startswith("{"), r.out)
        self.assertIn("车祸", r.out)
        self.assertEqual(self.ok("incident", "list", "--format", "json").json()[0]["id"], a)

    # --- note list and --bom ---------------------------------------------------------------------------

    def test_note_list(self):
        self.ok("note", "add", "二号库房钥匙在值班室", "--at", "2026-11-20 09:00")
        self.d("note", "add", "明早八点会商", "--at", "2026-11-21 20:00", env={"DUTY_USER": "扎西"})
        notes = self.ok("note", "list", "--format", "json").json()
        self.assertEqual([(n["at"], n["text"]) for n in notes],
                         [("2026-11-20T09:00+08:00", "二号库房钥匙在值班室"), ("2026-11-21T20:00+08:00", "明早八点会商")])
        self.assertEqual(notes[1]["by"], "扎西")
        self.assertTrue(all(isinstance(n["seq"], int) and n["seq"] > 0 for n in notes))
        one = self.ok("note", "list", "--from", "2026-11-21", "--to", "2026-11-21", "--format", "json").json()
        self.assertEqual([n["text"] for n in one], ["明早八点会商"])
        table = self.ok("note", "list").out.splitlines()
        self.assertEqual(table[0].split(), ["NO.", "TIME", "BY", "NOTE"])
        self.assertIn(f"#{notes[0]['seq']}", table[1])
        self.assertIn("2026-11-20 09:00", table[1])
        zh = self.d("note", "list", env=ZH)
        self.assertEqual(zh.out.splitlines()[0].split(), ["序号", "时间", "记录人", "备注"])
        self.refused(("note", "list", "--from", "2026-11-22", "--to", "2026-11-21"), "--to: 2026-11-21 23:59:59 is before --from")

    def test_csv_bom(self):
        self.add("--title", "车祸", "--category", "road-traffic", "--received", "2026-11-20 14:00")
        out = self.tmp / "x.csv"
        self.ok("incident", "export", "--format", "csv", "--bom", "-o", out)
        data = out.read_bytes()
        self.assertTrue(data.startswith(b"\xef\xbb\xbfid,title,category"), data[:20])
        plain = self.ok("incident", "export", "--format", "csv").out
        self.assertTrue(plain.startswith("id,title"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[1][1], "车祸")
        self.refused(("incident", "export", "--bom"), "--bom: only a CSV export starts with a byte order mark")
        self.refused(("incident", "export", "--bom", "--format", "json"), "只有 CSV 导出", env=ZH)


if __name__ == "__main__":
    unittest.main()
