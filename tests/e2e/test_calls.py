# SPDX-License-Identifier: Apache-2.0
"""The call log (来电登记, issue 15) end to end: `duty call add`, `list` and `link`; calls on the
handover record and in the daily bulletin's counts, in both languages; hostile text, links to
missing ids and calls in the future refused with nothing written; the calls in the log's hash
chain, so `duty log verify` catches an edited call and `duty log rebuild` keeps them.

Every time is a fixed November 2026 time in the office's zone (+08:00).
"""
import os
import subprocess
import unittest

from harness import BIN, count_bad_input, report_bad_input_cases, sqlite_only
from incident_support import OFFICE_YAML, IncidentTest

ZH = {"DUTY_LANG": "zh-CN"}
ZH_ERROR = "duty: 错误："

OFFICE_ZH = OFFICE_YAML.replace("locale: en", "locale: zh-CN")


class CallTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def call(self, *args, env=None):
        """`call add` that must succeed; returns the new id."""
        r = self.d("call", "add", *args, env=env)
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        return r.out.strip()

    def calls(self, *args):
        return self.ok("call", "list", *args, "--format", "json").json()

    def event_count(self):
        return self.sql("SELECT count(*) FROM events")[0][0]

    def assertRefused(self, r, message, prefix="duty: error: "):
        """Exit 2 with exactly this one-line message (prefix: the Chinese one for a zh-CN run)."""
        self.assertExit(r, 2)
        self.assertEqual(r.err, f"{prefix}{message}\n")
        self.assertEqual(r.out, "")
        count_bad_input()


class AddAndList(CallTest):
    def test_add_prints_the_next_id_and_list_gives_every_field(self):
        a = self.call("--from", "Li Ming", "--phone", "0973-8712110", "--unit", "Zequ township",
                      "--summary", "Asked whether the road to Xike is open", "--at", "2026-11-20 09:15",
                      "--kind", "inquiry")
        b = self.call("--from", "Wang Gang", "--summary", "Smoke seen on the hill", "--at", "2026-11-20 08:50")
        c = self.d("--by-user", "ann", "call", "add", "--from", "Prefecture EMB", "--summary", "Cold wave notice",
                   "--kind", "通知", "--at", "2026-11-20 10:00", "--format", "json")
        self.assertExit(c, 0)
        self.assertEqual((a, b, c.json()["id"]), ("C-1", "C-2", "C-3"))
        rows = self.calls()
        # By the time of the call, whatever order they were logged in.
        self.assertEqual([r["id"] for r in rows], ["C-2", "C-1", "C-3"])
        first = rows[1]
        self.assertEqual(set(first), {"id", "at", "from", "phone", "unit", "kind", "summary", "by", "incident",
                                      "linked_at", "recorded_at"})
        self.assertEqual(first["at"], "2026-11-20T09:15+08:00")
        self.assertEqual((first["from"], first["phone"], first["unit"], first["kind"]),
                         ("Li Ming", "0973-8712110", "Zequ township", "inquiry"))
        self.assertEqual(first["summary"], "Asked whether the road to Xike is open")
        self.assertIsNone(first["incident"])
        self.assertIsNone(first["linked_at"])
        self.assertRegex(first["recorded_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?\+08:00$")
        # No kind given: other, never a guess.
        self.assertEqual((rows[0]["kind"], rows[0]["phone"], rows[0]["unit"]), ("other", None, None))
        self.assertEqual((rows[2]["kind"], rows[2]["by"]), ("notice", "ann"))
        self.assertEqual(c.json(), rows[2])

    def test_chinese_kinds_and_a_full_width_phone(self):
        self.call("--from", "李明", "--summary", "询问道路", "--kind", "咨询", "--phone", "（０９７３）８７１２１１０",
                  "--at", "2026-11-20 09:00")
        self.call("--from", "王刚", "--summary", "报告冒烟", "--kind", "报告", "--at", "2026-11-20 09:01")
        self.call("--from", "赵磊", "--summary", "其他事项", "--kind", "其他", "--at", "2026-11-20 09:02")
        rows = self.calls()
        self.assertEqual([r["kind"] for r in rows], ["inquiry", "report", "other"])
        self.assertEqual(rows[0]["phone"], "(0973)8712110")

    def test_filters(self):
        for at, kind in (("2026-11-19 23:00", "inquiry"), ("2026-11-20 09:00", "notice"),
                         ("2026-11-20 12:00", "inquiry"), ("2026-11-21 07:00", "report")):
            self.call("--from", "x", "--summary", "y", "--at", at, "--kind", kind)
        ids = lambda *args: [r["id"] for r in self.calls(*args)]  # noqa: E731
        self.assertEqual(ids("--from", "2026-11-20 09:00", "--to", "2026-11-20 12:00"), ["C-2", "C-3"])
        self.assertEqual(ids("--kind", "inquiry"), ["C-1", "C-3"])
        self.assertEqual(ids("--kind", "咨询", "--from", "2026-11-20 00:00"), ["C-3"])
        self.assertEqual(ids("--to", "2026-11-19 22:59"), [])

    def test_csv_and_table(self):
        self.call("--from", "=HYPERLINK(\"x\")", "--phone", "+86 138 0013 8000", "--summary", "a, \"quoted\" line",
                  "--at", "2026-11-20 09:00", "--kind", "report")
        r = self.ok("call", "list", "--format", "csv")
        lines = r.out.splitlines()
        self.assertEqual(lines[0], "id,at,from,phone,unit,kind,summary,by,incident,linked_at,recorded_at")
        self.assertTrue(lines[1].startswith("C-1,2026-11-20T09:00+08:00,\"'=HYPERLINK(\"\"x\"\")\",'+86 138 0013 8000,,"
                                            "report,\"a, \"\"quoted\"\" line\","), lines[1])
        # Text unless --format asks otherwise, even into a pipe.
        table = self.ok("call", "list").out.splitlines()
        self.assertEqual(table[0].split(), ["ID", "Time", "Kind", "Caller", "Caller's", "unit", "Phone", "Call",
                                            "summary", "Taken", "by", "Incident"])
        self.assertIn("C-1", table[1])
        self.assertIn("report", table[1])
        zh = self.d("call", "list", env=ZH)
        self.assertExit(zh, 0)
        self.assertEqual(zh.out.splitlines()[0].split(),
                         ["编号", "时间", "类型", "来电人", "来电单位", "电话", "电话内容", "受话人", "事件"])
        self.assertIn("报告", zh.out.splitlines()[1])

    def test_an_empty_log_lists_nothing(self):
        self.assertEqual(self.calls(), [])

    def test_help_in_both_languages(self):
        en = self.duty("call", "add", "--help")
        self.assertExit(en, 0)
        self.assertIn("Who called", en.out)
        zh = self.duty("call", "add", "--help", env=ZH)
        self.assertExit(zh, 0)
        self.assertIn("来电人", zh.out)
        self.assertNotIn("Who called", zh.out)
        top = self.duty("--help")
        self.assertIn("call", top.out)


class Link(CallTest):
    def setUp(self):
        super().setUp()
        self.inc = self.add("--title", "Fire at Zequ market", "--category", "fire", "--received", "2026-11-20 09:05")
        self.other = self.add("--title", "Road accident", "--category", "road-traffic",
                              "--received", "2026-11-20 11:00")
        self.c = self.call("--from", "Li Ming", "--summary", "Smoke at the market", "--kind", "report",
                           "--at", "2026-11-20 09:03")

    def test_link_once(self):
        r = self.ok("call", "link", self.c, self.inc)
        self.assertEqual(r.out, f"C-1 linked to {self.inc}\n")
        row = self.calls()[0]
        self.assertEqual(row["incident"], self.inc)
        self.assertIsNotNone(row["linked_at"])
        before = self.event_count()
        self.assertRefused(self.d("call", "link", self.c, self.inc),
                           f"C-1 is already linked to {self.inc} (since {row['linked_at'][:10]} "
                           f"{row['linked_at'][11:16]})")
        r = self.d("call", "link", self.c, self.other)
        self.assertExit(r, 2)
        self.assertIn(f"C-1 is already linked to incident {self.inc}", r.err)
        count_bad_input()
        zh = self.d("call", "link", self.c, self.other, env=ZH)
        self.assertExit(zh, 2)
        self.assertIn(f"C-1已关联事件{self.inc}", zh.err)
        self.assertIn("一次来电只能关联一起事件", zh.err)
        count_bad_input()
        self.assertEqual(self.event_count(), before)

    def test_links_to_missing_ids(self):
        before = self.event_count()
        self.assertRefused(self.d("call", "link", "C-9", self.inc), "no call 'C-9'; 'duty call list' shows them")
        self.assertRefused(self.d("call", "link", self.c, "2026-0099"),
                           "no incident '2026-0099'; 'duty incident list' shows them")
        # An incident's id is no call, a call's id no incident.
        self.assertRefused(self.d("call", "link", self.inc, self.inc),
                           f"no call '{self.inc}'; 'duty call list' shows them")
        self.assertRefused(self.d("call", "link", self.c, self.c),
                           "no incident 'C-1'; 'duty incident list' shows them")
        self.assertRefused(self.d("call", "link", self.c, self.inc, "--at", "2026-11-20 09:00"),
                           "--at: 2026-11-20 09:00 is before the call came in (2026-11-20 09:03)")
        r = self.d("call", "link", self.c, self.inc, "--at", "2099-01-01 00:00")
        self.assertExit(r, 2)
        self.assertIn("--at: 2099-01-01 00:00 is in the future", r.err)
        count_bad_input()
        self.assertRefused(self.d("call", "link", "C-9", self.inc, env=ZH),
                           "没有来电“C-9”；用“duty call list”查看来电登记", ZH_ERROR)
        self.assertEqual(self.event_count(), before)

    @sqlite_only("a workspace without its store file; a PostgreSQL store always exists once `db init` ran")
    def test_link_needs_an_existing_log(self):
        fresh = self.make_workspace(where=self.tmp / "fresh")
        (fresh / "duty.db").unlink()
        r = self.d("call", "link", "C-1", "2026-0001", ws=fresh)
        self.assertExit(r, 4)
        self.assertIn("no store at", r.err)
        self.assertFalse((fresh / "duty.db").exists())


class BadInput(CallTest):
    def assertNothingWritten(self):
        self.assertEqual(self.event_count(), 0, "a refused call wrote to the log")

    def test_a_call_in_the_future(self):
        r = self.d("call", "add", "--from", "x", "--summary", "y", "--at", "2099-01-01 08:00")
        self.assertExit(r, 2)
        self.assertRegex(r.err, r"^duty: error: --at: 2099-01-01 08:00 is in the future \(now is "
                                r"\d{4}-\d\d-\d\d \d\d:\d\d\); calls are logged when they come in\n$")
        count_bad_input()
        zh = self.d("call", "add", "--from", "x", "--summary", "y", "--at", "2099-01-01 08:00", env=ZH)
        self.assertExit(zh, 2)
        self.assertRegex(zh.err, r"^duty: 错误：--at: 2099-01-01 08:00晚于现在（现在是[-\d :]+）；来电应在接听时登记\n$")
        count_bad_input()
        self.assertNothingWritten()

    def test_required_and_empty_fields(self):
        r = self.d("call", "add", "--summary", "y")
        self.assertExit(r, 2)
        self.assertIn("--from", r.err)
        count_bad_input()
        self.assertRefused(self.d("call", "add", "--from", " ", "--summary", "y"), "--from: cannot be empty")
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", ""), "--summary: cannot be empty")
        self.assertRefused(self.d("call", "add", "--from", "", "--summary", "y", env=ZH), "--from: 不能为空", ZH_ERROR)
        self.assertNothingWritten()

    def test_unknown_kind_and_format(self):
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", "y", "--kind", "inquiri"),
                           "--kind: unknown kind 'inquiri' (did you mean 'inquiry'?); expected inquiry, notice, "
                           "report or other (咨询, 通知, 报告, 其他)")
        self.assertRefused(self.d("call", "list", "--kind", "notics"),
                           "--kind: unknown kind 'notics' (did you mean 'notice'?); expected inquiry, notice, "
                           "report or other (咨询, 通知, 报告, 其他)")
        self.assertRefused(self.d("call", "list", "--format", "xml"),
                           "--format: unknown format 'xml'; expected table, json or csv")
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", "y", "--format", "csv"),
                           "--format: unknown format 'csv'; expected text or json")
        self.assertRefused(self.d("call", "list", "--from", "2026-11-20 10:00", "--to", "2026-11-20 09:00"),
                           "--to: 2026-11-20 09:00 is before --from (2026-11-20 10:00)")
        self.assertNothingWritten()

    def test_phones_that_are_not_phones(self):
        for phone, message in (
                ("call me", "'call me' is not a phone number: use digits, with spaces, '-', '+', parentheses, and "
                            "转 before an extension (e.g. 0371-12345678转8001)"),
                ("12", "'12' is not a phone number: it has 2 digits (from 3 to 20 are accepted)"),
                ("1" * 21, f"'{'1' * 21}' is not a phone number: it has 21 digits (from 3 to 20 are accepted)"),
                ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0' is not a phone number: use digits, with spaces, "
                                       "'-', '+', parentheses, and 转 before an extension (e.g. 0371-12345678转8001)")):
            with self.subTest(phone=phone):
                self.assertRefused(self.d("call", "add", "--from", "x", "--summary", "y", "--phone", phone),
                                   f"--phone: {message}")
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", "y", "--phone", "12", env=ZH),
                           "--phone: “12”不是电话号码：共2位数字（应为3至20位）", ZH_ERROR)
        self.assertNothingWritten()

    def test_hostile_text(self):
        cases = {
            "--from": ("Li\x1b[2JMing", "contains the control character U+001B"),
            "--unit": ("Zequ\nVillage", "contains a line break (U+000A)"),
            "--summary": ("ok\x07bell", "contains the control character U+0007"),
            "--phone": ("0973\x1b8712110", "contains the control character U+001B"),
        }
        for option, (text, start) in cases.items():
            with self.subTest(option=option):
                args = {"--from": "x", "--summary": "y"}
                args[option] = text
                flat = [a for kv in args.items() for a in kv]
                r = self.d("call", "add", *flat)
                self.assertExit(r, 2)
                self.assertTrue(r.err.startswith(f"duty: error: {option}: {start}"), r.err)
                self.assertNotIn("\x1b", r.err)
                count_bad_input()
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", "pay \u202egnp.exe"),
                           "--summary: contains the bidirectional control character U+202E, which makes printed "
                           "text read differently from what is stored; remove it")
        # Invalid UTF-8, straight from the command line.
        p = subprocess.run([BIN, "--office", str(self.ws), "call", "add", "--from", "x", "--summary",
                            b"Lat\xe9 \xff\xfe"], capture_output=True,
                           env={**os.environ, "LC_ALL": "C.UTF-8", "DUTY_LANG": "en"})
        self.assertEqual(p.returncode, 2, p)
        self.assertEqual(p.stderr, b"duty: error: --summary: is not valid UTF-8 text\n")
        count_bad_input()
        # Too long: a name of 201 characters, a summary past 64 KiB.
        self.assertRefused(self.d("call", "add", "--from", "泽" * 201, "--summary", "y"),
                           "--from: is too long (201 characters; the limit is 200)")
        r = self.d("call", "add", "--from", "x", "--summary", "s" * (64 * 1024 + 1))
        self.assertExit(r, 2)
        self.assertIn("--summary: is too long (65537 bytes", r.err)
        count_bad_input()
        self.assertNothingWritten()

    def test_text_kept_as_typed_and_escaped_in_records(self):
        summary = "Line one\n\tline two <script>alert(1)</script> & \"quotes\""
        self.call("--from", "<b>Li</b>", "--summary", summary, "--at", "2026-11-20 09:00")
        self.assertEqual(self.calls()[0]["summary"], summary)
        html = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "html").out
        self.assertNotIn("<script>", html)
        self.assertNotIn("<b>Li</b>", html)
        self.assertIn("&lt;b&gt;Li&lt;/b&gt;", html)


class Records(CallTest):
    """Calls on the handover record and in the daily bulletin, in the office's language."""

    def scenario(self):
        self.call("--from", "Li Ming", "--unit", "Zequ township", "--phone", "13900000001", "--summary",
                  "Asked about the road", "--kind", "inquiry", "--at", "2026-11-20 09:00")
        self.call("--from", "Wang Gang", "--summary", "Smoke at the market", "--kind", "report",
                  "--at", "2026-11-20 14:00")
        self.call("--from", "Zhao Lei", "--summary", "Asked again", "--kind", "inquiry", "--at", "2026-11-21 07:30")
        # Before the duty day of 20 November (it starts 08:30) and after it.
        self.call("--from", "Early", "--summary", "Night call", "--kind", "notice", "--at", "2026-11-20 08:00")
        self.call("--from", "Late", "--summary", "Next day", "--kind", "notice", "--at", "2026-11-21 09:00")
        inc = self.add("--title", "Fire at Zequ market", "--category", "fire", "--received", "2026-11-20 14:05")
        self.ok("call", "link", "C-2", inc, "--at", "2026-11-20 14:06")
        return inc

    def test_handover_lists_the_calls_of_the_shift(self):
        inc = self.scenario()
        r = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "text")
        text = r.out
        self.assertIn("7. Calls received this shift (3: inquiry 2, report 1)", text)
        self.assertIn("C-1  2026-11-20 09:00  inquiry  Li Ming (Zequ township, 13900000001): Asked about the road",
                      text)
        self.assertIn(f"C-2  2026-11-20 14:00  report  Wang Gang: Smoke at the market (became incident {inc})", text)
        self.assertIn("C-3  2026-11-21 07:30", text)
        self.assertNotIn("C-4", text)
        self.assertNotIn("C-5", text)
        ctx = self.ok("handover", "--at", "2026-11-21 08:30", "--context").json()
        self.assertEqual(ctx["calls"]["count"], 3)
        self.assertEqual(ctx["calls"]["linked"], 1)
        self.assertEqual([k["kind"] for k in ctx["calls"]["by_kind"]], ["inquiry", "report"])
        self.assertEqual([c["id"] for c in ctx["calls"]["list"]], ["C-1", "C-2", "C-3"])
        # A shift without calls says so.
        empty = self.ok("handover", "--at", "2026-11-19 08:30", "--format", "text").out
        self.assertIn("7. Calls received this shift (0)\n   None.\n", empty)

    def test_handover_in_chinese(self):
        (self.ws / "office.yaml").write_text(OFFICE_ZH, encoding="utf-8")
        inc = self.scenario()
        text = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "text").out
        self.assertIn("七、本班来电（3次：咨询2次、报告1次）", text)
        self.assertIn("C-1　2026-11-20 09:00　咨询　Zequ townshipLi Ming（13900000001）：Asked about the road", text)
        self.assertIn(f"C-2　2026-11-20 14:00　报告　Wang Gang：Smoke at the market（已转为事件{inc}）", text)
        md = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "md").out
        self.assertIn("## 七、本班来电（3次：咨询2次、报告1次）", md)
        html = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "html").out
        self.assertIn("<h2>七、本班来电（3次：咨询2次、报告1次）</h2>", html)

    def test_daily_counts_the_calls_of_the_day(self):
        self.scenario()
        text = self.ok("daily", "--date", "2026-11-20", "--format", "text").out
        self.assertIn("   Calls received: 3 (inquiry 2, report 1); incidents logged from them: 1.\n", text)
        ctx = self.ok("daily", "--date", "2026-11-20", "--context").json()
        self.assertEqual(ctx["calls"]["count"], 3)
        self.assertEqual(ctx["calls"]["by_kind_text"], "inquiry 2, report 1")
        quiet = self.ok("daily", "--date", "2026-11-18", "--format", "text").out
        self.assertIn("   Calls received: 0.\n", quiet)

    def test_daily_in_chinese(self):
        (self.ws / "office.yaml").write_text(OFFICE_ZH, encoding="utf-8")
        self.scenario()
        for fmt, line in (("text", "　　值班期间接听来电3次（咨询2次、报告1次），其中1次转为突发事件。\n"),
                          ("md", "- 值班期间接听来电3次（咨询2次、报告1次），其中1次转为突发事件。\n"),
                          ("html", '<p class="indent">值班期间接听来电3次（咨询2次、报告1次），其中1次转为突发事件。</p>')):
            with self.subTest(format=fmt):
                self.assertIn(line, self.ok("daily", "--date", "2026-11-20", "--format", fmt).out)
        quiet = self.ok("daily", "--date", "2026-11-18", "--format", "text").out
        self.assertIn("　　值班期间接听来电0次。\n", quiet)


class Log(CallTest):
    def test_calls_are_in_the_chain_and_verify_catches_an_edit(self):
        self.call("--from", "Li Ming", "--summary", "Asked about the road", "--at", "2026-11-20 09:00")
        inc = self.add("--title", "Fire", "--category", "fire", "--received", "2026-11-20 09:05")
        self.ok("call", "link", "C-1", inc)
        # (The first write also records office.yaml's reporting rules.)
        rows = self.sql("SELECT seq, type, subject FROM events WHERE type IN ('call', 'created', 'call-link') "
                        "ORDER BY seq")
        self.assertEqual([(t, s) for _, t, s in rows], [("call", "C-1"), ("created", inc), ("call-link", "C-1")])
        seq = rows[0][0]
        self.ok("log", "verify")
        rebuilt = self.ok("log", "rebuild")
        self.assertEqual(rebuilt.err, "")
        self.assertEqual(self.calls()[0]["incident"], inc)
        self.sql("UPDATE events SET data = replace(data, 'Asked about', 'Never asked about') WHERE seq = ?", seq)
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertIn(f"event {seq} (call C-1) was changed after it was written", r.err + r.out)
        self.assertExit(self.d("log", "rebuild"), 1)

    def test_ids_are_never_reused(self):
        for i in range(3):
            self.call("--from", f"caller {i}", "--summary", "s", "--at", f"2026-11-20 0{9 - i}:00")
        self.assertRefused(self.d("call", "add", "--from", "x", "--summary", ""), "--summary: cannot be empty")
        self.assertEqual(self.call("--from", "next", "--summary", "s"), "C-4")


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
