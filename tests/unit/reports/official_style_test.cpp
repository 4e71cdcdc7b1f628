// SPDX-License-Identifier: Apache-2.0
#include "reports/official_style.hpp"

#include <doctest/doctest.h>

namespace {

using duty::Seconds;
using duty::reports::Casualties;
using duty::reports::OfficialStyle;

Seconds cst(int y, unsigned mo, unsigned d, int h, int mi) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

const duty::TimeZone& shanghai() {
  const duty::TimeZone* zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(zone != nullptr);
  return *zone;
}

TEST_SUITE("reports::official_style") {
  TEST_CASE("times as 值班信息 write them, the year only when it is not the reference's") {
    OfficialStyle zh(shanghai(), true, cst(2026, 12, 6, 9, 0));
    OfficialStyle en(shanghai(), false, cst(2026, 12, 6, 9, 0));
    CHECK(zh.time(cst(2026, 12, 6, 14, 5)) == "12月6日14时05分");
    CHECK(zh.time(cst(2026, 12, 7, 8, 30)) == "12月7日8时30分");
    CHECK(zh.time(cst(2026, 1, 1, 0, 0)) == "1月1日0时00分");
    CHECK(zh.time(cst(2025, 12, 31, 23, 50)) == "2025年12月31日23时50分");
    CHECK(en.time(cst(2026, 12, 6, 14, 5)) == "6 December 14:05");
    CHECK(en.time(cst(2027, 1, 2, 8, 0)) == "2 January 2027 08:00");
    // 23:30 UTC on 31 December is already 1 January in Shanghai: the local year counts.
    Seconds new_year = date::sys_days{date::year{2026} / 12 / 31} + std::chrono::hours{23} +
                       std::chrono::minutes{30};
    CHECK(zh.time(new_year) == "2027年1月1日7时30分");
    CHECK(zh.date(date::sys_days{date::year{2026} / 12 / 6}) == "2026年12月6日");
    CHECK(en.date(date::sys_days{date::year{2026} / 12 / 6}) == "6 December 2026");
  }

  TEST_CASE("casualties: figures joined, the seriously injured within the injured") {
    OfficialStyle zh(shanghai(), true, cst(2026, 12, 6, 9, 0));
    OfficialStyle en(shanghai(), false, cst(2026, 12, 6, 9, 0));
    Casualties c{1, 3, 2, 0, 0};
    CHECK(zh.casualties(c, true, false) == "死亡1人、受伤5人（其中重伤2人）");
    CHECK(en.casualties(c, true, false) == "1 dead, 5 injured (2 seriously)");
    CHECK(zh.casualties({0, 0, 2, 1, 3}, true, false) == "重伤2人、失踪1人、被困3人");
    CHECK(zh.casualties({0, 4, 0, 0, 0}, true, true) == "受伤4人");
    CHECK(en.casualties({2, 0, 0, 0, 1}, true, false) == "2 dead, 1 trapped");
    SUBCASE("all zero: known or not entered") {
      CHECK(zh.casualties({}, true, false) == "暂无人员伤亡");
      CHECK(zh.casualties({}, true, true) == "无人员伤亡");
      CHECK(zh.casualties({}, false, false) == "人员伤亡情况正在核实");
      CHECK(zh.casualties({}, false, true) == "人员伤亡情况正在核实");
      CHECK(en.casualties({}, true, false) == "no casualties so far");
      CHECK(en.casualties({}, true, true) == "no casualties");
      CHECK(en.casualties({}, false, false) == "casualties being verified");
    }
  }

  TEST_CASE("sentences and lists end with 。 once") {
    OfficialStyle zh(shanghai(), true, cst(2026, 12, 6, 9, 0));
    OfficialStyle en(shanghai(), false, cst(2026, 12, 6, 9, 0));
    CHECK(zh.sentence("疏散群众12户") == "疏散群众12户。");
    CHECK(zh.sentence("疏散群众12户。") == "疏散群众12户。");
    CHECK(zh.sentence("疏散群众12户，  ") == "疏散群众12户。");
    CHECK(zh.sentence("是否需要支援？") == "是否需要支援？");
    CHECK(zh.sentence("转移群众；") == "转移群众。");
    CHECK(zh.sentence("") == "");
    CHECK(zh.sentence("，") == "");
    CHECK(en.sentence("12 households evacuated") == "12 households evacuated.");
    CHECK(en.sentence("Done.") == "Done.");
    CHECK(zh.list({"道路交通事故1起", "火灾2起"}) == "道路交通事故1起、火灾2起。");
    CHECK(zh.list({}) == "");
    CHECK(zh.clauses({"首报12月6日14时05分", "续报一12月6日16时00分"}) ==
          "首报12月6日14时05分，续报一12月6日16时00分。");
    CHECK(en.list({"Fire 1", "Flood 2"}) == "Fire 1, Flood 2.");
    CHECK(en.clauses({"a", "b"}) == "a; b.");
  }
}

}  // namespace
