# SPDX-License-Identifier: Apache-2.0
"""Publishing the roster: publish, show, who, next, swap, cover, history, replan, stats --year, the
audit trail in the hash chain, and bad input that must change nothing."""
import unittest

from publish_support import PublishTest


class PublishAndQuery(PublishTest):
    def test_publish_stores_the_built_roster_and_show_returns_it(self):
        self.make_office()
        built = self.ok("roster", "build", self.ws / "roster.yaml", "--format", "json").json()
        published = self.publish()
        self.assertEqual(self.assignments(published), self.assignments(built))
        shown = self.show()
        self.assertEqual(shown["from"], "2027-01-01")
        self.assertEqual(shown["to"], "2027-01-31")
        self.assertEqual(len(shown["shifts"]), 31)
        self.assertEqual(self.assignments(shown), self.assignments(built))
        self.assertEqual(shown["shifts"][0]["start"], "2027-01-01T08:30:00+08:00")
        self.assertEqual({p["id"] for p in shown["people"]} >= {"ldr-a", "off-d"}, True)
        part = self.show("--from", "2027-01-10", "--to", "2027-01-12")
        self.assertEqual([s["date"] for s in part["shifts"]], ["2027-01-10", "2027-01-11", "2027-01-12"])
        # 31 shifts and 7 people, each one event in the chain.
        self.assertEqual(self.ok("log", "verify").out, "ok: 39 events verified\n")

    def test_publish_a_plan_as_it_is_and_refuse_one_that_breaks_a_rule(self):
        self.make_office()
        plan = self.ok("roster", "build", self.ws / "roster.yaml", "--format", "json", "--to", "2027-01-10").json()
        plan["shifts"][3]["assignments"]["officer"] = ["ldr-a"]
        bad = self.write("bad.json", __import__("json").dumps(plan))
        r = self.d("roster", "publish", bad)
        self.assertExit(r, 2)
        self.assertIn("breaks", r.err)
        self.assertIn("2027-01-04 officer: Leader A (ldr-a) is not in group 'staff'", r.err)
        self.assertEqual(self.ok("log", "verify").out, "ok: 0 events verified\n")
        plan = self.ok("roster", "build", self.ws / "roster.yaml", "--format", "json", "--to", "2027-01-10").json()
        good = self.write("good.json", __import__("json").dumps(plan))
        published = self.publish(good)
        self.assertEqual(self.assignments(published), self.assignments(plan))
        self.assertEqual(len(self.show()["shifts"]), 10)

    def test_who_at_the_handover_minute(self):
        self.make_office()
        plan = self.assignments(self.publish())
        before = self.who("2027-01-05 08:29")
        self.assertEqual(before["date"], "2027-01-04")
        self.assertEqual(before["start"], "2027-01-04T08:30:00+08:00")
        self.assertEqual(before["end"], "2027-01-05T08:30:00+08:00")
        at = self.who("2027-01-05 08:30")
        self.assertEqual(at["date"], "2027-01-05")
        leader = plan["2027-01-05"]["leader"][0]
        self.assertEqual(at["assignments"]["leader"],
                         [{"id": leader, "name": "Leader " + leader[-1].upper(), "phone": "100" + str("abc".index(leader[-1]) + 1)}])
        self.assertEqual([p["id"] for p in at["assignments"]["officer"]], plan["2027-01-05"]["officer"])
        self.assertEqual(list(at.keys()), ["date", "start", "end", "assignments", "leader_in_room"])
        table = self.ok("who", "--at", "2027-01-05 08:30", "--format", "table").out
        self.assertIn("Shift 2027-01-05: 2027-01-05 08:30 – 2027-01-06 08:30", table)
        self.assertIn("Leader on duty", table)

    def test_who_outside_the_published_roster(self):
        self.make_office()
        self.publish()
        r = self.d("who", "--at", "2027-03-01 12:00")
        self.assertExit(r, 1)
        self.assertIn("no published roster covers 2027-03-01 12:00", r.err)
        self.assertEqual(r.out, "")

    def test_next(self):
        self.make_office()
        plan = self.assignments(self.publish())
        mine = [d for d, a in sorted(plan.items()) if "off-a" in a["officer"]]
        nxt = self.ok("roster", "next", "off-a", "--count", "3", "--format", "json").json()
        self.assertEqual([n["date"] for n in nxt], mine[:3])
        self.assertEqual(nxt[0]["slot"], "officer")
        # The table's last two columns are when the duty starts and ends, in both languages ("To"
        # alone is whom a report goes to, 报送单位, in incident overdue).
        for env, header in ((None, ["Date", "Day", "Type", "Slot", "From", "To"]),
                            ({"DUTY_LANG": "zh-CN"}, ["日期", "星期", "类型", "岗位", "开始", "结束"])):
            r = self.d("roster", "next", "off-a", "--count", "3", "--format", "table", env=env)
            self.assertExit(r, 0)
            lines = r.out.splitlines()
            self.assertEqual(lines[0].split(), header, r.out)
            self.assertEqual([line.split()[0] for line in lines[1:]], mine[:3], r.out)
        r = self.d("roster", "next", "off-z")
        self.assertExit(r, 2)
        self.assertIn("PERSON: unknown person 'off-z'", r.err)

    def test_stats_year_over_the_published_record(self):
        self.make_office()
        self.publish()
        stats = self.ok("roster", "stats", "--year", "2027", "--format", "json").json()
        self.assertEqual(stats["from"], "2027-01-01")
        self.assertEqual(stats["to"], "2027-01-31")
        self.assertEqual(sum(p["duties"] for p in stats["people"]), 62)
        r = self.d("roster", "stats", "--year", "2030")
        self.assertExit(r, 2)
        self.assertIn("nothing is published for 2030", r.err)


class Fairness(PublishTest):
    def test_duties_of_earlier_publications_count_towards_the_year(self):
        # January: Leader A is away half the month, so B and C serve more. February is published
        # separately; across both months the three leaders end up level.
        self.make_office(leave={"ldr-a": ["2027-01-01..2027-01-20"]})
        jan = self.assignments(self.publish())
        jan_counts = {p: sum(a["leader"] == [p] for a in jan.values()) for p in ("ldr-a", "ldr-b", "ldr-c")}
        self.assertLess(jan_counts["ldr-a"], jan_counts["ldr-b"])
        self.set_spec("2027-02-01", "2027-02-28")
        feb = self.assignments(self.publish())
        feb_counts = {p: sum(a["leader"] == [p] for a in feb.values()) for p in ("ldr-a", "ldr-b", "ldr-c")}
        self.assertGreater(feb_counts["ldr-a"], feb_counts["ldr-b"])
        total = {p: jan_counts[p] + feb_counts[p] for p in jan_counts}
        self.assertLessEqual(max(total.values()) - min(total.values()), 2, total)

    def test_window_period_ignores_earlier_publications(self):
        self.make_office(leave={"ldr-a": ["2027-01-01..2027-01-20"]})
        self.publish()
        self.set_spec("2027-02-01", "2027-02-28", extra_rules=", fairness_window: period")
        feb = self.assignments(self.publish())
        counts = sorted(sum(a["leader"] == [p] for a in feb.values()) for p in ("ldr-a", "ldr-b", "ldr-c"))
        self.assertLessEqual(counts[-1] - counts[0], 1)


class Changes(PublishTest):
    def setUp(self):
        super().setUp()
        self.make_office()
        self.plan = self.assignments(self.publish())

    def duty_of(self, person, slot="officer"):
        return [d for d, a in sorted(self.plan.items()) if person in a[slot]]

    def test_swap_exchanges_two_duties_and_is_recorded(self):
        a_day, b_day = self.duty_of("off-a")[2], None
        for d in self.duty_of("off-b"):
            r = self.d("roster", "swap", a_day, d, "officer", "off-a", "off-b", "--reason", "family matter",
                       "--by-user", "chief")
            if r.code == 0:
                b_day = d
                break
            self.assertExit(r, 2)
        self.assertIsNotNone(b_day, "no swap of off-a and off-b keeps the rules")
        shown = self.assignments(self.show())
        self.assertEqual(shown[a_day]["officer"], ["off-b"])
        self.assertEqual(shown[b_day]["officer"], ["off-a"])
        history = self.ok("roster", "history", a_day, "--format", "json").json()
        self.assertEqual([h["type"] for h in history], ["publish", "swap"])
        self.assertEqual(history[1]["by"], "chief")
        self.assertEqual(history[1]["reason"], "family matter")
        self.assertEqual(history[1]["change"], f"officer: off-a -> off-b (swapped with {b_day})")
        everything = self.ok("roster", "history", "--format", "json").json()
        self.assertEqual([h["type"] for h in everything], ["publish", "swap", "swap"])
        self.assertEqual(everything[0]["shifts"], 31)
        self.assertIn("ok:", self.ok("log", "verify").out)
        conn_rows = self.sql("SELECT changes, version FROM roster_shifts WHERE date = "
                             "(julianday(?) - 2440587.5)", a_day)
        self.assertEqual(conn_rows, [(1, 1)])

    def test_swap_into_a_rule_break_is_refused(self):
        a_day, b_day = self.duty_of("off-a")[1], self.duty_of("off-b")[1]
        # Leave approved after publication: off-b cannot take off-a's duty any more.
        self.set_spec("2027-01-01", "2027-01-31", leave={"off-b": [a_day]})
        before = self.state()
        r = self.d("roster", "swap", a_day, b_day, "officer", "off-a", "off-b", "--reason", "x")
        self.assertExit(r, 2)
        self.assertIn("the swap breaks the roster's rules; nothing was changed", r.err)
        self.assertIn(f"{a_day} officer: Officer B (off-b) is unavailable", r.err)
        self.assertEqual(self.state(), before)
        forced = self.d("roster", "swap", a_day, b_day, "officer", "off-a", "off-b", "--reason", "approved by chief",
                        "--force")
        self.assertExit(forced, 0)
        history = self.ok("roster", "history", a_day, "--format", "json").json()
        self.assertTrue(history[-1]["forced"])

    def test_cover_into_a_rest_break_is_refused(self):
        days = sorted(self.plan)
        day = days[5]
        covering = self.plan[days[6]]["officer"][0]  # serves the next day: no duty-free day between
        before = self.state()
        r = self.d("roster", "cover", day, "officer", self.plan[day]["officer"][0], "--by", covering, "--reason", "x")
        self.assertExit(r, 2)
        self.assertIn("min_rest_days is 1", r.err)
        self.assertEqual(self.state(), before)

    def test_cover(self):
        day = self.duty_of("off-a")[3]
        days = sorted(self.plan)
        i = days.index(day)
        busy = {p for d in days[max(0, i - 1):i + 2] for p in self.plan[d]["officer"]}
        free = sorted({"off-a", "off-b", "off-c", "off-d"} - busy)
        self.assertTrue(free)
        r = self.d("roster", "cover", day, "officer", "off-a", "--by", free[0], "--reason", "sick", "--by-user", "desk")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"{day} officer: off-a -> {free[0]}\n")
        self.assertEqual(self.who(f"{day} 12:00")["assignments"]["officer"][0]["id"], free[0])
        h = self.ok("roster", "history", day, "--format", "json").json()[-1]
        self.assertEqual((h["type"], h["by"], h["reason"]), ("cover", "desk", "sick"))

    def test_cover_outside_the_group_is_refused(self):
        day = self.duty_of("off-a")[0]
        before = self.state()
        r = self.d("roster", "cover", day, "officer", "off-a", "--by", "ldr-a", "--reason", "x")
        self.assertExit(r, 2)
        self.assertIn("group", r.err)
        self.assertEqual(self.state(), before)

    def test_bad_input_changes_nothing(self):
        before = self.state()
        day = self.duty_of("off-a")[0]
        cases = [
            (("roster", "cover", "2027-05-01", "officer", "off-a", "--by", "off-b", "--reason", "x"),
             "2027-05-01 is not in the published roster (published: 2027-01-01 .. 2027-01-31)"),
            (("roster", "cover", day, "officer", "off-a", "--by", "off-zz", "--reason", "x"), "unknown person 'off-zz'"),
            (("roster", "cover", day, "officer", "off-b", "--by", "off-c", "--reason", "x")
             if "off-b" not in self.plan[day]["officer"] else
             ("roster", "cover", day, "officer", "off-c", "--by", "off-d", "--reason", "x"), "is not on duty as officer"),
            (("roster", "cover", day, "oficer", "off-a", "--by", "off-b", "--reason", "x"),
             "unknown slot 'oficer' (did you mean 'officer'?)"),
            (("roster", "cover", "2027-13-01", "officer", "off-a", "--by", "off-b", "--reason", "x"), "DATE"),
            (("roster", "swap", day, day, "officer", "off-a", "off-b", "--reason", "x"), "same date"),
            (("roster", "cover", day, "officer", "off-a", "--by", "off-b"), "--reason"),
            (("roster", "publish", "--force"), "--reason: required with --force"),
            (("roster", "replan", "--from", "2027-04-01"), "outside the published roster"),
        ]
        for args, message in cases:
            r = self.d(*args)
            self.assertExit(r, 2)
            self.assertIn(message, r.err)
            self.assertEqual(self.state(), before, args)


class StartedShifts(PublishTest):
    def test_publishing_over_started_shifts_needs_force_and_reason(self):
        # November 2026 has started (today is 2026-11-29): first publication is allowed.
        self.make_office("2026-11-01", "2026-11-30")
        plan = self.assignments(self.publish())
        served = plan["2026-11-10"]["officer"][0]
        self.set_spec("2026-11-01", "2026-11-30", leave={served: ["2026-11-10"]})
        before = self.state()
        r = self.d("roster", "publish")
        self.assertExit(r, 2)
        self.assertIn("have already started", r.err)
        self.assertIn("--force --reason", r.err)
        self.assertEqual(self.state(), before)
        # Started shifts need --force, and changing published duties needs --replace.
        r = self.d("roster", "publish", "--force", "--reason", "correcting the record: sick leave")
        self.assertExit(r, 2)
        self.assertIn("--replace --reason", r.err)
        self.assertEqual(self.state(), before)
        forced = self.publish("--force", "--replace", "--reason", "correcting the record: sick leave")
        self.assertNotEqual(self.assignments(forced)["2026-11-10"]["officer"], [served])
        history = self.ok("roster", "history", "2026-11-10", "--format", "json").json()
        self.assertEqual(len(history), 2)
        self.assertTrue(history[1]["forced"])
        self.assertEqual(history[1]["reason"], "correcting the record: sick leave")
        self.assertIn("ok:", self.ok("log", "verify").out)

    def test_incident_add_defaults_received_by_to_the_officer_on_duty(self):
        self.make_office("2026-11-01", "2026-11-30")
        plan = self.assignments(self.publish())
        officer = plan["2026-11-20"]["officer"][0]
        iid = self.add("--title", "Landslide", "--category", "geological", "--received", "2026-11-21 08:29")
        self.assertEqual(self.show_incident(iid)["received_by"], "Officer " + officer[-1].upper())
        # --by names someone else in the roster (by id here; a name not in a published roster is refused,
        # see test_input_words), who is recorded by name instead of the officer on duty.
        other = next(p for p in ("off-a", "off-b", "off-c", "off-d") if p != officer)
        given = self.add("--title", "Fire", "--category", "fire", "--received", "2026-11-21 08:29", "--by", other)
        self.assertEqual(self.show_incident(given)["received_by"], "Officer " + other[-1].upper())

    def show_incident(self, iid):
        return self.ok("incident", "show", iid, "--format", "json").json()


class Replan(PublishTest):
    def test_replan_honours_new_leave_and_changes_little(self):
        self.make_office()
        plan = self.assignments(self.publish())
        victim_days = [d for d, a in sorted(plan.items()) if "off-c" in a["officer"] and d >= "2027-01-15"]
        self.set_spec("2027-01-01", "2027-01-31", leave={"off-c": ["2027-01-15..2027-01-31"]})
        r = self.d("roster", "replan", "--from", "2027-01-15", "--reason", "off-c on leave", "--format", "json")
        self.assertExit(r, 0)
        report = r.json()
        after = self.assignments(self.show())
        for d in plan:
            if d < "2027-01-15":
                self.assertEqual(after[d], plan[d], d)
            else:
                self.assertNotIn("off-c", after[d]["officer"])
        changed = sum(plan[d]["officer"] != after[d]["officer"] or plan[d]["leader"] != after[d]["leader"]
                      for d in plan)
        self.assertEqual(report["changed"], sum(1 for d in plan for s in ("leader", "officer")
                                                 for p in plan[d][s] if p not in after[d][s]))
        self.assertGreaterEqual(changed, len(victim_days))
        # Only the freed places (and what the rest rule forces around them) change.
        self.assertLessEqual(report["changed"], 3 * len(victim_days))
        self.assertTrue(all(c["out"] is not None for c in report["changes"]))
        history = self.ok("roster", "history", victim_days[0], "--format", "json").json()
        self.assertEqual(history[-1]["type"], "replan")
        self.assertIn("ok:", self.ok("log", "verify").out)

    def test_replan_that_no_roster_satisfies_exits_3_and_changes_nothing(self):
        self.make_office()
        self.publish()
        away = ["2027-01-20"]
        self.set_spec("2027-01-01", "2027-01-31",
                      leave={"off-a": away, "off-b": away, "off-c": away, "off-d": away})
        before = self.state()
        r = self.d("roster", "replan", "--from", "2027-01-15", "--reason", "everyone away", "--format", "json")
        self.assertExit(r, 3)
        self.assertEqual(r.out, "")
        self.assertIn("duty: error: no roster obeys the rules of", r.err)
        self.assertIn("\n  2027-01-20 officer: needs 1, only 0 can serve (on leave: Officer A (off-a), "
                      "Officer B (off-b), Officer C (off-c), Officer D (off-d))\n", r.err)
        self.assertEqual(self.state(), before)


class DaylightSaving(PublishTest):
    def test_who_across_spring_and_autumn_changes_in_new_york(self):
        self.make_office("2027-03-12", "2027-03-16", tz="America/New_York")
        self.publish()
        self.set_spec("2027-11-05", "2027-11-08", tz="America/New_York")
        self.publish()
        spring = self.who("2027-03-14T12:29:00Z")  # 08:29 EDT: still the 23-hour shift of the 13th
        self.assertEqual((spring["date"], spring["start"], spring["end"]),
                         ("2027-03-13", "2027-03-13T08:30:00-05:00", "2027-03-14T08:30:00-04:00"))
        self.assertEqual(self.who("2027-03-14T12:30:00Z")["date"], "2027-03-14")
        autumn = self.who("2027-11-07T13:29:00Z")  # 08:29 EST: the 25-hour shift of the 6th
        self.assertEqual((autumn["date"], autumn["start"], autumn["end"]),
                         ("2027-11-06", "2027-11-06T08:30:00-04:00", "2027-11-07T08:30:00-05:00"))
        self.assertEqual(self.who("2027-11-07T13:30:00Z")["date"], "2027-11-07")

    def test_handover_in_the_gap_and_the_overlap_in_berlin(self):
        self.make_office("2027-03-27", "2027-03-29", tz="Europe/Berlin", handover="02:30")
        self.publish()
        self.set_spec("2027-10-30", "2027-11-01", tz="Europe/Berlin", handover="02:30")
        self.publish()
        # 02:30 on 2027-03-28 does not exist: read with the offset before the gap, 03:30 CEST.
        gap = self.who("2027-03-28T01:30:00Z")
        self.assertEqual((gap["date"], gap["start"]), ("2027-03-28", "2027-03-28T03:30:00+02:00"))
        self.assertEqual(self.who("2027-03-28T01:29:00Z")["date"], "2027-03-27")
        # 02:30 on 2027-10-31 happens twice: the first (CEST) is the handover.
        overlap = self.who("2027-10-31T00:30:00Z")
        self.assertEqual((overlap["date"], overlap["start"]), ("2027-10-31", "2027-10-31T02:30:00+02:00"))
        self.assertEqual(self.who("2027-10-31T00:29:00Z")["date"], "2027-10-30")
        self.assertEqual(self.who("2027-10-31T01:30:00Z")["date"], "2027-10-31")


if __name__ == "__main__":
    unittest.main()
