# SPDX-License-Identifier: Apache-2.0
"""`duty roster build`: the example office, the plan contract, formats, determinism, the golden plan."""
import datetime
import json
import re
import unicodedata
import unittest

from harness import DATA, EXAMPLES, DutyTest

try:
    import yaml
except ImportError:  # python3-yaml is optional; tests that need it skip
    yaml = None

EXAMPLE = EXAMPLES / "zeku" / "roster.yaml"
SMALL = DATA / "roster" / "small.yaml"
SMALL_GOLDEN = DATA / "roster" / "small.golden.json"

if yaml is not None:
    class PlanLoader(yaml.SafeLoader):
        """YAML 1.1 without timestamps, so dates and instants stay text as in the JSON plan."""

    PlanLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load_yaml(text):
    return yaml.load(text, Loader=PlanLoader)


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_starts(line):
    """Display columns where the cells of a table row start; a cell holds at most single spaces."""
    return [display_width(line[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def dates(first, last):
    day, out = datetime.date.fromisoformat(first), []
    while day <= datetime.date.fromisoformat(last):
        out.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return out


def expand(entries):
    """The dates of a spec's unavailable list (dates and inclusive ranges)."""
    out = set()
    for entry in entries:
        first, _, last = str(entry).partition("..")
        out.update(dates(first, last or first))
    return out


ROTATION_SPEC = """\
timezone: Europe/Paris
period: {{from: 2027-06-07, to: 2027-06-12}}
slots:
  - {{id: leader, group: leaders}}
  - {{id: officer, group: staff, count: 2}}
people:
{people}
strategy: rotation
"""


class ExampleOfficeTest(DutyTest):
    """examples/zeku/roster.yaml is a fixture, so the documented example cannot drift."""

    # Built once: the solver is deterministic and several tests read the same plan.
    plan_text = None

    def build_json(self, *args):
        r = self.duty("roster", "build", EXAMPLE, "--format", "json", *args)
        self.assertExit(r, 0)
        self.assertEqual(r.err, "")
        return r

    def plan(self):
        if ExampleOfficeTest.plan_text is None:
            ExampleOfficeTest.plan_text = self.build_json().out
        return json.loads(ExampleOfficeTest.plan_text)

    def test_builds_json_when_stdout_is_not_a_terminal(self):
        r = self.build_json()
        self.assertTrue(r.out.startswith("{\n"), r.out[:80])
        self.assertEqual(r.json()["timezone"], "Asia/Shanghai")

    def test_builds_a_table_on_a_terminal(self):
        r = self.duty_on_terminal("roster", "build", EXAMPLE)
        self.assertExit(r, 0)
        lines = r.out.splitlines()
        self.assertEqual(lines[0].split(), ["日期", "星期", "类型", "带班领导", "值班员"])
        self.assertEqual(lines[1].split()[:4], ["2027-01-01", "周五", "节假日", "元旦"])
        self.assertEqual(len(lines), 1 + 90)

    def test_plan_has_the_contract_keys(self):
        plan = self.plan()
        self.assertEqual(list(plan), ["timezone", "handover", "from", "to", "shifts", "people"])
        self.assertEqual((plan["timezone"], plan["handover"], plan["from"], plan["to"]),
                         ("Asia/Shanghai", "08:30", "2027-01-01", "2027-03-31"))
        for shift in plan["shifts"]:
            keys = ["date", "start", "end", "day_type"] + (["holiday"] if "holiday" in shift else []) + ["assignments"]
            self.assertEqual(list(shift), keys, shift["date"])
            self.assertEqual(list(shift["assignments"]), ["leader", "officer"], shift["date"])
        self.assertEqual(len(plan["people"]), 16)
        self.assertEqual(plan["people"][0], {"id": "dorje", "name": "多杰才让", "phone": "13909730101"})
        self.assertEqual(plan["people"][-1], {"id": "dekyi", "name": "德吉", "phone": "13897350210"})
        for person in plan["people"]:
            self.assertEqual(list(person), ["id", "name", "phone"])

    def test_every_date_of_the_quarter_has_exactly_one_shift(self):
        self.assertEqual([s["date"] for s in self.plan()["shifts"]], dates("2027-01-01", "2027-03-31"))

    def test_shifts_run_from_handover_to_handover_in_china_time(self):
        for shift in self.plan()["shifts"]:
            following = (datetime.date.fromisoformat(shift["date"]) + datetime.timedelta(days=1)).isoformat()
            self.assertEqual(shift["start"], f"{shift['date']}T08:30:00+08:00")
            self.assertEqual(shift["end"], f"{following}T08:30:00+08:00")

    def test_day_types(self):
        shifts = {s["date"]: s for s in self.plan()["shifts"]}
        self.assertEqual((shifts["2027-01-01"]["day_type"], shifts["2027-01-01"]["holiday"]), ("holiday", "元旦"))
        self.assertEqual(shifts["2027-01-02"]["day_type"], "weekend")
        self.assertNotIn("holiday", shifts["2027-01-02"])
        self.assertEqual(shifts["2027-01-04"]["day_type"], "workday")
        # 2027-02-20 is a Saturday made a working day (调休) for the Spring Festival break.
        self.assertEqual(shifts["2027-02-20"]["day_type"], "workday")
        self.assertEqual(shifts["2027-02-21"]["day_type"], "weekend")
        for day in dates("2027-02-05", "2027-02-12"):
            self.assertEqual((shifts[day]["day_type"], shifts[day]["holiday"]), ("holiday", "春节"), day)
        counts = {t: sum(s["day_type"] == t for s in shifts.values()) for t in ("holiday", "weekend", "workday")}
        self.assertEqual(counts, {"holiday": 9, "weekend": 23, "workday": 58})

    def test_pin_is_honoured(self):
        shifts = {s["date"]: s for s in self.plan()["shifts"]}
        self.assertEqual(shifts["2027-02-05"]["assignments"]["leader"], ["dorje"])

    def test_plan_obeys_the_hard_rules(self):
        # Checked here independently of `roster check`, from the spec itself.
        if yaml is None:
            self.skipTest("python3-yaml is not installed")
        spec = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
        people = {p["id"]: p for p in spec["people"]}
        duties = {pid: [] for pid in people}
        for shift in self.plan()["shifts"]:
            on_shift = []
            for slot in spec["slots"]:
                ids = shift["assignments"][slot["id"]]
                self.assertEqual(len(ids), slot["count"], (shift["date"], slot["id"]))
                for pid in ids:
                    self.assertIn(slot["group"], people[pid]["groups"], (shift["date"], pid))
                    self.assertNotIn(shift["date"], expand(people[pid].get("unavailable", [])), (shift["date"], pid))
                    duties[pid].append(datetime.date.fromisoformat(shift["date"]))
                on_shift += ids
            self.assertEqual(len(on_shift), len(set(on_shift)), shift["date"])
        for pid, days in duties.items():
            self.assertLessEqual(len(days), spec["rules"]["max_duties"], pid)
            for a, b in zip(days, days[1:]):
                self.assertGreaterEqual((b - a).days - 1, spec["rules"]["min_rest_days"], (pid, a, b))

    def test_roster_check_passes_on_the_built_plan(self):
        self.assertExit(self.duty("roster", "build", EXAMPLE, "-o", "plan.json"), 0)
        r = self.duty("roster", "check", EXAMPLE, "plan.json")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, "")

    def test_output_is_identical_byte_for_byte(self):
        first = self.build_json()
        second = self.build_json()
        self.assertEqual(first.out, second.out)
        # Neither the machine's time zone nor its locale may leak into the plan.
        elsewhere = self.duty("roster", "build", EXAMPLE, "--format", "json",
                              env={"TZ": "America/New_York", "LC_ALL": "C"})
        self.assertExit(elsewhere, 0)
        self.assertEqual(elsewhere.out, first.out)
        table = [self.duty("roster", "build", EXAMPLE, "--format", "table").out for _ in range(2)]
        self.assertEqual(table[0], table[1])

    def test_from_and_to_override_the_period(self):
        r = self.build_json("--from", "2027-02-01", "--to", "2027-02-28")
        plan = r.json()
        self.assertEqual((plan["from"], plan["to"]), ("2027-02-01", "2027-02-28"))
        self.assertEqual([s["date"] for s in plan["shifts"]], dates("2027-02-01", "2027-02-28"))
        shifts = {s["date"]: s for s in plan["shifts"]}
        self.assertEqual(shifts["2027-02-05"]["assignments"]["leader"], ["dorje"])
        self.assertEqual(shifts["2027-02-20"]["day_type"], "workday")
        # A month cut from the quarter checks cleanly against the quarter's spec.
        self.write("february.json", r.out)
        check = self.duty("roster", "check", EXAMPLE, "february.json")
        self.assertExit(check, 0)
        self.assertEqual(check.out, "")

    def test_from_alone_keeps_the_spec_end(self):
        plan = self.build_json("--from", "2027-03-25").json()
        self.assertEqual([s["date"] for s in plan["shifts"]], dates("2027-03-25", "2027-03-31"))

    def test_to_alone_keeps_the_spec_start(self):
        plan = self.build_json("--to", "2027-01-03").json()
        self.assertEqual([s["date"] for s in plan["shifts"]], ["2027-01-01", "2027-01-02", "2027-01-03"])

    def test_output_file_by_extension_json(self):
        r = self.duty("roster", "build", EXAMPLE, "-o", "plan.json")
        self.assertExit(r, 0)
        self.assertEqual((r.out, r.err), ("", ""))
        self.assertEqual(self.files(), ["plan.json"])
        self.assertEqual((self.tmp / "plan.json").read_text(encoding="utf-8"), self.build_json().out)

    def test_output_into_a_missing_folder_is_an_environment_failure(self):
        r = self.duty("roster", "build", EXAMPLE, "-o", "no-such-folder/plan.json")
        self.assertExit(r, 4)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, "duty: error: -o: cannot write 'no-such-folder/plan.json': No such file or directory\n")
        self.assertEqual(self.files(), [])

    def test_output_file_by_extension_json_even_on_a_terminal(self):
        r = self.duty_on_terminal("roster", "build", EXAMPLE, "--output", "plan.json")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "")
        self.assertEqual(self.files(), ["plan.json"])
        self.assertEqual(json.loads((self.tmp / "plan.json").read_text(encoding="utf-8"))["from"], "2027-01-01")

    def test_output_file_by_extension_yaml_and_yml(self):
        for name in ("plan.yaml", "plan.yml"):
            with self.subTest(name=name):
                r = self.duty("roster", "build", EXAMPLE, "-o", name)
                self.assertExit(r, 0)
                self.assertEqual((r.out, r.err), ("", ""))
                text = (self.tmp / name).read_text(encoding="utf-8")
                self.assertTrue(text.startswith('timezone: Asia/Shanghai\nhandover: "08:30"\n'), text[:80])
        self.assertEqual(self.files(), ["plan.yaml", "plan.yml"])
        self.assertEqual((self.tmp / "plan.yaml").read_bytes(), (self.tmp / "plan.yml").read_bytes())

    def test_format_yaml_parses_to_the_json_plan(self):
        if yaml is None:
            self.skipTest("python3-yaml is not installed")
        r = self.duty("roster", "build", EXAMPLE, "--format", "yaml")
        self.assertExit(r, 0)
        self.assertEqual(load_yaml(r.out), self.plan())

    def test_yaml_plan_is_accepted_by_check(self):
        self.assertExit(self.duty("roster", "build", EXAMPLE, "-o", "plan.yaml"), 0)
        r = self.duty("roster", "check", EXAMPLE, "plan.yaml")
        self.assertExit(r, 0)
        self.assertEqual(r.out, "")

    def test_table_aligns_chinese_names(self):
        r = self.duty("roster", "build", EXAMPLE, "--format", "table")
        self.assertExit(r, 0)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), 91)
        header = column_starts(lines[0])
        self.assertEqual(len(header), 5)
        for line in lines:
            self.assertEqual(column_starts(line), header, line)
        pinned = next(line for line in lines if line.startswith("2027-02-05"))
        self.assertEqual(pinned.split()[:5], ["2027-02-05", "周五", "节假日", "春节", "多杰才让"])
        officers = pinned.split()[-1].split("、")
        self.assertEqual(len(officers), 2)


class RotationTest(DutyTest):
    def build(self, people):
        self.write("spec.yaml", ROTATION_SPEC.format(people=people))
        r = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(r, 0)
        return [(s["assignments"]["leader"], s["assignments"]["officer"]) for s in r.json()["shifts"]]

    def test_rotation_follows_people_order(self):
        shifts = self.build("  - {id: ann, groups: [leaders]}\n"
                            "  - {id: ben, groups: [leaders]}\n"
                            "  - {id: cai, groups: [leaders]}\n"
                            "  - {id: dee, groups: [staff]}\n"
                            "  - {id: eli, groups: [staff]}\n"
                            "  - {id: fay, groups: [staff]}\n")
        self.assertEqual(shifts, [(["ann"], ["dee", "eli"]), (["ben"], ["dee", "fay"]), (["cai"], ["eli", "fay"]),
                                  (["ann"], ["dee", "eli"]), (["ben"], ["dee", "fay"]), (["cai"], ["eli", "fay"])])

    def test_rotation_order_changes_with_people_order(self):
        shifts = self.build("  - {id: cai, groups: [leaders]}\n"
                            "  - {id: ann, groups: [leaders]}\n"
                            "  - {id: ben, groups: [leaders]}\n"
                            "  - {id: fay, groups: [staff]}\n"
                            "  - {id: dee, groups: [staff]}\n"
                            "  - {id: eli, groups: [staff]}\n")
        # Within a slot people are listed in spec order, so fay comes first when both serve.
        self.assertEqual(shifts, [(["cai"], ["fay", "dee"]), (["ann"], ["fay", "eli"]), (["ben"], ["dee", "eli"]),
                                  (["cai"], ["fay", "dee"]), (["ann"], ["fay", "eli"]), (["ben"], ["dee", "eli"])])


class GoldenPlanTest(DutyTest):
    """tests/data/roster/small.yaml was checked by hand: rotation order, rest, leave, the pin, Easter
    holidays and the 23-hour shift over the start of British Summer Time."""

    def test_small_spec_matches_golden_json(self):
        r = self.duty("roster", "build", SMALL, "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.out, SMALL_GOLDEN.read_text(encoding="utf-8"))

    def test_golden_plan_passes_check(self):
        r = self.duty("roster", "check", SMALL, SMALL_GOLDEN)
        self.assertExit(r, 0)
        self.assertEqual(r.out, "")

    def test_golden_plan_in_yaml_carries_the_same_plan(self):
        # people[].phone is part of the contract (null when none) in either format.
        if yaml is None:
            self.skipTest("python3-yaml is not installed")
        r = self.duty("roster", "build", SMALL, "--format", "yaml")
        self.assertExit(r, 0)
        self.assertEqual(load_yaml(r.out), json.loads(SMALL_GOLDEN.read_text(encoding="utf-8")))


if __name__ == "__main__":
    unittest.main()
