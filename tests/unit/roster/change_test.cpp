// SPDX-License-Identifier: Apache-2.0
#include "roster/change.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "roster/check.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/solver.hpp"
#include "roster/spec.hpp"

namespace {

using duty::Days;
using duty::roster::Change;
using duty::roster::Plan;
using duty::roster::Spec;
using duty::roster::Violation;

Days ymd(int y, unsigned m, unsigned d) {
  return Days{date::year{y} / date::month{m} / date::day{d}};
}

Spec parse(const std::string& text, const duty::roster::PeriodOverride& period = {}) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text), period);
}

// Every violation as "rule: message", so a failure shows what broke.
std::vector<std::string> lines(const std::vector<Violation>& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.rule + ": " + v.message);
  return out;
}

// A published week from Monday 2027-01-04. Fay is in both groups, so she can be put on a shift
// twice; Gus is a leader only; Eve is away on 2027-01-06 and Dan on 2027-01-08 (leave approved
// after the week was published); Ann is pinned to the first leader's duty.
const std::string kWeek = R"(timezone: Asia/Shanghai
period: {from: 2027-01-04, to: 2027-01-10}
slots:
  - {id: leader, name: Leader, group: leaders}
  - {id: officer, name: Officer, group: staff}
people:
  - {id: ann, name: Ann, groups: [leaders]}
  - {id: bob, name: Bob, groups: [leaders]}
  - {id: cat, name: Cat, groups: [staff]}
  - {id: dan, name: Dan, groups: [staff], unavailable: [2027-01-08]}
  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-01-06]}
  - {id: fay, name: Fay, groups: [leaders, staff]}
  - {id: gus, name: Gus, groups: [leaders]}
rules: {min_rest_days: 1, max_duties: 3}
fixed:
  - {date: 2027-01-04, slot: leader, person: ann}
)";

struct Week {
  Spec spec = parse(kWeek);
  duty::roster::Model model = duty::roster::build_model(spec);
  Plan plan = published();

  // Keeps every rule: a duty-free day between duties, at most three each (Ann, Bob, Cat and Dan
  // have three), the pin.
  Plan published() const {
    Plan p = duty::roster::make_empty_plan(spec);
    const std::vector<std::pair<std::string, std::string>> days = {
        {"ann", "cat"}, {"bob", "dan"}, {"ann", "cat"}, {"bob", "dan"},
        {"ann", "eve"}, {"bob", "cat"}, {"fay", "dan"}};
    for (std::size_t d = 0; d < days.size(); ++d) {
      p.shifts[d].assignments[0].people = {days[d].first};
      p.shifts[d].assignments[1].people = {days[d].second};
    }
    return p;
  }

  std::vector<Violation> check(const std::vector<Change>& changes) const {
    return duty::roster::check_changes(model, plan, changes);
  }
};

std::vector<Change> swap(Days a, Days b, const std::string& slot, const std::string& person_a,
                         const std::string& person_b) {
  return {{a, slot, person_a, person_b}, {b, slot, person_b, person_a}};
}

}  // namespace

TEST_SUITE("roster::change") {
  TEST_CASE("the published week keeps every rule") {
    Week w;
    CHECK(lines(duty::roster::check_plan(w.model, w.plan)) == std::vector<std::string>{});
  }

  TEST_CASE("a swap that keeps the rules adds no violation and exchanges the two duties") {
    Week w;
    auto changes = swap(ymd(2027, 1, 8), ymd(2027, 1, 9), "officer", "eve", "cat");
    CHECK(lines(w.check(changes)) == std::vector<std::string>{});
    Plan after = duty::roster::apply_changes(w.plan, changes);
    CHECK(*after.shifts[4].people_in("officer") == std::vector<std::string>{"cat"});
    CHECK(*after.shifts[5].people_in("officer") == std::vector<std::string>{"eve"});
    // Nothing else moved.
    for (std::size_t d : {0U, 1U, 2U, 3U, 6U})
      CHECK(after.shifts[d].assignments[1].people == w.plan.shifts[d].assignments[1].people);
    for (std::size_t d = 0; d < 7; ++d)
      CHECK(after.shifts[d].assignments[0].people == w.plan.shifts[d].assignments[0].people);
  }

  TEST_CASE("a swap that puts someone on duty two days running breaks the rest rule") {
    Week w;
    // Cat takes Eve's 2027-01-08 and still serves 2027-01-09.
    auto vs = w.check(swap(ymd(2027, 1, 4), ymd(2027, 1, 8), "officer", "cat", "eve"));
    CHECK(lines(vs) == std::vector<std::string>{
                           "rest: 2027-01-09 officer: Cat (cat) also served on 2027-01-08: 0 "
                           "duty-free days between, min_rest_days is 1"});
    REQUIRE(vs.size() == 1);
    CHECK(vs[0].date == ymd(2027, 1, 9));
    CHECK(vs[0].person == "cat");
  }

  TEST_CASE("a swap onto a day of leave breaks availability") {
    Week w;
    auto vs = w.check(swap(ymd(2027, 1, 7), ymd(2027, 1, 8), "officer", "dan", "eve"));
    CHECK(lines(vs) ==
          std::vector<std::string>{"unavailable: 2027-01-08 officer: Dan (dan) is unavailable"});
    REQUIRE(vs.size() == 1);
    CHECK(vs[0].date == ymd(2027, 1, 8));
    CHECK(vs[0].slot == "officer");
  }

  TEST_CASE("a swap that moves someone outside the group reports the new place only") {
    Week w;
    // Gus was on the officers' roster when it was published and has since left the staff group:
    // the plan already breaks the group rule on 2027-01-10, which is not the swap's doing.
    w.plan.shifts[6].assignments[1].people = {"gus"};
    REQUIRE(
        lines(duty::roster::check_plan(w.model, w.plan)) ==
        std::vector<std::string>{"group: 2027-01-10 officer: Gus (gus) is not in group 'staff'"});
    auto vs = w.check(swap(ymd(2027, 1, 10), ymd(2027, 1, 7), "officer", "gus", "dan"));
    CHECK(lines(vs) ==
          std::vector<std::string>{"group: 2027-01-07 officer: Gus (gus) is not in group 'staff'"});
  }

  TEST_CASE("a swap away from a pin breaks the pin, never the cap: counts do not change") {
    Week w;
    // Ann has max_duties (3) before and after.
    auto vs = w.check(swap(ymd(2027, 1, 4), ymd(2027, 1, 10), "leader", "ann", "fay"));
    CHECK(lines(vs) == std::vector<std::string>{
                           "pin: 2027-01-04 leader: pinned to ann (spec.yaml:16:5) but the plan "
                           "does not have them"});
  }

  TEST_CASE("a cover that gives someone more duties than max_duties breaks the cap") {
    Week w;
    auto vs = w.check({{ymd(2027, 1, 10), "leader", "fay", "ann"}});
    CHECK(lines(vs) ==
          std::vector<std::string>{"max_duties: Ann (ann) has 4 duties; max_duties is 3"});
    REQUIRE(vs.size() == 1);
    CHECK_FALSE(vs[0].date.has_value());
    CHECK(vs[0].person == "ann");
  }

  TEST_CASE("a cover by someone on leave breaks availability") {
    Week w;
    auto vs = w.check({{ymd(2027, 1, 6), "officer", "cat", "eve"}});
    CHECK(lines(vs) ==
          std::vector<std::string>{"unavailable: 2027-01-06 officer: Eve (eve) is unavailable"});
  }

  TEST_CASE("a cover that puts the same person twice in one shift") {
    Week w;
    // Fay leads on 2027-01-10 and would also be its officer.
    auto vs = w.check({{ymd(2027, 1, 10), "officer", "dan", "fay"}});
    CHECK(lines(vs) ==
          std::vector<std::string>{
              "twice: 2027-01-10 officer: Fay (fay) is already on this shift as leader"});
    REQUIRE(vs.size() == 1);
    CHECK(vs[0].person == "fay");
  }

  TEST_CASE("a cover from outside the slot's group breaks the group rule") {
    Week w;
    auto vs = w.check({{ymd(2027, 1, 10), "officer", "dan", "gus"}});
    CHECK(lines(vs) ==
          std::vector<std::string>{"group: 2027-01-10 officer: Gus (gus) is not in group 'staff'"});
  }

  TEST_CASE("a cover by someone free that day adds nothing") {
    Week w;
    CHECK(w.check({{ymd(2027, 1, 10), "officer", "dan", "eve"}}).empty());
  }

  TEST_CASE("a change whose person is not on that duty is refused, naming who is") {
    Week w;
    CHECK_THROWS_WITH_AS(w.check({{ymd(2027, 1, 5), "leader", "ann", "gus"}}),
                         "ann is not on duty as leader on 2027-01-05 (leader: bob)",
                         duty::UsageError);
    w.plan.shifts[1].assignments[1].people.clear();
    CHECK_THROWS_WITH_AS(w.check({{ymd(2027, 1, 5), "officer", "dan", "eve"}}),
                         "dan is not on duty as officer on 2027-01-05 (officer: nobody)",
                         duty::UsageError);
    CHECK_THROWS_WITH_AS(w.check({{ymd(2027, 1, 5), "backup", "dan", "eve"}}),
                         "dan is not on duty as backup on 2027-01-05 (backup: nobody)",
                         duty::UsageError);
    CHECK_THROWS_AS(w.check({{ymd(2027, 2, 1), "leader", "ann", "gus"}}), duty::UsageError);
  }

  TEST_CASE("changes are checked over the spec's period, else over a month either side") {
    Week w;
    const Days first = ymd(2026, 12, 1), last = ymd(2027, 3, 31);
    auto inside = duty::roster::change_period(
        w.spec, swap(ymd(2027, 1, 4), ymd(2027, 1, 10), "leader", "ann", "fay"), first, last);
    CHECK_FALSE(inside.from.has_value());
    CHECK_FALSE(inside.to.has_value());
    auto outside = duty::roster::change_period(
        w.spec, swap(ymd(2027, 1, 9), ymd(2027, 2, 20), "leader", "bob", "gus"), first, last);
    CHECK(outside.from == ymd(2026, 12, 9));
    CHECK(outside.to == ymd(2027, 3, 23));
    auto clipped = duty::roster::change_period(w.spec, {{ymd(2026, 12, 3), "leader", "bob", "gus"}},
                                               first, ymd(2026, 12, 20));
    CHECK(clipped.from == first);
    CHECK(clipped.to == ymd(2026, 12, 20));
  }
}

namespace {

// A published January: one leader and one officer a shift, a duty-free day between duties.
// `extra` adds YAML to a person's entry (", unavailable: [...]"), `rules` to the rules.
std::string month(const std::map<std::string, std::string>& extra = {},
                  const std::string& rules = "") {
  std::string text = R"(timezone: Asia/Shanghai
period: {from: 2027-01-01, to: 2027-01-31}
slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff}
people:
)";
  for (const std::string id : {"ann", "bob", "cal"}) {
    auto it = extra.find(id);
    text +=
        "  - {id: " + id + ", groups: [leaders]" + (it == extra.end() ? "" : it->second) + "}\n";
  }
  for (const std::string id : {"dan", "eve", "fay", "gus"}) {
    auto it = extra.find(id);
    text += "  - {id: " + id + ", groups: [staff]" + (it == extra.end() ? "" : it->second) + "}\n";
  }
  return text + "rules: {min_rest_days: 1" + rules + "}\n";
}

const Days kFrom = ymd(2027, 1, 15);
const Days kTo = ymd(2027, 1, 31);

// The month as published, split at kFrom into what came before and what is re-planned.
struct Published {
  Spec spec;
  Plan plan;
  std::vector<duty::roster::Shift> before;
  Plan current;

  explicit Published(const std::string& text) : spec(parse(text)) {
    auto model = duty::roster::build_model(spec);
    plan = duty::roster::solve(model).plan;
    current = plan;
    current.shifts.clear();
    current.from = kFrom;
    for (const auto& s : plan.shifts) (s.date < kFrom ? before : current.shifts).push_back(s);
  }

  const std::string& officer(Days d) const { return people(d, "officer").front(); }
  const std::vector<std::string>& people(Days d, const std::string& slot) const {
    auto it = std::find_if(plan.shifts.begin(), plan.shifts.end(),
                           [&](const auto& s) { return s.date == d; });
    REQUIRE(it != plan.shifts.end());
    return *it->people_in(slot);
  }
};

duty::roster::ReplanResult replan(const Published& p, const std::string& now) {
  duty::roster::Around around;
  around.outside = p.before;
  return duty::roster::replan(parse(now, {kFrom, kTo}), p.current, around);
}

// The places in which the two plans differ, as date/slot.
std::vector<std::string> differing(const Plan& a, const Plan& b) {
  std::vector<std::string> out;
  REQUIRE(a.shifts.size() == b.shifts.size());
  for (std::size_t i = 0; i < a.shifts.size(); ++i) {
    for (const std::string slot : {"leader", "officer"}) {
      if (*a.shifts[i].people_in(slot) != *b.shifts[i].people_in(slot))
        out.push_back(duty::format_date(a.shifts[i].date) + " " + slot);
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("roster::replan") {
  TEST_CASE("new leave changes only the places on leave, and reports each") {
    Published p(month());
    const Days d1 = ymd(2027, 1, 20), d2 = ymd(2027, 1, 25);
    const std::string first = p.officer(d1), second = p.officer(d2);
    // First's leave also covers a day before kFrom on which they served: that stays as it was.
    Days earlier = kFrom;
    for (const auto& s : p.before) {
      if (*s.people_in("officer") == std::vector<std::string>{first}) earlier = s.date;
    }
    REQUIRE(earlier < kFrom);
    std::string leave1 =
        ", unavailable: [" + duty::format_date(earlier) + ", " + duty::format_date(d1) + "]";
    std::string leave2 = ", unavailable: [" + duty::format_date(d2) + "]";
    std::map<std::string, std::string> leave{{first, leave1}};
    if (second == first)
      leave[first] = ", unavailable: [" + duty::format_date(earlier) + ", " +
                     duty::format_date(d1) + ", " + duty::format_date(d2) + "]";
    else
      leave[second] = leave2;
    const std::string now = month(leave);

    auto result = replan(p, now);

    // The new roster covers kFrom to the end, nothing before it.
    CHECK(result.plan.from == kFrom);
    CHECK(result.plan.to == kTo);
    REQUIRE(result.plan.shifts.size() == 17);
    CHECK(result.plan.shifts.front().date == kFrom);
    // It keeps every rule of the spec as it is now, the new leave included.
    auto spec_now = parse(now, {kFrom, kTo});
    auto model_now = duty::roster::build_model(spec_now);
    CHECK(lines(duty::roster::check_plan(model_now, result.plan)) == std::vector<std::string>{});
    // Only the two places on leave changed, and the changes say so.
    CHECK(differing(p.current, result.plan) ==
          std::vector<std::string>{"2027-01-20 officer", "2027-01-25 officer"});
    REQUIRE(result.changes.size() == 2);
    CHECK(result.changes[0].date == d1);
    CHECK(result.changes[0].slot == "officer");
    CHECK(result.changes[0].out == first);
    CHECK(std::vector<std::string>{result.changes[0].in} ==
          *result.plan.shifts[5].people_in("officer"));
    CHECK(result.changes[0].in != first);
    CHECK(result.changes[1].date == d2);
    CHECK(result.changes[1].out == second);
    CHECK(result.changes[1].in != second);
  }

  TEST_CASE("the rest rule carries across the first re-planned date") {
    Published p(month());
    // The officer of kFrom and the one free officer both go on leave that day: the only one left
    // who is not needed the next day served the day before kFrom and must rest.
    const std::string served_before = *p.before.back().people_in("officer")->begin();
    const std::string on_duty = p.officer(kFrom);
    const std::string next = p.officer(kFrom + date::days{1});
    std::map<std::string, std::string> leave;
    for (const std::string id : {"dan", "eve", "fay", "gus"}) {
      if (id != served_before && id != next)
        leave[id] = ", unavailable: [" + duty::format_date(kFrom) + "]";
    }
    REQUIRE(served_before != next);
    REQUIRE(leave.contains(on_duty));
    auto result = replan(p, month(leave));
    const auto& officer = *result.plan.shifts.front().people_in("officer");
    CHECK(officer != std::vector<std::string>{served_before});
    CHECK(officer == std::vector<std::string>{next});
    auto it = std::find_if(result.changes.begin(), result.changes.end(),
                           [](const Change& c) { return c.date == kFrom && c.slot == "officer"; });
    REQUIRE(it != result.changes.end());
    CHECK(*it == Change{kFrom, "officer", on_duty, next});
  }

  TEST_CASE("nothing to change reports no change") {
    Published p(month());
    auto result = replan(p, month());
    CHECK(result.changes.empty());
    CHECK(differing(p.current, result.plan) == std::vector<std::string>{});
  }

  TEST_CASE("a date missing from the current roster is filled and reported with nobody out") {
    Published p(month());
    p.current.shifts.erase(p.current.shifts.begin() + 3);
    auto result = replan(p, month());
    REQUIRE(result.plan.shifts.size() == 17);
    REQUIRE(result.changes.size() == 2);
    CHECK(result.changes[0].date == ymd(2027, 1, 18));
    CHECK(result.changes[0].slot == "leader");
    CHECK(result.changes[0].out == "");
    CHECK(result.changes[0].in == result.plan.shifts[3].people_in("leader")->front());
    CHECK(result.changes[1].slot == "officer");
    CHECK(result.changes[1].out == "");
  }

  TEST_CASE("someone over a new max_duties gives up only their latest duties") {
    // Dan had a weight of 3 when the month was published: 9 of the 17 officer's duties from kFrom.
    Published p(month({{"dan", ", weight: 3"}}));
    std::vector<Days> dans;
    for (const auto& s : p.current.shifts) {
      if (*s.people_in("officer") == std::vector<std::string>{"dan"}) dans.push_back(s.date);
    }
    REQUIRE(dans.size() == 9);
    CHECK(replan(p, month({}, ", max_duties: 9")).changes.empty());
    // Now nobody may serve more than `cap` times from kFrom: Dan's last duties go to others and
    // nothing else moves.
    for (std::size_t cap : {8U, 6U}) {
      CAPTURE(cap);
      const std::string now = month({}, ", max_duties: " + std::to_string(cap));
      auto result = replan(p, now);
      std::vector<std::string> expected;
      for (std::size_t i = cap; i < dans.size(); ++i)
        expected.push_back(duty::format_date(dans[i]) + " officer");
      CHECK(differing(p.current, result.plan) == expected);
      REQUIRE(result.changes.size() == dans.size() - cap);
      for (std::size_t i = 0; i < result.changes.size(); ++i) {
        CAPTURE(i);
        CHECK(result.changes[i].date == dans[cap + i]);
        CHECK(result.changes[i].out == "dan");
        CHECK(result.changes[i].in != "dan");
      }
      auto spec_now = parse(now, {kFrom, kTo});
      CHECK(lines(duty::roster::check_plan(duty::roster::build_model(spec_now), result.plan)) ==
            std::vector<std::string>{});
    }
  }

  TEST_CASE("when no roster obeys the spec any more, the solver's reasons come back") {
    Published p(month());
    const std::string away = ", unavailable: [2027-01-20]";
    auto now = month({{"dan", away}, {"eve", away}, {"fay", away}, {"gus", away}});
    try {
      replan(p, now);
      FAIL("replan found a roster although nobody can be the officer on 2027-01-20");
    } catch (const duty::UnsatisfiableError& e) {
      CHECK(e.code() == duty::ExitCode::kUnsatisfiable);
      CHECK(std::string(e.what()) == "no roster obeys the rules of spec.yaml");
      CHECK(e.reasons() == std::vector<std::string>{"2027-01-20 officer: needs 1, only 0 can serve "
                                                    "(on leave: dan, eve, fay, gus)"});
    }
  }
}
