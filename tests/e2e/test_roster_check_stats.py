# SPDX-License-Identifier: Apache-2.0
"""`duty roster check` on hand-edited plans and `duty roster stats` on known assignments."""
import json
import unittest

from harness import EXAMPLES, DutyTest

EXAMPLE = EXAMPLES / "zeku" / "roster.yaml"

# Line 20 holds the pin; the check messages quote its position.
SPEC = """\
timezone: Europe/Berlin
handover: "07:00"
period: {from: 2027-02-01, to: 2027-02-07}
slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff, count: 2}
people:
  - {id: ann, name: Ann, groups: [leaders]}
  - {id: ben, name: Ben, groups: [leaders]}
  - {id: cal, name: Cal, groups: [leaders]}
  - {id: dia, name: Dia, groups: [leaders]}
  - {id: cat, name: Cat, groups: [staff]}
  - {id: dan, name: Dan, groups: [staff]}
  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-02-07]}
  - {id: fay, name: Fay, groups: [staff]}
  - {id: gus, name: Gus, groups: [staff]}
rules:
  min_rest_days: 1
fixed:
  - {date: 2027-02-05, slot: leader, person: ben}
"""

# A plan obeying every rule, chosen by hand: date -> (leader, officers).
VALID = {
    "2027-02-01": ("ann", "cat dan"),
    "2027-02-02": ("ben", "eve fay"),
    "2027-02-03": ("ann", "cat gus"),
    "2027-02-04": ("cal", "dan fay"),
    "2027-02-05": ("ben", "cat eve"),
    "2027-02-06": ("ann", "dan gus"),
    "2027-02-07": ("cal", "cat fay"),
}

# Each edit breaks exactly one rule on its own date.
BROKEN = dict(VALID, **{
    "2027-02-01": ("gus", "cat dan"),   # gus is staff, not a leader
    "2027-02-02": ("ben", "eve"),       # one officer short
    "2027-02-04": ("cal", "gus fay"),   # gus served the day before
    "2027-02-05": ("dia", "cat eve"),   # the pin says ben
    "2027-02-06": ("zed", "dan gus"),   # nobody called zed
    "2027-02-07": ("cal", "eve cat"),   # eve is on leave
})

EXPECTED_VIOLATIONS = [
    ("2027-02-01", "leader", "gus", "group", "2027-02-01 leader: Gus (gus) is not in group 'leaders'"),
    ("2027-02-02", "officer", "", "coverage", "2027-02-02 officer: needs 2, has 1"),
    ("2027-02-04", "officer", "gus", "rest",
     "2027-02-04 officer: Gus (gus) also served on 2027-02-03: 0 duty-free days between, min_rest_days is 1"),
    ("2027-02-05", "leader", "ben", "pin",
     "2027-02-05 leader: pinned to ben (spec.yaml:20:5) but the plan does not have them"),
    ("2027-02-06", "leader", "zed", "person", "2027-02-06 leader: unknown person 'zed'"),
    ("2027-02-07", "officer", "eve", "unavailable", "2027-02-07 officer: Eve (eve) is unavailable"),
]


class CheckTest(DutyTest):
    def setUp(self):
        super().setUp()
        self.write("spec.yaml", SPEC)
        built = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(built, 0)
        # Start from a built plan so the frame (times, day types, people) is the tool's own.
        self.frame = built.json()

    def write_plan(self, name, assignments):
        plan = json.loads(json.dumps(self.frame))
        for shift in plan["shifts"]:
            leader, officers = assignments[shift["date"]]
            shift["assignments"] = {"leader": [leader], "officer": officers.split()}
        self.write(name, json.dumps(plan, ensure_ascii=False, indent=2))

    def test_hand_made_valid_plan_passes(self):
        self.write_plan("valid.json", VALID)
        r = self.duty("roster", "check", "spec.yaml", "valid.json")
        self.assertExit(r, 0)
        self.assertEqual((r.out, r.err), ("", ""))

    def test_violations_one_per_line_exit_1(self):
        self.write_plan("broken.json", BROKEN)
        r = self.duty("roster", "check", "spec.yaml", "broken.json")
        self.assertExit(r, 1)
        self.assertEqual(r.out.splitlines(), [v[4] for v in EXPECTED_VIOLATIONS])
        for date, slot, person, _, _ in EXPECTED_VIOLATIONS:
            line = next(line for line in r.out.splitlines() if line.startswith(date))
            self.assertIn(f"{date} {slot}: ", line)
            self.assertIn(person, line)
        self.assertEqual(r.err, "duty: 6 violations in broken.json\n")

    def test_violations_as_json(self):
        self.write_plan("broken.json", BROKEN)
        r = self.duty("roster", "check", "spec.yaml", "broken.json", "--format", "json")
        self.assertExit(r, 1)
        self.assertEqual(r.json(), [dict(zip(("date", "slot", "person", "rule", "message"), v), forced=False)
                                    for v in EXPECTED_VIOLATIONS])

    def test_a_missing_shift_and_a_person_twice(self):
        self.write_plan("plan.json", dict(VALID, **{"2027-02-03": ("ann", "gus gus")}))
        plan = json.loads((self.tmp / "plan.json").read_text(encoding="utf-8"))
        plan["shifts"] = [s for s in plan["shifts"] if s["date"] != "2027-02-06"]
        self.write("plan.json", json.dumps(plan))
        r = self.duty("roster", "check", "spec.yaml", "plan.json")
        self.assertExit(r, 1)
        self.assertEqual(r.out.splitlines(), [
            "2027-02-03 officer: Gus (gus) is already on this shift",
            "2027-02-06: no shift in the plan for this date",
        ])

    def test_max_duties_violation(self):
        self.write("capped.yaml", SPEC.replace("  min_rest_days: 1\n", "  min_rest_days: 1\n  max_duties: 3\n"))
        self.write_plan("valid.json", VALID)
        r = self.duty("roster", "check", "capped.yaml", "valid.json")
        self.assertExit(r, 1)
        # cat serves on 01, 03, 05 and 07.
        self.assertEqual(r.out, "Cat (cat) has 4 duties; max_duties is 3\n")

    def test_check_with_unknown_format_exits_2(self):
        self.write_plan("valid.json", VALID)
        r = self.duty("roster", "check", "spec.yaml", "valid.json", "--format", "xml")
        self.assertExit(r, 2)
        self.assertIn("--format", r.err)


class StatsTest(DutyTest):
    def setUp(self):
        super().setUp()
        self.write("spec.yaml", SPEC)
        built = self.duty("roster", "build", "spec.yaml", "--format", "json")
        self.assertExit(built, 0)
        plan = built.json()
        for shift in plan["shifts"]:
            leader, officers = VALID[shift["date"]]
            shift["assignments"] = {"leader": [leader], "officer": officers.split()}
        self.write("valid.json", json.dumps(plan))

    def stats(self):
        r = self.duty("roster", "stats", "spec.yaml", "valid.json", "--format", "json")
        self.assertExit(r, 0)
        return r.json()

    def test_per_person_duties(self):
        people = {p["id"]: p for p in self.stats()["people"]}
        self.assertEqual({pid: p["duties"] for pid, p in people.items()},
                         {"ann": 3, "ben": 2, "cal": 2, "dia": 0, "cat": 4, "dan": 3, "eve": 2, "fay": 3, "gus": 2})
        # 2027-02-06 and 07 are the weekend.
        self.assertEqual({pid: p["weekend_duties"] for pid, p in people.items()},
                         {"ann": 1, "ben": 0, "cal": 1, "dia": 0, "cat": 1, "dan": 1, "eve": 0, "fay": 1, "gus": 1})
        self.assertEqual((people["ann"]["shortest_gap"], people["ann"]["longest_gap"]), (2, 3))
        self.assertEqual((people["dia"]["shortest_gap"], people["dia"]["longest_gap"]), (None, None))

    def test_fair_shares_follow_availability(self):
        people = {p["id"]: p for p in self.stats()["people"]}
        # 14 officer places over 34 available person-days; eve is away one day of seven.
        self.assertAlmostEqual(people["cat"]["groups"][0]["share"]["all"], 14 * 7 / 34)
        self.assertAlmostEqual(people["eve"]["groups"][0]["share"]["all"], 14 * 6 / 34)
        self.assertAlmostEqual(people["ann"]["groups"][0]["share"]["all"], 7 / 4)
        self.assertEqual(people["cat"]["groups"][0]["group"], "staff")
        self.assertEqual(people["cat"]["groups"][0]["count"], {"all": 4, "holiday": 0, "weekend": 1})

    def test_group_deviations_and_lower_bounds(self):
        stats = self.stats()
        groups = {g["group"]: g for g in stats["groups"]}
        self.assertEqual(list(groups), ["leaders", "staff"])
        self.assertEqual(groups["leaders"]["places"], {"all": 7, "holiday": 0, "weekend": 2})
        self.assertEqual(groups["staff"]["places"], {"all": 14, "holiday": 0, "weekend": 4})
        # dia has none of a 1.75 share; counts 2, 2, 2, 1 would reach 0.75.
        self.assertAlmostEqual(groups["leaders"]["deviation"]["all"], 1.75)
        self.assertAlmostEqual(groups["leaders"]["optimum"]["all"], 0.75)
        self.assertAlmostEqual(groups["leaders"]["deviation"]["weekend"], 0.5)
        # cat's 4 against 14*7/34; 3, 3, 2, 3, 3 would reach eve's |2 - 14*6/34|.
        self.assertAlmostEqual(groups["staff"]["deviation"]["all"], 4 - 14 * 7 / 34)
        self.assertAlmostEqual(groups["staff"]["optimum"]["all"], 14 * 6 / 34 - 2)
        self.assertAlmostEqual(groups["staff"]["deviation"]["weekend"], 4 * 1 / 9)
        self.assertAlmostEqual(stats["deviation"]["all"], 1.75 + 4 - 14 * 7 / 34)
        self.assertFalse(stats["optimal"])

    def test_stats_table_names_people_and_verdict(self):
        r = self.duty("roster", "stats", "spec.yaml", "valid.json", "--format", "table")
        self.assertExit(r, 0)
        rows = {line.split()[0]: line.split() for line in r.out.splitlines() if line.strip()}
        self.assertEqual(rows["cat"][:6], ["cat", "Cat", "4", "0", "1", "2.88"])
        self.assertIn("not proven optimal: some deviation is above its lower bound", r.out)

    def test_stats_on_the_example_is_optimal(self):
        r = self.duty("roster", "stats", EXAMPLE, "--format", "json")
        self.assertExit(r, 0)
        stats = r.json()
        self.assertTrue(stats["optimal"])
        self.assertEqual((stats["from"], stats["to"]), ("2027-01-01", "2027-03-31"))
        for measure in ("all", "holiday", "weekend"):
            self.assertAlmostEqual(stats["deviation"][measure], stats["optimum"][measure])
        groups = {g["group"]: g for g in stats["groups"]}
        self.assertEqual(groups["leaders"]["places"], {"all": 90, "holiday": 9, "weekend": 23})
        self.assertEqual(groups["staff"]["places"], {"all": 180, "holiday": 18, "weekend": 46})
        self.assertEqual(sum(p["duties"] for p in stats["people"]), 270)

    def test_stats_of_a_built_plan_match_stats_from_the_spec(self):
        self.assertExit(self.duty("roster", "build", EXAMPLE, "-o", "q1.json"), 0)
        from_plan = self.duty("roster", "stats", EXAMPLE, "q1.json", "--format", "json")
        from_spec = self.duty("roster", "stats", EXAMPLE, "--format", "json")
        self.assertExit(from_plan, 0)
        self.assertEqual(from_plan.out, from_spec.out)


if __name__ == "__main__":
    unittest.main()
