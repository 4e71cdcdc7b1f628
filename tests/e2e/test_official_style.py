# SPDX-License-Identifier: Apache-2.0
"""Reports sent up the chain in the official written style (issue 15): 首报, 续报, 终报 and the daily
bulletin with times as 11月20日14时05分, no internal bookkeeping (迟报N分钟), no loss line when none
was entered, casualties as 死亡1人、受伤5人（其中重伤2人）, lists ending with 。, the place not
repeated, 签发人 on the header line (the leader on duty from the published roster, else office.yaml),
and the final report's 下一步工作 from `incident close --next-steps`; the English equivalents.

Times are fixed November 2026 times in the office's zone (+08:00)."""
import re
import unittest

from harness import count_bad_input, report_bad_input_cases
from publish_support import PublishTest

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
roster: roster.yaml
chain:
  - {id: prefecture, name: 黄南州应急管理局}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h}
bulletin:
  main: [黄南州应急管理局]
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
roster: roster.yaml
chain:
  - {id: prefecture, name: Huangnan Prefecture EMB}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h}
bulletin:
  main: [Huangnan Prefecture EMB]
""",
}

TEXT = {
    "zh-CN": {"title": "泽曲镇西科村山体滑坡", "location": "泽曲镇西科村", "note": "山体滑坡冲毁民房两间",
              "update": "搜救中发现一名遇难者，", "close": "搜救结束，受灾群众已妥善安置",
              "next": "做好遇难者家属安抚和灾后重建工作", "second": "麦秀镇道路交通事故"},
    "en": {"title": "Landslide at Xike village, Zequ", "location": "Xike village, Zequ",
           "note": "A landslide destroyed two houses", "update": "One victim found during the search;",
           "close": "Search over, the people affected housed", "next": "Support the bereaved and rebuild",
           "second": "Road accident at Maixiu"},
}


class OfficialStyleTest(PublishTest):
    def scenario(self, locale):
        """One incident of 20 November 2026 with no figures at first, then figures, a late written
        report and a final report with next steps; a second incident with zero casualties."""
        t = TEXT[locale]
        self.make_workspace(OFFICE[locale])
        self.set_spec("2026-11-01", "2026-11-30")
        a = self.add("--title", t["title"], "--category", "geological", "--occurred", "2026-11-20 13:50",
                     "--received", "2026-11-20 14:05", "--location", t["location"], "--note", t["note"])
        self.ok("incident", "update", a, "--deaths", "1", "--injured", "3", "--seriously-injured", "2",
                "--loss", "0", "--at", "2026-11-20 15:00", "--note", t["update"])
        # Due 16:05, made 17:00: 55 minutes late, which only internal records say.
        self.ok("incident", "escalate", a, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 17:00")
        self.ok("incident", "close", a, "--at", "2026-11-21 07:00", "--note", t["close"], "--next-steps", t["next"])
        b = self.add("--title", t["second"], "--category", "road-traffic", "--received", "2026-11-20 22:10",
                     "--deaths", "0", "--loss", "3.5")
        return a, b

    def incident(self, incident, ws=None):
        return self.ok("incident", "show", incident, "--format", "json", ws=ws).json()

    def bulletin(self, incident, kind, *args):
        return self.ok("bulletin", incident, "--kind", kind, *args).out


class Chinese(OfficialStyleTest):
    def setUp(self):
        super().setUp()
        self.a, self.b = self.scenario("zh-CN")
        self.t = TEXT["zh-CN"]

    def test_initial_report(self):
        text = self.bulletin(self.a, "initial")
        lines = text.splitlines()
        self.assertEqual(lines[:3], ["泽库县应急管理局", f"关于{self.t['title']}的首报",
                                     "报送单位：泽库县应急管理局　　签发人：多杰才让"])
        self.assertEqual(text.count("签发人"), 1)  # on the header line only
        self.assertIn("　　接报时间：11月20日14时05分\n", text)
        self.assertIn("　　事发时间：11月20日13时50分\n", text)
        # Nothing entered yet: no loss line at all, casualties being verified.
        self.assertNotIn("万元", text)
        self.assertNotIn("直接经济损失", text)
        self.assertIn("　　人员伤亡：人员伤亡情况正在核实\n", text)
        self.assertIn(f"　　简要经过：{self.t['note']}。\n", text)
        self.assertNotRegex(text, r"\d{4}-\d\d-\d\d \d\d:\d\d")
        html = self.ok("bulletin", self.a, "--kind", "initial", "--format", "html").out
        self.assertIn("<span>签发人：多杰才让</span>", html)
        self.assertNotIn("万元", html)

    def test_followup_report(self):
        text = self.bulletin(self.a, "followup")
        self.assertIn("（事件编号" + self.a + "，11月20日14时05分首报）最新情况续报如下（截至11月20日15时00分）：", text)
        self.assertIn("人员伤亡：死亡1人、受伤5人（其中重伤2人）；直接经济损失：无。", text)
        # The writer's trailing comma is closed as a sentence, not doubled.
        self.assertIn("　　搜救中发现一名遇难者。\n", text)
        self.assertNotIn("0万元", text)

    def test_final_report(self):
        text = self.bulletin(self.a, "final")
        self.assertNotIn("迟报", text)
        self.assertNotIn("分钟", text)
        self.assertIn("　　11月20日17时00分　向黄南州应急管理局书面报告。\n", text)
        self.assertIn(f"　　11月21日7时00分　终报：{self.t['close']}。\n", text)
        # 下一步工作 from --next-steps, not from the closing note.
        section = text.split("四、下一步工作\n")[1].split("\n\n")[0]
        self.assertEqual(section, f"　　{self.t['next']}。")
        # The title names the place: the account does not say it again.
        self.assertIn(f"11月20日14时05分接报，11月20日13时50分发生{self.t['title']}（", text)
        self.assertNotIn(f"在{self.t['location']}", text)
        self.assertIn("人员伤亡：死亡1人、受伤5人（其中重伤2人）；直接经济损失：无；事件级别：一般。", text)
        # Internal records keep the lateness.
        show = self.ok("incident", "show", self.a, "--format", "text").out
        self.assertIn("迟报55分钟", show)
        self.assertIn(f"下一步工作：{self.t['next']}", show)
        context = self.ok("bulletin", self.a, "--context").json()
        self.assertEqual(context["status"]["requirements"][0]["minutes_late"], 55)
        self.assertEqual(context["final"]["summary"], self.t["close"])
        self.assertEqual(context["final"]["next_steps"], self.t["next"])
        self.assertEqual(context["incident"]["received_at_official"], "11月20日14时05分")
        self.assertEqual(context["incident"]["received_at"], "2026-11-20 14:05")

    def test_daily_bulletin(self):
        text = self.ok("daily", "--date", "2026-11-20").out
        self.assertNotIn("迟报", text)
        self.assertNotIn("超时", text)
        self.assertIn("泽库县应急管理局值班室　　　　签发人：多杰才让　　　　2026年11月20日\n", text)
        self.assertIn("一、值班情况（11月20日8时30分至11月21日8时30分）", text)
        self.assertIn("共接报突发事件2起，其中已终报1起、仍在处置1起；共造成死亡1人、受伤5人（其中重伤2人）。", text)
        self.assertIn("　　按类别：地质灾害1起、道路交通事故1起。\n", text)
        self.assertIn("　　按级别：一般2起。\n", text)
        self.assertIn(f"（{self.a}）{self.t['title']}。11月20日14时05分接报，地质灾害，一般，死亡1人、受伤5人（其中重伤2人）。"
                      "已于11月21日7时00分终报。", text)
        self.assertIn("　　报告情况：首报11月20日14时05分，续报一11月20日15时00分，终报11月21日7时00分。\n", text)
        self.assertIn("　　上报情况：11月20日17时00分书面报告黄南州应急管理局。\n", text)
        # Known zero casualties, a loss entered; the place is not in this title, so it is not written.
        self.assertIn(f"（{self.b}）{self.t['second']}。11月20日22时10分接报，道路交通事故，一般，暂无人员伤亡，"
                      "直接经济损失3.5万元。仍在处置。", text)
        self.assertEqual(text.count("上报情况"), 1)  # nothing sent on the second one yet

    def test_the_leader_on_duty_signs(self):
        plan = self.assignments(self.publish())
        leader = {"ldr-a": "Leader A", "ldr-b": "Leader B", "ldr-c": "Leader C"}
        day20, day21 = plan["2026-11-20"]["leader"][0], plan["2026-11-21"]["leader"][0]
        self.assertIn(f"签发人：{leader[day20]}\n", self.bulletin(self.a, "initial"))
        # The final report was made on 21 November at 07:00, still the shift of the 20th.
        self.assertIn(f"签发人：{leader[day20]}\n", self.bulletin(self.a, "final"))
        self.assertIn(f"签发人：{leader[day20]}　", self.ok("daily", "--date", "2026-11-20").out)
        self.assertIn(f"签发人：{leader[day21]}　", self.ok("daily", "--date", "2026-11-21").out)
        # A leader covered for part of the shift: whoever covers at the report's time signs.
        other = next(p for p in leader if p not in (day20, day21))
        self.ok("roster", "cover", "2026-11-20", "leader", day20, "--by", other, "--reason", "x",
                "--from", "14:00", "--to", "16:00", "--force")
        self.assertIn(f"签发人：{leader[other]}\n", self.bulletin(self.a, "initial"))
        self.assertIn(f"签发人：{leader[other]}\n", self.bulletin(self.a, "followup"))
        self.assertIn(f"签发人：{leader[day20]}\n", self.bulletin(self.a, "final"))
        context = self.ok("bulletin", self.a, "--kind", "initial", "--context").json()
        self.assertEqual((context["report"]["signer"], context["report"]["signer_source"]),
                         (leader[other], "roster"))
        # The daily bulletin shows both people of the covered place.
        daily = self.ok("daily", "--date", "2026-11-20").out
        phone = {"ldr-a": "1001", "ldr-b": "1002", "ldr-c": "1003"}
        self.assertIn(f"{leader[day20]} {phone[day20]}（14:00—16:00 由{leader[other]}代班）", daily)

    def test_no_signer_anywhere_leaves_the_line_out(self):
        (self.ws / "office.yaml").write_text(OFFICE["zh-CN"].replace("  signer: 多杰才让\n", ""), encoding="utf-8")
        text = self.bulletin(self.a, "initial")
        self.assertIn("报送单位：泽库县应急管理局\n", text)
        self.assertNotIn("签发人", text)

    def test_next_steps_round_trip_and_bad_input(self):
        self.assertEqual(self.incident(self.a)["next_steps"], self.t["next"])
        exported = self.ok("incident", "export", "--format", "yaml").out
        self.assertIn(f"next_steps: {self.t['next']}", exported)
        other = self.tmp / "other"
        self.make_workspace(OFFICE["zh-CN"], where=other)
        self.write("log.yaml", exported)
        self.ok("incident", "import", self.tmp / "log.yaml", ws=other)
        self.assertEqual(self.incident(self.a, ws=other)["next_steps"], self.t["next"])
        # next_steps belongs to the closing, not to an incident or a follow-up of an import.
        self.write("bad.yaml", "incidents:\n  - {title: x, category: geological, received: 2026-11-20 10:00, "
                               "next_steps: y}\n")
        r = self.d("incident", "import", self.tmp / "bad.yaml", ws=other)
        self.assertExit(r, 2)
        self.assertIn("next_steps", r.err)
        count_bad_input()
        c = self.add("--title", "x", "--category", "geological", "--received", "2026-11-20 10:00")
        before = self.snapshot()
        r = self.d("incident", "close", c, "--note", "done", "--next-steps", "bell\x07")
        self.assertExit(r, 2)
        self.assertIn("next-steps", r.err)
        self.assertEqual(self.snapshot(), before)
        count_bad_input()


    def test_errors_in_both_languages(self):
        cases = [
            (("bulletin", self.a, "--kind", "latest"), "--kind：未知的报告类型“latest”；应为 initial、followup 或 final",
             "--kind: unknown kind 'latest'; expected initial, followup or final"),
            (("bulletin", self.a, "--kind", "followup", "--number", "3"), "事件 2026-0001 有续报1至1；没有续报3",
             "incident 2026-0001 has follow-ups 1 to 1; there is no follow-up 3"),
            (("bulletin", self.b, "--kind", "final"), "事件 2026-0002 仍在处置中：须先用“duty incident close 2026-0002”记录终报",
             "incident 2026-0002 is still open: its final report is recorded with 'duty incident close 2026-0002' first"),
            (("daily", "--date", "2099-01-01"), "值班日 2099-01-01 尚未开始", "the duty day 2099-01-01 has not begun yet"),
        ]
        for args, zh, en in cases:
            with self.subTest(args=args):
                r = self.d(*args, env={"DUTY_LANG": "zh-CN"})
                self.assertExit(r, 2)
                self.assertIn(zh, r.err)
                count_bad_input()
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn(en, r.err)
                count_bad_input()
        r = self.d("incident", "close", "--help", env={"DUTY_LANG": "zh-CN"})
        self.assertIn("终报的下一步工作：善后、恢复重建、评估等", r.out)


class English(OfficialStyleTest):
    def setUp(self):
        super().setUp()
        self.a, self.b = self.scenario("en")
        self.t = TEXT["en"]

    def test_initial_report(self):
        text = self.bulletin(self.a, "initial")
        self.assertEqual(text.splitlines()[2],
                         "Reporting unit: Zeku County Emergency Management Bureau    Signed off by: Dorje Tsering")
        self.assertEqual(text.count("Signed off by"), 1)
        self.assertIn("Received:        20 November 14:05\n", text)
        self.assertIn("Occurred:        20 November 13:50\n", text)
        self.assertIn("Casualties:      casualties being verified\n", text)
        self.assertNotIn("10,000 yuan", text)
        self.assertIn(f"Account:         {self.t['note']}.\n", text)

    def test_final_report_and_daily(self):
        text = self.bulletin(self.a, "final")
        self.assertNotRegex(text, r"\blate\b")
        self.assertIn("   20 November 17:00  reported to Huangnan Prefecture EMB (written).\n", text)
        self.assertIn(f"4. Next steps\n   {self.t['next']}.\n", text)
        self.assertIn("Casualties: 1 dead, 5 injured (2 seriously); direct loss: none; severity: ordinary.", text)
        self.assertIn(f"occurred 20 November 13:50: {self.t['title']} (", text)
        daily = self.ok("daily", "--date", "2026-11-20").out
        self.assertNotRegex(daily, r"\blate\b|overdue")
        self.assertIn("Signed off by: Dorje Tsering        20 November 2026\n", daily)
        self.assertIn("1 dead, 5 injured (2 seriously).", daily)
        self.assertIn("   Sent up: 20 November 17:00 in writing to Huangnan Prefecture EMB.\n", daily)
        self.assertIn("   By category: Geological hazard (landslide, debris flow, collapse, subsidence) 1, "
                      "Road traffic accident 1.\n", daily)
        self.assertIn("no casualties so far; direct loss 3.5 x 10,000 yuan.", daily)
        self.assertIn("   Reports: Initial report 20 November 14:05; Follow-up report 1 20 November 15:00; "
                      "Final report 21 November 07:00.\n", daily)


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
