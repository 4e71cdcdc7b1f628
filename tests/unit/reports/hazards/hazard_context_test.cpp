// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_context.hpp"

#include <doctest/doctest.h>

#include <string>

#include "reports/hazards/hazard_ledger.hpp"
#include "reports/hazards/hazard_settings.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "tests/unit/reports/hazards/hazard_test_support.hpp"

namespace {

using duty::Days;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::ContextNode;
using duty::reports::HazardGrade;
using duty::reports::HazardSettings;
using duty::reports::MemoryStore;

using duty::test::at;
using duty::test::dec;
using duty::test::hazard;

std::vector<std::string> ids(const ContextNode& list) {
  std::vector<std::string> out;
  for (const auto& n : *list.items()) out.push_back(*n.get("id")->text());
  return out;
}

}  // namespace

TEST_SUITE("reports::hazards") {
  TEST_CASE("a record lists the hazards overdue, due within three days and new major ones") {
    MemoryStore store;
    auto office = duty::test::hazard_office();
    const Actor actor{"ann", at(20, 12)};
    HazardSettings settings;
    auto add = [&](const std::string& title, HazardGrade grade, Days due, Seconds found) {
      return duty::reports::add_hazard(store, office, settings, hazard(title, grade, due, found),
                                       actor)
          .id;
    };
    CHECK(add("Blocked exit", HazardGrade::kGeneral, dec(10), at(1, 9)) == "H-1");
    add("Loose cable", HazardGrade::kGeneral, dec(15), at(1, 9));  // due in 2 days
    add("Gas leak", HazardGrade::kMajor, dec(31), at(12, 15));     // found this shift
    add("Far off", HazardGrade::kGeneral, dec(20), at(1, 9));      // 7 days: not listed
    add("Due today", HazardGrade::kGeneral, dec(13), at(1, 9));

    // The shift from 12 Dec 08:30 to 13 Dec 08:30, judged at its end.
    ContextNode c = duty::reports::hazards_context(store, office, at(12, 8, 30), at(13, 8, 30));
    CHECK(ids(*c.get("overdue")) == std::vector<std::string>{"H-1"});
    CHECK(ids(*c.get("due_soon")) == std::vector<std::string>{"H-5", "H-2"});
    CHECK(ids(*c.get("new_major")) == std::vector<std::string>{"H-3"});
    const ContextNode& late = c.get("overdue")->items()->front();
    CHECK(*late.get("days_late")->number() == 3);
    CHECK(*late.get("time_text")->text() == "3 days overdue");
    CHECK(*c.get("due_soon")->items()->at(0).get("time_text")->text() == "due today");
    CHECK(*c.get("due_soon")->items()->at(1).get("time_text")->text() == "due in 2 days");
    CHECK(*c.get("upcoming_days")->number() == 3);
    CHECK(*c.get("has_any")->flag());

    // A minute before the end of its due day a hazard is not yet overdue.
    ContextNode before =
        duty::reports::hazards_context(store, office, at(10, 8, 30), at(10, 23, 59));
    CHECK(ids(*before.get("overdue")).empty());
    CHECK(ids(*before.get("due_soon")).front() == "H-1");
    CHECK(ids(*before.get("new_major")).empty());

    // Before anything was found there is nothing to say.
    ContextNode empty = duty::reports::hazards_context(store, office, at(1, 0), at(1, 8));
    CHECK_FALSE(*empty.get("has_any")->flag());
  }

  TEST_CASE("a closed or void hazard is neither overdue nor due soon") {
    MemoryStore store;
    auto office = duty::test::hazard_office();
    const Actor actor{"ann", at(20, 12)};
    HazardSettings settings;
    auto h = duty::reports::add_hazard(
        store, office, settings, hazard("Gas", HazardGrade::kMajor, dec(10), at(9, 9)), actor);
    duty::reports::HazardStep v;
    v.kind = duty::reports::HazardStep::Kind::kVoid;
    v.reason = "entered twice";
    v.at = at(9, 10);
    duty::reports::record_hazard_step(store, office, h.id, v, actor);
    ContextNode c = duty::reports::hazards_context(store, office, at(9, 8, 30), at(12, 8));
    CHECK(ids(*c.get("overdue")).empty());
    CHECK(ids(*c.get("due_soon")).empty());
    // Still named as registered during the span, with its status.
    REQUIRE(ids(*c.get("new_major")) == std::vector<std::string>{"H-1"});
    CHECK(*c.get("new_major")->items()->front().get("time_text")->text() == "void");
  }
}
