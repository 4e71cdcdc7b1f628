# SPDX-License-Identifier: Apache-2.0
"""The command line in both languages: every command's --help, CLI11's parse errors said as duty
says things (with a did-you-mean for a mistyped option), an unknown command word named as such,
and how the language is chosen (DUTY_LANG, the office's locale, LANG outside an office)."""
import pathlib
import shutil
import subprocess
import unittest

from harness import BIN, DutyTest, count_bad_input, english_sentences, report_bad_input_cases

ZH = {"DUTY_LANG": "zh-CN"}
# Neither DUTY_LANG nor a locale variable: the office's locale, or English, decides.
NO_LANG = {"DUTY_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}

COMMANDS = [
    ["init"], ["roster", "build"], ["roster", "check"], ["roster", "stats"], ["roster", "publish"],
    ["roster", "show"], ["roster", "next"], ["roster", "swap"], ["roster", "cover"],
    ["roster", "history"], ["roster", "replan"], ["roster", "holidays"], ["roster", "balance"],
    ["incident", "add"], ["incident", "update"], ["incident", "escalate"], ["incident", "close"],
    ["incident", "list"], ["incident", "show"], ["incident", "overdue"], ["incident", "import"],
    ["incident", "export"], ["incident", "categories"], ["incident", "instruct"], ["bulletin"],
    ["daily"], ["handover"], ["note", "add"], ["todo", "add"], ["todo", "done"], ["todo", "list"],
    ["log", "verify"], ["log", "rebuild"], ["log", "checkpoint"], ["key", "init"], ["backup"], ["who"],
    ["roster"], ["incident"], ["note"], ["todo"], ["log"], ["key"], [],
]

# Commands whose help texts are translated on other branches of issue 15 (the incident, report,
# note and todo commands): until they are merged, only CLI11's headings are checked in Chinese.
# The lead empties this set at the merge.
NOT_YET_MERGED = {
    "incident add", "incident update", "incident escalate", "incident close", "incident list",
    "incident show", "incident overdue", "incident import", "incident export", "incident categories",
    "incident instruct", "bulletin", "daily", "handover", "note add", "todo add", "todo done", "todo list",
    # Groups and the top level list those commands' descriptions.
    "incident", "note", "todo", "",
    # Their --format help is cli/roster_render.hpp's kPlanFormatHelp (shown through tr, not yet
    # marked N_ nor translated by its owner).
    "roster build", "roster publish", "roster show",
}
# Commands with a footer of their own instead of the exit codes.
OWN_FOOTER = {"roster holidays", "roster balance"}


def help_english(text):
    """English sentences in a help text, each line taken on its own (help indents every line);
    an indented line starts with the name of a command or option, which is not a sentence."""
    lines = [line.split(None, 1)[1] if line.startswith("  ") and len(line.split(None, 1)) > 1 else line.strip()
             for line in text.splitlines()]
    return [s for line in lines for s in english_sentences(line)]


class HelpInBothLanguagesTest(DutyTest):
    def test_every_command_has_help_in_english_and_chinese(self):
        for words in COMMANDS:
            name = " ".join(words)
            with self.subTest(command=name or "duty"):
                en = self.duty(*words, "--help")
                self.assertExit(en, 0)
                self.assertIn(f"Usage: duty{' ' if words else ''}{name}", en.out)
                self.assertIn("Options:", en.out)
                if name not in OWN_FOOTER:
                    self.assertIn("See docs/exit-codes.md.", en.out)
                zh = self.duty(*words, "--help", env=ZH)
                self.assertExit(zh, 0)
                self.assertIn(f"用法: duty{' ' if words else ''}{name}", zh.out)
                self.assertIn("选项:", zh.out)
                self.assertIn("显示本帮助并退出", zh.out)
                if name not in OWN_FOOTER:
                    self.assertIn("退出码：0 成功；1 发现问题；2 用法或输入有误", zh.out)
                if name not in NOT_YET_MERGED:
                    self.assertEqual(help_english(zh.out), [], zh.out)

    def test_the_top_level_help_lists_groups_in_chinese(self):
        r = self.duty("--help", env=ZH)
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"\n命令:\n")
        self.assertRegex(r.out, r"\n\s+roster\s+编制、检查和评估排班表")
        self.assertRegex(r.out, r"\n\s+log\s+校验、签名和重建防篡改的值班日志")
        self.assertRegex(r.out, r"\n\s+--office TEXT\s+值班室工作区目录")

    def test_help_inside_a_zh_cn_office_is_chinese_without_duty_lang(self):
        self.assertExit(self.duty("init", "ws", env=ZH), 0)
        r = self.duty("--office", "ws", "roster", "next", "--help", env=NO_LANG)
        self.assertExit(r, 0)
        self.assertIn("某人在已发布排班中即将到来的值班", r.out)
        # Found from the current folder upward too, and DUTY_LANG still wins.
        (self.tmp / "ws" / "sub").mkdir()
        r = self.duty("--office", str(self.tmp / "ws"), "who", "--help", env=NO_LANG)
        self.assertIn("用法: duty who", r.out)
        r = self.duty("--office", "ws", "roster", "next", "--help")
        self.assertIn("A person's coming duties in the published roster", r.out)

    def test_help_inside_an_en_office_is_english_and_lang_decides_outside_an_office(self):
        self.assertExit(self.duty("init", "ws", "--locale", "en"), 0)
        r = self.duty("--office", "ws", "who", "--help", env=dict(NO_LANG, LANG="zh_CN.UTF-8"))
        self.assertIn("Who is on duty at a moment", r.out)
        r = self.duty("who", "--help", env=dict(NO_LANG, LANG="zh_CN.UTF-8"))
        self.assertIn("某一时刻（默认现在）的值班人员", r.out)
        r = self.duty("who", "--help", env=dict(NO_LANG, LANG="en_US.UTF-8"))
        self.assertIn("Who is on duty at a moment", r.out)


class ParseErrorsTest(DutyTest):
    """CLI11's own errors, each as one sentence naming the option, then how to get the help."""

    def check(self, args, en, zh, hint):
        for env, message, run in ((None, en, "run '{0} --help' for usage"), (ZH, zh, "运行“{0} --help”查看用法")):
            r = self.duty(*args, env=env)
            self.assertExit(r, 2)
            prefix = "duty: 错误：" if env else "duty: error: "
            self.assertEqual(r.err, f"{prefix}{message}\n{run.format(hint)}\n")
            self.assertEqual(r.out, "")
        count_bad_input(2)

    def test_a_mistyped_option_is_named_with_the_option_meant(self):
        self.check(["incident", "add", "--tittle", "x"],
                   "unknown option '--tittle' for 'incident add' (did you mean '--title'?)",
                   "“incident add”没有选项“--tittle”（是否要输入“--title”？）", "duty incident add")
        self.check(["roster", "next", "--cuont=3", "x"],
                   "unknown option '--cuont' for 'roster next' (did you mean '--count'?)",
                   "“roster next”没有选项“--cuont”（是否要输入“--count”？）", "duty roster next")
        # A global option is an option of every command.
        self.check(["who", "--ofice", "x"], "unknown option '--ofice' for 'who' (did you mean '--office'?)",
                   "“who”没有选项“--ofice”（是否要输入“--office”？）", "duty who")
        self.check(["who", "--zzzzzz"], "unknown option '--zzzzzz' for 'who'", "“who”没有选项“--zzzzzz”", "duty who")

    def test_an_unknown_command_word_is_named_before_anything_runs(self):
        self.check(["archive", "init"],
                   "unknown command 'archive'; expected one of: init, roster, incident, bulletin, daily, handover, "
                   "note, todo, call, warning, hazard, log, key, db, backup, watch, who",
                   "没有命令“archive”；可用命令：init, roster, incident, bulletin, daily, handover, note, todo, call, "
                   "warning, hazard, log, key, db, backup, watch, who", "duty")
        self.assertEqual(self.files(), [])
        self.check(["rooster", "build"], "unknown command 'rooster' (did you mean 'roster'?); expected one of: init, "
                   "roster, incident, bulletin, daily, handover, note, todo, call, warning, hazard, log, key, db, backup, watch, who",
                   "没有命令“rooster”（是否要输入“roster”？）；可用命令：init, roster, incident, bulletin, daily, "
                   "handover, note, todo, call, warning, hazard, log, key, db, backup, watch, who", "duty")
        self.check(["roster", "bild"],
                   "unknown command 'bild' for 'roster' (did you mean 'build'?); expected one of: build, check, "
                   "stats, publish, show, next, swap, cover, history, replan, holidays, balance",
                   "“roster”没有命令“bild”（是否要输入“build”？）；可用命令：build, check, stats, publish, show, "
                   "next, swap, cover, history, replan, holidays, balance", "duty roster")
        self.check(["log"], "missing command for 'log'; expected one of: verify, rebuild, checkpoint",
                   "“log”缺少命令；可用命令：verify, rebuild, checkpoint", "duty log")
        self.check(["db", "kopy"], "unknown command 'kopy' for 'db' (did you mean 'copy'?); expected one of: init, "
                   "migrate, copy",
                   "“db”没有命令“kopy”（是否要输入“copy”？）；可用命令：init, migrate, copy", "duty db")

    def test_values_missing_out_of_range_or_not_numbers(self):
        self.check(["who", "--at"], "--at needs a value", "--at需要一个值", "duty who")
        self.check(["roster", "next", "x", "--count", "0"], "--count: '0' is out of range; expected 1 to 10000",
                   "--count：“0”超出范围，应在1至10000之间", "duty roster next")
        self.check(["roster", "next", "x", "--count", "many"], "--count: 'many' is not a whole number",
                   "--count：“many”不是整数", "duty roster next")
        self.check(["roster", "stats", "--year", "20x6"], "--year: '20x6' is not a whole number",
                   "--year：“20x6”不是整数", "duty roster stats")

    def test_required_unexpected_and_excluded(self):
        self.check(["backup"], "FILE is required", "缺少必填项FILE", "duty backup")
        self.check(["backup", "a", "b"], "unexpected argument 'b' for 'backup'", "“backup”不接受多余的参数“b”",
                   "duty backup")
        self.check(["roster", "cover", "2026-12-06", "leader", "x", "--reason", "r"], "--by is required",
                   "缺少必填项--by", "duty roster cover")
        self.check(["incident", "list", "--open", "--closed"], "--open cannot be used with --closed",
                   "--open不能与--closed同时使用", "duty incident list")


class MessagesInBothLanguagesTest(DutyTest):
    def test_init_and_a_command_error_in_both_languages(self):
        r = self.duty("init", "ws", "--locale", "en")
        self.assertExit(r, 0)
        self.assertRegex(r.out, r"^created the office workspace .*ws\nlog signing key fingerprint: [0-9a-f]{64}\n$")
        r = self.duty("init", "ws2", env=ZH)
        self.assertRegex(r.out, r"^已创建值班室工作区：.*ws2\n日志签名密钥指纹：[0-9a-f]{64}\n$")
        for env, expected in ((None, "duty: error: ws/office.yaml already exists; nothing was changed\n"),
                              (ZH, "duty: 错误：ws/office.yaml 已存在；未作任何更改\n")):
            r = self.duty("init", "ws", env=env)
            self.assertExit(r, 2)
            self.assertEqual(r.err, expected)
        count_bad_input(2)

    def test_a_zh_cn_office_speaks_chinese_unless_duty_lang_says_otherwise(self):
        self.assertExit(self.duty("init", "ws", env=ZH), 0)
        r = self.duty("--office", "ws", "roster", "next", "nobody", env=NO_LANG)
        self.assertExit(r, 2)
        self.assertIn("尚未发布排班；请用“duty roster publish”发布", r.err)
        r = self.duty("--office", "ws", "roster", "next", "nobody")
        self.assertIn("no roster is published yet; publish one with 'duty roster publish'", r.err)
        r = self.duty("roster", "holidays", "20x6", env=ZH)
        self.assertEqual(r.err, "duty: 错误：YEAR：“20x6”不是年份；应为四位数字，如 2026\n")
        count_bad_input(3)

    def test_a_binary_without_its_catalogue_says_so_instead_of_switching_to_english(self):
        # Copied on its own to a desk PC: no ../locale nor ../share/locale beside it.
        lonely = self.tmp / "desk" / "bin"
        lonely.mkdir(parents=True)
        shutil.copy2(BIN, lonely / "duty")
        self.assertExit(self.duty("init", "ws", env=ZH), 0)
        env = dict(self.base_env(), DUTY_LANG="", LC_ALL="", LANG="")
        env.pop("DUTY_LOCALEDIR", None)
        proc = subprocess.run([lonely / "duty", "--office", "ws", "roster", "next", "nobody"], cwd=self.tmp,
                              env=env, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        installed = pathlib.Path("/usr/local/share/locale/zh_CN/LC_MESSAGES/duty.mo").exists()
        if not installed:
            self.assertIn("duty: warning: the Chinese messages (zh_CN/LC_MESSAGES/duty.mo) are not installed", proc.stderr)
            self.assertIn("no roster is published yet", proc.stderr)
        # Never English without a word: either Chinese or the warning.
        self.assertTrue("尚未发布排班" in proc.stderr or "are not installed" in proc.stderr, proc.stderr)
        catalogue = pathlib.Path(BIN).resolve().parent.parent / "locale"
        proc = subprocess.run([lonely / "duty", "--office", "ws", "roster", "next", "nobody"], cwd=self.tmp,
                              env=dict(env, DUTY_LOCALEDIR=str(catalogue)), capture_output=True, text=True)
        self.assertIn("尚未发布排班；请用“duty roster publish”发布", proc.stderr)
        self.assertNotIn("warning", proc.stderr)
        count_bad_input(2)

    def test_the_english_detector_finds_sentences_and_skips_data(self):
        self.assertEqual(english_sentences("duty: 错误：no roster is published yet"), ["no roster is published yet"])
        self.assertEqual(english_sentences("duty: 错误：roster.yaml:3:5：未知岗位“night shift officer”；可用岗位：a, b, c"), [])
        self.assertEqual(english_sentences("    slots: [night shift officer]\n    ^"), [])
        self.assertEqual(english_sentences("duty: 错误：--from 需要 --to；YAML 语法错误"), [])
        self.assertEqual(english_sentences("duty: 错误：ws/office.yaml: unknown key here"), ["unknown key here"])
        people = "duty: 错误：PERSON: 未知的人员“off-z”（是否指 Officer A (off-a), Officer B (off-b)或Officer D (off-d)？）"
        self.assertEqual(english_sentences(people), [])
        self.assertEqual(english_sentences("duty: 错误：PERSON: 有两人同名：Officer A (off-a), Officer A (off-b)"), [])
        self.assertEqual(english_sentences("duty: 错误：office.yaml:11:29: loss_at_least应为数字，实际为“1e999”"), [])
        self.assertEqual(english_sentences("duty: 错误：the person was refused (off-a)"), ["the person was"])
        self.assertEqual(english_sentences("duty: 错误：loss_at_least must be a number"), ["must be a number"])


def tearDownModule():
    report_bad_input_cases()


if __name__ == "__main__":
    unittest.main()
