// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/carry.hpp"
#include "reports/incident_correct.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/projection.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::Channel;
using duty::reports::CorrectionRequest;
using duty::reports::EscalationRule;
using duty::reports::Incident;
using duty::reports::IncidentFields;
using duty::reports::MemoryStore;
using duty::reports::NewIncident;
using duty::reports::Office;

// Shanghai keeps UTC+8 all year: local times convert by a fixed offset.
Seconds at(int day, int h, int mi) {
  Seconds midnight =
      date::sys_days{date::year{2027} / date::March / date::day{static_cast<unsigned>(day)}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

Office office() {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}};
  o.categories = duty::reports::builtin_categories();
  EscalationRule written;
  written.to = {"prefecture"};
  written.via = Channel::kWritten;
  written.within = 2h;
  written.basis = "every incident";
  EscalationRule death;
  death.match.deaths_at_least = 1;
  death.to = {"prefecture"};
  death.via = Channel::kPhone;
  death.within = 30min;
  death.basis = "a death";
  o.escalation = {written, death};
  return o;
}

const Actor kActor{"ann", at(31, 23, 0)};

std::string add(MemoryStore& store, const Office& o, Seconds received,
                const char* category = "fire") {
  NewIncident n;
  n.fields.title = "Market fire";
  n.fields.category = category;
  n.fields.occurred = received - 10min;
  n.received = received;
  return duty::reports::add_incident(store, o, n, kActor).id;
}

bool verifies(MemoryStore& store, const Office& o) {
  return duty::reports::verify_projections(store, o).ok();
}

}  // namespace

TEST_SUITE("reports::corrections") {
  TEST_CASE("a corrected received time moves the deadlines and names the report it made late") {
    MemoryStore store;
    Office o = office();
    std::string id = add(store, o, at(10, 14, 0));
    duty::reports::escalate_incident(store, o, id, "prefecture", Channel::kWritten, at(10, 15, 30),
                                     "", kActor);
    CorrectionRequest req;
    req.received = at(10, 13, 0);
    req.fields.occurred = at(10, 12, 50);
    req.reason = "call log";
    auto r = duty::reports::correct_incident(store, o, id, req, kActor);
    CHECK(r.incident.received_at == at(10, 13, 0));
    REQUIRE(r.incident.requirements.size() == 1);
    CHECK(r.incident.requirements[0].due == at(10, 15, 0));
    CHECK(r.incident.requirements[0].minutes_late() == 30);
    REQUIRE(r.made_late.size() == 1);
    CHECK(r.made_late[0].to == "prefecture");
    CHECK(r.incident.followups == 0);
    REQUIRE(r.incident.corrections.size() == 1);
    CHECK(duty::reports::made_late_by(r.incident, r.correction.seq, o).size() == 1);
    CHECK(verifies(store, o));
  }

  TEST_CASE(
      "a correction keeps the old value, drops unchanged ones and refuses a change of nothing") {
    MemoryStore store;
    Office o = office();
    std::string id = add(store, o, at(10, 14, 0));
    CorrectionRequest req;
    req.fields.deaths = 2;
    req.fields.title = "Market fire";  // as recorded: left out
    req.reason = "typed 0";
    req.at = at(10, 15, 0);
    auto r = duty::reports::correct_incident(store, o, id, req, kActor);
    REQUIRE(r.correction.changes.size() == 1);
    CHECK(r.correction.changes[0].field == "deaths");
    CHECK(std::get<long long>(r.correction.changes[0].old_value) == 0);
    CHECK(std::get<long long>(r.correction.changes[0].new_value) == 2);
    CHECK(r.incident.casualties.deaths == 2);
    // The death rule applies from the correction's time.
    bool phone = false;
    for (const auto& q : r.incident.requirements) {
      if (q.via == Channel::kPhone) {
        phone = true;
        CHECK(q.due == at(10, 15, 30));
      }
    }
    CHECK(phone);
    CHECK_THROWS_WITH_AS(
        duty::reports::correct_incident(store, o, id, req, kActor),
        "the correction changes nothing: incident 2027-0001 already records these values",
        duty::FieldError);
    req.reason = "  ";
    req.fields.deaths = 3;
    CHECK_THROWS_AS(duty::reports::correct_incident(store, o, id, req, kActor), duty::FieldError);
    CHECK(store.events(id).size() == 2);
  }

  TEST_CASE("the stored corrections read back as the fold gives them") {
    duty::reports::Correction c;
    c.seq = 7;
    c.at = at(10, 15, 0);
    c.by = "ann";
    c.reason = "why\nnot";
    c.changes = {{"deaths", 0LL, 2LL}, {"occurred_at", duty::reports::Value{}, 1234LL}};
    auto back = duty::reports::decode_corrections(duty::reports::encode_corrections({c}));
    REQUIRE(back.size() == 1);
    CHECK(back[0].seq == 7);
    CHECK(back[0].reason == "why\nnot");
    REQUIRE(back[0].changes.size() == 2);
    CHECK(back[0].changes[1].field == "occurred_at");
    CHECK(std::holds_alternative<std::monostate>(back[0].changes[1].old_value));
  }

  TEST_CASE("a voided incident leaves the list, owes nothing and takes no entries") {
    MemoryStore store;
    Office o = office();
    std::string a = add(store, o, at(10, 14, 0));
    std::string b = add(store, o, at(10, 14, 5));
    CHECK(store.incidents().due_reports(at(10, 20, 0), false).size() == 2);
    Incident v = duty::reports::void_incident(store, o, b, "duplicate", kActor);
    CHECK(v.voided);
    CHECK(v.requirements.empty());
    CHECK(store.incidents().list({}).size() == 1);
    duty::reports::ListQuery all;
    all.include_void = true;
    CHECK(store.incidents().list(all).size() == 2);
    CHECK(store.incidents().due_reports(at(10, 20, 0), false).size() == 1);
    CHECK_THROWS_AS(duty::reports::void_incident(store, o, b, "again", kActor), duty::FieldError);
    IncidentFields f;
    f.note = "x";
    CHECK_THROWS_AS(duty::reports::update_incident(store, o, b, f, std::nullopt, kActor),
                    duty::FieldError);
    CHECK(verifies(store, o));
  }

  TEST_CASE("voided pending items and notes leave what is carried") {
    MemoryStore store;
    Office o = office();
    duty::reports::NewTodo t;
    t.text = "call back";
    t.at = at(10, 9, 0);
    duty::reports::add_todo(store, o, t, kActor);
    auto note = duty::reports::add_note(store, o, "road closed", at(10, 9, 5), kActor);
    CHECK(duty::reports::void_pending(store, o, "T-1", "twice", kActor).voided);
    CHECK(store.pending().items().empty());
    CHECK(store.pending().items(true).size() == 1);
    duty::reports::void_note(store, o, note.seq, "wrong shift", kActor);
    CHECK(duty::reports::notes_between(store, at(10, 0, 0), at(11, 0, 0)).empty());
    CHECK_THROWS_AS(duty::reports::void_note(store, o, note.seq, "again", kActor),
                    duty::FieldError);
    CHECK_THROWS_AS(duty::reports::void_note(store, o, 1, "not a note", kActor), duty::FieldError);
    CHECK(verifies(store, o));
  }

  TEST_CASE(
      "supplement windows: 7 days for road traffic and fire, 30 otherwise, office.yaml's when "
      "set") {
    Office o = office();
    CHECK(duty::reports::supplement_days(o, "road-traffic") == 7);
    CHECK(duty::reports::supplement_days(o, "fire") == 7);
    CHECK(duty::reports::supplement_days(o, "flood") == 30);
    o.supplement_days["fire"] = 10;
    CHECK(duty::reports::supplement_days(o, "fire") == 10);

    MemoryStore store;
    Office law = office();
    std::string id = add(store, law, at(10, 14, 0), "road-traffic");  // occurred 13:50
    IncidentFields figures;
    figures.deaths = 1;
    figures.note = "died in hospital";
    CHECK_THROWS_AS(
        duty::reports::supplement_incident(store, law, id, figures, at(11, 9, 0), kActor),
        duty::FieldError);  // still open
    duty::reports::close_incident(store, law, id, {}, at(10, 18, 0), kActor);
    Incident s =
        duty::reports::supplement_incident(store, law, id, figures, at(17, 13, 50), kActor);
    CHECK(s.supplements == 1);
    CHECK(s.casualties.deaths == 1);
    CHECK(s.followups == 0);
    CHECK_THROWS_AS(
        duty::reports::supplement_incident(store, law, id, figures, at(17, 13, 51), kActor),
        duty::FieldError);
    CHECK(verifies(store, law));
  }
}
