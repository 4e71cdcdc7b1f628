// SPDX-License-Identifier: Apache-2.0
#include "reports/incident.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/incident_log.hpp"
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
using duty::reports::Requirement;
using duty::reports::RuleMatch;
using duty::reports::Severity;

// Shanghai has kept UTC+8 all year since 1991, so local times convert by a fixed offset and the
// expected instants do not depend on the conversion code under test.
Seconds cst(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}
Seconds at(int h, int mi, int s = 0) { return cst(2027, 3, 10, h, mi, s); }

// Instants print as local ISO text, so a failed CHECK shows a readable time.
std::string iso(Seconds t) { return duty::format_iso(*duty::find_zone("Asia/Shanghai"), t); }
std::string iso(const std::optional<Seconds>& t) { return t ? iso(*t) : std::string("(none)"); }
std::string name(Severity s) { return std::string(duty::reports::to_string(s)); }

EscalationRule rule(RuleMatch m, std::vector<std::string> to, Channel via, std::chrono::minutes within,
                    std::string basis = "") {
  EscalationRule r;
  r.match = std::move(m);
  r.to = std::move(to);
  r.via = via;
  r.within = within;
  r.basis = std::move(basis);
  return r;
}

Office office(std::vector<EscalationRule> rules = {}) {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}, {"province", "Qinghai province", ""}};
  o.categories = duty::reports::builtin_categories();
  o.escalation = std::move(rules);
  return o;
}

// The office clock sits late in the day so every time used below is in the past.
const Actor kActor{"ann", at(23, 0)};

NewIncident mine_fall(Seconds received) {
  NewIncident n;
  n.fields.title = "Roof fall at the Duoheer coal mine";
  n.fields.category = "mining";
  n.received = received;
  return n;
}

const Requirement* find(const Incident& inc, const std::string& to, Channel via) {
  for (const auto& r : inc.requirements) {
    if (r.to == to && r.via == via) return &r;
  }
  return nullptr;
}

RuleMatch deaths_at_least(int n) {
  RuleMatch m;
  m.deaths_at_least = n;
  return m;
}

IncidentFields deaths(int n) {
  IncidentFields f;
  f.deaths = n;
  return f;
}

// An incident built directly: rule_matches looks only at its current state.
Incident sample() {
  Incident i;
  i.category = "hazmat";
  i.stated = Severity::kUnknown;
  i.casualties = {2, 6, 3, 1, 4};  // deaths, injured, seriously injured, missing, trapped
  i.loss = 250.5;
  i.graded = duty::reports::grade(i.casualties, i.loss);
  return i;
}

}  // namespace

TEST_SUITE("reports::incident") {
  TEST_CASE("created, updates and close fold into figures, follow-up count and closed state") {
    MemoryStore store;
    Office o = office();
    NewIncident n = mine_fall(at(14, 0));
    n.fields.occurred = at(13, 40);
    n.fields.location = "Duoheer township";
    n.fields.source = "Mine dispatcher Wang, 139-0000-0000";
    n.fields.received_by = "ann";
    n.fields.injured = 2;
    n.fields.trapped = 4;
    n.fields.loss = 12.5;
    n.fields.note = "Roof fall in working face 3";
    std::string id = add_incident(store, o, n, kActor).id;

    IncidentFields u1;
    u1.deaths = 1;
    u1.trapped = 3;
    u1.actions = "Mine rescue team on site";
    update_incident(store, o, id, u1, at(14, 40), kActor);
    IncidentFields u2;
    u2.seriously_injured = 2;
    u2.missing = 1;
    update_incident(store, o, id, u2, at(15, 10), kActor);
    IncidentFields fin;
    fin.deaths = 2;
    fin.trapped = 0;
    fin.missing = 0;
    fin.loss = 80;
    fin.note = "All miners accounted for";
    duty::reports::close_incident(store, o, id, fin, at(18, 0), kActor);

    Incident inc = duty::reports::fold_incident(store.events(id), o);
    CHECK(inc.id == id);
    CHECK(inc.title == "Roof fall at the Duoheer coal mine");
    CHECK(inc.category == "mining");
    CHECK(inc.location == "Duoheer township");
    CHECK(inc.source == "Mine dispatcher Wang, 139-0000-0000");
    CHECK(inc.received_by == "ann");
    CHECK(inc.description == "Roof fall in working face 3");
    CHECK(inc.actions == "Mine rescue team on site");
    CHECK(iso(inc.occurred_at) == "2027-03-10T13:40:00+08:00");
    CHECK(iso(inc.received_at) == "2027-03-10T14:00:00+08:00");
    CHECK(iso(inc.recorded_at) == "2027-03-10T23:00:00+08:00");
    CHECK(inc.casualties.deaths == 2);
    CHECK(inc.casualties.injured == 2);             // set once, never changed
    CHECK(inc.casualties.seriously_injured == 2);
    CHECK(inc.casualties.missing == 0);
    CHECK(inc.casualties.trapped == 0);
    CHECK(inc.loss == 80.0);
    CHECK(inc.followups == 2);
    CHECK(inc.closed);
    CHECK(iso(inc.closed_at) == "2027-03-10T18:00:00+08:00");
    CHECK(inc.events.size() == 4);
    CHECK(inc.last_seq == 4);
    CHECK(name(inc.stated) == "unknown");
    CHECK(name(inc.graded) == "IV");
  }

  TEST_CASE("the fold of the stored events equals what the command returned") {
    MemoryStore store;
    Office o = office();
    Incident returned = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    returned = update_incident(store, o, returned.id, deaths(3), at(14, 30), kActor);
    Incident folded = duty::reports::fold_incident(store.events(returned.id), o);
    CHECK(folded.casualties.deaths == returned.casualties.deaths);
    CHECK(folded.followups == 1);
    CHECK(returned.followups == 1);
    CHECK(folded.last_seq == returned.last_seq);
  }

  TEST_CASE("a history that does not start with 'created' is refused") {
    Office o = office();
    CHECK_THROWS_AS(duty::reports::fold_incident({}, o), duty::StoreError);
    duty::reports::Event e;
    e.type = "update";
    e.subject = "2027-0001";
    CHECK_THROWS_AS(duty::reports::fold_incident({e}, o), duty::StoreError);
  }

  TEST_CASE("effective severity is the graver of the stated and the graded one") {
    MemoryStore store;
    Office o = office();

    NewIncident understated = mine_fall(at(14, 0));
    understated.fields.severity = Severity::kIV;
    understated.fields.deaths = 3;  // Order 493: 3 deaths is III
    Incident a = add_incident(store, o, understated, kActor);
    CHECK(name(a.stated) == "IV");
    CHECK(name(a.graded) == "III");
    CHECK(name(a.severity()) == "III");

    NewIncident overstated = mine_fall(at(14, 5));
    overstated.fields.severity = Severity::kII;
    Incident b = add_incident(store, o, overstated, kActor);
    CHECK(name(b.graded) == "IV");
    CHECK(name(b.severity()) == "II");

    Incident c = add_incident(store, o, mine_fall(at(14, 10)), kActor);
    CHECK(name(c.stated) == "unknown");
    CHECK(name(c.severity()) == "IV");

    // An update's figures regrade the incident; the stated grade stays as given.
    Incident d = update_incident(store, o, a.id, deaths(10), at(15, 0), kActor);
    CHECK(name(d.stated) == "IV");
    CHECK(name(d.severity()) == "II");
  }

  TEST_CASE("a rule that applies from the start runs from received_at, not from recording") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min, "Art. 9")});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);  // recorded at 23:00
    REQUIRE(inc.requirements.size() == 1);
    const Requirement& r = inc.requirements[0];
    CHECK(r.to == "prefecture");
    CHECK(r.via == Channel::kPhone);
    CHECK(iso(r.arose_at) == "2027-03-10T14:00:00+08:00");
    CHECK(iso(r.due) == "2027-03-10T14:30:00+08:00");
    CHECK(r.basis == "Art. 9");
    CHECK_FALSE(r.made_at.has_value());
    CHECK(r.made_seq == 0);
  }

  TEST_CASE("a rule made to apply by an update runs from that update: a death added at 14:40 is due 15:10") {
    MemoryStore store;
    Office o = office({rule(deaths_at_least(1), {"province"}, Channel::kPhone, 30min)});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    CHECK(inc.requirements.empty());
    inc = update_incident(store, o, inc.id, deaths(1), at(14, 40), kActor);
    const Requirement* r = find(inc, "province", Channel::kPhone);
    REQUIRE(r != nullptr);
    CHECK(iso(r->arose_at) == "2027-03-10T14:40:00+08:00");
    CHECK(iso(r->due) == "2027-03-10T15:10:00+08:00");
    CHECK(inc.requirements.size() == 1);
  }

  TEST_CASE("a backdated update counts from its own time, not from when it was entered") {
    MemoryStore store;
    Office o = office({rule(deaths_at_least(1), {"province"}, Channel::kPhone, 30min)});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    update_incident(store, o, inc.id, IncidentFields{}, at(15, 0), kActor);  // a follow-up with no new figures
    inc = update_incident(store, o, inc.id, deaths(1), at(14, 40), kActor);  // entered later, happened earlier
    const Requirement* r = find(inc, "province", Channel::kPhone);
    REQUIRE(r != nullptr);
    CHECK(iso(r->due) == "2027-03-10T15:10:00+08:00");
  }

  TEST_CASE("two rules demanding the same organisation and channel keep the earliest deadline") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kWritten, 2h, "general"),
                       rule(deaths_at_least(1), {"prefecture"}, Channel::kWritten, 1h, "fatal")});

    // Both apply at once: 14:00 + 1h beats 14:00 + 2h.
    NewIncident fatal = mine_fall(at(14, 0));
    fatal.fields.deaths = 1;
    Incident a = add_incident(store, o, fatal, kActor);
    REQUIRE(a.requirements.size() == 1);
    CHECK(iso(a.requirements[0].due) == "2027-03-10T15:00:00+08:00");
    CHECK(a.requirements[0].basis == "fatal");
    CHECK(iso(a.requirements[0].arose_at) == "2027-03-10T14:00:00+08:00");

    // The second applies later with an earlier deadline: 14:40 + 1h = 15:40 beats 16:00.
    Incident b = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    REQUIRE(b.requirements.size() == 1);
    CHECK(iso(b.requirements[0].due) == "2027-03-10T16:00:00+08:00");
    b = update_incident(store, o, b.id, deaths(1), at(14, 40), kActor);
    REQUIRE(b.requirements.size() == 1);
    CHECK(iso(b.requirements[0].due) == "2027-03-10T15:40:00+08:00");
    CHECK(b.requirements[0].basis == "fatal");
  }

  TEST_CASE("a later rule with a later deadline does not postpone an earlier one") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min, "first"),
                       rule(deaths_at_least(1), {"prefecture"}, Channel::kPhone, 2h, "second")});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    inc = update_incident(store, o, inc.id, deaths(1), at(14, 10), kActor);
    REQUIRE(inc.requirements.size() == 1);
    CHECK(iso(inc.requirements[0].due) == "2027-03-10T14:30:00+08:00");
    CHECK(inc.requirements[0].basis == "first");
  }

  TEST_CASE("one rule to two organisations makes two requirements, ordered by deadline") {
    MemoryStore store;
    Office o = office({rule({}, {"province"}, Channel::kWritten, 2h),
                       rule({}, {"prefecture", "province"}, Channel::kPhone, 30min)});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    REQUIRE(inc.requirements.size() == 3);
    CHECK(inc.requirements[0].due == at(14, 30));
    CHECK(inc.requirements[1].due == at(14, 30));
    CHECK(inc.requirements[2].to == "province");
    CHECK(inc.requirements[2].via == Channel::kWritten);
    CHECK(iso(inc.requirements[2].due) == "2027-03-10T16:00:00+08:00");
    REQUIRE(find(inc, "prefecture", Channel::kPhone) != nullptr);
    REQUIRE(find(inc, "province", Channel::kPhone) != nullptr);
  }

  TEST_CASE("an escalation on time satisfies the requirement with no lateness") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min)});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    inc = escalate_incident(store, o, inc.id, "prefecture", Channel::kPhone, at(14, 30), "to duty officer Li", kActor);
    const Requirement* r = find(inc, "prefecture", Channel::kPhone);
    REQUIRE(r != nullptr);
    CHECK(iso(r->made_at) == "2027-03-10T14:30:00+08:00");
    CHECK(r->made_seq == 2);
    CHECK(r->minutes_late() == 0);
    CHECK(r->minutes_overdue(at(20, 0)) == 0);
  }

  TEST_CASE("a late escalation still satisfies, with minutes_late rounded up to whole minutes") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min)});
    std::string id = add_incident(store, o, mine_fall(at(14, 0)), kActor).id;

    SUBCASE("one second late is one minute late") {
      Incident inc = escalate_incident(store, o, id, "prefecture", Channel::kPhone, at(14, 30, 1), "", kActor);
      CHECK(find(inc, "prefecture", Channel::kPhone)->minutes_late() == 1);
    }
    SUBCASE("61 seconds late is two minutes late") {
      Incident inc = escalate_incident(store, o, id, "prefecture", Channel::kPhone, at(14, 31, 1), "", kActor);
      CHECK(find(inc, "prefecture", Channel::kPhone)->minutes_late() == 2);
    }
    SUBCASE("exactly 15 minutes late is 15") {
      Incident inc = escalate_incident(store, o, id, "prefecture", Channel::kPhone, at(14, 45), "", kActor);
      const Requirement* r = find(inc, "prefecture", Channel::kPhone);
      CHECK(iso(r->made_at) == "2027-03-10T14:45:00+08:00");
      CHECK(r->minutes_late() == 15);
    }
  }

  TEST_CASE("only the first escalation to a pair counts; other channels and organisations do not") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min)});
    std::string id = add_incident(store, o, mine_fall(at(14, 0)), kActor).id;
    escalate_incident(store, o, id, "prefecture", Channel::kWritten, at(14, 10), "", kActor);
    Incident inc = escalate_incident(store, o, id, "province", Channel::kPhone, at(14, 15), "", kActor);
    CHECK_FALSE(find(inc, "prefecture", Channel::kPhone)->made_at.has_value());
    escalate_incident(store, o, id, "prefecture", Channel::kPhone, at(14, 50), "", kActor);
    inc = escalate_incident(store, o, id, "prefecture", Channel::kPhone, at(15, 30), "", kActor);
    const Requirement* r = find(inc, "prefecture", Channel::kPhone);
    CHECK(iso(r->made_at) == "2027-03-10T14:50:00+08:00");
    CHECK(r->made_seq == 4);
    CHECK(r->minutes_late() == 20);
  }

  TEST_CASE("an escalation made before the requirement arose satisfies it") {
    MemoryStore store;
    Office o = office({rule(deaths_at_least(1), {"province"}, Channel::kPhone, 30min)});
    std::string id = add_incident(store, o, mine_fall(at(14, 0)), kActor).id;
    // The office phoned the province early, before anyone had died.
    escalate_incident(store, o, id, "province", Channel::kPhone, at(14, 20), "", kActor);
    Incident inc = update_incident(store, o, id, deaths(1), at(14, 40), kActor);
    const Requirement* r = find(inc, "province", Channel::kPhone);
    REQUIRE(r != nullptr);
    CHECK(iso(r->made_at) == "2027-03-10T14:20:00+08:00");
    CHECK(r->made_seq == 2);
    CHECK(r->minutes_late() == 0);
    CHECK(r->minutes_overdue(at(16, 0)) == 0);
  }

  TEST_CASE("minutes_overdue counts whole minutes past the deadline until the report is made") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kPhone, 30min)});
    Incident inc = add_incident(store, o, mine_fall(at(14, 0)), kActor);
    Requirement r = inc.requirements.at(0);
    CHECK(r.minutes_overdue(at(14, 29)) == 0);
    CHECK(r.minutes_overdue(at(14, 30)) == 0);
    CHECK(r.minutes_overdue(at(14, 30, 1)) == 1);
    CHECK(r.minutes_overdue(at(15, 0)) == 30);
    CHECK(r.minutes_late() == 0);  // not made: never late, only overdue

    inc = escalate_incident(store, o, inc.id, "prefecture", Channel::kPhone, at(14, 50), "", kActor);
    r = inc.requirements.at(0);
    // Before it was made it was overdue; from then on it is not.
    CHECK(r.minutes_overdue(at(14, 45)) == 15);
    CHECK(r.minutes_overdue(at(14, 50)) == 0);
    CHECK(r.minutes_overdue(at(15, 0)) == 0);
    CHECK(r.minutes_late() == 20);
  }

  TEST_CASE("closing does not waive a report still owed") {
    MemoryStore store;
    Office o = office({rule({}, {"prefecture"}, Channel::kWritten, 2h)});
    std::string id = add_incident(store, o, mine_fall(at(14, 0)), kActor).id;
    Incident inc = duty::reports::close_incident(store, o, id, IncidentFields{}, at(14, 20), kActor);
    CHECK(inc.closed);
    const Requirement* r = find(inc, "prefecture", Channel::kWritten);
    REQUIRE(r != nullptr);
    CHECK_FALSE(r->made_at.has_value());
    CHECK(r->minutes_overdue(at(17, 0)) == 60);
    auto due = store.incidents().due_reports(at(17, 0), false);
    REQUIRE(due.size() == 1);
    CHECK(due[0].incident == id);
    CHECK(due[0].requirement.to == "prefecture");

    // A missed report can still be recorded after closing, late.
    inc = escalate_incident(store, o, id, "prefecture", Channel::kWritten, at(17, 0), "", kActor);
    CHECK(find(inc, "prefecture", Channel::kWritten)->minutes_late() == 60);
    CHECK(store.incidents().due_reports(at(17, 30), false).empty());
  }

  TEST_CASE("final figures given on closing can make a rule apply, from the closing time") {
    MemoryStore store;
    Office o = office({rule(deaths_at_least(3), {"province"}, Channel::kPhone, 30min)});
    std::string id = add_incident(store, o, mine_fall(at(14, 0)), kActor).id;
    Incident inc = duty::reports::close_incident(store, o, id, deaths(3), at(16, 0), kActor);
    const Requirement* r = find(inc, "province", Channel::kPhone);
    REQUIRE(r != nullptr);
    CHECK(iso(r->due) == "2027-03-10T16:30:00+08:00");
  }
}

TEST_SUITE("reports::incident rule_matches") {
  TEST_CASE("an empty match holds for every incident") {
    CHECK(duty::reports::rule_matches(RuleMatch{}, sample()));
    CHECK(duty::reports::rule_matches(RuleMatch{}, Incident{}));
  }

  TEST_CASE("category: one of the listed ids") {
    RuleMatch m;
    m.category = {"mining", "hazmat"};
    CHECK(duty::reports::rule_matches(m, sample()));
    m.category = {"mining"};
    CHECK_FALSE(duty::reports::rule_matches(m, sample()));
  }

  TEST_CASE("severity: the effective severity is one of the listed grades") {
    Incident i = sample();  // graded IV, stated unknown
    RuleMatch m;
    m.severity = {Severity::kIV};
    CHECK(duty::reports::rule_matches(m, i));
    m.severity = {Severity::kI, Severity::kII, Severity::kIII};
    CHECK_FALSE(duty::reports::rule_matches(m, i));
    i.stated = Severity::kII;  // stated graver than the figures: II is what counts
    CHECK(duty::reports::rule_matches(m, i));
    m.severity = {Severity::kIV};
    CHECK_FALSE(duty::reports::rule_matches(m, i));
    i.stated = Severity::kUnknown;
    i.casualties.deaths = 3;  // regraded III by the figures
    i.graded = duty::reports::grade(i.casualties, i.loss);
    m.severity = {Severity::kIII};
    CHECK(duty::reports::rule_matches(m, i));
  }

  TEST_CASE("every *_at_least holds at the value and fails one below it") {
    Incident i = sample();
    auto check_threshold = [&](auto set) {
      RuleMatch at_value;
      set(at_value, 0);
      CHECK(duty::reports::rule_matches(at_value, i));
      RuleMatch above;
      set(above, 1);
      CHECK_FALSE(duty::reports::rule_matches(above, i));
    };
    SUBCASE("deaths") { check_threshold([](RuleMatch& m, int d) { m.deaths_at_least = 2 + d; }); }
    SUBCASE("injured") { check_threshold([](RuleMatch& m, int d) { m.injured_at_least = 6 + d; }); }
    SUBCASE("seriously injured") {
      check_threshold([](RuleMatch& m, int d) { m.seriously_injured_at_least = 3 + d; });
    }
    SUBCASE("missing") { check_threshold([](RuleMatch& m, int d) { m.missing_at_least = 1 + d; }); }
    SUBCASE("trapped") { check_threshold([](RuleMatch& m, int d) { m.trapped_at_least = 4 + d; }); }
    SUBCASE("loss") {
      check_threshold([](RuleMatch& m, int d) { m.loss_at_least = 250.5 + d * 0.01; });
    }
  }

  TEST_CASE("every given condition must hold") {
    Incident i = sample();
    RuleMatch m;
    m.category = {"hazmat"};
    m.deaths_at_least = 1;
    m.loss_at_least = 100;
    CHECK(duty::reports::rule_matches(m, i));
    m.trapped_at_least = 5;  // the one condition that fails
    CHECK_FALSE(duty::reports::rule_matches(m, i));
  }
}
