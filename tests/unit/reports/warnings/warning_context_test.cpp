// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/warning_context.hpp"

#include <doctest/doctest.h>

#include "common/yaml_source.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/office.hpp"

namespace {

using duty::Seconds;
using duty::reports::ContextNode;

Seconds at(int day, int h, int mi) {
  Seconds midnight =
      date::sys_days{date::year{2027} / date::month{7} / date::day{static_cast<unsigned>(day)}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

const char* kOffice = R"(office: {name: 泽库县应急值班室, timezone: Asia/Shanghai, locale: zh-CN}
contacts:
  townships:
    - {unit: 泽曲镇}
    - {unit: 宁秀乡}
warnings:
  response:
    - {match: {level: [red]}, call: [townships], within: 10m, leader_in_room: true}
)";

std::string text(const ContextNode& n, const char* key) {
  const ContextNode* v = n.get(key);
  return v && v->text() ? *v->text() : std::string();
}

duty::reports::NewWarning warning(const char* type, const char* level, Seconds received) {
  duty::reports::NewWarning w;
  w.type = type;
  w.level = level;
  w.issuer = "泽库县气象台";
  w.received = received;
  return w;
}

}  // namespace

TEST_SUITE("reports::warnings") {
  TEST_CASE(
      "warning context: in force red first, changes of the span, exercise apart, 叫应 status") {
    auto office =
        duty::reports::parse_office(duty::YamlSource("office.yaml", kOffice), "/srv/zeku");
    duty::reports::MemoryStore store;
    duty::reports::Actor actor{"ann", at(13, 9, 0)};
    auto heat = warning("heat", "yellow", at(12, 9, 0));
    heat.expires = at(12, 18, 0);
    duty::reports::add_warning(store, office, heat, actor);
    duty::reports::add_warning(store, office, warning("gale", "blue", at(12, 10, 0)), actor);
    duty::reports::add_warning(store, office, warning("rainstorm", "red", at(12, 11, 0)), actor);
    duty::reports::record_answer(store, office, "W-3", "泽曲镇", "才让", "", at(12, 11, 5), actor);
    auto drill = warning("lightning", "orange", at(12, 12, 0));
    drill.status = duty::reports::WarningStatus::kExercise;
    duty::reports::add_warning(store, office, drill, actor);
    duty::reports::lift_warning(store, office, "W-2", at(12, 20, 0), "", "", actor);

    ContextNode c = duty::reports::warnings_context(store, office, at(12, 8, 30), at(13, 8, 30));
    const auto* in_force = c.get("in_force")->items();
    REQUIRE(in_force->size() == 1);
    CHECK(text((*in_force)[0], "title") == "暴雨红色预警");
    CHECK(text((*in_force)[0], "time_left") == "直至解除");
    CHECK(text((*in_force)[0], "answered_text") == "叫应到位1/2");
    CHECK(text((*in_force)[0], "late_units") == "宁秀乡");
    CHECK(text(c, "leader_in_room_text") == "预警生效期间，带班领导须在值班室在岗带班。");
    REQUIRE(c.get("exercise")->items()->size() == 1);
    std::vector<std::string> kinds;
    for (const auto& ch : *c.get("changes")->items())
      kinds.push_back(text(ch, "kind") + " " + text(ch, "id"));
    CHECK(kinds ==
          std::vector<std::string>{"new W-1", "new W-2", "new W-3", "expired W-1", "lifted W-2"});

    // At noon the heat warning is still in force, with its time left; the red one comes first.
    ContextNode noon = duty::reports::warnings_context(store, office, at(12, 8, 30), at(12, 12, 0));
    const auto* list = noon.get("in_force")->items();
    REQUIRE(list->size() == 3);
    CHECK(text((*list)[0], "id") == "W-3");
    CHECK(text((*list)[1], "id") == "W-1");
    CHECK(text((*list)[1], "time_left") == "剩余6小时");
  }

  TEST_CASE("warning context: an expiry then a renewal (续发), and the fire-danger rating") {
    auto office =
        duty::reports::parse_office(duty::YamlSource("office.yaml", kOffice), "/srv/zeku");
    duty::reports::MemoryStore store;
    duty::reports::Actor actor{"ann", at(13, 9, 0)};
    auto fire = warning("fire-danger", "orange", at(12, 9, 0));
    fire.expires = at(12, 12, 0);
    fire.fire_rating = 4;
    duty::reports::add_warning(store, office, fire, actor);
    duty::reports::WarningUpdate renew;
    renew.expires = at(13, 12, 0);
    renew.at = at(12, 14, 0);
    duty::reports::update_warning(store, office, "W-1", renew, actor);

    ContextNode c = duty::reports::warnings_context(store, office, at(12, 8, 30), at(13, 8, 30));
    std::vector<std::string> kinds;
    for (const auto& ch : *c.get("changes")->items())
      kinds.push_back(text(ch, "at") + " " + text(ch, "kind") + " " + text(ch, "kind_label"));
    CHECK(kinds == std::vector<std::string>{"2027-07-12 09:00 new 新发布",
                                            "2027-07-12 12:00 expired 到期",
                                            "2027-07-12 14:00 renewed 续发"});
    const auto* in_force = c.get("in_force")->items();
    REQUIRE(in_force->size() == 1);
    REQUIRE((*in_force)[0].get("fire_rating")->number());
    CHECK(*(*in_force)[0].get("fire_rating")->number() == 4);
    CHECK(text((*in_force)[0], "fire_rating_text") == "火险等级4级");
    CHECK(text((*in_force)[0], "expires_at") == "2027-07-13 12:00");
    // Between the expiry and the renewal nothing is in force.
    ContextNode gap = duty::reports::warnings_context(store, office, at(12, 8, 30), at(12, 13, 0));
    CHECK(gap.get("in_force")->items()->empty());
  }
}
