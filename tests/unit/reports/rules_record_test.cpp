// SPDX-License-Identifier: Apache-2.0
#include "reports/rules_record.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "reports/journal/memory/memory_store.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::Channel;
using duty::reports::EscalationRule;
using duty::reports::Incident;
using duty::reports::IncidentFields;
using duty::reports::MemoryStore;
using duty::reports::NewIncident;
using duty::reports::Office;
using duty::reports::RulesHistory;
using duty::reports::StoreTransaction;

Seconds at(int h, int mi) {
  // 2027-03-10 in Asia/Shanghai (UTC+8 all year).
  return Seconds{date::sys_days{date::year{2027} / 3 / 10}} + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

EscalationRule rule(const char* to, Channel via, std::chrono::minutes within, std::optional<int> deaths = {}) {
  EscalationRule r;
  r.to = {to};
  r.via = via;
  r.within = within;
  r.match.deaths_at_least = deaths;
  r.basis = "Art. 9";
  return r;
}

Office office() {
  Office o;
  o.name = "Zeku";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan", ""}, {"province", "Qinghai", ""}};
  o.categories = duty::reports::builtin_categories();
  o.escalation = {rule("prefecture", Channel::kPhone, 60min)};
  return o;
}

// What the CLI does for a writing command: the office's rules are recorded inside each write.
void track(MemoryStore& store, Office& o, const Actor& actor) {
  auto history = std::make_shared<RulesHistory>(duty::reports::load_rules_history(store));
  o.recorded_rules = history;
  store.set_write_prelude([history, rules = o.escalation, actor](StoreTransaction& tx) {
    duty::reports::record_rules(tx, *history, rules, actor);
  });
}

NewIncident fire(Seconds received) {
  NewIncident n;
  n.fields.title = "Fire at the market";
  n.fields.category = "fire";
  n.received = received;
  return n;
}

}  // namespace

TEST_SUITE("reports::rules_record") {
  TEST_CASE("canonical text round-trips and ignores nothing that matters") {
    EscalationRule r = rule("province", Channel::kWritten, 120min, 3);
    r.match.category = {"fire", "flood"};
    r.match.severity = {duty::reports::Severity::kI, duty::reports::Severity::kII};
    r.match.loss_at_least = 1000.5;
    r.match.trapped_at_least = 2;
    r.basis = "《规定》第九条 \"quoted\"";
    std::vector<EscalationRule> rules = {rule("prefecture", Channel::kPhone, 30min), r};
    std::string text = duty::reports::canonical_rules_text(rules);
    auto back = duty::reports::parse_rules_text(text);
    REQUIRE(back.size() == 2);
    CHECK(duty::reports::canonical_rules_text(back) == text);
    CHECK(back[1].match.category == std::vector<std::string>{"fire", "flood"});
    CHECK(back[1].match.loss_at_least == 1000.5);
    CHECK(back[1].within == 120min);
    CHECK(back[1].basis == r.basis);
    // Any change of a deadline changes the hash.
    rules[0].within = 31min;
    CHECK(duty::reports::rules_hash(rules) != duty::reports::rules_hash(back));
  }

  TEST_CASE("malformed recorded rules are a store error") {
    CHECK_THROWS_AS(duty::reports::parse_rules_text("{"), duty::StoreError);
    CHECK_THROWS_AS(duty::reports::parse_rules_text("[{\"to\":[\"x\"]}]"), duty::StoreError);
    CHECK_THROWS_AS(duty::reports::parse_rules_text(
                        "[{\"match\":{},\"to\":[\"x\"],\"via\":\"pigeon\",\"within_minutes\":5}]"),
                    duty::StoreError);
  }

  TEST_CASE("the first write records the rules once; a change is recorded by the next write") {
    MemoryStore store;
    Office o = office();
    Actor actor{"ann", at(10, 0)};
    track(store, o, actor);
    duty::reports::add_incident(store, o, fire(at(9, 0)), actor);
    duty::reports::add_incident(store, o, fire(at(9, 30)), actor);
    auto h = duty::reports::load_rules_history(store);
    REQUIRE(h.versions.size() == 1);
    CHECK(h.versions[0].seq == 1);
    CHECK(h.versions[0].at == at(10, 0));

    Office changed = office();
    changed.escalation[0].within = 30min;
    Actor later{"bob", at(12, 0)};
    track(store, changed, later);
    duty::reports::add_incident(store, changed, fire(at(11, 0)), later);
    h = duty::reports::load_rules_history(store);
    REQUIRE(h.versions.size() == 2);
    CHECK(h.versions[1].at == at(12, 0));
    CHECK(h.versions[1].hash == duty::reports::rules_hash(changed.escalation));
  }

  TEST_CASE("each fact is judged by the rules in force when it was learned") {
    MemoryStore store;
    Office o = office();
    Actor actor{"ann", at(10, 0)};
    track(store, o, actor);
    Incident a = duty::reports::add_incident(store, o, fire(at(9, 0)), actor);
    REQUIRE(a.requirements.size() == 1);
    CHECK(a.requirements[0].due == at(10, 0));

    // At 12:30 the office adds a rule for deaths (province by phone within 2 hours) and relaxes the
    // prefecture deadline to 3 hours.
    Office changed = office();
    changed.escalation[0].within = 180min;
    changed.escalation.push_back(rule("province", Channel::kPhone, 120min, 1));
    Actor later{"bob", at(12, 30)};
    track(store, changed, later);
    IncidentFields deaths;
    deaths.deaths = 1;
    Incident up = duty::reports::update_incident(store, changed, a.id, deaths, at(12, 30), later);
    // The prefecture deadline, set by the 09:00 report, keeps the rules of 09:00.
    REQUIRE(up.requirements.size() == 2);
    CHECK(up.requirements[0].to == "prefecture");
    CHECK(up.requirements[0].due == at(10, 0));
    CHECK(up.requirements[1].to == "province");
    CHECK(up.requirements[1].due == at(14, 30));

    // A follow-up backdated to 11:00 (learned before the change) is judged by the old rules: none
    // of them asks for the province.
    Incident b = duty::reports::add_incident(store, changed, fire(at(10, 30)), later);
    Incident back = duty::reports::update_incident(store, changed, b.id, deaths, at(11, 0), later);
    REQUIRE(back.requirements.size() == 1);
    CHECK(back.requirements[0].due == at(11, 30));

    // Every view reads the same: the projection rows, a fold with office.yaml's rules edited again
    // but not yet recorded, and the due list.
    Office edited = changed;
    edited.escalation[0].within = 5min;
    Incident shown = duty::reports::load_incident(store, edited, a.id);
    CHECK(shown.requirements[0].due == at(10, 0));
    CHECK(shown.requirements[1].due == at(14, 30));
    auto due = store.incidents().due_reports(at(23, 0), true);
    std::vector<Seconds> dues;
    for (const auto& d : due) dues.push_back(d.requirement.due);
    CHECK(dues == std::vector<Seconds>{at(10, 0), at(11, 30), at(14, 30)});
  }

  TEST_CASE("without a recorded version office.yaml's rules apply") {
    Office o = office();
    CHECK(&o.rules_at(at(9, 0)) == &o.escalation);
    o.recorded_rules = std::make_shared<RulesHistory>();
    CHECK(&o.rules_at(at(9, 0)) == &o.escalation);
  }
}
