// SPDX-License-Identifier: Apache-2.0
#include "roster/check.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace {

using namespace std::chrono_literals;

duty::Days ymd(int y, unsigned m, unsigned d) { return duty::Days{date::year{y} / date::month{m} / date::day{d}}; }

// A week from Monday 2027-01-04. Fay is in both groups, so she could be put on a shift twice;
// Gus is a leader only; Eve is away on 2027-01-06.
const std::string kSpec = R"(timezone: Asia/Shanghai
period: {from: 2027-01-04, to: 2027-01-10}
slots:
  - {id: leader, name: Leader, group: leaders}
  - {id: officer, name: Officer, group: staff}
people:
  - {id: ann, name: Ann, groups: [leaders]}
  - {id: bob, name: Bob, groups: [leaders]}
  - {id: cat, name: Cat, groups: [staff]}
  - {id: dan, name: Dan, groups: [staff]}
  - {id: eve, name: Eve, groups: [staff], unavailable: [2027-01-06]}
  - {id: fay, name: Fay, groups: [leaders, staff]}
  - {id: gus, name: Gus, groups: [leaders]}
rules: {min_rest_days: 1, max_duties: 3}
fixed:
  - {date: 2027-01-04, slot: leader, person: ann}
)";

struct Fixture {
  duty::roster::Spec spec = duty::roster::parse_spec(duty::YamlSource("spec.yaml", kSpec));
  duty::roster::Model model = duty::roster::build_model(spec);
  duty::roster::Plan plan = valid_plan();

  // Everyone has a duty-free day between duties and at most three duties; the pin is kept.
  duty::roster::Plan valid_plan() const {
    duty::roster::Plan p = duty::roster::make_empty_plan(spec);
    const std::vector<std::pair<std::string, std::string>> days = {
        {"ann", "cat"}, {"bob", "dan"}, {"ann", "cat"}, {"bob", "dan"}, {"ann", "eve"}, {"bob", "cat"}, {"fay", "dan"}};
    for (std::size_t d = 0; d < days.size(); ++d) {
      p.shifts[d].assignments[0].people = {days[d].first};
      p.shifts[d].assignments[1].people = {days[d].second};
    }
    return p;
  }

  std::vector<std::string>& leader(std::size_t day) { return plan.shifts[day].assignments[0].people; }
  std::vector<std::string>& officer(std::size_t day) { return plan.shifts[day].assignments[1].people; }

  std::vector<duty::roster::Violation> check() const { return duty::roster::check_plan(model, plan); }

  // The one violation the edit should cause.
  duty::roster::Violation only() const {
    auto vs = check();
    std::string all;
    for (const auto& v : vs) all += "\n" + v.rule + ": " + v.message;
    INFO("violations:", all);
    REQUIRE(vs.size() == 1);
    return vs[0];
  }
};

}  // namespace

TEST_SUITE("roster::check") {
  TEST_CASE("a plan that keeps every rule has no violations") {
    Fixture f;
    CHECK(f.check().empty());
  }

  TEST_CASE("coverage: a slot with too few people") {
    Fixture f;
    f.officer(2).clear();
    auto v = f.only();
    CHECK(v.rule == "coverage");
    CHECK(v.date == ymd(2027, 1, 6));
    CHECK(v.slot == "officer");
    CHECK(v.person == "");
    CHECK(v.message == "2027-01-06 officer: needs 1, has 0");
  }

  TEST_CASE("coverage: a slot with too many people") {
    Fixture f;
    f.officer(6).push_back("eve");
    auto v = f.only();
    CHECK(v.rule == "coverage");
    CHECK(v.date == ymd(2027, 1, 10));
    CHECK(v.message == "2027-01-10 officer: needs 1, has 2");
  }

  TEST_CASE("coverage: a slot missing from a shift") {
    Fixture f;
    f.plan.shifts[6].assignments.pop_back();
    auto v = f.only();
    CHECK(v.rule == "coverage");
    CHECK(v.slot == "officer");
    CHECK(v.message == "2027-01-10 officer: needs 1, has 0");
  }

  TEST_CASE("coverage: a date without a shift") {
    Fixture f;
    f.plan.shifts.pop_back();
    auto v = f.only();
    CHECK(v.rule == "coverage");
    CHECK(v.date == ymd(2027, 1, 10));
    CHECK(v.slot == "");
    CHECK(v.message == "2027-01-10: no shift in the plan for this date");
  }

  TEST_CASE("group: a person outside the slot's group") {
    Fixture f;
    f.officer(6) = {"gus"};
    auto v = f.only();
    CHECK(v.rule == "group");
    CHECK(v.date == ymd(2027, 1, 10));
    CHECK(v.slot == "officer");
    CHECK(v.person == "gus");
    CHECK(v.message == "2027-01-10 officer: Gus (gus) is not in group 'staff'");
  }

  TEST_CASE("unavailable: a person on a date they are away") {
    Fixture f;
    f.officer(2) = {"eve"};
    auto v = f.only();
    CHECK(v.rule == "unavailable");
    CHECK(v.date == ymd(2027, 1, 6));
    CHECK(v.person == "eve");
    CHECK(v.message == "2027-01-06 officer: Eve (eve) is unavailable");
  }

  TEST_CASE("rest: two duties without a duty-free day between") {
    Fixture f;
    f.officer(3) = {"eve"};
    auto v = f.only();
    CHECK(v.rule == "rest");
    // Reported on the later of the two duties.
    CHECK(v.date == ymd(2027, 1, 8));
    CHECK(v.slot == "officer");
    CHECK(v.person == "eve");
    CHECK(v.message ==
          "2027-01-08 officer: Eve (eve) also served on 2027-01-07: 0 duty-free days between, min_rest_days is 1");
  }

  TEST_CASE("max_duties: more duties than the cap") {
    Fixture f;
    f.leader(6) = {"ann"};
    auto v = f.only();
    CHECK(v.rule == "max_duties");
    CHECK_FALSE(v.date.has_value());
    CHECK(v.person == "ann");
    CHECK(v.message == "Ann (ann) has 4 duties; max_duties is 3");
  }

  TEST_CASE("pin: the pinned person replaced") {
    Fixture f;
    f.leader(0) = {"gus"};
    auto v = f.only();
    CHECK(v.rule == "pin");
    CHECK(v.date == ymd(2027, 1, 4));
    CHECK(v.slot == "leader");
    CHECK(v.person == "ann");
    CHECK(v.message == "2027-01-04 leader: pinned to ann (spec.yaml:16:5) but the plan does not have them");
  }

  TEST_CASE("twice: one person in two slots of a shift") {
    Fixture f;
    f.officer(6) = {"fay"};
    auto v = f.only();
    CHECK(v.rule == "twice");
    CHECK(v.date == ymd(2027, 1, 10));
    CHECK(v.slot == "officer");
    CHECK(v.person == "fay");
    CHECK(v.message == "2027-01-10 officer: Fay (fay) is already on this shift as leader");
  }

  TEST_CASE("twice: one person listed twice in a slot") {
    Fixture f;
    f.officer(6) = {"dan", "dan"};
    auto vs = f.check();
    REQUIRE(vs.size() == 2);
    CHECK(vs[0].rule == "twice");
    CHECK(vs[0].message == "2027-01-10 officer: Dan (dan) is already on this shift");
    CHECK(vs[1].rule == "coverage");
    CHECK(vs[1].message == "2027-01-10 officer: needs 1, has 2");
  }

  TEST_CASE("person: someone the spec does not know") {
    Fixture f;
    f.officer(6) = {"zed"};
    auto v = f.only();
    CHECK(v.rule == "person");
    CHECK(v.person == "zed");
    CHECK(v.message == "2027-01-10 officer: unknown person 'zed'");
  }

  TEST_CASE("slot: a slot the spec does not have") {
    Fixture f;
    f.plan.shifts[6].assignments.push_back({"backup", {"gus"}});
    auto v = f.only();
    CHECK(v.rule == "slot");
    CHECK(v.slot == "backup");
    CHECK(v.message == "2027-01-10 backup: unknown slot 'backup'");
  }

  TEST_CASE("period: a shift outside the spec's period") {
    Fixture f;
    f.plan.shifts.push_back(duty::roster::make_shift(f.spec, ymd(2027, 1, 11)));
    f.plan.shifts.back().assignments[0].people = {"gus"};
    f.plan.shifts.back().assignments[1].people = {"cat"};
    auto v = f.only();
    CHECK(v.rule == "period");
    CHECK(v.date == ymd(2027, 1, 11));
    CHECK(v.message == "2027-01-11: outside the spec's period 2027-01-04..2027-01-10");
  }

  TEST_CASE("duplicate: two shifts for one date") {
    Fixture f;
    f.plan.shifts.push_back(f.plan.shifts[3]);
    auto v = f.only();
    CHECK(v.rule == "duplicate");
    CHECK(v.date == ymd(2027, 1, 7));
    CHECK(v.message == "2027-01-07: the plan has more than one shift for this date");
  }

  TEST_CASE("timezone and handover must match the spec") {
    Fixture f;
    f.plan.timezone = "Europe/London";
    f.plan.handover = 9h;
    auto vs = f.check();
    REQUIRE(vs.size() == 2);
    CHECK(vs[0].rule == "timezone");
    CHECK(vs[0].message == "the plan's timezone Europe/London is not the spec's Asia/Shanghai");
    CHECK(vs[1].rule == "handover");
    CHECK(vs[1].message == "the plan's handover 09:00 is not the spec's 08:30");
  }

  TEST_CASE("a valid plan still checks clean after a trip through JSON") {
    Fixture f;
    std::ostringstream out;
    duty::roster::write_plan_json(out, f.plan, *f.spec.zone);
    f.plan = duty::roster::parse_plan(duty::YamlSource("plan.json", out.str()));
    CHECK(f.check().empty());
  }

  TEST_CASE("a plan that says its handover is midnight does not match an 08:30 spec") {
    // Midnight is a real handover time, so a plan file stating "00:00" must be compared like any
    // other; only a plan without a handover has nothing to compare.
    Fixture f;
    std::ostringstream out;
    duty::roster::write_plan_json(out, f.plan, *f.spec.zone, 0);
    std::string text = out.str();
    const std::string written = R"("handover":"08:30")";
    REQUIRE(text.find(written) != std::string::npos);
    text.replace(text.find(written), written.size(), R"("handover":"00:00")");
    f.plan = duty::roster::parse_plan(duty::YamlSource("plan.json", text));
    auto v = f.only();
    CHECK(v.rule == "handover");
    CHECK(v.message == "the plan's handover 00:00 is not the spec's 08:30");
  }

  TEST_CASE("violations come in date order, undated ones first") {
    Fixture f;
    f.officer(5) = {"zed"};
    f.officer(1) = {"gus"};
    f.leader(6) = {"ann"};
    auto vs = f.check();
    std::vector<std::string> rules;
    for (const auto& v : vs) rules.push_back(v.rule);
    CHECK(rules == std::vector<std::string>{"max_duties", "group", "person"});
    REQUIRE(vs.size() == 3);
    CHECK(vs[1].date == ymd(2027, 1, 5));
    CHECK(vs[2].date == ymd(2027, 1, 9));
  }
}
