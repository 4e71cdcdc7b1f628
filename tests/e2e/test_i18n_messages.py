# SPDX-License-Identifier: Apache-2.0
"""The libraries' messages in both languages (issue 15): validators, explanations and errors of
roster/ and reports/ are English with DUTY_LANG=en and Chinese with DUTY_LANG=zh-CN or in a zh-CN
office; either way the data inside them (file:line:column, ids, names, dates, quoted values) is
unchanged, and the Chinese ones hold no English sentence of their own."""
import json
import re
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, IncidentTest
from test_roster_check_stats import BROKEN, SPEC as CHECK_SPEC

ZH = {"DUTY_LANG": "zh-CN"}
EN = {"DUTY_LANG": "en"}

# What another part of duty adds around a library's message, and may still say in English until
# every part is translated: the CLI's prefix and summary lines, and did-you-mean hints.
FRAME = [
    re.compile(r"^duty: (error|错误)[:：] ?"),
    re.compile(r"^duty: \d+ (problems? found|violations? in).*$"),
    re.compile(r" ?\(did you mean [^)]*\)"),
]
QUOTED = re.compile(r"'[^']*'|“[^”]*”|\"[^\"]*\"")
PATH = re.compile(r"\S*[/.]\S*")


def english_sentence(text):
    """The first run of three or more English words in `text` once quoted values, paths, file
    names and the frame are taken out, or None."""
    for line in text.splitlines():
        for pattern in FRAME:
            line = pattern.sub("", line)
        line = PATH.sub(" ", QUOTED.sub(" ", line))
        # Words of a sentence follow each other with a space; a list of ids has commas.
        m = re.search(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}", line)
        if m:
            return m.group(0)
    return None


class BothLanguagesTest(IncidentTest):
    def both(self, *args, code=2, ws=True, env=None):
        """Runs duty in English and in Chinese: the same exit code, nothing on stdout; returns the
        two stderr texts (en, zh)."""
        out = []
        for lang in (EN, ZH):
            full = dict(lang, **(env or {}))
            r = self.d(*args, env=full) if ws else self.duty(*args, env=full)
            count_bad_input()
            self.assertExit(r, code)
            self.assertEqual(r.out, "")
            out.append(r.err)
        self.assertIsNone(english_sentence(out[1]), out[1])
        return out


class TemplateMessagesTest(BothLanguagesTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.incident = self.add("--title", "Landslide", "--category", "fire", "--received", "2026-11-20 10:00")

    def test_a_section_never_closed(self):
        self.write("bad.txt", "ok line\n  {{#incident}}\n{{title}}\n")
        en, zh = self.both("bulletin", self.incident, "--template", self.tmp / "bad.txt")
        self.assertIn("bad.txt:2:3: section 'incident' is opened here but never closed (add {{/incident}})", en)
        self.assertIn("bad.txt:2:3: 区块“incident”在此打开但没有关闭（请添加 {{/incident}}）", zh)
        # The line and the caret under the column, the same in both.
        self.assertEqual(en.splitlines()[1:], zh.splitlines()[1:])

    def test_a_missing_template_file(self):
        en, zh = self.both("bulletin", self.incident, "--template", self.tmp / "nope.txt")
        self.assertIn(f"--template: no such file '{self.tmp / 'nope.txt'}'", en)
        self.assertIn(f"--template：没有文件“{self.tmp / 'nope.txt'}”", zh)

    def test_an_unknown_partial(self):
        self.write("t.txt", "x {{> nope.txt}}\n")
        en, zh = self.both("bulletin", self.incident, "--template", self.tmp / "t.txt")
        self.assertIn("t.txt:1:3: there is no template 'nope.txt'; available: ", en)
        self.assertIn("t.txt:1:3: 没有模板“nope.txt”；可用的模板：", zh)


class ImportMessagesTest(BothLanguagesTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def test_csv_columns(self):
        self.write("i.csv", "titel,category,title\nx,flood,y\n")
        en, zh = self.both("incident", "import", self.tmp / "i.csv")
        self.assertIn("i.csv:1:1: unknown column 'titel'", en)
        self.assertIn("i.csv:1:1: 未知的列“titel”", zh)
        self.assertIn("；可用的列：title, category, severity", zh)

    def test_a_row_of_the_wrong_length(self):
        self.write("i.csv", "title,category\nx,flood,extra\n")
        en, zh = self.both("incident", "import", self.tmp / "i.csv")
        self.assertIn("i.csv:2:1: this row has 3 fields; the header has 2", en)
        self.assertIn("i.csv:2:1: 这一行有 3 个字段；标题行有 2 个", zh)


class PublishedRosterMessagesTest(BothLanguagesTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def test_swap_before_anything_is_published(self):
        en, zh = self.both("roster", "swap", "2026-12-01", "2026-12-02", "officer", "a", "b", "--reason", "ill")
        self.assertIn("no roster is published yet; publish one with 'duty roster publish'", en)
        self.assertIn("尚未发布排班；请用“duty roster publish”发布", zh)

    def test_the_office_locale_chooses_when_duty_lang_is_not_set(self):
        (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("locale: en", "locale: zh-CN"), encoding="utf-8")
        r = self.d("roster", "swap", "2026-12-01", "2026-12-02", "officer", "a", "b", "--reason", "ill",
                   env={"DUTY_LANG": "", "LANG": "en_US.UTF-8", "LC_ALL": ""})
        count_bad_input()
        self.assertExit(r, 2)
        self.assertIn("尚未发布排班；", r.err)
        (self.ws / "office.yaml").write_text(OFFICE_YAML, encoding="utf-8")
        r = self.d("roster", "swap", "2026-12-01", "2026-12-02", "officer", "a", "b", "--reason", "ill",
                   env={"DUTY_LANG": "", "LANG": "zh_CN.UTF-8", "LC_ALL": ""})
        count_bad_input()
        self.assertExit(r, 2)
        self.assertIn("no roster is published yet", r.err)


class CheckpointMessagesTest(BothLanguagesTest):
    def setUp(self):
        super().setUp()
        self.make_workspace(office_yaml=None)  # as `duty init` writes it: with the office's key pair

    def test_a_missing_key_file(self):
        key = self.tmp / "missing.pem"
        en, zh = self.both("log", "checkpoint", "--key", key)
        self.assertIn(f"--key: {key} does not exist; run 'duty key init' to create the office's key pair", en)
        self.assertIn(f"--key: {key} 不存在；请运行“duty key init”生成值班室的密钥对", zh)

    def test_a_private_key_others_may_read(self):
        key = self.ws / "signing-key.pem"
        key.chmod(0o644)
        en, zh = self.both("log", "checkpoint")
        self.assertIn(f"the private key {key} may be read by others (mode 0644); run 'chmod 600 {key}'", en)
        self.assertIn(f"私钥 {key} 可被他人读取（权限 0644）；请运行“chmod 600 {key}”", zh)


class RosterCheckMessagesTest(BothLanguagesTest):
    def test_violations_in_both_languages(self):
        self.write("spec.yaml", CHECK_SPEC)
        built = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(built, 0)
        plan = built.json()
        for shift in plan["shifts"]:
            leader, officers = BROKEN[shift["date"]]
            shift["assignments"] = {"leader": [leader], "officer": officers.split()}
        self.write("broken.json", json.dumps(plan))
        out = {}
        for name, lang in (("en", EN), ("zh", ZH)):
            r = self.duty("roster", "check", "spec.yaml", "broken.json", env=lang)
            self.assertExit(r, 1)
            out[name] = r.out.splitlines()
        self.assertIn("2027-02-02 officer: needs 2, has 1", out["en"])
        self.assertEqual(out["zh"], [
            "2027-02-01 leader: Gus (gus) 不在组“leaders”中",
            "2027-02-02 officer: 需要 2 人，实有 1 人",
            "2027-02-04 officer: Gus (gus) 在 2027-02-03 已值过班：两班之间只隔 0 天，min_rest_days 为 1",
            "2027-02-05 leader: 指定由 ben 值班（spec.yaml:20:5），但排班表中没有安排",
            "2027-02-06 leader: 未知的人员“zed”",
            "2027-02-07 officer: Eve (eve) 当天不能值班",
        ])
        # JSON keeps its stable rule names whatever the language.
        r = self.duty("roster", "check", "spec.yaml", "broken.json", "--format", "json", env=ZH)
        self.assertEqual(sorted(v["rule"] for v in r.json()),
                         ["coverage", "group", "person", "pin", "rest", "unavailable"])


class DetectorTest(unittest.TestCase):
    """The check above can fail: it finds English words and lets data through."""

    def test_english_is_found_and_data_is_not(self):
        self.assertIsNotNone(english_sentence("duty: error: spec.yaml:3:1: unknown person 'x' in the roster"))
        self.assertIsNotNone(english_sentence("  2027-02-07 officer: nobody in the rotation can serve"))
        self.assertIsNone(english_sentence("duty: error: spec.yaml:3:1: 未知的人员“Ann Lee Smith”"))
        self.assertIsNone(english_sentence("  2027-02-07 officer: 需要 2 人（请假：Cat (cat), Dan (dan)）"))


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
