// SPDX-License-Identifier: Apache-2.0
// The solver with the two fields a re-plan fills in: each person's own cap (Model::person_cap) and
// places held outside the solver (Model::taken).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "roster/check.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/solver.hpp"
#include "roster/spec.hpp"

namespace {

using duty::roster::Model;
using duty::roster::Plan;
using duty::roster::Spec;

Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// Eight days, one officer a day from four people, no rest rule: everyone can take any day.
const std::string kFour = R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-08}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
  - {id: c, groups: [staff]}
  - {id: d, groups: [staff]}
rules: {max_duties: 4}
)";

// A week of two officers a day from five people with a rest day between duties.
const std::string kPairs = R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-07}
slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff, count: 2}
people:
  - {id: l1, groups: [leaders]}
  - {id: l2, groups: [leaders]}
  - {id: s1, groups: [staff]}
  - {id: s2, groups: [staff]}
  - {id: s3, groups: [staff]}
  - {id: s4, groups: [staff]}
  - {id: s5, groups: [staff]}
rules: {min_rest_days: 1}
)";

std::string with_strategy(std::string text, const std::string& strategy) {
  return text + "strategy: " + strategy + "\n";
}

int duties_of(const Plan& plan, const std::string& id) {
  int n = 0;
  for (const auto& shift : plan.shifts) {
    for (const auto& a : shift.assignments)
      n += static_cast<int>(std::count(a.people.begin(), a.people.end(), id));
  }
  return n;
}

std::size_t people_in(const Plan& plan, int day, const std::string& slot) {
  const auto* people = plan.shifts[static_cast<std::size_t>(day)].people_in(slot);
  REQUIRE(people != nullptr);
  return people->size();
}

// Every violation as "rule: message", checked against the spec without the held places and caps.
std::vector<std::string> violations(const Spec& spec, const Plan& plan) {
  std::vector<std::string> out;
  const Model plain = duty::roster::build_model(spec);
  for (const auto& v : duty::roster::check_plan(plain, plan))
    out.push_back(v.rule + ": " + v.message);
  return out;
}

// The UnsatisfiableError solve throws; fails the test when it does not throw.
duty::UnsatisfiableError unsatisfiable(const Model& model) {
  try {
    duty::roster::solve(model);
  } catch (const duty::UnsatisfiableError& e) {
    return e;
  }
  FAIL("solve found a roster for a model that has none");
  return duty::UnsatisfiableError("", {});
}

std::string all_reasons(const duty::UnsatisfiableError& e) {
  return std::string(e.what()) + "\n" + duty::join(e.reasons(), "\n");
}

}  // namespace

TEST_SUITE("roster::solver") {
  TEST_CASE("a person's own cap holds in balanced and rotation rosters, and the others fill in") {
    for (const std::string strategy : {"balanced", "rotation"}) {
      CAPTURE(strategy);
      const Spec spec = parse(with_strategy(kFour, strategy));
      Model model = duty::roster::build_model(spec);
      model.person_cap = {1, 4, 4, 4};
      const Plan plan = duty::roster::solve(model).plan;
      CHECK(violations(spec, plan).empty());
      CHECK(duties_of(plan, "a") == 1);
      CHECK(duties_of(plan, "b") + duties_of(plan, "c") + duties_of(plan, "d") == 7);
      for (const char* id : {"b", "c", "d"}) CHECK(duties_of(plan, id) <= 4);
      // Without the cap, a takes a fair quarter: the cap is what holds them to one.
      const Model plain = duty::roster::build_model(spec);
      CHECK(duties_of(duty::roster::solve(plain).plan, "a") == 2);
    }
  }

  TEST_CASE("a balanced roster under own caps is still provably fairest where the bounds allow") {
    const Spec spec = parse(kFour);
    Model model = duty::roster::build_model(spec);
    model.person_cap = {1, 4, 4, 4};
    const auto solution = duty::roster::solve(model);
    // a takes 1 of a share of 2; the other 7 go 3, 2, 2 (or in another order): the least deviation.
    std::vector<int> counts;
    for (const char* id : {"b", "c", "d"}) counts.push_back(duties_of(solution.plan, id));
    std::sort(counts.begin(), counts.end());
    CHECK(counts == std::vector<int>{2, 2, 3});
    CHECK(solution.info.optimal);
  }

  TEST_CASE("an own cap too small for the places is refused with each person's own cap") {
    const Spec spec = parse(kFour);
    Model model = duty::roster::build_model(spec);
    model.person_cap = {1, 2, 4, 0};
    const auto e = unsatisfiable(model);
    CHECK(std::string(e.what()) == "no roster obeys the rules of spec.yaml");
    REQUIRE(e.reasons().size() == 1);
    CHECK(e.reasons()[0] ==
          "group staff: 8 duties to fill from 2027-03-01 to 2027-03-08, but availability, "
          "max_duties 4, the own caps of a 1, b 2, d 0 let its 4 people take at most 7");
  }

  TEST_CASE("pins beyond a person's own cap are refused naming that cap") {
    const Spec spec = parse(kFour + R"(fixed:
  - {date: 2027-03-01, slot: officer, person: b}
  - {date: 2027-03-03, slot: officer, person: b}
)");
    Model model = duty::roster::build_model(spec);
    model.person_cap = {4, 1, 4, 4};
    const auto e = unsatisfiable(model);
    CHECK(std::string(e.what()) == "pinned assignments in spec.yaml break the rules");
    REQUIRE(e.reasons().size() == 1);
    CHECK(e.reasons()[0] == "spec.yaml: b is pinned 2 times, more than their cap of 1");
    // The spec's own max_duties still reads as before.
    model.person_cap.clear();
    model.cap = 1;
    CHECK(unsatisfiable(model).reasons()[0] ==
          "spec.yaml: b is pinned 2 times, more than max_duties 1");
  }

  TEST_CASE("a place left open by own caps is explained with them") {
    // x serves in both groups; y and z have no duties left, so each day needs x twice. Neither the
    // per-day count nor the group totals see it; the search and the exhaustive proof do.
    const Spec spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-02}
slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff}
people:
  - {id: x, groups: [leaders, staff]}
  - {id: y, groups: [leaders]}
  - {id: z, name: 周, groups: [staff]}
rules: {max_duties: 5}
)");
    Model model = duty::roster::build_model(spec);
    model.person_cap = {5, 0, 0};
    const auto e = unsatisfiable(model);
    CAPTURE(all_reasons(e));
    CHECK(std::string(e.what()).starts_with("no roster found that obeys the rules of spec.yaml ("));
    REQUIRE(e.reasons().size() == 2);
    for (const auto& reason : e.reasons()) {
      const bool leader = reason.find(" leader: ") != std::string::npos;
      CHECK(reason.find(leader ? "at their own cap: y (0)" : "at their own cap: 周 (z) (0)") !=
            std::string::npos);
      CHECK(reason.find("on duty in another slot: x (") != std::string::npos);
      CHECK(reason.find("max_duties") == std::string::npos);
    }
  }

  TEST_CASE("held places are left out: a 2-place slot with one held gets one solver person") {
    for (const std::string strategy : {"balanced", "rotation"}) {
      CAPTURE(strategy);
      const Spec spec = parse(with_strategy(kPairs, strategy));
      Model model = duty::roster::build_model(spec);
      const int officer = model.slot_index("officer");
      model.taken.assign(static_cast<std::size_t>(model.n_days * model.n_slots), 0);
      model.taken[static_cast<std::size_t>(2 * model.n_slots + officer)] = 1;
      const Plan plan = duty::roster::solve(model).plan;
      for (int d = 0; d < model.n_days; ++d) {
        CAPTURE(d);
        CHECK(people_in(plan, d, "officer") == (d == 2 ? 1U : 2U));
        CHECK(people_in(plan, d, "leader") == 1U);
      }
      // The checker, which knows nothing of held places, finds only the held place missing.
      CHECK(violations(spec, plan) ==
            std::vector<std::string>{"coverage: 2027-03-03 officer: needs 2, has 1"});
    }
  }

  TEST_CASE("days whose every place is held are skipped by the search's moves, not misread") {
    // One place a day, the 3rd and the 6th held: the local search indexes places by day, and a day
    // without places once shifted every later day onto the wrong places (a crash in a move).
    const std::string text = R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-23}
seed: 85
slots:
  - {id: s0, group: g0}
people:
  - {id: p0, groups: [g0]}
  - {id: p1, groups: [g0], unavailable: [2027-03-19]}
  - {id: p2, groups: [g0]}
  - {id: p3, groups: [g0]}
rules: {min_rest_days: 2}
)";
    for (int seed = 1; seed <= 20; ++seed) {
      CAPTURE(seed);
      Spec spec = parse(text);
      spec.seed = static_cast<std::uint64_t>(seed);
      spec.people[0].unavailable.insert({date::sys_days{date::year{2027} / 3 / 3}});
      Model model = duty::roster::build_model(spec);
      model.taken.assign(static_cast<std::size_t>(model.n_days * model.n_slots), 0);
      model.taken[2] = 1;
      model.taken[5] = 1;
      Plan plan = duty::roster::solve(model).plan;
      REQUIRE(plan.shifts.size() == 23);
      CHECK(plan.shifts[2].people_in("s0")->empty());
      CHECK(plan.shifts[5].people_in("s0")->empty());
      CHECK(plan.shifts[10].people_in("s0")->size() == 1);
    }
  }

  TEST_CASE("a slot wholly held gets nobody, and its pins are refused") {
    const Spec spec = parse(kPairs + R"(fixed:
  - {date: 2027-03-04, slot: leader, person: l1}
)");
    Model model = duty::roster::build_model(spec);
    const int leader = model.slot_index("leader");
    model.taken.assign(static_cast<std::size_t>(model.n_days * model.n_slots), 0);
    model.taken[static_cast<std::size_t>(0 * model.n_slots + leader)] = 1;
    const Plan plan = duty::roster::solve(model).plan;
    CHECK(people_in(plan, 0, "leader") == 0U);
    CHECK(people_in(plan, 3, "leader") == 1U);

    model.taken[static_cast<std::size_t>(3 * model.n_slots + leader)] = 1;
    const auto e = unsatisfiable(model);
    REQUIRE(e.reasons().size() == 1);
    CHECK(
        e.reasons()[0] ==
        "spec.yaml:16:5: pin 2027-03-04 leader l1: more pins than the 0 place(s) of slot 'leader' "
        "left beside the 1 held");
  }

  TEST_CASE("the checks on supply count only the places the solver fills") {
    // s1..s5 with s2..s5 away on the 3rd: one officer can serve, two are needed.
    const std::string away = R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-07}
slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff, count: 2}
people:
  - {id: l1, groups: [leaders]}
  - {id: l2, groups: [leaders]}
  - {id: s1, groups: [staff]}
  - {id: s2, groups: [staff], unavailable: [2027-03-03]}
  - {id: s3, groups: [staff], unavailable: [2027-03-03]}
  - {id: s4, groups: [staff], unavailable: [2027-03-03]}
  - {id: s5, groups: [staff], unavailable: [2027-03-03]}
)";
    const Spec spec = parse(away);
    Model model = duty::roster::build_model(spec);
    const int officer = model.slot_index("officer");
    CHECK(unsatisfiable(model).reasons() ==
          std::vector<std::string>{
              "2027-03-03 officer: needs 2, only 1 can serve (on leave: s2, s3, s4, s5)"});

    // One of the two places held: the one left is s1's.
    model.taken.assign(static_cast<std::size_t>(model.n_days * model.n_slots), 0);
    model.taken[static_cast<std::size_t>(2 * model.n_slots + officer)] = 1;
    const Plan plan = duty::roster::solve(model).plan;
    const auto* third = plan.shifts[2].people_in("officer");
    REQUIRE(third != nullptr);
    CHECK(*third == std::vector<std::string>{"s1"});

    // s1 away too: the message says how many places are still open and how many are held.
    std::string all_away = away;
    const std::string s1 = "{id: s1, groups: [staff]}";
    all_away.replace(all_away.find(s1), s1.size(),
                     "{id: s1, groups: [staff], unavailable: [2027-03-03]}");
    const Spec none = parse(all_away);
    Model held = duty::roster::build_model(none);
    held.taken = model.taken;
    CHECK(unsatisfiable(held).reasons() ==
          std::vector<std::string>{
              "2027-03-03 officer: needs 1 more (1 of its 2 place(s) held), only 0 can serve "
              "(on leave: s1, s2, s3, s4, s5)"});
  }

  TEST_CASE("the totals and rest windows count the places held out") {
    // Two people at most 3 duties each cannot fill 8 days; with two days held they fill the 6 left.
    const Spec spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-08}
slots:
  - {id: officer, group: staff}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
rules: {max_duties: 3}
)");
    Model model = duty::roster::build_model(spec);
    CHECK(unsatisfiable(model).reasons() ==
          std::vector<std::string>{
              "group staff: 8 duties to fill from 2027-03-01 to 2027-03-08, but availability, "
              "max_duties 3 let its 2 people take at most 6"});
    model.taken.assign(8, 0);
    model.taken[0] = model.taken[5] = 1;
    const Plan plan = duty::roster::solve(model).plan;
    CHECK(duties_of(plan, "a") == 3);
    CHECK(duties_of(plan, "b") == 3);
    CHECK(people_in(plan, 0, "officer") == 0U);
    CHECK(people_in(plan, 5, "officer") == 0U);

    // Two officers a day and a rest day, with c and d away in the middle: the 2nd and 3rd need
    // four duties from a and b, unless places are held on them.
    const Spec rest = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-03-01, to: 2027-03-04}
slots:
  - {id: officer, group: staff, count: 2}
people:
  - {id: a, groups: [staff]}
  - {id: b, groups: [staff]}
  - {id: c, groups: [staff], unavailable: [2027-03-02..2027-03-03]}
  - {id: d, groups: [staff], unavailable: [2027-03-02..2027-03-03]}
rules: {min_rest_days: 1}
)");
    Model window = duty::roster::build_model(rest);
    CHECK(unsatisfiable(window).reasons() ==
          std::vector<std::string>{
              "2027-03-02..2027-03-03 group staff: needs 4 duties in 2 days, but only 2 people "
              "can serve (min_rest_days 1 lets a person serve once in 2 days)"});
    window.taken = {0, 1, 1, 0};
    const Plan two = duty::roster::solve(window).plan;
    CHECK(violations(rest, two) ==
          std::vector<std::string>{"coverage: 2027-03-02 officer: needs 2, has 1",
                                   "coverage: 2027-03-03 officer: needs 2, has 1"});
  }

  TEST_CASE("person_cap and taken that do not fit the model are a caller's bug") {
    const Spec spec = parse(kFour);
    Model model = duty::roster::build_model(spec);
    model.person_cap = {1, 2};
    CHECK_THROWS_AS(duty::roster::solve(model), std::logic_error);
    model.person_cap.clear();
    model.taken = {0, 1};
    CHECK_THROWS_AS(duty::roster::solve(model), std::logic_error);
    model.taken.assign(8, 0);
    model.taken[3] = 2;
    CHECK_THROWS_AS(duty::roster::solve(model), std::logic_error);
  }
}
