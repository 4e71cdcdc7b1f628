# SPDX-License-Identifier: Apache-2.0
"""`duty roster balance`: the covers (代班) each person did for others and received, by the date of
the shift covered, with hours, so an office can settle them; swaps are not counted."""
import datetime
import unittest

from harness import count_bad_input, report_bad_input_cases
from publish_support import PublishTest

OFFICERS = ("off-a", "off-b", "off-c", "off-d")


class Balance(PublishTest):
    def setUp(self):
        super().setUp()
        # Across a year's end, far enough ahead that no shift has started; no rest rule, so any
        # officer off duty that day may cover.
        self.make_office(frm="2027-12-27", to="2028-01-04", rest=0)
        self.plan = self.assignments(self.publish())

    def officer(self, day):
        return self.plan[day]["officer"][0]

    def free_officer(self, day, *besides):
        return next(p for p in OFFICERS if p != self.officer(day) and p not in besides)

    def cover(self, day, slot, out, by):
        r = self.d("roster", "cover", day, slot, out, "--by", by, "--reason", "sick")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"{day} {slot}: {out} -> {by}\n")

    def balance(self, *args):
        return self.ok("roster", "balance", "--format", "json", *args).json()

    def test_covers_done_and_received_by_shift_date_and_swaps_not_counted(self):
        covers = []  # (date, slot, out, in)
        a = self.officer("2027-12-31")
        b = self.free_officer("2027-12-31")
        covers.append(("2027-12-31", "officer", a, b))
        c = self.officer("2028-01-01")
        d = self.free_officer("2028-01-01", b)
        covers.append(("2028-01-01", "officer", c, d))
        e = self.officer("2028-01-02")
        covers.append(("2028-01-02", "officer", e, d if d != e else self.free_officer("2028-01-02", d)))
        leader = self.plan["2028-01-03"]["leader"][0]
        other = next(p for p in ("ldr-a", "ldr-b", "ldr-c") if p != leader)
        covers.append(("2028-01-03", "leader", leader, other))
        for day, slot, out, by in covers:
            self.cover(day, slot, out, by)
        # A swap exchanges two duties: nobody owes anybody.
        x, y = self.officer("2027-12-28"), self.officer("2027-12-29")
        if x != y:
            self.ok("roster", "swap", "2027-12-28", "2027-12-29", "officer", x, y, "--reason", "trade")

        def expected(year):
            people = {}
            for day, _slot, out, by in covers:
                if not day.startswith(str(year)):
                    continue
                for pid, key in ((by, "done"), (out, "received")):
                    p = people.setdefault(pid, {"id": pid, "name": NAMES[pid], "done": 0, "received": 0,
                                                "net": 0, "hours_done": 0, "hours_received": 0})
                    p[key] += 1
                    p["hours_" + key] += 24
                    p["net"] = p["done"] - p["received"]
            return [people[k] for k in sorted(people)]

        self.assertEqual(self.balance("--year", "2028"), expected(2028))
        self.assertEqual(self.balance("--year", "2027"), expected(2027))
        self.assertEqual(len(self.balance("--year", "2027")), 2)
        both = self.balance("--from", "2027-12-31", "--to", "2028-01-01")
        self.assertEqual(sum(p["done"] for p in both), 2)
        self.assertEqual(sum(p["net"] for p in both), 0)
        self.assertEqual(self.balance("--from", "2028-01-04", "--to", "2028-01-04"), [])

        table = self.ok("roster", "balance", "--year", "2028", "--format", "table").out.splitlines()
        self.assertEqual(table[0].split(), ["Person", "Covered", "for", "others", "Covered", "by", "others", "Net",
                                            "Hours", "covered", "Hours", "received"])
        row = next(line for line in table if f"({other})" in line)
        self.assertEqual(row.split()[-5:], ["1", "0", "+1", "24", "0"])

    def test_default_is_the_current_year_in_the_offices_zone(self):
        self.cover("2028-01-02", "officer", self.officer("2028-01-02"), self.free_officer("2028-01-02"))
        year = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).year
        r = self.d("roster", "balance", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(r.json(), self.balance("--year", str(year)))
        if year != 2028:
            self.assertEqual(r.json(), [])
            self.assertIn(f"no covers recorded for shifts from {year}-01-01 to {year}-12-31", r.err)

    def test_chinese_office_table(self):
        office = self.ws / "office.yaml"
        office.write_text(office.read_text(encoding="utf-8").replace("locale: en", "locale: zh-CN"),
                          encoding="utf-8")
        out = self.officer("2028-01-02")
        self.cover("2028-01-02", "officer", out, self.free_officer("2028-01-02"))
        r = self.d("roster", "balance", "--year", "2028", "--format", "table", env={"DUTY_LANG": "zh-CN"})
        self.assertExit(r, 0)
        table = r.out.splitlines()
        self.assertEqual(table[0].split(), ["人员", "代班", "被代班", "净代班", "代班时长（小时）", "被代班时长（小时）"])
        row = next(line for line in table if f"({out})" in line)
        self.assertEqual(row.split()[-5:], ["0", "1", "-1", "0", "24"])

    def test_bad_input(self):
        cases = (
            (("--year", "2028", "--from", "2028-01-01", "--to", "2028-01-31"), "--year: give either --year or --from"),
            (("--from", "2028-01-01"), "--from: needs --to as well"),
            (("--to", "2028-01-01"), "--to: needs --from as well"),
            (("--from", "2028-02-01", "--to", "2028-01-01"), "--from 2028-02-01 is after --to 2028-01-01"),
            (("--from", "2028-13-01", "--to", "2028-12-31"), "--from"),
            (("--year", "12"), "--year"),
            (("--year", "twenty"), "--year"),
            (("--format", "csv"), "--format"),
        )
        for args, expected in cases:
            with self.subTest(args=args):
                r = self.d("roster", "balance", *args)
                self.assertExit(r, 2)
                self.assertIn(expected, r.err)
                self.assertEqual(r.out, "")
                count_bad_input()


NAMES = {"ldr-a": "Leader A", "ldr-b": "Leader B", "ldr-c": "Leader C", "off-a": "Officer A",
         "off-b": "Officer B", "off-c": "Officer C", "off-d": "Officer D"}

tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
