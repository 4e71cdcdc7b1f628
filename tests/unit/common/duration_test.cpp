// SPDX-License-Identifier: Apache-2.0
#include "common/duration.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;
using duty::DeadlineSense;
using duty::spoken_deadline;
using duty::spoken_duration;

TEST_SUITE("common::duration") {
  TEST_CASE("under a minute, and zero, are less than a minute") {
    CHECK(spoken_duration(0s, true) == "不足1分钟");
    CHECK(spoken_duration(0s, false) == "under 1 min");
    CHECK(spoken_duration(59s, true) == "不足1分钟");
    CHECK(spoken_duration(59s, false) == "under 1 min");
    CHECK(spoken_duration(-3600s, true) == "不足1分钟");
    CHECK(spoken_deadline(59s, DeadlineSense::kLeft, true) == "剩余不足1分钟");
    CHECK(spoken_deadline(0s, DeadlineSense::kLate, false) == "under 1 min late");
  }

  TEST_CASE("minutes are completed minutes; alone they are 分钟") {
    CHECK(spoken_duration(60s, true) == "1分钟");
    CHECK(spoken_duration(119s, false) == "1 min");
    CHECK(spoken_deadline(35min, DeadlineSense::kLate, true) == "迟报35分钟");
    CHECK(spoken_deadline(35min + 40s, DeadlineSense::kLate, false) == "35 min late");
    CHECK(spoken_duration(59min + 59s, true) == "59分钟");
  }

  TEST_CASE("from an hour on: hours, and minutes as 分 after them") {
    CHECK(spoken_duration(60min, true) == "1小时");
    CHECK(spoken_duration(60min, false) == "1 h");
    CHECK(spoken_deadline(1h + 20min, DeadlineSense::kLeft, true) == "剩余1小时20分");
    CHECK(spoken_deadline(1h + 20min, DeadlineSense::kLeft, false) == "1 h 20 min left");
    CHECK(spoken_duration(23h + 59min + 59s, true) == "23小时59分");
  }

  TEST_CASE("from a day on: days and hours, minutes dropped") {
    CHECK(spoken_duration(24h, true) == "1天");
    CHECK(spoken_duration(24h, false) == "1 d");
    CHECK(spoken_duration(24h + 59min, true) == "1天");
    CHECK(spoken_duration(25h, false) == "1 d 1 h");
    auto three_days = 3 * 24h + 18h + 5min;
    CHECK(spoken_deadline(three_days, DeadlineSense::kOverdue, true) == "已超时3天18小时");
    CHECK(spoken_deadline(three_days, DeadlineSense::kOverdue, false) == "3 d 18 h overdue");
    CHECK(spoken_duration(400 * 24h, true) == "400天");
  }
}

}  // namespace
