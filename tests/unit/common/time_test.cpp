// SPDX-License-Identifier: Apache-2.0
#include "common/time.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

duty::Days ymd(int y, unsigned m, unsigned d) { return duty::Days{date::year{y} / date::month{m} / date::day{d}}; }

const duty::TimeZone& zone(const char* name) {
  const duty::TimeZone* z = duty::find_zone(name);
  REQUIRE_MESSAGE(z != nullptr, "the tz database has no ", name);
  return *z;
}

// Hours between two instants, so a failure prints a number rather than an opaque time_point.
long hours_between(duty::Seconds a, duty::Seconds b) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::hours>(b - a).count());
}

std::string utc(duty::Seconds s) { return duty::format_iso(zone("Etc/UTC"), s); }

}  // namespace

TEST_SUITE("common::time") {
  TEST_CASE("parse_date reads a strict YYYY-MM-DD") {
    auto d = duty::parse_date("2027-02-28");
    REQUIRE(d.has_value());
    CHECK(*d == ymd(2027, 2, 28));
    CHECK(duty::format_date(*d) == "2027-02-28");
    CHECK(duty::parse_date("1900-01-01") == ymd(1900, 1, 1));
    CHECK(duty::parse_date("2199-12-31") == ymd(2199, 12, 31));
  }

  TEST_CASE("parse_date refuses years outside 1900 to 2199 and says so") {
    for (const char* text : {"0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31", "0000-01-01"}) {
      CAPTURE(text);
      std::string why;
      CHECK_FALSE(duty::parse_date(text, &why).has_value());
      CHECK(why == std::string("'") + text + "' is outside the years 1900 to 2199 that duty accepts; check the year");
    }
    // Malformed text leaves the message to the caller.
    std::string why;
    CHECK_FALSE(duty::parse_date("2500-02-30", &why).has_value());
    CHECK(why.empty());
    CHECK_FALSE(duty::parse_date("20266-01-01", &why).has_value());
    CHECK(why.empty());
  }

  TEST_CASE("parse_date knows leap years") {
    CHECK_FALSE(duty::parse_date("2027-02-29").has_value());
    CHECK(duty::parse_date("2028-02-29") == ymd(2028, 2, 29));
    CHECK_FALSE(duty::parse_date("2100-02-29").has_value());
    CHECK(duty::parse_date("2000-02-29") == ymd(2000, 2, 29));
  }

  TEST_CASE("parse_date rejects days and months that do not exist") {
    CHECK_FALSE(duty::parse_date("2027-04-31").has_value());
    CHECK_FALSE(duty::parse_date("2027-13-01").has_value());
    CHECK_FALSE(duty::parse_date("2027-00-10").has_value());
    CHECK_FALSE(duty::parse_date("2027-01-00").has_value());
    CHECK_FALSE(duty::parse_date("2027-01-32").has_value());
  }

  TEST_CASE("parse_date rejects other shapes") {
    for (const char* bad : {"", "2027-2-28", "2027-02-8", "27-02-28", "2027/02/28", "2027-02-28 ", " 2027-02-28",
                            "2027-02-28T00:00", "20270228", "2027-0a-28", "+027-02-28", "2027--2-28", "２０２７-02-28"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::parse_date(bad).has_value());
    }
  }

  TEST_CASE("parse_clock reads HH:MM and H:MM within a day") {
    CHECK(duty::parse_clock("08:30") == std::chrono::minutes{8 * 60 + 30});
    CHECK(duty::parse_clock("8:30") == std::chrono::minutes{8 * 60 + 30});
    CHECK(duty::parse_clock("00:00") == std::chrono::minutes{0});
    CHECK(duty::parse_clock("23:59") == std::chrono::minutes{23 * 60 + 59});
    for (const char* bad : {"24:00", "12:60", "0830", "08:3", "08-30", "", "8.30", "-1:00", "08:30:00", "a8:30", " 8:30"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::parse_clock(bad).has_value());
    }
  }

  TEST_CASE("format_clock writes two-digit hours and minutes") {
    CHECK(duty::format_clock(std::chrono::minutes{8 * 60 + 30}) == "08:30");
    CHECK(duty::format_clock(std::chrono::minutes{0}) == "00:00");
    CHECK(duty::format_clock(std::chrono::minutes{23 * 60 + 59}) == "23:59");
  }

  TEST_CASE("find_zone refuses names that are files of the database but not places") {
    for (const char* name : {"localtime", "posixrules", "Factory", "right/UTC", "posix/UTC", "/etc/localtime",
                             "../etc/passwd", "/usr/share/zoneinfo/UTC", "tzdata.zi", "leapseconds"}) {
      CAPTURE(name);
      CHECK(duty::find_zone(name) == nullptr);
    }
    CHECK(duty::find_zone("UTC") != nullptr);
    CHECK(duty::find_zone("Etc/UTC") != nullptr);
    CHECK(duty::find_zone("PRC") != nullptr);  // a link of the database
  }

  TEST_CASE("find_zone knows IANA names and nothing else") {
    REQUIRE(duty::find_zone("Asia/Shanghai") != nullptr);
    CHECK(duty::find_zone("Asia/Shanghai")->name() == "Asia/Shanghai");
    CHECK(duty::find_zone("Asia/Shangai") == nullptr);
    CHECK(duty::find_zone("Mars/Olympus_Mons") == nullptr);
    CHECK(duty::find_zone("") == nullptr);
  }

  TEST_CASE("format_iso writes the zone's offset, positive, negative and half-hour") {
    const auto& shanghai = zone("Asia/Shanghai");
    duty::Seconds t = duty::at_local(shanghai, ymd(2027, 1, 1), 8h + 30min);
    CHECK(duty::format_iso(shanghai, t) == "2027-01-01T08:30:00+08:00");
    CHECK(utc(t) == "2027-01-01T00:30:00+00:00");

    const auto& new_york = zone("America/New_York");
    CHECK(duty::format_iso(new_york, duty::at_local(new_york, ymd(2027, 1, 15), 8h + 30min)) ==
          "2027-01-15T08:30:00-05:00");
    CHECK(duty::format_iso(new_york, duty::at_local(new_york, ymd(2027, 7, 15), 23h + 59min)) ==
          "2027-07-15T23:59:00-04:00");

    const auto& st_johns = zone("America/St_Johns");
    CHECK(duty::format_iso(st_johns, duty::at_local(st_johns, ymd(2027, 1, 15), 8h + 30min)) ==
          "2027-01-15T08:30:00-03:30");
    const auto& kolkata = zone("Asia/Kolkata");
    CHECK(duty::format_iso(kolkata, duty::at_local(kolkata, ymd(2027, 1, 15), 0min)) ==
          "2027-01-15T00:00:00+05:30");
  }

  TEST_CASE("format_iso crosses midnight into the local date") {
    const auto& shanghai = zone("Asia/Shanghai");
    duty::Seconds t = duty::Seconds{ymd(2026, 12, 31)} + 20h;
    CHECK(duty::format_iso(shanghai, t) == "2027-01-01T04:00:00+08:00");
    CHECK(duty::format_local_minute(shanghai, t) == "2027-01-01 04:00");
    const auto& new_york = zone("America/New_York");
    CHECK(duty::format_iso(new_york, duty::Seconds{ymd(2027, 1, 1)} + 3h) == "2026-12-31T22:00:00-05:00");
  }

  TEST_CASE("the 2027 transitions the DST cases rely on") {
    // US: second Sunday of March, first Sunday of November, at 02:00 local.
    const auto& new_york = zone("America/New_York");
    CHECK(new_york.get_info(duty::Seconds{ymd(2027, 3, 14)} + 7h).begin == duty::Seconds{ymd(2027, 3, 14)} + 7h);
    CHECK(new_york.get_info(duty::Seconds{ymd(2027, 11, 7)} + 6h).begin == duty::Seconds{ymd(2027, 11, 7)} + 6h);
    // EU: last Sunday of March and October, at 01:00 UTC.
    const auto& london = zone("Europe/London");
    CHECK(london.get_info(duty::Seconds{ymd(2027, 3, 28)} + 1h).begin == duty::Seconds{ymd(2027, 3, 28)} + 1h);
    CHECK(london.get_info(duty::Seconds{ymd(2027, 10, 31)} + 1h).begin == duty::Seconds{ymd(2027, 10, 31)} + 1h);
    CHECK(duty::iso_weekday_index(ymd(2027, 3, 14)) == 6);
    CHECK(duty::iso_weekday_index(ymd(2027, 11, 7)) == 6);
    CHECK(duty::iso_weekday_index(ymd(2027, 3, 28)) == 6);
    CHECK(duty::iso_weekday_index(ymd(2027, 10, 31)) == 6);
  }

  TEST_CASE("a time in the New York spring-forward gap reads with the offset before it") {
    const auto& new_york = zone("America/New_York");
    duty::Seconds t = duty::at_local(new_york, ymd(2027, 3, 14), 2h + 30min);
    CHECK(duty::format_iso(new_york, t) == "2027-03-14T03:30:00-04:00");
    CHECK(utc(t) == "2027-03-14T07:30:00+00:00");
    CHECK(t == duty::Seconds{ymd(2027, 3, 14)} + 7h + 30min);
  }

  TEST_CASE("an ambiguous New York time takes its first occurrence") {
    const auto& new_york = zone("America/New_York");
    duty::Seconds t = duty::at_local(new_york, ymd(2027, 11, 7), 1h + 30min);
    CHECK(duty::format_iso(new_york, t) == "2027-11-07T01:30:00-04:00");
    CHECK(utc(t) == "2027-11-07T05:30:00+00:00");
  }

  TEST_CASE("a 08:30 handover makes the shift across spring-forward 23 hours long") {
    const auto& new_york = zone("America/New_York");
    duty::Seconds sat = duty::at_local(new_york, ymd(2027, 3, 13), 8h + 30min);
    duty::Seconds sun = duty::at_local(new_york, ymd(2027, 3, 14), 8h + 30min);
    duty::Seconds mon = duty::at_local(new_york, ymd(2027, 3, 15), 8h + 30min);
    CHECK(duty::format_iso(new_york, sat) == "2027-03-13T08:30:00-05:00");
    CHECK(duty::format_iso(new_york, sun) == "2027-03-14T08:30:00-04:00");
    CHECK(duty::format_iso(new_york, mon) == "2027-03-15T08:30:00-04:00");
    CHECK(hours_between(sat, sun) == 23);
    // The shift that starts on the transition day begins after 02:00, so it is an ordinary day.
    CHECK(hours_between(sun, mon) == 24);
  }

  TEST_CASE("a midnight handover makes the shift dated on spring-forward day 23 hours long") {
    const auto& new_york = zone("America/New_York");
    duty::Seconds start = duty::at_local(new_york, ymd(2027, 3, 14), 0min);
    duty::Seconds end = duty::at_local(new_york, ymd(2027, 3, 15), 0min);
    CHECK(duty::format_iso(new_york, start) == "2027-03-14T00:00:00-05:00");
    CHECK(duty::format_iso(new_york, end) == "2027-03-15T00:00:00-04:00");
    CHECK(hours_between(start, end) == 23);
  }

  TEST_CASE("a 08:30 handover makes the shift across fall-back 25 hours long") {
    const auto& new_york = zone("America/New_York");
    duty::Seconds sat = duty::at_local(new_york, ymd(2027, 11, 6), 8h + 30min);
    duty::Seconds sun = duty::at_local(new_york, ymd(2027, 11, 7), 8h + 30min);
    duty::Seconds mon = duty::at_local(new_york, ymd(2027, 11, 8), 8h + 30min);
    CHECK(duty::format_iso(new_york, sat) == "2027-11-06T08:30:00-04:00");
    CHECK(duty::format_iso(new_york, sun) == "2027-11-07T08:30:00-05:00");
    CHECK(hours_between(sat, sun) == 25);
    CHECK(hours_between(sun, mon) == 24);
  }

  TEST_CASE("London: a gap time reads as BST and an ambiguous time takes BST") {
    const auto& london = zone("Europe/London");
    duty::Seconds gap = duty::at_local(london, ymd(2027, 3, 28), 1h + 30min);
    CHECK(duty::format_iso(london, gap) == "2027-03-28T02:30:00+01:00");
    CHECK(utc(gap) == "2027-03-28T01:30:00+00:00");
    duty::Seconds twice = duty::at_local(london, ymd(2027, 10, 31), 1h + 30min);
    CHECK(duty::format_iso(london, twice) == "2027-10-31T01:30:00+01:00");
    CHECK(utc(twice) == "2027-10-31T00:30:00+00:00");
    CHECK(duty::format_iso(london, twice + 1h) == "2027-10-31T01:30:00+00:00");
  }

  TEST_CASE("format_local_minute writes the local date and clock") {
    const auto& new_york = zone("America/New_York");
    CHECK(duty::format_local_minute(new_york, duty::at_local(new_york, ymd(2027, 3, 14), 2h + 30min)) ==
          "2027-03-14 03:30");
    CHECK(duty::format_local_minute(zone("Asia/Shanghai"), duty::Seconds{ymd(2027, 1, 1)}) == "2027-01-01 08:00");
  }

  TEST_CASE("iso_weekday_index counts from Monday") {
    CHECK(duty::iso_weekday_index(ymd(2027, 1, 4)) == 0);  // Monday
    CHECK(duty::iso_weekday_index(ymd(2027, 1, 1)) == 4);  // Friday
    CHECK(duty::iso_weekday_index(ymd(2027, 1, 2)) == 5);
    CHECK(duty::iso_weekday_index(ymd(2027, 1, 3)) == 6);
  }
}
