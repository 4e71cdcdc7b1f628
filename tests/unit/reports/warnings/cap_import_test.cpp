// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/cap_import.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "reports/journal/memory/memory_store.hpp"

namespace {

using duty::InputError;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::CapMessage;
using duty::reports::MemoryStore;
using duty::reports::Office;
using duty::reports::WarningLevel;

std::string data(const std::string& name) {
  std::ifstream in(std::string(DUTY_TEST_DATA) + "/cap/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CapMessage cap(const std::string& name) {
  return duty::reports::parse_cap(name, data(name));
}

std::string problem(const std::string& name, const std::string& text) {
  try {
    duty::reports::parse_cap(name, text);
  } catch (const InputError& e) {
    return e.diagnostics().front().str();
  }
  return "";
}

Office office() {
  Office o;
  o.name = "Zeku";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  return o;
}

Seconds received() {
  return date::sys_days{date::year{2026} / date::month{7} / date::day{12}} + std::chrono::hours{11};
}

}  // namespace

TEST_SUITE("reports::warnings") {
  TEST_CASE("warning CAP: a China-profile alert read from its zh-CN info block") {
    CapMessage m = cap("alert_lightning_yellow.xml");
    CHECK(m.identifier == "63232341600000_20260712140500");
    CHECK(m.msg_type == "Alert");
    CHECK(m.sender_name == "泽库县气象台");
    CHECK(m.areas == std::vector<std::string>{"泽曲镇", "宁秀乡"});
    auto [type, level] =
        duty::reports::cap_type_and_level(m, duty::reports::warning_settings(office()));
    CHECK(type == "lightning");
    CHECK(level == WarningLevel::kYellow);
    CapMessage u = cap("update_lightning_orange.xml");
    CHECK(u.references == std::vector<std::string>{"63232341600000_20260712140500"});
  }

  TEST_CASE("warning CAP: malformed, invalid and hostile files are refused naming the element") {
    CHECK(problem("malformed.xml", data("malformed.xml")).find("malformed.xml:") == 0);
    CHECK(problem("missing_identifier.xml", data("missing_identifier.xml")).find("<identifier>") !=
          std::string::npos);
    CHECK(problem("bad_sent.xml", data("bad_sent.xml")).find("<sent>") != std::string::npos);
    CHECK(problem("billion_laughs.xml", data("billion_laughs.xml")).find("DOCTYPE") !=
          std::string::npos);
    CHECK(problem("external_entity.xml", data("external_entity.xml")).find("DOCTYPE") !=
          std::string::npos);
    CHECK(problem("huge.xml", std::string(duty::reports::kMaxCapBytes + 1, ' ')).find("at most") !=
          std::string::npos);
    CHECK(problem("rss.xml", "<rss/>").find("not a CAP 1.2 alert") != std::string::npos);
  }

  TEST_CASE(
      "warning CAP: alert, update and cancel applied in order; a second import changes nothing") {
    Office o = office();
    MemoryStore store;
    Actor actor{"ann", received() + std::chrono::hours{1}};
    std::vector<CapMessage> all = {cap("cancel_lightning.xml"), cap("alert_lightning_yellow.xml"),
                                   cap("update_lightning_orange.xml"),
                                   cap("exercise_rainstorm_red.xml")};
    auto out = duty::reports::import_cap(store, o, all, received(), actor);
    REQUIRE(out.size() == 4);
    CHECK(out[0].action == "added");
    CHECK(out[1].action == "updated");
    CHECK(out[2].action == "added");
    CHECK(out[3].action == "lifted");
    auto w = duty::reports::load_warning(store, "W-1");
    CHECK(w.history.size() == 3);
    CHECK(w.history[1].level == WarningLevel::kOrange);
    CHECK(w.lifted_at == received());
    CHECK(duty::reports::load_warning(store, "W-2").exercise());
    auto again = duty::reports::import_cap(store, o, all, received(), actor);
    for (const auto& a : again) CHECK(a.action == "already-recorded");
    CHECK(duty::reports::list_warnings(store).size() == 2);
  }

  TEST_CASE("warning CAP: fire-danger rating from a parameter or the text; geocodes as area") {
    CapMessage m = cap("alert_fire_danger_geocode.xml");
    CHECK(m.areas == std::vector<std::string>{"632323100000", "632323200000"});
    CHECK(duty::reports::cap_fire_rating(m, "fire-danger") == 4);
    CHECK_FALSE(duty::reports::cap_fire_rating(m, "rainstorm"));
    m.parameters.clear();
    CHECK(duty::reports::cap_fire_rating(m, "fire-danger") == 4);  // 火险等级为四级
    m.description = "森林草原火险等级：3级";
    CHECK(duty::reports::cap_fire_rating(m, "fire-danger") == 3);
    m.description = "发布森林草原火险橙色预警[Ⅱ级/严重]";
    CHECK_FALSE(duty::reports::cap_fire_rating(m, "fire-danger"));
    m.parameters = {{"fire-danger-rating", "五级"}};
    CHECK(duty::reports::cap_fire_rating(m, "fire-danger") == 5);
    // An area with neither areaDesc nor geocode is still refused.
    std::string text = data("alert_fire_danger_geocode.xml");
    std::size_t from = text.find("<geocode>");
    std::size_t to = text.rfind("</geocode>") + std::string("</geocode>").size();
    text.erase(from, to - from);
    CHECK(problem("fire.xml", text).find("has no <areaDesc>") != std::string::npos);

    Office o = office();
    MemoryStore store;
    Actor actor{"ann", received() + std::chrono::hours{1}};
    auto out = duty::reports::import_cap(store, o, {cap("alert_fire_danger_geocode.xml")},
                                         received(), actor);
    REQUIRE(out.size() == 1);
    auto w = duty::reports::load_warning(store, out[0].warning);
    CHECK(w.type == "fire-danger");
    CHECK(w.level == WarningLevel::kOrange);
    CHECK(w.fire_rating == 4);
    CHECK(w.area.size() == 2);
  }

  TEST_CASE("warning CAP: an Update of an unrecorded warning is added, saying so; renewal") {
    Office o = office();
    MemoryStore store;
    Seconds late = received() + std::chrono::hours{3};  // 22:00, after the alert's 20:05 expiry
    Actor actor{"ann", late + std::chrono::hours{1}};
    auto out =
        duty::reports::import_cap(store, o, {cap("update_unrecorded_gale.xml")}, late, actor);
    REQUIRE(out.size() == 1);
    CHECK(out[0].action == "added");
    CHECK(out[0].unrecorded_references ==
          std::vector<std::string>{"63232341600000_20260712110000"});
    out = duty::reports::import_cap(
        store, o, {cap("alert_lightning_yellow.xml"), cap("renew_lightning_yellow.xml")}, late,
        actor);
    REQUIRE(out.size() == 2);
    CHECK(out[0].action == "added");
    CHECK(out[0].unrecorded_references.empty());
    MemoryStore later;
    duty::reports::import_cap(later, o, {cap("alert_lightning_yellow.xml")}, received(), actor);
    out = duty::reports::import_cap(later, o, {cap("renew_lightning_yellow.xml")}, late, actor);
    CHECK(out[0].action == "renewed");
    auto w = duty::reports::load_warning(later, "W-1");
    CHECK(w.in_force(late));
    CHECK(w.history.back().kind == duty::reports::ChangeKind::kRenewed);
    CHECK(w.area == std::vector<std::string>{"泽曲镇"});
    // Without <expires> of its own, a renewal is in force until lifted.
    std::string text = data("renew_lightning_yellow.xml");
    std::size_t from = text.find("<expires>");
    text.erase(from, text.find("</expires>") - from + std::string("</expires>").size());
    MemoryStore open;
    duty::reports::import_cap(open, o, {cap("alert_lightning_yellow.xml")}, received(), actor);
    out = duty::reports::import_cap(open, o, {duty::reports::parse_cap("renew.xml", text)}, late,
                                    actor);
    CHECK(out[0].action == "renewed");
    w = duty::reports::load_warning(open, "W-1");
    CHECK_FALSE(w.expires_at);
    CHECK(w.in_force(late + std::chrono::hours{100}));
    CHECK(w.expirations(late) == std::vector<Seconds>{received() + std::chrono::minutes{65}});
  }
}
