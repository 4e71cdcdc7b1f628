// SPDX-License-Identifier: Apache-2.0
#include "roster/prior.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace {

using duty::Days;

Days ymd(int y, unsigned m, unsigned d) {
  return Days{date::year{y} / date::month{m} / date::day{d}};
}

// February, one officer a shift, two duty-free days between duties.
std::string feb(const std::string& rules = "") {
  return R"(timezone: Asia/Shanghai
period: {from: 2027-02-01, to: 2027-02-28}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
  - {id: c, groups: [staff]}
  - {id: d, groups: [staff]}
rules: {min_rest_days: 2)" +
         rules + "}\n";
}

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

duty::roster::Shift duty_of(Days date, const std::string& person) {
  duty::roster::Shift s;
  s.date = date;
  s.day_type = duty::roster::DayType::kWorkday;
  s.assignments = {{"officer", {person}}};
  return s;
}

}  // namespace

TEST_SUITE("roster::prior") {
  TEST_CASE("the fairness window starts on 1 January, or with the period") {
    auto year = parse(feb());
    CHECK(duty::roster::fairness_window_start(year, ymd(2027, 2, 1)) == ymd(2027, 1, 1));
    auto period = parse(feb(", fairness_window: period"));
    CHECK(duty::roster::fairness_window_start(period, ymd(2027, 2, 1)) == ymd(2027, 2, 1));
  }

  TEST_CASE("whoever served just before the period rests into it") {
    auto spec = parse(feb());
    // a served last on 31 January (rests 1 and 2 February), b on 29 January (rests 30 and 31
    // January only); c's duty on the period's first day is not before it and is ignored.
    duty::roster::mark_rest_after(spec,
                                  {duty_of(ymd(2027, 1, 25), "a"), duty_of(ymd(2027, 1, 31), "a"),
                                   duty_of(ymd(2027, 1, 29), "b"), duty_of(ymd(2027, 2, 1), "c")});
    CHECK(spec.people[0].resting == std::set<Days>{ymd(2027, 2, 1), ymd(2027, 2, 2)});
    CHECK(spec.people[1].resting.empty());
    CHECK(spec.people[2].resting.empty());
    CHECK(spec.people[3].resting.empty());
  }

  TEST_CASE("without a rest rule nobody is marked") {
    auto spec = parse(feb());
    spec.rules.min_rest_days = 0;
    duty::roster::mark_rest_after(spec, {duty_of(ymd(2027, 1, 31), "a")});
    CHECK(spec.people[0].resting.empty());
  }

  TEST_CASE("duties in the fairness window count, earlier ones do not") {
    auto spec = parse(feb());
    auto model = duty::roster::build_model(spec);
    duty::roster::count_prior_duties(
        model, {duty_of(ymd(2026, 12, 31), "a"), duty_of(ymd(2027, 1, 2), "a"),
                duty_of(ymd(2027, 1, 4), "b")});
    REQUIRE(model.prior.size() == 4);
    CHECK(model.prior[0][0] == 1);
    CHECK(model.prior[1][0] == 1);
    CHECK(model.prior[2][0] == 0);
    CHECK(model.prior_days[0] == 2);
  }

  TEST_CASE("with nothing in the window the model is left without prior duties") {
    auto spec = parse(feb(", fairness_window: period"));
    auto model = duty::roster::build_model(spec);
    duty::roster::count_prior_duties(model, {duty_of(ymd(2027, 1, 31), "a")});
    CHECK(model.prior.empty());
  }
}
