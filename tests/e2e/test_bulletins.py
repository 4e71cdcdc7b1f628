# SPDX-License-Identifier: Apache-2.0
"""Bulletins, the daily bulletin and the handover record end to end (issue 4): every built-in
template in both languages against golden files, office overrides, --template, --context,
partials, template errors, HTML escaping, and notes, pending items and leaders' instructions
carried across handovers until done.

The scenario uses fixed November 2026 times in the office's zone (+08:00). The only moment that
depends on the clock, when a bulletin was generated, is replaced by <NOW> before comparing.
Set DUTY_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
"""
import datetime
import json
import os
import re
import unittest

from harness import DATA
from incident_support import IncidentTest

GOLDEN = DATA / "bulletins"

OFFICE = {
    "zh-CN": """\
office:
  name: 泽库县应急管理局值班室
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: zh-CN
  unit: 泽库县应急管理局
  signer: 多杰才让
  contact: 值班室 0973-8712110
chain:
  - {id: prefecture, name: 黄南州应急管理局, phone: "0973-8722110"}
  - {id: province, name: 青海省应急管理厅}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "国务院令第493号第十一条"}
  - {match: {severity: [I, II, III]}, to: [province], via: phone, within: 30m, basis: "省级规定"}
  - {match: {deaths_at_least: 1}, to: [prefecture], via: phone, within: 30m, basis: "有人员死亡"}
bulletin:
  main: [黄南州应急管理局]
  copy: [泽库县委办公室, 泽库县人民政府办公室]
""",
    "en": """\
office:
  name: Zeku County EMB Duty Office
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
  unit: Zeku County Emergency Management Bureau
  signer: Dorje Tsering
  contact: Duty office 0973-8712110
chain:
  - {id: prefecture, name: Huangnan Prefecture EMB, phone: "0973-8722110"}
  - {id: province, name: Qinghai Provincial EMD}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "Order 493 Art. 11"}
  - {match: {severity: [I, II, III]}, to: [province], via: phone, within: 30m, basis: "provincial rule"}
  - {match: {deaths_at_least: 1}, to: [prefecture], via: phone, within: 30m, basis: "deaths"}
bulletin:
  main: [Huangnan Prefecture EMB]
  copy: [County Party Committee Office, County Government Office]
""",
}

TEXT = {
    "zh-CN": {"title": "泽曲镇滑坡", "location": "泽曲镇西科村", "source": "泽曲镇政府 李明 13900000001",
              "note": "山体滑坡冲毁民房两间", "actions": "疏散群众12户", "update": "搜救中发现两名遇难者，现场已设警戒",
              "close": "搜救结束，善后工作由泽曲镇负责", "second": "麦秀镇道路交通事故", "instr": "全力搜救，妥善安置受灾群众",
              "leader": "县长", "scene": "副县长王刚14:40赶到现场指挥处置", "todo": "核实受灾户数", "owner": "值班员一", "note2": "州局来电询问伤亡情况"},
    "en": {"title": "Landslide at Zequ", "location": "Xike village, Zequ", "source": "Zequ township, Li Ming 13900000001",
           "note": "A landslide destroyed two houses", "actions": "12 households evacuated",
           "update": "Two victims found during the search; scene cordoned off",
           "close": "Search over; Zequ township handles the aftermath", "second": "Road accident at Maixiu",
           "instr": "Search with every means; house the people affected", "leader": "County head",
           "scene": "Deputy county head Wang Gang on site from 14:40",
           "todo": "Verify the number of households affected", "owner": "Officer 1",
           "note2": "Prefecture called about casualties"},
}


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def now_strings():
    """Local +08:00 minute stamps around now, plain and official (12月7日9时05分, 7 December 2026
    09:05, 2026年12月7日): what <NOW> and <TODAY> stand for, longest first."""
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    stamps = set()
    for t in (now + datetime.timedelta(minutes=d) for d in (-1, 0, 1)):
        stamps.add(t.strftime("%Y-%m-%d %H:%M"))
        # Official times carry their year when it is not the year of the scenario (2026).
        year_zh = "" if t.year == 2026 else f"{t.year}年"
        year_en = "" if t.year == 2026 else f" {t.year}"
        stamps.add(f"{year_zh}{t.month}月{t.day}日{t.hour}时{t.minute:02d}分")
        stamps.add(f"{t.day} {MONTHS[t.month - 1]}{year_en} {t.hour:02d}:{t.minute:02d}")
    return sorted(stamps, key=len, reverse=True)


def today_strings():
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    return [f"{now.year}年{now.month}月{now.day}日", f"{now.day} {MONTHS[now.month - 1]} {now.year}"]


class BulletinTest(IncidentTest):
    def scenario(self, locale):
        """Two incidents of 20 November 2026 and what happened to them, plus the carried items."""
        t = TEXT[locale]
        self.make_workspace(OFFICE[locale])
        a = self.add("--title", t["title"], "--category", "geological", "--occurred", "2026-11-20 13:50",
                     "--received", "2026-11-20 14:05", "--location", t["location"], "--source", t["source"],
                     "--by", "ann", "--deaths", "1", "--injured", "2", "--loss", "12.5", "--note", t["note"],
                     "--actions", t["actions"])
        self.ok("incident", "escalate", a, "--to", "prefecture", "--via", "phone", "--at", "2026-11-20 14:20")
        self.ok("incident", "update", a, "--deaths", "3", "--at", "2026-11-20 15:00", "--note", t["update"],
                "--leaders-on-scene", t["scene"])
        self.ok("incident", "escalate", a, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 15:30")
        self.ok("incident", "escalate", a, "--to", "province", "--via", "phone", "--at", "2026-11-20 15:45")
        b = self.add("--title", t["second"], "--category", "road-traffic", "--received", "2026-11-20 22:10",
                     "--injured", "1", "--note", t["note2"])
        self.ok("incident", "instruct", a, "--from", t["leader"], "--text", t["instr"], "--due", "2026-11-21 12:00",
                "--at", "2026-11-20 16:00")
        self.ok("todo", "add", t["todo"], "--owner", t["owner"], "--due", "2026-11-21 18:00", "--incident", a,
                "--at", "2026-11-20 17:00")
        self.ok("--by-user", "ann", "note", "add", t["note2"], "--at", "2026-11-20 20:00")
        self.ok("incident", "close", a, "--at", "2026-11-21 07:00", "--note", t["close"])
        return a, b

    def normalise(self, text):
        for stamp in now_strings():
            text = text.replace(stamp, "<NOW>")
        for stamp in today_strings():
            text = text.replace(stamp, "<TODAY>")
        # Event hashes cover the clock's recorded_at: the log check line keeps its event number.
        return re.sub(r"(日志校验：第\d+条 |Log check: event \d+ )[0-9a-f]{12}", r"\1<HASH>", text)

    def check_golden(self, name, text):
        path = GOLDEN / name
        text = self.normalise(text)
        if os.environ.get("DUTY_UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self.assertEqual(text, path.read_text(encoding="utf-8"), f"differs from {path}")


class GoldenTest(BulletinTest):
    def check_locale(self, locale):
        a, _ = self.scenario(locale)
        cases = {
            "initial": ["bulletin", a, "--kind", "initial"],
            "followup": ["bulletin", a, "--kind", "followup", "--number", "1"],
            "final": ["bulletin", a, "--kind", "final"],
            "daily": ["daily", "--date", "2026-11-20"],
            "handover": ["handover", "--at", "2026-11-21 08:30"],
        }
        for kind, args in cases.items():
            formats = ["text", "html"] + (["md"] if kind in ("daily", "handover") else [])
            for fmt in formats:
                with self.subTest(kind=kind, format=fmt):
                    r = self.d(*args, "--format", fmt)
                    self.assertExit(r, 0)
                    self.assertEqual(r.err, "")
                    ext = {"text": "txt", "html": "html", "md": "md"}[fmt]
                    self.check_golden(f"{locale}/{kind}.{ext}", r.out)
                    if fmt == "html":
                        self.assertTrue(r.out.startswith("<!DOCTYPE html>"))
                        self.assertIn("@page { size: A4;", r.out)
                        self.assertTrue(r.out.rstrip().endswith("</html>"))

    def test_zh(self):
        self.check_locale("zh-CN")

    def test_en(self):
        self.check_locale("en")


class BulletinCommandTest(BulletinTest):
    def setUp(self):
        super().setUp()
        self.a, self.b = self.scenario("zh-CN")

    def test_contents(self):
        out = self.ok("bulletin", self.a, "--kind", "initial").out
        # What was known when the first report came in: 1 death, not the 3 of the follow-up.
        self.assertIn("人员伤亡：死亡1人、受伤2人", out)
        self.assertIn("接报时间：11月20日14时05分（接报人：ann）", out)
        self.assertIn("事发时间：11月20日13时50分", out)
        self.assertIn("签发人：多杰才让", out)
        self.assertIn("黄南州应急管理局：", out)
        out = self.ok("bulletin", self.a, "--kind", "followup").out
        self.assertIn("关于泽曲镇滑坡的续报一", out)
        self.assertIn("死亡：1 → 3", out)
        self.assertIn("级别：一般 → 较大", out)
        self.assertNotIn("受伤：", out)  # unchanged figures are not repeated
        out = self.ok("bulletin", self.a, "--kind", "final", "--to", "province").out
        self.assertIn("青海省应急管理厅：", out)
        self.assertIn("11月20日15时00分　续报一：搜救中发现两名遇难者", out)

    def test_default_kind_is_the_latest_report(self):
        self.assertIn("的终报", self.ok("bulletin", self.a).out)
        self.assertIn("的首报", self.ok("bulletin", self.b).out)
        self.ok("incident", "update", self.b, "--at", "2026-11-20 23:00", "--note", "伤员已送医")
        self.ok("incident", "update", self.b, "--at", "2026-11-20 23:30", "--note", "道路恢复通行")
        self.assertIn("的续报二", self.ok("bulletin", self.b).out)
        self.assertIn("的续报一", self.ok("bulletin", self.b, "--number", "1").out)

    def test_bad_requests(self):
        cases = [
            (["bulletin", "2026-0099"], "no incident '2026-0099'"),
            (["bulletin", self.b, "--kind", "final"], "still open"),
            (["bulletin", self.b, "--kind", "followup"], "has no follow-up yet"),
            (["bulletin", self.a, "--kind", "followup", "--number", "2"], "--number: incident 2026-0001 has follow-ups 1 to 1"),
            (["bulletin", self.a, "--kind", "nope"], "--kind: unknown kind 'nope'"),
            (["bulletin", self.a, "--to", "county"], "--to: unknown organisation 'county'"),
            (["bulletin", self.a, "--format", "pdf"], "--format: unknown format 'pdf'"),
            (["bulletin", self.a, "--record-sent"], "--record-sent needs --via"),
            (["bulletin", self.a, "--via", "phone"], "--via is only used with --record-sent"),
            (["daily", "--date", "2026-13-01"], "--date: '2026-13-01' is not a valid date"),
            (["daily", "--date", "2099-01-01"], "has not begun yet"),
            (["handover", "--at", "2099-01-01 08:30"], "is in the future"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                self.assertEqual(r.out, "")

    def test_missing_template_lists_the_names(self):
        r = self.d("bulletin", self.a, "--format", "md")
        self.assertExit(r, 2)
        self.assertIn("there is no template 'final.zh-CN.md'; available: ", r.err)
        self.assertIn("daily.zh-CN.md", r.err)
        self.assertIn("final.zh-CN.txt", r.err)

    def test_record_sent(self):
        before = self.show(self.b)
        self.assertIsNone(before["requirements"][0]["made_at"])
        out = self.tmp / "b.txt"
        r = self.d("bulletin", self.b, "--record-sent", "--via", "written", "-o", out)
        self.assertExit(r, 0)
        self.assertIn("的首报", out.read_text(encoding="utf-8"))
        after = self.show(self.b)
        self.assertIsNotNone(after["requirements"][0]["made_at"])
        self.assertEqual(after["events"][-1]["type"], "escalation")
        self.assertEqual(after["events"][-1]["to"], "prefecture")
        self.assertEqual(after["events"][-1]["note"], "发送首报")
        # A report that cannot be written out is not recorded as sent.
        r = self.d("bulletin", self.a, "--record-sent", "--via", "fax", "-o", self.tmp / "missing" / "x.txt")
        self.assertExit(r, 4)
        self.assertNotIn("fax", [e.get("via") for e in self.show(self.a)["events"]])
        self.assertExit(self.d("log", "verify"), 0)

    def test_context_json(self):
        c = self.ok("daily", "--date", "2026-11-20", "--context").json()
        self.assertEqual(c["bulletin"]["issue"], 324)
        self.assertEqual(c["bulletin"]["from"], "2026-11-20 08:30")
        self.assertEqual(c["counts"]["total"], 2)
        self.assertEqual(c["counts"]["deaths"], 3)
        self.assertFalse(c["nil_report"])
        self.assertFalse(c["on_duty"]["published"])
        self.assertEqual([i["id"] for i in c["incidents"]], [self.a, self.b])
        self.assertEqual(c["recipients"]["main"], ["黄南州应急管理局"])
        self.assertEqual(c["instructions"][0]["leader"], "县长")
        self.assertFalse(c["instructions"][0]["done"])
        c = self.ok("bulletin", self.a, "--kind", "followup", "--context").json()
        self.assertEqual(c["report"]["label"], "续报一")
        self.assertEqual(c["followup"]["changes"][0], {"field": "severity", "label": "级别", "before": "一般",
                                                       "after": "较大"})
        c = self.ok("handover", "--at", "2026-11-21 08:30", "--context").json()
        self.assertEqual(c["outgoing"]["from"], "2026-11-20 08:30")
        self.assertEqual(c["incoming"]["to"], "2026-11-22 08:30")
        self.assertEqual([i["id"] for i in c["received"]], [self.a, self.b])
        self.assertEqual([i["id"] for i in c["open_incidents"]], [self.b])

    def test_nil_report_and_no_roster(self):
        out = self.ok("daily", "--date", "2026-11-25").out
        self.assertIn("零报告：无重大突发事件。", out)
        self.assertIn("2026年第329期", out)
        self.assertIn("值班表未发布", out)
        out = self.ok("handover", "--at", "2026-11-26 08:30").out
        self.assertIn("值班表未发布", out)

    def test_daily_is_stable_and_writes_nothing(self):
        self.assertExit(self.d("log", "verify"), 0)
        first = self.ok("daily", "--date", "2026-11-20").out
        events = self.ok("log", "verify").out
        self.assertEqual(self.normalise(first), self.normalise(self.ok("daily", "--date", "2026-11-20").out))
        self.assertEqual(events, self.ok("log", "verify").out)


class TemplateTest(BulletinTest):
    def setUp(self):
        super().setUp()
        self.a, self.b = self.scenario("zh-CN")

    def test_office_override(self):
        self.write("ws/templates/daily.zh-CN.txt", "本室日报 第{{bulletin.issue}}期 {{counts.total}}起\n")
        # A template that leaves out the log check line gets it added at the end.
        self.assertEqual(self.normalise(self.ok("daily", "--date", "2026-11-20").out),
                         "本室日报 第324期 2起\n日志校验：第11条 <HASH>\n")
        # Other kinds still use the built-in templates.
        self.assertIn("交接班记录", self.ok("handover", "--at", "2026-11-21 08:30").out)

    def test_template_file_and_partials(self):
        self.write("ws/templates/_sig.txt", "签发：{{office.signer}}\n")
        self.write("mine.txt", "{{incident.id}} {{report.label}}\n{{> _sig.txt}}")
        self.assertEqual(self.normalise(self.ok("bulletin", self.a, "--template", self.tmp / "mine.txt").out),
                         f"{self.a} 终报\n签发：多杰才让\n日志校验：第11条 <HASH>\n")
        # A built-in partial can be used too, and an HTML template gets HTML escaping.
        self.write("page.html", "{{> _style.html}}<p>{{incident.title}}</p>\n")
        out = self.ok("bulletin", self.a, "--template", self.tmp / "page.html").out
        self.assertIn("@page { size: A4;", out)

    def test_partial_names_stay_inside_the_folders(self):
        self.write("secret.txt", "SECRET\n")
        for name in ("../secret.txt", "/etc/passwd", "sub/x.txt"):
            with self.subTest(name=name):
                self.write("t.txt", "a\n{{> " + name + "}}\n")
                r = self.d("bulletin", self.a, "--template", self.tmp / "t.txt")
                self.assertExit(r, 2)
                self.assertIn("t.txt:2:1: '" + name + "' is not a template name", r.err)
                self.assertNotIn("SECRET", r.out)

    def test_unknown_and_recursive_partials(self):
        self.write("t.txt", "x {{> nope.txt}}\n")
        r = self.d("bulletin", self.a, "--template", self.tmp / "t.txt")
        self.assertExit(r, 2)
        self.assertIn("t.txt:1:3: there is no template 'nope.txt'; available: ", r.err)
        self.write("ws/templates/loop.txt", "{{> loop.txt}}")
        r = self.d("bulletin", self.a, "--template", self.ws / "templates" / "loop.txt")
        self.assertExit(r, 2)
        self.assertIn("includes itself", r.err)

    def test_syntax_errors_name_file_line_and_column(self):
        cases = [
            ("ok line\n  {{#incident}}\n{{title}}\n", "bad.txt:2:3: section 'incident' is opened here but never closed"),
            ("a\nb {{/incident}}\n", "bad.txt:2:3: {{/incident}} closes a section that is not open"),
            ("a\nb\nc {{incident.title\n", "bad.txt:3:3: unclosed tag"),
        ]
        for text, message in cases:
            with self.subTest(text=text):
                self.write("bad.txt", text)
                r = self.d("bulletin", self.a, "--template", self.tmp / "bad.txt")
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
                self.assertEqual(r.out, "")
        # In an office template the message names that file; in a partial, the partial.
        self.write("ws/templates/daily.zh-CN.txt", "{{#x}}\n")
        r = self.d("daily", "--date", "2026-11-20")
        self.assertExit(r, 2)
        self.assertIn("templates/daily.zh-CN.txt:1:1: section 'x'", r.err)
        self.write("ws/templates/_p.txt", "\n\n{{/y}}")
        self.write("t.txt", "{{> _p.txt}}\n")
        r = self.d("daily", "--date", "2026-11-20", "--template", self.tmp / "t.txt")
        self.assertExit(r, 2)
        self.assertIn("templates/_p.txt:3:1: {{/y}} closes a section", r.err)

    def test_template_file_must_exist(self):
        r = self.d("daily", "--template", self.tmp / "none.txt")
        self.assertExit(r, 2)
        self.assertIn("--template: no such file", r.err)


class EscapingTest(BulletinTest):
    def test_html_escapes_every_value(self):
        self.make_workspace(OFFICE["en"])
        nasty = "<script>alert(1)</script>&\"'"
        a = self.add("--title", nasty, "--category", "fire", "--received", "2026-11-20 10:00", "--location", nasty,
                     "--note", nasty)
        self.ok("incident", "instruct", a, "--from", nasty, "--text", nasty, "--at", "2026-11-20 11:00")
        self.ok("note", "add", nasty, "--at", "2026-11-20 12:00")
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"
        for args in (["bulletin", a], ["daily", "--date", "2026-11-20"], ["handover", "--at", "2026-11-21 08:30"]):
            with self.subTest(args=args):
                out = self.ok(*args, "--format", "html").out
                self.assertNotIn("<script>", out)
                self.assertIn(escaped, out)
        # Plain text prints the value as it is.
        self.assertIn(nasty, self.ok("bulletin", a).out)

    def test_builtin_templates_never_unescape_data(self):
        for path in (DATA.parent.parent / "templates").iterdir():
            with self.subTest(template=path.name):
                text = path.read_text(encoding="utf-8")
                self.assertNotIn("{{{", text)
                self.assertNotIn("{{&", text)


class CarriedItemsTest(BulletinTest):
    def handover(self, at):
        return self.ok("handover", "--at", at, "--context").json()

    def test_lifecycle_across_handovers(self):
        self.make_workspace(OFFICE["en"])
        a = self.add("--title", "Flood", "--category", "flood", "--received", "2026-11-20 10:00")
        self.assertEqual(self.ok("todo", "add", "Check the dam", "--owner", "Ann", "--due", "2026-11-22 12:00",
                                 "--at", "2026-11-20 11:00").out.strip(), "T-1")
        self.assertEqual(self.ok("incident", "instruct", a, "--from", "County head", "--text", "Evacuate",
                                 "--due", "2026-11-21 09:00", "--at", "2026-11-20 12:00").out.strip(), "P-1")
        self.ok("note", "add", "Radio 2 is broken", "--at", "2026-11-20 13:00")
        self.ok("note", "add", "Spare radio in cupboard", "--at", "2026-11-21 13:00")

        h1 = self.handover("2026-11-21 08:30")
        self.assertEqual([p["id"] for p in h1["pending"]], ["T-1"])
        self.assertEqual([p["id"] for p in h1["instructions"]], ["P-1"])
        self.assertEqual([n["text"] for n in h1["notes"]], ["Radio 2 is broken"])
        self.assertEqual([i["id"] for i in h1["open_incidents"]], [a])

        self.ok("todo", "done", "P-1", "--note", "Done: 40 people moved", "--at", "2026-11-21 10:00")
        h2 = self.handover("2026-11-22 08:30")
        self.assertEqual([p["id"] for p in h2["pending"]], ["T-1"])
        self.assertTrue(h2["pending"][0]["overdue"] is False)
        self.assertEqual(h2["instructions"], [])
        self.assertEqual([n["text"] for n in h2["notes"]], ["Spare radio in cupboard"])
        # The earlier handover still shows what was open then.
        self.assertEqual([p["id"] for p in self.handover("2026-11-21 08:30")["instructions"]], ["P-1"])

        self.ok("todo", "done", "T-1", "--at", "2026-11-22 18:00")
        self.ok("incident", "close", a, "--at", "2026-11-22 19:00", "--note", "over")
        h3 = self.handover("2026-11-23 08:30")
        self.assertEqual((h3["pending"], h3["instructions"], h3["open_incidents"]), ([], [], []))

        listed = self.ok("todo", "list", "--all", "--format", "json").json()
        self.assertEqual([(p["id"], p["kind"], p["done_at"]) for p in listed],
                         [("T-1", "todo", "2026-11-22T18:00+08:00"),
                          ("P-1", "instruction", "2026-11-21T10:00+08:00")])
        self.assertEqual(self.ok("todo", "list", "--format", "json").json(), [])
        # The daily bulletin shows the instruction and how it was carried out.
        d = self.ok("daily", "--date", "2026-11-20", "--context").json()
        self.assertEqual(d["instructions"][0]["status_label"], "in progress")
        d = self.ok("daily", "--date", "2026-11-21", "--context").json()
        self.assertEqual((d["instructions"][0]["done"], d["instructions"][0]["done_note"]),
                         (True, "Done: 40 people moved"))
        self.assertExit(self.d("log", "verify"), 0)

    def test_bad_input_writes_nothing(self):
        self.make_workspace(OFFICE["en"])
        a = self.add("--title", "Flood", "--category", "flood", "--received", "2026-11-20 10:00")
        self.ok("todo", "add", "x", "--at", "2026-11-20 11:00")
        before = self.snapshot(), self.ok("todo", "list", "--all", "--format", "json").out
        cases = [
            (["todo", "done", "T-9"], "no pending item or instruction 'T-9'"),
            (["todo", "add", ""], "TEXT: cannot be empty"),
            (["todo", "add", "y", "--incident", "2026-0042"], "--incident: no incident '2026-0042'"),
            (["todo", "add", "y", "--due", "soon"], "--due: 'soon' is not a time"),
            (["todo", "done", "T-1", "--at", "2026-11-20 10:30"], "is before T-1 was entered"),
            (["incident", "instruct", "2026-0042", "--from", "L", "--text", "t"], "no incident '2026-0042'"),
            (["incident", "instruct", a, "--from", "L", "--text", "t", "--at", "2026-11-19 10:00"],
             "before the incident was received"),
            (["incident", "instruct", a, "--from", "", "--text", "t"], "--from: cannot be empty"),
            (["note", "add", "n", "--at", "2099-01-01 10:00"], "--at: 2099-01-01 10:00 is in the future"),
            (["todo", "list", "--format", "csv"], "--format: unknown format 'csv'"),
            (["incident", "show", "T-1"], "no incident 'T-1'"),
            (["incident", "update", "T-1", "--note", "x"], "no incident 'T-1'"),
            (["bulletin", "T-1"], "no incident 'T-1'"),
            (["todo", "add", "y", "--incident", "T-1"], "--incident: no incident 'T-1'"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn(message, r.err)
        self.assertEqual(before, (self.snapshot(), self.ok("todo", "list", "--all", "--format", "json").out))
        self.ok("todo", "done", "T-1", "--at", "2026-11-20 12:00")
        r = self.d("todo", "done", "T-1")
        self.assertExit(r, 2)
        self.assertIn("T-1 was already reported done at 2026-11-20 12:00", r.err)
        self.assertExit(self.d("log", "verify"), 0)

    def test_tampered_pending_row_is_caught(self):
        self.make_workspace(OFFICE["en"])
        self.ok("todo", "add", "x", "--at", "2026-11-20 11:00")
        self.ok("todo", "add", "y", "--at", "2026-11-20 11:05")
        # The last event (T-2's; event 1 records the office's rules) deleted: only T-2's row shows it.
        self.sql("DELETE FROM events WHERE seq = 3")
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertIn("pending item T-2", r.err + r.out)


if __name__ == "__main__":
    unittest.main()
