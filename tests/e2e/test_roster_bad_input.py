# SPDX-License-Identifier: Apache-2.0
"""Invalid specs and options exit 2, impossible rosters exit 3; either way nothing is written and
stderr says where (file:line:column, the line, a caret) and what was expected (docs/exit-codes.md)."""
import unicodedata
import unittest

from harness import DutyTest, count_bad_input, report_bad_input_cases

# Each case replaces whole lines of this spec, so the line numbers asserted below stay put.
BASE = [
    "timezone: Europe/London",                               # 1
    'handover: "09:00"',                                     # 2
    "period: {from: 2027-02-01, to: 2027-02-14}",            # 3
    "slots:",                                                # 4
    "  - {id: leader, group: leaders, count: 1}",            # 5
    "  - {id: officer, group: staff, count: 2}",             # 6
    "people:",                                               # 7
    "  - {id: ann, name: Ann, groups: [leaders]}",           # 8
    "  - {id: ben, name: Ben, groups: [leaders]}",           # 9
    "  - {id: cat, name: Cat, groups: [staff]}",             # 10
    "  - {id: dan, name: Dan, groups: [staff]}",             # 11
    "  - {id: eve, name: Eve, groups: [staff]}",             # 12
    "  - {id: fay, name: Fay, groups: [staff]}",             # 13
    "fixed:",                                                # 14
    "  - {date: 2027-02-05, slot: leader, person: ann}",     # 15
]


def spec(replace=None, append=()):
    lines = list(BASE)
    for number, text in (replace or {}).items():
        lines[number - 1] = text
    return "\n".join(lines + list(append)) + "\n"


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class BadInputCase(DutyTest):
    def run_bad(self, text, *args, code=2, env=None):
        """Builds `text` as spec.yaml with -o out.json; asserts the exit code and that nothing was written."""
        self.source = text.splitlines()
        self.write("spec.yaml", text)
        r = self.duty("roster", "build", "spec.yaml", "-o", "out.json", *args, env=env)
        count_bad_input()
        self.assertExit(r, code)
        self.assertEqual(r.out, "")
        self.assertFalse((self.tmp / "out.json").exists())
        # Not even the temporary file -o writes beside its target may be left behind.
        self.assertEqual(self.files(), ["spec.yaml"])
        return r

    def assertDiagnostic(self, r, line, column, *fragments, lead="duty: error: "):
        """stderr has `duty: error: spec.yaml:LINE:COLUMN: ...` (lead: ZH_ERROR in Chinese) with each
        fragment, then the source line and a caret under the column (the test lines are ASCII, so
        columns are characters)."""
        lines = r.err.splitlines()
        prefix = f"{lead}spec.yaml:{line}:{column}: "
        found = [i for i, text in enumerate(lines) if text.startswith(prefix)]
        self.assertEqual(len(found), 1, f"expected one diagnostic at {line}:{column}\n{r.err}")
        i = found[0]
        for fragment in fragments:
            self.assertIn(fragment, lines[i])
        self.assertEqual(lines[i + 1:i + 3], ["    " + self.source[line - 1], "    " + " " * (column - 1) + "^"], r.err)
        return lines[i]

    def assertProblemCount(self, r, count, lead="duty: error: "):
        self.assertEqual(sum(text.startswith(lead) for text in r.err.splitlines()), count, r.err)


class BadSpecTest(BadInputCase):
    def test_control_the_base_spec_builds(self):
        # Every case below differs from this spec in the lines it names, so they fail for that alone.
        self.write("spec.yaml", spec())
        r = self.duty("roster", "build", "spec.yaml", "-o", "out.json")
        self.assertExit(r, 0)
        self.assertEqual(self.files(), ["out.json", "spec.yaml"])

    def test_yaml_syntax_error(self):
        r = self.run_bad(spec({2: "handover: 09:00: 10"}))
        self.assertDiagnostic(r, 2, 16, "YAML syntax error", "illegal map value")
        self.assertProblemCount(r, 1)

    def test_unknown_top_level_key_suggests_the_right_one(self):
        r = self.run_bad(spec({2: 'handvoer: "09:00"'}))
        self.assertDiagnostic(r, 2, 1, "unknown key 'handvoer' in the roster spec", "(did you mean 'handover'?)",
                              "expected one of: timezone, handover, period, slots, people")
        self.assertProblemCount(r, 1)

    def test_unknown_key_in_a_slot(self):
        r = self.run_bad(spec({6: "  - {id: officer, group: staff, cuont: 2}"}))
        self.assertDiagnostic(r, 6, 33, "unknown key 'cuont' in a slot", "expected one of: id, name, group, count")

    def test_wrong_type_for_count(self):
        r = self.run_bad(spec({6: "  - {id: officer, group: staff, count: two}"}))
        self.assertDiagnostic(r, 6, 40, "expected a whole number for slot count, got 'two'")
        self.assertProblemCount(r, 1)

    def test_count_out_of_range(self):
        r = self.run_bad(spec({6: "  - {id: officer, group: staff, count: 0}"}))
        self.assertDiagnostic(r, 6, 40, "slot count must be between 1 and 100, got 0")

    def test_unknown_group(self):
        r = self.run_bad(spec({10: "  - {id: cat, name: Cat, groups: [stuff]}"}))
        self.assertDiagnostic(r, 10, 35, "unknown group 'stuff'", "(did you mean 'staff'?)",
                              "slots draw on: leaders, staff")
        self.assertProblemCount(r, 1)

    def test_unknown_person_in_fixed(self):
        r = self.run_bad(spec({15: "  - {date: 2027-02-05, slot: leader, person: anne}"}))
        self.assertDiagnostic(r, 15, 46, "unknown person 'anne'", "(did you mean 'ann'?)")
        self.assertProblemCount(r, 1)

    def test_unknown_slot_in_fixed(self):
        r = self.run_bad(spec({15: "  - {date: 2027-02-05, slot: leeder, person: ann}"}))
        self.assertDiagnostic(r, 15, 30, "unknown slot 'leeder'", "(did you mean 'leader'?)")

    def test_duplicate_person_id(self):
        r = self.run_bad(spec({11: "  - {id: cat, name: Dan, groups: [staff]}"}))
        self.assertDiagnostic(r, 11, 10, "duplicate person id 'cat'")
        self.assertProblemCount(r, 1)

    def test_duplicate_slot_id(self):
        r = self.run_bad(spec({6: "  - {id: leader, group: staff, count: 2}"}))
        self.assertDiagnostic(r, 6, 10, "duplicate slot id 'leader'")

    def test_bad_date(self):
        r = self.run_bad(spec({3: "period: {from: 2027-02-01, to: 2027-02-30}"}))
        self.assertDiagnostic(r, 3, 32, "'2027-02-30' is not a valid date for period.to", "expected YYYY-MM-DD")
        self.assertProblemCount(r, 1)

    def test_bad_date_in_unavailable(self):
        r = self.run_bad(spec({12: "  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-02-31]}"}))
        self.assertDiagnostic(r, 12, 57, "'2027-02-31' in unavailable",
                              "expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD")

    def test_reversed_range(self):
        r = self.run_bad(spec({12: "  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-02-09..2027-02-05]}"}))
        self.assertDiagnostic(r, 12, 57, "'2027-02-09..2027-02-05' in unavailable", "the range ends before it starts")
        self.assertProblemCount(r, 1)

    def test_period_from_after_to(self):
        r = self.run_bad(spec({3: "period: {from: 2027-02-14, to: 2027-02-01}"}))
        self.assertDiagnostic(r, 3, 32, "period.to 2027-02-01 is before period.from 2027-02-14")
        self.assertProblemCount(r, 1)

    def test_unknown_time_zone(self):
        r = self.run_bad(spec({1: "timezone: Europe/Lodnon"}))
        self.assertDiagnostic(r, 1, 11, "unknown time zone 'Europe/Lodnon'",
                              "expected an IANA name such as Asia/Shanghai or Europe/London")
        self.assertProblemCount(r, 1)

    def test_bad_handover(self):
        r = self.run_bad(spec({2: 'handover: "25:00"'}))
        self.assertDiagnostic(r, 2, 11, "'25:00' is not a valid handover time", 'expected HH:MM such as "08:30"')
        self.assertProblemCount(r, 1)

    def test_duplicate_key_is_refused(self):
        # YAML forbids repeated keys; taking one silently would drop the other list of holidays.
        r = self.run_bad(spec(append=["holidays: [2027-02-01]", "holidays: [2027-02-02]"]))
        self.assertDiagnostic(r, 17, 1, "holidays")
        self.assertIn("duplicate", r.err)

    def test_workday_that_is_not_a_weekend(self):
        r = self.run_bad(spec(append=["workdays: [2027-02-03]"]))
        self.assertDiagnostic(r, 16, 12, "2027-02-03 is not a Saturday or Sunday")

    def test_several_problems_all_reported_in_one_run(self):
        r = self.run_bad(spec({
            1: "timezone: Europe/Lodnon",
            6: "  - {id: officer, group: staff, count: two}",
            10: "  - {id: cat, name: Cat, groups: [stuff]}",
            15: "  - {date: 2027-02-05, slot: leader, person: anne}",
        }))
        where = [self.assertDiagnostic(r, 1, 11, "unknown time zone 'Europe/Lodnon'"),
                 self.assertDiagnostic(r, 6, 40, "expected a whole number for slot count"),
                 self.assertDiagnostic(r, 10, 35, "unknown group 'stuff'"),
                 self.assertDiagnostic(r, 15, 46, "unknown person 'anne'")]
        # In file order, and counted at the end.
        lines = r.err.splitlines()
        self.assertEqual([lines.index(w) for w in where], sorted(lines.index(w) for w in where))
        self.assertProblemCount(r, 4)
        self.assertEqual(lines[-1], "duty: 4 problems found; nothing was written")

    def test_caret_sits_under_the_column_in_chinese_text(self):
        # The caret line is measured in display columns: each Chinese character takes two.
        r = self.run_bad(spec({10: "  - {id: cat, name: 卡特琳, groups: [stuff]}"}))
        lines = r.err.splitlines()
        i = next(i for i, text in enumerate(lines) if text.startswith("duty: error: spec.yaml:10:"))
        self.assertIn("unknown group 'stuff'", lines[i])
        self.assertEqual(lines[i + 1], "    " + self.source[9])
        prefix = self.source[9][:self.source[9].index("stuff")]
        self.assertEqual(lines[i + 2], "    " + " " * display_width(prefix) + "^")

    def test_empty_spec(self):
        r = self.run_bad("")
        self.assertEqual(r.err, "duty: error: spec.yaml: expected the roster spec as a mapping, got nothing\n")

    def test_missing_file(self):
        r = self.duty("roster", "build", "missing.yaml", "-o", "out.json")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertIn("duty: error: cannot read 'missing.yaml'", r.err)
        self.assertEqual(self.files(), [])

    def test_directory_as_spec_says_it_cannot_be_read(self):
        (self.tmp / "spec.yaml").mkdir()
        r = self.duty("roster", "build", "spec.yaml", "-o", "out.json")
        self.assertExit(r, 2)
        self.assertIn("cannot read 'spec.yaml'", r.err)
        self.assertEqual(self.files(), [])

    def test_bad_date_in_a_plan_given_to_check(self):
        self.write("spec.yaml", spec())
        self.write("plan.json", '{"shifts": [\n'
                                '  {"date": "2027-02-01", "assignments": {"leader": ["ann"]}},\n'
                                '  {"date": "2027-02-30", "assignments": {}}\n'
                                ']}\n')
        r = self.duty("roster", "check", "spec.yaml", "plan.json")
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err.splitlines(), [
            "duty: error: plan.json:3:12: '2027-02-30' is not a valid date for a shift's date; expected YYYY-MM-DD",
            '      {"date": "2027-02-30", "assignments": {}}',
            "               ^",
        ])


class BadOptionTest(BadInputCase):
    def test_from_after_to(self):
        r = self.run_bad(spec(), "--from", "2027-02-10", "--to", "2027-02-05")
        self.assertEqual(r.err, "duty: error: the period ends (2027-02-05) before it starts (2027-02-10); "
                                "check --from and --to\n")

    def test_from_after_the_spec_end(self):
        r = self.run_bad(spec(), "--from", "2027-03-01")
        self.assertIn("--from", r.err)
        self.assertIn("2027-03-01", r.err)

    def test_bad_from_value(self):
        r = self.run_bad(spec(), "--from", "2027-13-01")
        self.assertEqual(r.err, "duty: error: --from: '2027-13-01' is not a valid date; expected YYYY-MM-DD\n")

    def test_bad_to_value(self):
        r = self.run_bad(spec(), "--to", "yesterday")
        self.assertEqual(r.err, "duty: error: --to: 'yesterday' is not a valid date; expected YYYY-MM-DD\n")

    def test_bad_from_is_reported_even_with_a_broken_spec(self):
        # A bad --from is reported even when the spec is broken too, and still nothing is written.
        r = self.run_bad(spec({1: "timezone: Europe/Lodnon"}), "--from", "2027-02-30")
        self.assertIn("--from: '2027-02-30' is not a valid date", r.err)


class UnsatisfiableTest(BadInputCase):
    def test_too_few_people_can_serve_on_a_day(self):
        r = self.run_bad(spec({
            10: "  - {id: cat, name: Cat, groups: [staff], unavailable: [2027-02-07]}",
            11: "  - {id: dan, name: Dan, groups: [staff], unavailable: [2027-02-01..2027-02-10]}",
            12: "  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-02-07]}",
        }), code=3)
        self.assertEqual(r.err.splitlines(), [
            "duty: error: no roster obeys the rules of spec.yaml",
            "  2027-02-07 officer: needs 2, only 1 can serve (on leave: Cat (cat), Dan (dan), Eve (eve))",
        ])

    def test_pin_on_an_unavailable_date_names_the_pin(self):
        r = self.run_bad(spec({8: "  - {id: ann, name: Ann, groups: [leaders], unavailable: [2027-02-05]}"}), code=3)
        self.assertEqual(r.err.splitlines(), [
            "duty: error: pinned assignments in spec.yaml break the rules",
            "  spec.yaml:15:5: pin 2027-02-05 leader ann: Ann (ann) is unavailable on 2027-02-05",
        ])

    def test_pin_outside_the_slot_group(self):
        r = self.run_bad(spec({15: "  - {date: 2027-02-05, slot: leader, person: cat}"}), code=3)
        self.assertIn("  spec.yaml:15:5: pin 2027-02-05 leader cat: Cat (cat) is not in group 'leaders', "
                      "which slot 'leader' draws on", r.err.splitlines())

    def test_slot_needing_more_people_than_its_group_has(self):
        r = self.run_bad(spec({6: "  - {id: officer, group: staff, count: 5}"}), code=3)
        lines = r.err.splitlines()
        self.assertEqual(lines[0], "duty: error: no roster obeys the rules of spec.yaml")
        self.assertTrue(lines[1].startswith("  2027-02-01 officer: needs 5, only 4 can serve"), r.err)
        # Nobody is on leave or pinned elsewhere, so there is no list of reasons to bracket.
        self.assertNotIn("()", r.err)

    def test_max_duties_too_low(self):
        r = self.run_bad(spec(append=["rules:", "  max_duties: 3"]), code=3)
        lines = r.err.splitlines()
        self.assertEqual(lines[0], "duty: error: no roster obeys the rules of spec.yaml")
        self.assertIn("  group leaders: 14 duties to fill from 2027-02-01 to 2027-02-14, but availability, "
                      "max_duties 3 let its 2 people take at most 6", lines)
        self.assertIn("  group staff: 28 duties to fill from 2027-02-01 to 2027-02-14, but availability, "
                      "max_duties 3 let its 4 people take at most 12", lines)


ZH = {"DUTY_LANG": "zh-CN"}
ZH_ERROR = "duty: 错误："  # the "duty: error: " every problem starts with, in Chinese


class ChineseTest(BadInputCase):
    """The same problems for a zh-CN user: the place (file:line:column, the line, the caret) and the
    data (ids, dates, names) stay as they are, the words around them are Chinese."""

    def test_unknown_group_in_chinese(self):
        r = self.run_bad(spec({10: "  - {id: cat, name: Cat, groups: [stuff]}"}), env=ZH)
        line = self.assertDiagnostic(r, 10, 35, "未知的组“stuff”", "各岗位使用的组：leaders, staff",
                                   lead=ZH_ERROR)
        self.assertNotIn("unknown group", line)

    def test_duplicate_id_and_reversed_period_in_chinese(self):
        r = self.run_bad(spec({3: "period: {from: 2027-02-10, to: 2027-02-01}",
                               11: "  - {id: cat, name: Dan, groups: [staff]}"}), env=ZH)
        self.assertDiagnostic(r, 11, 10, "人员 id“cat”重复", lead=ZH_ERROR)
        self.assertDiagnostic(r, 3, 32, "period.to 2027-02-01 早于 period.from 2027-02-10", lead=ZH_ERROR)
        self.assertProblemCount(r, 2, lead=ZH_ERROR)

    def test_impossible_roster_reasons_in_chinese(self):
        r = self.run_bad(spec({
            10: "  - {id: cat, name: Cat, groups: [staff], unavailable: [2027-02-07]}",
            11: "  - {id: dan, name: Dan, groups: [staff], unavailable: [2027-02-01..2027-02-10]}",
            12: "  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-02-07]}",
        }), code=3, env=ZH)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 2, r.err)
        self.assertTrue(lines[0].endswith("没有排班表能符合 spec.yaml 的规则"), r.err)
        self.assertEqual(lines[1], "  2027-02-07 officer: 需要 2 人，只有 1 人能值班（请假：Cat (cat), Dan (dan), Eve (eve)）")

    def test_impossible_pin_and_totals_in_chinese(self):
        r = self.run_bad(spec({8: "  - {id: ann, name: Ann, groups: [leaders], unavailable: [2027-02-05]}"}),
                         code=3, env=ZH)
        self.assertIn("  spec.yaml:15:5：指定排班 2027-02-05 leader ann：Ann (ann) 在 2027-02-05 不能值班", r.err.splitlines())
        self.assertTrue(r.err.splitlines()[0].endswith("spec.yaml 中的指定排班违反规则"), r.err)
        r = self.run_bad(spec(append=["rules:", "  max_duties: 3"]), code=3, env=ZH)
        self.assertIn("  组 leaders：2027-02-01 至 2027-02-14 要排 14 个班，但在以下限制下：可值班日期, max_duties 3，"
                      "组内 2 人最多只能值 6 个班", r.err.splitlines())

    def test_period_options_in_chinese(self):
        r = self.run_bad(spec(), "--from", "2027-02-10", "--to", "2027-02-05", env=ZH)
        self.assertTrue(r.err.rstrip("\n").endswith(
            "排班期间的结束日期（2027-02-05）早于开始日期（2027-02-10）；请检查 --from 和 --to"), r.err)


BAD_INPUT_CASES = sum(name.startswith("test_") and not name.startswith("test_control")
                      for cls in (BadSpecTest, BadOptionTest, UnsatisfiableTest, ChineseTest) for name in vars(cls))


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
