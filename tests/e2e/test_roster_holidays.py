# SPDX-License-Identifier: Apache-2.0
"""The built-in holiday calendar: `duty roster holidays YEAR` lists a year's days of the State
Council's notice, and `holidays: {calendar: cn}` in a roster spec applies them (docs/roster-spec.md,
"Holiday calendar"). Expected days are written out by hand from the notices' text."""
import datetime
import json
import unittest

from harness import DutyTest, count_bad_input, report_bad_input_cases


def days(first, last):
    d = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return out


# 国办发明电〔2024〕12号: 一、元旦：1月1日（周三）放假1天，不调休。 二、春节：1月28日至2月4日放假调休，共8天。
# 1月26日（周日）、2月8日（周六）上班。 三、清明节：4月4日至6日放假，共3天。 四、劳动节：5月1日至5日放假调休，
# 共5天。4月27日（周日）上班。 五、端午节：5月31日至6月2日放假，共3天。 六、国庆节、中秋节：10月1日至8日放假调休，
# 共8天。9月28日（周日）、10月11日（周六）上班。
EXPECTED_2025 = sorted(
    [{"date": d, "name": "元旦", "kind": "holiday"} for d in ["2025-01-01"]]
    + [{"date": d, "name": "春节", "kind": "holiday"} for d in days("2025-01-28", "2025-02-04")]
    + [{"date": d, "name": "春节", "kind": "workday"} for d in ["2025-01-26", "2025-02-08"]]
    + [{"date": d, "name": "清明节", "kind": "holiday"} for d in days("2025-04-04", "2025-04-06")]
    + [{"date": d, "name": "劳动节", "kind": "holiday"} for d in days("2025-05-01", "2025-05-05")]
    + [{"date": "2025-04-27", "name": "劳动节", "kind": "workday"}]
    + [{"date": d, "name": "端午节", "kind": "holiday"} for d in days("2025-05-31", "2025-06-02")]
    + [{"date": d, "name": "国庆节、中秋节", "kind": "holiday"} for d in days("2025-10-01", "2025-10-08")]
    + [{"date": d, "name": "国庆节、中秋节", "kind": "workday"} for d in ["2025-09-28", "2025-10-11"]],
    key=lambda d: d["date"])

SPEC = """timezone: Asia/Shanghai
period: {from: 2025-09-27, to: 2025-10-12}
slots:
  - {id: officer, group: staff}
people:
  - {id: ann, groups: [staff]}
  - {id: bob, groups: [staff]}
  - {id: cat, groups: [staff]}
"""


class HolidaysCommandTest(DutyTest):
    def test_json_is_the_2025_notice(self):
        r = self.duty("roster", "holidays", "2025", "--format", "json")
        self.assertExit(r, 0)
        data = r.json()
        self.assertEqual(data["calendar"], "cn")
        self.assertEqual(data["year"], 2025)
        self.assertEqual(len(data["sources"]), 1)
        source = data["sources"][0]
        self.assertEqual(source["title"], "国务院办公厅关于2025年部分节假日安排的通知")
        self.assertEqual(source["number"], "国办发明电〔2024〕12号")
        self.assertEqual(source["issued"], "2024-11-12")
        self.assertTrue(source["url"].startswith("http"))
        self.assertEqual(data["days"], EXPECTED_2025)
        self.assertEqual(r.err, "")
        self.assertEqual(self.files(), [])

    def test_json_when_asked_for_and_a_table_in_a_pipe_too(self):
        r = self.duty("roster", "holidays", "2025", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json()["days"], EXPECTED_2025)
        # Output never changes format because stdout is a pipe (issue 15).
        r = self.duty("roster", "holidays", "2025")
        self.assertExit(r, 0)
        self.assertFalse(r.out.lstrip().startswith("{"), r.out)

    def test_table_shows_weekday_and_arrangement_and_the_source(self):
        r = self.duty("roster", "holidays", "2025", "--calendar", "cn", "--format", "table")
        self.assertExit(r, 0)
        rows = [line.split() for line in r.out.splitlines()]
        self.assertIn(["2025-10-11", "周六", "国庆节、中秋节", "上班（调休）"], rows)
        self.assertIn(["2025-01-28", "周二", "春节", "放假"], rows)
        self.assertIn(["2025-06-01", "周日", "端午节", "放假"], rows)
        self.assertEqual(sum(1 for row in rows if row and row[0].startswith("2025-")), len(EXPECTED_2025))
        self.assertIn("放假 28 天，调休上班 5 天", r.out)
        self.assertIn("来源：国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）", r.out)

    def test_on_a_terminal_the_table_is_the_default(self):
        r = self.duty_on_terminal("roster", "holidays", "2024")
        self.assertExit(r, 0)
        rows = [line.split() for line in r.out.splitlines()]
        # 一、元旦：1月1日放假，与周末连休。 Only the Monday is a holiday.
        self.assertIn(["2024-01-01", "周一", "元旦", "放假"], rows)
        self.assertFalse(any(row and row[0] == "2023-12-31" for row in rows))
        # 除夕 (2月9日) was only encouraged as a day off.
        self.assertFalse(any(row and row[0] == "2024-02-09" for row in rows))

    def test_2023_lists_its_new_year_break_from_2022_12_31(self):
        r = self.duty("roster", "holidays", "2023", "--format", "json")
        self.assertExit(r, 0)
        first = r.json()["days"][:3]
        self.assertEqual([d["date"] for d in first], ["2022-12-31", "2023-01-01", "2023-01-02"])
        self.assertEqual({d["name"] for d in first}, {"元旦"})

    def test_2020_has_the_extended_spring_festival(self):
        r = self.duty("roster", "holidays", "2020", "--format", "json")
        self.assertExit(r, 0)
        data = r.json()
        self.assertEqual([s["number"] for s in data["sources"]], ["国办发明电〔2019〕16号", "国办发明电〔2020〕1号"])
        by_date = {d["date"]: d for d in data["days"]}
        self.assertEqual(by_date["2020-02-01"]["kind"], "holiday")  # was 上班 before the extension
        self.assertEqual(by_date["2020-02-02"]["kind"], "holiday")
        self.assertNotIn("2020-02-03", by_date)

    def test_an_unknown_year_names_the_years_known(self):
        r = self.duty("roster", "holidays", "2027")
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertIn("duty: error: YEAR: calendar 'cn' has no notice for 2027 in this build; it knows 2020..2026",
                      r.err)
        self.assertIn("by hand", r.err)

    def test_bad_format_calendar_and_year(self):
        cases = [
            (["2025", "--format", "xml"], "--format"),
            (["2025", "--calendar", "cm"], "duty: error: --calendar: unknown holiday calendar 'cm' (did you mean 'cn'?); "
                                           "this build knows: cn"),
            (["20x5"], "duty: error: YEAR: '20x5' is not a year; expected four digits such as 2026"),
            ([], "YEAR is required"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.duty("roster", "holidays", *args)
                count_bad_input()
                self.assertExit(r, 2)
                self.assertEqual(r.out, "")
                self.assertIn(message, r.err)
                self.assertEqual(self.files(), [])


class CalendarSpecTest(DutyTest):
    def build(self, text, *args):
        self.write("spec.yaml", text)
        r = self.duty("roster", "build", "spec.yaml", "-o", "plan.json", *args)
        self.assertExit(r, 0)
        plan = (self.tmp / "plan.json").read_text(encoding="utf-8")
        return {s["date"]: (s["day_type"], s.get("holiday")) for s in json.loads(plan)["shifts"]}

    def test_calendar_cn_gives_the_day_types_of_the_plan(self):
        types = self.build(SPEC + "holidays: {calendar: cn}\n")
        expected = {"2025-09-27": ("weekend", None), "2025-09-28": ("workday", None)}
        for d in days("2025-09-29", "2025-09-30") + ["2025-10-09", "2025-10-10", "2025-10-11"]:
            expected[d] = ("workday", None)
        for d in days("2025-10-01", "2025-10-08"):
            expected[d] = ("holiday", "国庆节、中秋节")
        expected["2025-10-12"] = ("weekend", None)
        self.assertEqual(types, expected)

    def test_add_remove_and_workdays_win_over_the_calendar(self):
        types = self.build(SPEC + "holidays:\n  calendar: cn\n  add: [{dates: 2025-10-09, name: 县庆}, 2025-09-28]\n"
                           "  remove: [2025-10-11, 2025-10-08]\nworkdays: [2025-10-05]\n")
        self.assertEqual(types["2025-10-09"], ("holiday", "县庆"))
        self.assertEqual(types["2025-09-28"], ("holiday", None))   # a calendar 上班 Sunday the office takes off
        self.assertEqual(types["2025-10-11"], ("weekend", None))   # the make-up Saturday removed
        self.assertEqual(types["2025-10-08"], ("workday", None))   # a Wednesday removed
        self.assertEqual(types["2025-10-05"], ("workday", None))   # a calendar holiday the office works
        self.assertEqual(types["2025-10-06"], ("holiday", "国庆节、中秋节"))

    def test_a_plain_list_works_as_before(self):
        types = self.build(SPEC + "holidays: [{dates: 2025-10-01, name: 国庆节}]\n")
        self.assertEqual(types["2025-10-01"], ("holiday", "国庆节"))
        self.assertEqual(types["2025-10-02"], ("workday", None))
        self.assertEqual(types["2025-10-11"], ("weekend", None))


class CalendarSpecBadInputTest(DutyTest):
    def run_bad(self, text, *args):
        self.write("spec.yaml", text)
        r = self.duty("roster", "build", "spec.yaml", "-o", "out.json", *args)
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(self.files(), ["spec.yaml"])
        return r

    def test_a_period_in_an_unknown_year_is_refused_at_calendar(self):
        text = SPEC.replace("{from: 2025-09-27, to: 2025-10-12}", "{from: 2027-01-01, to: 2027-03-31}")
        r = self.run_bad(text + "holidays: {calendar: cn}\n")
        self.assertIn("duty: error: spec.yaml:9:22: the period 2027-01-01 .. 2027-03-31 touches 2027, which calendar "
                      "'cn' does not know: this build has the State Council's notices for 2020..2026", r.err)
        self.assertIn("holidays: [{dates: YYYY-MM-DD..YYYY-MM-DD, name: 春节}, ...] and workdays: [YYYY-MM-DD, ...]",
                      r.err)
        self.assertIn("    holidays: {calendar: cn}\n" + " " * 25 + "^", r.err)

    def test_from_to_into_an_unknown_year_are_refused_at_calendar(self):
        r = self.run_bad(SPEC + "holidays: {calendar: cn}\n", "--from", "2026-12-28", "--to", "2027-01-03")
        self.assertIn("duty: error: spec.yaml:9:22: the period 2026-12-28 .. 2027-01-03 touches 2027,", r.err)

    def test_unknown_keys_and_calendars_suggest(self):
        r = self.run_bad(SPEC + "holidays: {calendar: cn, remvoe: [2025-10-08]}\n")
        self.assertIn("duty: error: spec.yaml:9:26: unknown key 'remvoe' in holidays (did you mean 'remove'?); "
                      "expected one of: calendar, add, remove", r.err)
        r = self.run_bad(SPEC + "holidays: {calendar: CN}\n")
        self.assertIn("duty: error: spec.yaml:9:22: unknown holiday calendar 'CN' (did you mean 'cn'?); "
                      "this build knows: cn", r.err)

    def test_remove_only_takes_calendar_days(self):
        r = self.run_bad(SPEC + "holidays: {calendar: cn, remove: [2025-10-09]}\n")
        self.assertIn("duty: error: spec.yaml:9:35: 2025-10-09 is neither a holiday nor a make-up working day of "
                      "calendar 'cn'", r.err)


def tearDownModule():
    report_bad_input_cases()


if __name__ == "__main__":
    unittest.main()
