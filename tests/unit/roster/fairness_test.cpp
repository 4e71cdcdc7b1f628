// SPDX-License-Identifier: Apache-2.0
#include "roster/fairness.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/solver.hpp"
#include "roster/spec.hpp"

namespace {

using duty::roster::Measure;

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// Ten days from Monday 2027-01-04: Jan 9-10 are the weekend, Jan 11 a holiday. c has half weight
// and is away for the weekend, so shares differ by both weight and availability.
const std::string kSpec = R"(timezone: Asia/Shanghai
period: {from: 2027-01-04, to: 2027-01-13}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
  - {id: c, groups: [staff], weight: 0.5, unavailable: [2027-01-09..2027-01-10]}
holidays: [2027-01-11]
)";

const duty::roster::GroupBound& bound(const duty::roster::Bounds& b, Measure m) {
  REQUIRE(b.size() == 1);
  return b[0][static_cast<std::size_t>(m)];
}

std::size_t at(Measure m) { return static_cast<std::size_t>(m); }

// The plan with `who[d]` on the officer slot of day d.
duty::roster::Plan plan_of(const duty::roster::Spec& spec, const std::vector<std::string>& who) {
  duty::roster::Plan plan = duty::roster::make_empty_plan(spec);
  REQUIRE(plan.shifts.size() == who.size());
  for (std::size_t d = 0; d < who.size(); ++d) plan.shifts[d].assignments[0].people = {who[d]};
  return plan;
}

}  // namespace

TEST_SUITE("roster::fairness") {
  TEST_CASE("optimal_deviation: two equal halves of an odd total are half a duty off") {
    std::vector<int> tlo, thi;
    double dev = duty::roster::optimal_deviation({1.5, 1.5}, {0, 0}, {3, 3}, 3, tlo, thi);
    CHECK(dev == doctest::Approx(0.5));
    CHECK(tlo == std::vector<int>{1, 1});
    CHECK(thi == std::vector<int>{2, 2});
  }

  TEST_CASE("optimal_deviation: whole shares are reachable exactly") {
    std::vector<int> tlo, thi;
    double dev = duty::roster::optimal_deviation({2.0, 2.0}, {0, 0}, {4, 4}, 4, tlo, thi);
    CHECK(dev == doctest::Approx(0.0));
    CHECK(tlo == std::vector<int>{2, 2});
    CHECK(thi == std::vector<int>{2, 2});
  }

  TEST_CASE("optimal_deviation: thirds round to one extra duty") {
    std::vector<int> tlo, thi;
    const double third = 10.0 / 3.0;
    double dev = duty::roster::optimal_deviation({third, third, third}, {0, 0, 0}, {10, 10, 10}, 10, tlo, thi);
    CHECK(dev == doctest::Approx(2.0 / 3.0));
    CHECK(tlo == std::vector<int>{3, 3, 3});
    CHECK(thi == std::vector<int>{4, 4, 4});
  }

  TEST_CASE("optimal_deviation: an upper limit pushes the deviation up") {
    std::vector<int> tlo, thi;
    // The first member may take at most 1 of 4, so the second takes at least 3 against a share of 2.
    double dev = duty::roster::optimal_deviation({2.0, 2.0}, {0, 0}, {1, 4}, 4, tlo, thi);
    CHECK(dev == doctest::Approx(1.0));
    CHECK(tlo == std::vector<int>{1, 1});
    CHECK(thi == std::vector<int>{1, 3});
  }

  TEST_CASE("optimal_deviation: pinned duties push the deviation up") {
    std::vector<int> tlo, thi;
    double dev = duty::roster::optimal_deviation({1.0, 1.0, 1.0}, {3, 0, 0}, {3, 3, 3}, 3, tlo, thi);
    CHECK(dev == doctest::Approx(2.0));
    CHECK(tlo == std::vector<int>{3, 0, 0});
    CHECK(thi == std::vector<int>{3, 3, 3});
  }

  TEST_CASE("optimal_deviation: counts that cannot add up give infinity") {
    std::vector<int> tlo, thi;
    CHECK(std::isinf(duty::roster::optimal_deviation({1.5, 1.5}, {0, 0}, {1, 1}, 3, tlo, thi)));
    CHECK(std::isinf(duty::roster::optimal_deviation({1.5, 1.5}, {2, 2}, {3, 3}, 3, tlo, thi)));
  }

  TEST_CASE("measures name their day sets") {
    CHECK(duty::roster::to_string(Measure::kAll) == "all");
    CHECK(duty::roster::to_string(Measure::kHoliday) == "holiday");
    CHECK(duty::roster::to_string(Measure::kWeekend) == "weekend");
    using duty::roster::DayType;
    CHECK(duty::roster::counts_for(Measure::kAll, DayType::kWorkday));
    CHECK(duty::roster::counts_for(Measure::kAll, DayType::kHoliday));
    CHECK(duty::roster::counts_for(Measure::kHoliday, DayType::kHoliday));
    CHECK_FALSE(duty::roster::counts_for(Measure::kHoliday, DayType::kWeekend));
    CHECK(duty::roster::counts_for(Measure::kWeekend, DayType::kWeekend));
    CHECK_FALSE(duty::roster::counts_for(Measure::kWeekend, DayType::kHoliday));
    CHECK_FALSE(duty::roster::counts_for(Measure::kWeekend, DayType::kWorkday));
  }

  TEST_CASE("compute_bounds: shares are places x w x a / sum(w x a) on all days") {
    auto spec = parse(kSpec);
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);
    const auto& all = bound(bounds, Measure::kAll);
    CHECK(all.places == 10);
    REQUIRE(all.members.size() == 3);
    // sum(w x a) = 1 x 10 + 1 x 10 + 0.5 x 8 = 24
    CHECK(all.members[0].available == 10);
    CHECK(all.members[2].available == 8);
    CHECK(all.members[0].share == doctest::Approx(10.0 * 10 / 24));
    CHECK(all.members[1].share == doctest::Approx(10.0 * 10 / 24));
    CHECK(all.members[2].share == doctest::Approx(10.0 * 0.5 * 8 / 24));
    CHECK(all.members[0].hi == 10);
    CHECK(all.members[2].hi == 8);
    CHECK(all.members[0].lo == 0);
    // Counts 4, 4, 2 miss the shares 4.17, 4.17, 1.67 by at most 1/3.
    CHECK(all.optimum == doctest::Approx(1.0 / 3.0));
    CHECK(all.members[0].target_lo == 4);
    CHECK(all.members[0].target_hi == 4);
    CHECK(all.members[2].target_lo == 2);
    CHECK(all.members[2].target_hi == 2);
  }

  TEST_CASE("compute_bounds: holiday and weekend shares use only those days") {
    auto spec = parse(kSpec);
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);

    const auto& holiday = bound(bounds, Measure::kHoliday);
    CHECK(holiday.places == 1);
    // sum(w x a) = 1 + 1 + 0.5 = 2.5
    CHECK(holiday.members[0].share == doctest::Approx(0.4));
    CHECK(holiday.members[2].share == doctest::Approx(0.2));
    CHECK(holiday.optimum == doctest::Approx(0.6));
    CHECK(holiday.members[0].target_lo == 0);
    CHECK(holiday.members[0].target_hi == 1);
    CHECK(holiday.members[2].target_hi == 0);

    const auto& weekend = bound(bounds, Measure::kWeekend);
    CHECK(weekend.places == 2);
    CHECK(weekend.members[2].available == 0);
    CHECK(weekend.members[2].hi == 0);
    CHECK(weekend.members[0].share == doctest::Approx(1.0));
    CHECK(weekend.members[2].share == doctest::Approx(0.0));
    CHECK(weekend.optimum == doctest::Approx(0.0));
  }

  TEST_CASE("compute_bounds: min_rest_days limits what a member can take") {
    auto spec = parse(kSpec + "rules: {min_rest_days: 2}\n");
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);
    const auto& all = bound(bounds, Measure::kAll);
    CHECK(all.members[0].hi == 4);  // days 0, 3, 6, 9
    CHECK(all.members[2].hi == 3);  // days 0, 3, 7 around the weekend away
    CHECK(all.optimum == doctest::Approx(1.0 / 3.0));
    CHECK(bound(bounds, Measure::kWeekend).members[0].hi == 1);
  }

  TEST_CASE("compute_bounds: places beyond what max_duties allows give infinity") {
    auto spec = parse(kSpec + "rules: {max_duties: 3}\n");
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);
    const auto& all = bound(bounds, Measure::kAll);
    CHECK(all.members[0].hi == 3);
    CHECK(std::isinf(all.optimum));
    CHECK(bound(bounds, Measure::kHoliday).optimum == doctest::Approx(0.6));
  }

  TEST_CASE("compute_bounds: a pin is a lower limit on its measures") {
    auto spec = parse(kSpec + "fixed:\n  - {date: 2027-01-11, slot: officer, person: c}\n");
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);
    CHECK(bound(bounds, Measure::kAll).members[2].lo == 1);
    CHECK(bound(bounds, Measure::kWeekend).members[2].lo == 0);
    const auto& holiday = bound(bounds, Measure::kHoliday);
    CHECK(holiday.members[2].lo == 1);
    // c must take the one holiday against a share of 0.2.
    CHECK(holiday.optimum == doctest::Approx(0.8));
  }

  TEST_CASE("compute_bounds: a weight of zero has no share") {
    auto spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-01-04, to: 2027-01-07}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff], weight: 0}
)");
    auto model = duty::roster::build_model(spec);
    auto bounds = duty::roster::compute_bounds(model);
    const auto& all = bound(bounds, Measure::kAll);
    CHECK(all.members[0].share == doctest::Approx(4.0));
    CHECK(all.members[1].share == doctest::Approx(0.0));
    CHECK(all.optimum == doctest::Approx(0.0));
  }

  TEST_CASE("evaluate_fairness counts duties, day kinds and gaps on a hand-written plan") {
    auto spec = parse(kSpec);
    auto model = duty::roster::build_model(spec);
    //                      Mon  Tue  Wed  Thu  Fri  Sat  Sun  Hol  Tue  Wed
    auto plan = plan_of(spec, {"a", "a", "b", "b", "a", "b", "a", "b", "a", "c"});
    auto report = duty::roster::evaluate_fairness(model, plan);

    REQUIRE(report.people.size() == 3);
    const auto& a = report.people[0];
    CHECK(a.id == "a");
    CHECK(a.duties == 5);
    CHECK(a.holiday_duties == 0);
    CHECK(a.weekend_duties == 1);
    CHECK(a.shortest_gap == 1);
    CHECK(a.longest_gap == 3);
    const auto& b = report.people[1];
    CHECK(b.duties == 4);
    CHECK(b.holiday_duties == 1);
    CHECK(b.weekend_duties == 1);
    CHECK(b.shortest_gap == 1);
    CHECK(b.longest_gap == 2);
    const auto& c = report.people[2];
    CHECK(c.duties == 1);
    CHECK_FALSE(c.shortest_gap.has_value());
    CHECK_FALSE(c.longest_gap.has_value());

    REQUIRE(a.groups.size() == 1);
    CHECK(a.groups[0].group == "staff");
    CHECK(a.groups[0].count == std::array<int, 3>{5, 0, 1});
    CHECK(a.groups[0].share[at(Measure::kAll)] == doctest::Approx(25.0 / 6));
    CHECK(a.groups[0].share[at(Measure::kHoliday)] == doctest::Approx(0.4));
    CHECK(a.groups[0].share[at(Measure::kWeekend)] == doctest::Approx(1.0));

    REQUIRE(report.groups.size() == 1);
    CHECK(report.groups[0].group == "staff");
    CHECK(report.groups[0].places == std::array<int, 3>{10, 1, 2});
    CHECK(report.deviation[at(Measure::kAll)] == doctest::Approx(5.0 / 6));  // a: 5 against 4.17
    CHECK(report.deviation[at(Measure::kHoliday)] == doctest::Approx(0.6));
    CHECK(report.deviation[at(Measure::kWeekend)] == doctest::Approx(0.0));
    CHECK(report.optimum[at(Measure::kAll)] == doctest::Approx(1.0 / 3.0));
    CHECK(report.optimum[at(Measure::kHoliday)] == doctest::Approx(0.6));
    CHECK_FALSE(report.optimal());
  }

  TEST_CASE("evaluate_fairness: a plan at every lower bound is optimal") {
    auto spec = parse(kSpec);
    auto model = duty::roster::build_model(spec);
    auto plan = plan_of(spec, {"a", "b", "a", "b", "a", "b", "a", "b", "c", "c"});
    auto report = duty::roster::evaluate_fairness(model, plan);
    CHECK(report.deviation[at(Measure::kAll)] == doctest::Approx(1.0 / 3.0));
    CHECK(report.deviation[at(Measure::kHoliday)] == doctest::Approx(0.6));
    CHECK(report.deviation[at(Measure::kWeekend)] == doctest::Approx(0.0));
    CHECK(report.optimal());
  }

  TEST_CASE("evaluate_fairness ignores people and slots the spec does not know") {
    auto spec = parse(kSpec);
    auto model = duty::roster::build_model(spec);
    auto plan = plan_of(spec, {"a", "b", "a", "b", "a", "b", "a", "b", "c", "c"});
    plan.shifts[9].assignments[0].people.push_back("zed");
    plan.shifts[9].assignments.push_back({"backup", {"a"}});
    auto report = duty::roster::evaluate_fairness(model, plan);
    CHECK(report.people.size() == 3);
    CHECK(report.people[0].duties == 4);
    CHECK(report.people[2].duties == 2);
    CHECK(report.optimal());
  }
}

TEST_SUITE("roster::fairness prior duties") {
  // Two equal officers over four days: 2 each. With the window's earlier four days all served by a,
  // the fair counts over eight days are 4 each, so b should now take all four.
  const std::string kTwo = R"(timezone: Asia/Shanghai
period: {from: 2027-01-05, to: 2027-01-08}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
)";

  static std::vector<duty::roster::Shift> earlier(const std::vector<std::string>& who) {
    std::vector<duty::roster::Shift> out;
    for (std::size_t i = 0; i < who.size(); ++i) {
      duty::roster::Shift s;
      s.date = duty::Days{date::year{2027} / 1 / 1} + date::days{static_cast<int>(i)};
      s.day_type = duty::roster::DayType::kWorkday;
      s.assignments = {{"officer", {who[i]}}};
      out.push_back(s);
    }
    return out;
  }

  TEST_CASE("without prior duties the shares are the period's") {
    auto spec = parse(kTwo);
    auto model = duty::roster::build_model(spec);
    auto b = duty::roster::compute_bounds(model);
    CHECK(bound(b, Measure::kAll).members[0].share == doctest::Approx(2.0));
    CHECK(bound(b, Measure::kAll).members[1].share == doctest::Approx(2.0));
  }

  TEST_CASE("duties served earlier in the window shift the shares towards whoever served less") {
    auto spec = parse(kTwo);
    auto model = duty::roster::build_model(spec);
    duty::roster::add_prior_duties(model, earlier({"a", "a", "a", "b"}));
    auto b = duty::roster::compute_bounds(model);
    const auto& all = bound(b, Measure::kAll);
    // Window: 8 places, 4 each; a has 3 already, b 1.
    CHECK(all.members[0].share == doctest::Approx(1.0));
    CHECK(all.members[1].share == doctest::Approx(3.0));
    CHECK(all.optimum == doctest::Approx(0.0));
    // The roster a, b, b, b reaches it; the period-only optimum a, b, a, b is two off over the window.
    auto fair = duty::roster::evaluate_fairness(model, plan_of(spec, {"b", "a", "b", "b"}));
    CHECK(fair.deviation[at(Measure::kAll)] == doctest::Approx(0.0));
    auto even = duty::roster::evaluate_fairness(model, plan_of(spec, {"a", "b", "a", "b"}));
    CHECK(even.deviation[at(Measure::kAll)] == doctest::Approx(1.0));
  }

  TEST_CASE("the solver reaches the window optimum") {
    auto spec = parse(kTwo);
    auto model = duty::roster::build_model(spec);
    duty::roster::add_prior_duties(model, earlier({"a", "a", "a", "a"}));
    auto solution = duty::roster::solve(model);
    int b_count = 0;
    for (const auto& s : solution.plan.shifts) b_count += s.assignments[0].people == std::vector<std::string>{"b"};
    CHECK(b_count == 4);
    CHECK(solution.info.optimal);
  }

  TEST_CASE("prior shifts inside the period and people outside the slot's group are ignored") {
    auto spec = parse(kTwo);
    auto model = duty::roster::build_model(spec);
    auto shifts = earlier({"a"});
    shifts.push_back(shifts[0]);
    shifts.back().date = spec.from;
    shifts.push_back(shifts[0]);
    shifts.back().assignments = {{"officer", {"nobody"}}};
    duty::roster::add_prior_duties(model, shifts);
    CHECK(model.prior[0][0] == 1);  // a's one duty before the period; "nobody" is not in the group
    CHECK(model.prior_days[0] == 2);
  }
}
