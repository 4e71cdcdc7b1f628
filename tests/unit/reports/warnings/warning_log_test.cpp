// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/warning_log.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/yaml_source.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/office.hpp"

namespace {

using duty::FieldError;
using duty::InputError;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::ChangeKind;
using duty::reports::MemoryStore;
using duty::reports::NewWarning;
using duty::reports::Office;
using duty::reports::Round;
using duty::reports::Warning;
using duty::reports::WarningLevel;
using duty::reports::WarningState;
using duty::reports::WarningUpdate;

Seconds at(int h, int mi) {
  Seconds midnight = date::sys_days{date::year{2027} / date::month{7} / date::day{12}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

const char* kOffice = R"(office: {name: 泽库县应急值班室, timezone: Asia/Shanghai, locale: en}
contacts:
  townships:
    - {unit: 泽曲镇, person: 才让, phone: "13800000001"}
    - {unit: 宁秀乡, person: 卓玛, phone: "13800000002"}
  departments:
    - {unit: 水利局, person: 王强}
warnings:
  types:
    - {id: hail-risk, zh: 冰雹风险, en: Hail risk, levels: [yellow, orange]}
  response:
    - {match: {level: [orange, red]}, call: [townships], within: 10m, leader_in_room: true}
    - {match: {level: [yellow], type: [rainstorm, flood, mountain-flood]}, call: [townships], within: 30m}
    - {match: {level: [red], type: [rainstorm]}, call: [departments], within: 20m}
)";

Office office() {
  return duty::reports::parse_office(duty::YamlSource("office.yaml", kOffice), "/srv/zeku");
}

const Actor kActor{"ann", at(23, 0)};

NewWarning rainstorm(const char* level, Seconds received) {
  NewWarning w;
  w.type = "暴雨";
  w.level = level;
  w.issuer = "泽库县气象台";
  w.area = {"泽曲镇", "宁秀乡"};
  w.received = received;
  return w;
}

std::string message_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const duty::Error& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> problems(const std::string& yaml) {
  try {
    duty::reports::parse_office(duty::YamlSource("office.yaml", yaml), "/srv/zeku");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.pos.str() + ": " + d.message);
    return out;
  }
  return {};
}

}  // namespace

TEST_SUITE("reports::warnings") {
  TEST_CASE("warning catalogue: levels each type has, and the names it is known by") {
    Office o = office();
    const auto& s = duty::reports::warning_settings(o);
    CHECK(s.find_type("lightning")->levels == std::vector<WarningLevel>{WarningLevel::kYellow,
                                                                        WarningLevel::kOrange,
                                                                        WarningLevel::kRed});
    CHECK(duty::reports::find_warning_type(s, "雷电") == "lightning");
    CHECK(duty::reports::find_warning_type(s, "暴雨预警") == "rainstorm");
    CHECK(duty::reports::find_warning_type(s, "Mountain torrent risk") == "mountain-flood");
    CHECK(duty::reports::find_warning_type(s, "冰雹风险") == "hail-risk");
    CHECK_FALSE(duty::reports::find_warning_type(s, "tsunami"));
    CHECK(duty::reports::builtin_warning_types().size() == 19);
    // 霾 has had a red signal since the 2013 revision; 霜冻 still has none.
    CHECK(s.find_type("haze")->has(WarningLevel::kRed));
    CHECK_FALSE(s.find_type("haze")->has(WarningLevel::kBlue));
    CHECK_FALSE(s.find_type("frost")->has(WarningLevel::kRed));
    CHECK(duty::reports::parse_warning_level("红色") == WarningLevel::kRed);
    CHECK(duty::reports::parse_warning_level("Ⅲ") == WarningLevel::kYellow);
    CHECK(duty::reports::parse_warning_level("IV级") == WarningLevel::kBlue);
    CHECK(duty::reports::parse_warning_level("Orange") == WarningLevel::kOrange);
    CHECK_FALSE(duty::reports::parse_warning_level("purple"));
  }

  TEST_CASE("warning settings in office.yaml: every problem at its line and column") {
    auto p = problems(R"(office: {name: x, timezone: Asia/Shanghai}
contacts:
  townships:
    - {unit: 泽曲镇}
    - {unit: 泽曲镇}
warnings:
  types:
    - {id: dust, levels: [purple]}
  response:
    - {match: {level: [orange], type: [tornado]}, call: [villages], within: 10m}
    - {match: {level: red}, call: [townships], within: 10m, leader_in_room: maybe}
)");
    REQUIRE(p.size() == 5);
    CHECK(p[0].find("office.yaml:5:") == 0);
    CHECK(p[0].find("listed twice") != std::string::npos);
    CHECK(p[1].find("office.yaml:8:") == 0);
    CHECK(p[1].find("purple") != std::string::npos);
    CHECK(p[2].find("tornado") != std::string::npos);
    CHECK(p[3].find("unknown contact group 'villages'") != std::string::npos);
    CHECK(p[4].find("leader_in_room") != std::string::npos);
  }

  TEST_CASE("warning lifecycle: add, upgrade, downgrade, lift, and what is refused") {
    Office o = office();
    MemoryStore store;
    Warning w = duty::reports::add_warning(store, o, rainstorm("黄色", at(8, 0)), kActor);
    CHECK(w.id == "W-1");
    CHECK(w.type == "rainstorm");
    CHECK(w.issued_at == at(8, 0));
    WarningUpdate up;
    up.level = "orange";
    up.at = at(9, 0);
    w = duty::reports::update_warning(store, o, "W-1", up, kActor);
    CHECK(w.history.back().kind == ChangeKind::kUpgraded);
    up.level = "Ⅲ";
    up.at = at(10, 0);
    w = duty::reports::update_warning(store, o, "W-1", up, kActor);
    CHECK(w.history.back().kind == ChangeKind::kDowngraded);
    CHECK(w.level_at(at(9, 30)) == WarningLevel::kOrange);
    CHECK(w.level == WarningLevel::kYellow);
    w = duty::reports::lift_warning(store, o, "W-1", at(11, 0), "rain over", "", kActor);
    CHECK(w.state(at(10, 59)) == WarningState::kInForce);
    CHECK(w.state(at(11, 0)) == WarningState::kLifted);
    CHECK(message_of([&] {
            duty::reports::lift_warning(store, o, "W-1", at(12, 0), "", "", kActor);
          }).find("already lifted") != std::string::npos);
    CHECK(duty::reports::add_warning(store, o, rainstorm("red", at(12, 0)), kActor).id == "W-2");

    NewWarning bad = rainstorm("blue", at(8, 0));
    bad.type = "雷电";
    CHECK(message_of([&] {
            duty::reports::add_warning(store, o, bad, kActor);
          }).find("has no blue level") != std::string::npos);
    bad.type = "tornado";
    CHECK(message_of([&] {
            duty::reports::add_warning(store, o, bad, kActor);
          }).find("unknown warning type") != std::string::npos);
    bad = rainstorm("red", at(8, 0));
    bad.expires = at(7, 0);
    CHECK_THROWS_AS(duty::reports::add_warning(store, o, bad, kActor), FieldError);
    CHECK(duty::reports::list_warnings(store).size() == 2);
  }

  TEST_CASE(
      "warning in force: received, not lifted, not expired; a listing at T folds what was known") {
    Office o = office();
    MemoryStore store;
    NewWarning n = rainstorm("yellow", at(8, 0));
    n.expires = at(14, 0);
    duty::reports::add_warning(store, o, n, kActor);
    WarningUpdate renew;
    renew.expires = at(20, 0);
    renew.at = at(13, 0);
    duty::reports::update_warning(store, o, "W-1", renew, kActor);
    Warning w = duty::reports::load_warning(store, "W-1");
    CHECK(w.state(at(7, 59)) == WarningState::kNotYet);
    CHECK(w.in_force(at(8, 0)));
    CHECK(w.in_force(at(15, 0)));
    CHECK(w.state(at(20, 0)) == WarningState::kExpired);
    CHECK(duty::reports::list_warnings(store, at(7, 0)).empty());
    auto before_renewal = duty::reports::list_warnings(store, at(12, 0));
    REQUIRE(before_renewal.size() == 1);
    CHECK(before_renewal[0].expires_at == at(14, 0));
  }

  TEST_CASE("warning rules: every matching rule applies, the strictest deadline per unit") {
    Office o = office();
    MemoryStore store;
    duty::reports::add_warning(store, o, rainstorm("red", at(8, 0)), kActor);
    Warning w = duty::reports::load_warning(store, "W-1");
    auto rounds = duty::reports::rounds_of(w, duty::reports::warning_settings(o), at(9, 0));
    REQUIRE(rounds.size() == 3);
    CHECK(rounds[0].unit == "泽曲镇");
    CHECK(rounds[0].due == at(8, 10));
    CHECK(rounds[0].leader_in_room);
    CHECK(rounds[2].unit == "水利局");
    CHECK(rounds[2].due == at(8, 20));
    CHECK(duty::reports::leader_in_room(w, duty::reports::warning_settings(o), at(9, 0)));
    // Blue rainstorm: no rule.
    duty::reports::add_warning(store, o, rainstorm("blue", at(8, 0)), kActor);
    CHECK(duty::reports::rounds_of(duty::reports::load_warning(store, "W-2"),
                                   duty::reports::warning_settings(o), at(9, 0))
              .empty());
    // Yellow gale: the yellow rule is for rainstorm, flood and mountain-flood only.
    NewWarning gale = rainstorm("yellow", at(8, 0));
    gale.type = "gale";
    duty::reports::add_warning(store, o, gale, kActor);
    CHECK(duty::reports::rounds_of(duty::reports::load_warning(store, "W-3"),
                                   duty::reports::warning_settings(o), at(9, 0))
              .empty());
  }

  TEST_CASE(
      "warning rounds: an upgrade to a stricter rule starts a new round, earlier answers do not "
      "count") {
    Office o = office();
    const auto& s = duty::reports::warning_settings(o);
    MemoryStore store;
    duty::reports::add_warning(store, o, rainstorm("yellow", at(8, 0)), kActor);
    duty::reports::record_call(store, o, "W-1", "泽曲镇", "", "phone", at(8, 5), kActor);
    duty::reports::record_answer(store, o, "W-1", "泽曲镇", "才让", "", at(8, 10), kActor);
    Warning w = duty::reports::load_warning(store, "W-1");
    auto first = duty::reports::current_rounds(w, s, at(8, 40));
    REQUIRE(first.size() == 2);
    CHECK(first[0].answer);
    CHECK(first[0].calls == 1);
    CHECK_FALSE(first[1].answer);
    CHECK(first[1].late(at(8, 40)));
    // Answered already: a second answer for the same round is refused.
    CHECK(message_of([&] {
            duty::reports::record_answer(store, o, "W-1", "泽曲镇", "才让", "", at(8, 20), kActor);
          }).find("already answered") != std::string::npos);

    WarningUpdate up;
    up.level = "orange";
    up.at = at(9, 0);
    duty::reports::update_warning(store, o, "W-1", up, kActor);
    w = duty::reports::load_warning(store, "W-1");
    auto rounds = duty::reports::rounds_of(w, s, at(9, 30));
    REQUIRE(rounds.size() == 4);
    auto now = duty::reports::current_rounds(w, s, at(9, 30));
    REQUIRE(now.size() == 2);
    CHECK(now[0].start == at(9, 0));
    CHECK(now[0].due == at(9, 10));
    CHECK_FALSE(now[0].answer);
    CHECK(now[0].late(at(9, 30)));
    // An answer given before the upgrade (recorded late) goes to the earlier round.
    duty::reports::record_answer(store, o, "W-1", "宁秀乡", "卓玛", "", at(8, 50), kActor);
    w = duty::reports::load_warning(store, "W-1");
    now = duty::reports::current_rounds(w, s, at(9, 30));
    CHECK_FALSE(now[1].answer);
    duty::reports::record_answer(store, o, "W-1", "宁秀乡", "卓玛", "", at(9, 5), kActor);
    w = duty::reports::load_warning(store, "W-1");
    now = duty::reports::current_rounds(w, s, at(9, 30));
    CHECK(now[1].answer);
    CHECK_FALSE(now[1].answered_late());

    // Upgraded again to red: the orange rule still applies and no stricter one does for townships.
    up.level = "red";
    up.at = at(9, 40);
    duty::reports::update_warning(store, o, "W-1", up, kActor);
    w = duty::reports::load_warning(store, "W-1");
    now = duty::reports::current_rounds(w, s, at(9, 45));
    REQUIRE(now.size() == 3);
    CHECK(now[1].start == at(9, 0));
    CHECK(now[2].unit == "水利局");
    CHECK(now[2].due == at(10, 0));
  }

  TEST_CASE("warning answers: a unit not owed one is refused") {
    Office o = office();
    MemoryStore store;
    duty::reports::add_warning(store, o, rainstorm("blue", at(8, 0)), kActor);
    CHECK(message_of([&] {
            duty::reports::record_answer(store, o, "W-1", "泽曲镇", "才让", "", at(8, 10), kActor);
          }).find("owed no answer") != std::string::npos);
    CHECK(message_of([&] {
            duty::reports::record_answer(store, o, "W-1", "泽曲", "才让", "", at(8, 10), kActor);
          }).find("in no contact group") != std::string::npos);
    CHECK(message_of([&] {
            duty::reports::record_call(store, o, "W-1", "泽曲镇", "", "pigeon", at(8, 10), kActor);
          }).find("unknown channel") != std::string::npos);
    CHECK(duty::reports::load_warning(store, "W-1").last_seq == 1);
  }

  TEST_CASE("warning rounds end when the warning is lifted: late before, not owed after") {
    Office o = office();
    const auto& s = duty::reports::warning_settings(o);
    MemoryStore store;
    duty::reports::add_warning(store, o, rainstorm("orange", at(8, 0)), kActor);
    duty::reports::lift_warning(store, o, "W-1", at(8, 5), "", "", kActor);
    auto rounds = duty::reports::rounds_of(duty::reports::load_warning(store, "W-1"), s, at(9, 0));
    REQUIRE(rounds.size() == 2);
    CHECK(rounds[0].ended == at(8, 5));
    CHECK_FALSE(rounds[0].late(at(9, 0)));
    duty::reports::add_warning(store, o, rainstorm("orange", at(8, 0)), kActor);
    duty::reports::lift_warning(store, o, "W-2", at(8, 30), "", "", kActor);
    rounds = duty::reports::rounds_of(duty::reports::load_warning(store, "W-2"), s, at(9, 0));
    CHECK(rounds[0].late(at(9, 0)));
  }

  TEST_CASE("warning fire-danger rating: fire-danger only, 1 to 5, kept apart from the colour") {
    Office o = office();
    MemoryStore store;
    NewWarning fire = rainstorm("orange", at(8, 0));
    fire.type = "森林草原火险";
    fire.fire_rating = 4;
    Warning w = duty::reports::add_warning(store, o, fire, kActor);
    CHECK(w.fire_rating == 4);
    CHECK(w.level == WarningLevel::kOrange);
    NewWarning bad = rainstorm("orange", at(8, 0));
    bad.fire_rating = 3;
    CHECK(message_of([&] {
            duty::reports::add_warning(store, o, bad, kActor);
          }).find("belongs to fire-danger") != std::string::npos);
    fire.fire_rating = 6;
    CHECK(message_of([&] {
            duty::reports::add_warning(store, o, fire, kActor);
          }).find("6 is not a fire-danger rating") != std::string::npos);
    fire.fire_rating = 0;
    CHECK_THROWS_AS(duty::reports::add_warning(store, o, fire, kActor), FieldError);
    WarningUpdate up;
    up.fire_rating = 5;
    up.at = at(9, 0);
    w = duty::reports::update_warning(store, o, "W-1", up, kActor);
    CHECK(w.fire_rating == 5);
    CHECK(w.history.back().kind == ChangeKind::kUpdated);
    CHECK(w.fire_rating_at(at(8, 30)) == 4);
    CHECK(w.fire_rating_at(at(9, 0)) == 5);
    // A rainstorm takes no rating, in an update either.
    duty::reports::add_warning(store, o, rainstorm("yellow", at(8, 0)), kActor);
    CHECK(message_of([&] {
            duty::reports::update_warning(store, o, "W-2", up, kActor);
          }).find("belongs to fire-danger") != std::string::npos);
    CHECK(duty::reports::list_warnings(store).size() == 2);
    CHECK_FALSE(duty::reports::load_warning(store, "W-2").fire_rating);
  }

  TEST_CASE(
      "warning renewed after it expired: rounds end at the expiry, the renewal starts new ones") {
    Office o = office();
    const auto& s = duty::reports::warning_settings(o);
    MemoryStore store;
    // Orange: townships owed an answer within 10 minutes; the warning expires at 08:05.
    NewWarning n = rainstorm("orange", at(8, 0));
    n.expires = at(8, 5);
    duty::reports::add_warning(store, o, n, kActor);
    duty::reports::record_answer(store, o, "W-1", "泽曲镇", "才让", "", at(8, 3), kActor);
    Warning w = duty::reports::load_warning(store, "W-1");
    auto rounds = duty::reports::rounds_of(w, s, at(8, 20));
    REQUIRE(rounds.size() == 2);
    CHECK(rounds[1].ended == at(8, 5));
    // Due at 08:10, after the expiry: no longer owed, not late.
    CHECK_FALSE(rounds[1].late(at(8, 20)));
    CHECK(w.state(at(8, 20)) == WarningState::kExpired);
    // A typed update that leaves it expired is refused; one with a later expiry renews it.
    WarningUpdate text;
    text.text = "still raining";
    text.at = at(8, 30);
    CHECK(message_of([&] {
            duty::reports::update_warning(store, o, "W-1", text, kActor);
          }).find("W-1 expired at 2027-07-12 08:05; to renew it") != std::string::npos);
    WarningUpdate renew;
    renew.expires = at(14, 0);
    renew.at = at(8, 30);
    w = duty::reports::update_warning(store, o, "W-1", renew, kActor);
    CHECK(w.history.back().kind == ChangeKind::kRenewed);
    CHECK(w.state(at(8, 20)) == WarningState::kExpired);
    CHECK(w.in_force(at(8, 30)));
    CHECK(w.expirations(at(13, 0)) == std::vector<Seconds>{at(8, 5)});
    CHECK(w.expirations(at(23, 0)) == std::vector<Seconds>{at(8, 5), at(14, 0)});
    rounds = duty::reports::rounds_of(w, s, at(9, 0));
    REQUIRE(rounds.size() == 4);
    CHECK(rounds[0].answer);
    CHECK(rounds[0].ended == at(8, 5));
    CHECK(rounds[2].unit == "泽曲镇");
    CHECK(rounds[2].start == at(8, 30));
    CHECK(rounds[2].due == at(8, 40));
    CHECK_FALSE(rounds[2].ended);
    // 泽曲镇's answer before the renewal does not count for it.
    CHECK_FALSE(rounds[2].answer);
    CHECK(rounds[2].late(at(9, 0)));
    CHECK(rounds[3].late(at(9, 0)));
    duty::reports::record_answer(store, o, "W-1", "泽曲镇", "才让", "", at(8, 35), kActor);
    auto now =
        duty::reports::current_rounds(duty::reports::load_warning(store, "W-1"), s, at(9, 0));
    REQUIRE(now.size() == 2);
    CHECK(now[0].answer);
    CHECK_FALSE(now[0].answered_late());

    // Expired with a round due before the expiry: that unit stays late.
    NewWarning m = rainstorm("orange", at(8, 0));
    m.expires = at(8, 20);
    duty::reports::add_warning(store, o, m, kActor);
    rounds = duty::reports::rounds_of(duty::reports::load_warning(store, "W-2"), s, at(9, 0));
    REQUIRE(rounds.size() == 2);
    CHECK(rounds[0].ended == at(8, 20));
    CHECK(rounds[0].late(at(9, 0)));
    // Renewed without a change of rule: a new round anyway, from the renewal.
    renew.at = at(9, 0);
    Warning w2 = duty::reports::update_warning(store, o, "W-2", renew, kActor);
    rounds = duty::reports::rounds_of(w2, s, at(9, 5));
    REQUIRE(rounds.size() == 4);
    CHECK(rounds[2].start == at(9, 0));
    CHECK(rounds[0].late(at(9, 5)));
  }

  TEST_CASE("warning expirations: each expiry reached before the next change, up to t") {
    Office o = office();
    MemoryStore store;
    NewWarning n = rainstorm("yellow", at(8, 0));
    n.expires = at(10, 0);
    duty::reports::add_warning(store, o, n, kActor);
    WarningUpdate extend;  // extended before the expiry: no expiry between
    extend.expires = at(12, 0);
    extend.at = at(9, 0);
    duty::reports::update_warning(store, o, "W-1", extend, kActor);
    WarningUpdate renew;  // renewed after it
    renew.expires = at(16, 0);
    renew.at = at(13, 0);
    Warning w = duty::reports::update_warning(store, o, "W-1", renew, kActor);
    CHECK(w.history[1].kind == ChangeKind::kUpdated);
    CHECK(w.history[2].kind == ChangeKind::kRenewed);
    CHECK(w.expirations(at(12, 30)) == std::vector<Seconds>{at(12, 0)});
    CHECK(w.expirations(at(23, 0)) == std::vector<Seconds>{at(12, 0), at(16, 0)});
    CHECK(w.expires_at_time(at(12, 30)) == at(12, 0));
    w = duty::reports::lift_warning(store, o, "W-1", at(15, 0), "", "", kActor);
    CHECK(w.expirations(at(23, 0)) == std::vector<Seconds>{at(12, 0)});
  }
}
