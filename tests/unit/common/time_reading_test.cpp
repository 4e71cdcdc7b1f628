// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "common/time.hpp"

namespace {

using duty::ClockReading;
using duty::Seconds;

const duty::TimeZone& shanghai() {
  const duty::TimeZone* z = duty::find_zone("Asia/Shanghai");
  REQUIRE(z != nullptr);
  return *z;
}

// Results as Shanghai local text, "(none)" when rejected.
std::string show(const std::optional<Seconds>& t) {
  return t ? duty::format_iso(shanghai(), *t) : std::string("(none)");
}

// A Shanghai local time, built without the parser under test (+08:00, no DST).
Seconds local(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  return Seconds{date::sys_days{date::year{y} / date::month{mo} / date::day{d}}} + std::chrono::hours{h - 8} +
         std::chrono::minutes{mi} + std::chrono::seconds{s};
}

std::string read(std::string_view text, Seconds base, ClockReading reading) {
  return show(duty::parse_time_expr(text, shanghai(), base, reading));
}

}  // namespace

TEST_SUITE("common::time reading") {
  TEST_CASE("a bare clock time that happened is the most recent one, never the future") {
    Seconds ten_past_midnight = local(2026, 12, 7, 0, 10);
    CHECK(read("23:50", ten_past_midnight, ClockReading::kPast) == "2026-12-06T23:50:00+08:00");
    CHECK(read("00:05", ten_past_midnight, ClockReading::kPast) == "2026-12-07T00:05:00+08:00");
    // Exactly now is not in the future.
    CHECK(read("00:10", ten_past_midnight, ClockReading::kPast) == "2026-12-07T00:10:00+08:00");
    // The old reading (listings) stays on the base's day.
    CHECK(read("23:50", ten_past_midnight, ClockReading::kSameDay) == "2026-12-07T23:50:00+08:00");
  }

  TEST_CASE("a bare clock time as a deadline is the next one") {
    Seconds at = local(2026, 11, 20, 15, 10);
    CHECK(read("17:00", at, ClockReading::kNext) == "2026-11-20T17:00:00+08:00");
    CHECK(read("08:00", at, ClockReading::kNext) == "2026-11-21T08:00:00+08:00");
    CHECK(read("15:10", at, ClockReading::kNext) == "2026-11-20T15:10:00+08:00");
  }

  TEST_CASE("relative times count from the base") {
    Seconds at = local(2026, 11, 20, 15, 10);
    CHECK(read("+2h", at, ClockReading::kNext) == "2026-11-20T17:10:00+08:00");
    CHECK(read("-15m", at, ClockReading::kPast) == "2026-11-20T14:55:00+08:00");
    CHECK(read("now", at, ClockReading::kPast) == "2026-11-20T15:10:00+08:00");
    // Full dates and times do not depend on the reading.
    CHECK(read("2026-11-19 08:00", at, ClockReading::kNext) == "2026-11-19T08:00:00+08:00");
  }

  TEST_CASE("a bare date ending a range is the whole day") {
    Seconds now = local(2026, 12, 6, 12, 0);
    CHECK(show(duty::parse_range_end("2026-12-06", shanghai(), now)) == "2026-12-06T23:59:59+08:00");
    CHECK(show(duty::parse_range_end(" 2026-12-06 ", shanghai(), now)) == "2026-12-06T23:59:59+08:00");
    CHECK(show(duty::parse_range_end("2026-12-06 12:30", shanghai(), now)) == "2026-12-06T12:30:00+08:00");
    CHECK(show(duty::parse_range_end("2026-02-30", shanghai(), now)) == "(none)");
    std::string problem;
    CHECK(show(duty::parse_range_end("2199-12-31", shanghai(), now)) == "2199-12-31T23:59:59+08:00");
    CHECK_FALSE(duty::parse_range_end("2500-01-01", shanghai(), now, &problem));
    CHECK(problem.find("outside the years 1900 to 2199") != std::string::npos);
  }

  TEST_CASE("a bare date ending a range takes in a day of 25 hours") {
    const duty::TimeZone* ny = duty::find_zone("America/New_York");
    REQUIRE(ny != nullptr);
    Seconds now = Seconds{date::sys_days{date::year{2027} / 12 / 1}};
    // 7 November 2027 ends at 23:59:59 EST (-05:00), 25 hours after it began at 00:00 EDT.
    auto end = duty::parse_range_end("2027-11-07", *ny, now);
    REQUIRE(end);
    CHECK(duty::format_iso(*ny, *end) == "2027-11-07T23:59:59-05:00");
  }

  TEST_CASE("times are written with seconds only when they have some") {
    CHECK(duty::format_iso_minute(shanghai(), local(2026, 12, 6, 14, 5)) == "2026-12-06T14:05+08:00");
    CHECK(duty::format_iso_minute(shanghai(), local(2026, 12, 6, 14, 5, 7)) == "2026-12-06T14:05:07+08:00");
    CHECK(duty::format_local_time(shanghai(), local(2026, 12, 6, 14, 5)) == "2026-12-06 14:05");
    CHECK(duty::format_local_time(shanghai(), local(2026, 12, 6, 14, 5, 7)) == "2026-12-06 14:05:07");
    // What format_iso_minute writes reads back as the same instant.
    auto back = duty::parse_iso_instant("2026-12-06T14:05+08:00");
    REQUIRE(back);
    CHECK(*back == local(2026, 12, 6, 14, 5));
  }
}
