// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "common/time.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;

const duty::TimeZone& zone(const char* name) {
  const duty::TimeZone* z = duty::find_zone(name);
  REQUIRE_MESSAGE(z != nullptr, "the tz database has no ", name);
  return *z;
}

// An instant from its UTC fields, built without the parsing code under test.
Seconds utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

// Results print as UTC ISO text, so a failed CHECK shows a readable time; "(none)" when rejected.
std::string show(const std::optional<Seconds>& t) {
  return t ? duty::format_iso(zone("Etc/UTC"), *t) : std::string("(none)");
}
std::string show(Seconds t) { return show(std::optional<Seconds>{t}); }

std::string expr(std::string_view text, const char* zone_name, Seconds now) {
  return show(duty::parse_time_expr(text, zone(zone_name), now));
}

// 10:00 in Shanghai on 5 January 2027 (02:00 UTC, the same date).
const Seconds kNow = utc(2027, 1, 5, 2, 0);

}  // namespace

TEST_SUITE("common::time_expr") {
  TEST_CASE("now is the given now") {
    CHECK(expr("now", "Asia/Shanghai", kNow) == show(kNow));
    CHECK(expr("  now ", "Asia/Shanghai", kNow) == show(kNow));  // surrounding spaces from shells and cells
  }

  TEST_CASE("relative times: -15m, -2h, -1h30m, +1d") {
    CHECK(expr("-15m", "Asia/Shanghai", kNow) == show(kNow - 15min));
    CHECK(expr("-2h", "Asia/Shanghai", kNow) == show(kNow - 2h));
    CHECK(expr("-1h30m", "Asia/Shanghai", kNow) == show(kNow - 90min));
    CHECK(expr("+1d", "Asia/Shanghai", kNow) == show(kNow + 24h));
    CHECK(expr("-90m", "Asia/Shanghai", kNow) == show(kNow - 90min));
    CHECK(expr("+1d2h", "Asia/Shanghai", kNow) == show(kNow + 26h));
  }

  TEST_CASE("HH:MM is today in the office's zone") {
    CHECK(expr("14:05", "Asia/Shanghai", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("00:00", "Asia/Shanghai", kNow) == "2027-01-04T16:00:00+00:00");
    CHECK(expr("9:30", "Asia/Shanghai", kNow) == "2027-01-05T01:30:00+00:00");
  }

  TEST_CASE("HH:MM takes the local date when the UTC date is a day behind") {
    // 07:30 on 6 January in Shanghai is still 23:30 on 5 January in UTC.
    Seconds now = utc(2027, 1, 5, 23, 30);
    CHECK(expr("14:05", "Asia/Shanghai", now) == "2027-01-06T06:05:00+00:00");
    CHECK(expr("07:00", "Asia/Shanghai", now) == "2027-01-05T23:00:00+00:00");
  }

  TEST_CASE("HH:MM takes the local date when the UTC date is a day ahead") {
    // 21:00 on 5 January in New York is 02:00 on 6 January in UTC.
    Seconds now = utc(2027, 1, 6, 2, 0);
    CHECK(expr("14:05", "America/New_York", now) == "2027-01-05T19:05:00+00:00");
    CHECK(expr("23:59", "America/New_York", now) == "2027-01-06T04:59:00+00:00");
  }

  TEST_CASE("a local date and time, with a space or a T") {
    CHECK(expr("2027-01-05 14:05", "Asia/Shanghai", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("2027-01-05T14:05", "Asia/Shanghai", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("2027-01-05 14:05:00", "Asia/Shanghai", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("2026-12-31 23:30", "Asia/Shanghai", kNow) == "2026-12-31T15:30:00+00:00");
    // The date is not relative to now: a date far from today is taken as written.
    CHECK(expr("2020-02-29 08:00", "Asia/Shanghai", kNow) == "2020-02-29T00:00:00+00:00");
  }

  TEST_CASE("a local time in a DST gap follows local_to_sys") {
    // 02:30 does not exist in New York on 14 March 2027; it reads with EST, as 07:30 UTC.
    CHECK(expr("2027-03-14 02:30", "America/New_York", kNow) == "2027-03-14T07:30:00+00:00");
  }

  TEST_CASE("ISO 8601 with an offset or Z ignores the office's zone") {
    CHECK(expr("2027-01-05T14:05:00+08:00", "America/New_York", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("2027-01-05T14:05+08:00", "Asia/Shanghai", kNow) == "2027-01-05T06:05:00+00:00");
    CHECK(expr("2027-01-05T14:05:00Z", "Asia/Shanghai", kNow) == "2027-01-05T14:05:00+00:00");
    CHECK(expr("2027-01-05 14:05Z", "Asia/Shanghai", kNow) == "2027-01-05T14:05:00+00:00");
    CHECK(expr("2027-01-05T14:05:00-05:00", "Asia/Shanghai", kNow) == "2027-01-05T19:05:00+00:00");
  }

  TEST_CASE("a date alone is local midnight") {
    CHECK(expr("2027-01-05", "Asia/Shanghai", kNow) == "2027-01-04T16:00:00+00:00");
    CHECK(expr("2027-02-30", "Asia/Shanghai", kNow) == "(none)");
  }

  TEST_CASE("junk is rejected") {
    for (const char* bad : {"", " ", "yesterday", "tomorrow", "NOW", "now+1h", "-15", "15m", "-15x", "-0m", "--15m",
                            "- 15m", "-m", "25:00", "14:60", "14:5", "1405", "14h05", "2027-02-30 10:00",
                            "2027-01-05 25:00", "2027-01-05 14:05:30", "2027-01-05T14:05:00+8:00",
                            "2027-01-05T14:05:00 +08:00", "05/01/2027 14:05", "2027-01-05T14:05:00+19:00"}) {
      CAPTURE(bad);
      CHECK(expr(bad, "Asia/Shanghai", kNow) == "(none)");
    }
  }
}

TEST_SUITE("common::time_expr iso") {
  TEST_CASE("parse_iso_instant reads offsets in every written form") {
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00+08:00")) == "2027-01-05T06:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:09+08:00")) == "2027-01-05T06:05:09+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05+08:00")) == "2027-01-05T06:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05 14:05:00+08:00")) == "2027-01-05T06:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00+0800")) == "2027-01-05T06:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00+08")) == "2027-01-05T06:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00Z")) == "2027-01-05T14:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00z")) == "2027-01-05T14:05:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T14:05:00-05:30")) == "2027-01-05T19:35:00+00:00");
    CHECK(show(duty::parse_iso_instant("2027-01-05T00:30:00+08:00")) == "2027-01-04T16:30:00+00:00");
  }

  TEST_CASE("parse_iso_instant rejects a missing or malformed offset and impossible times") {
    for (const char* bad : {"2027-01-05T14:05:00", "2027-01-05T14:05", "2027-01-05", "2027-01-05T14:05:00+8:00",
                            "2027-01-05T14:05:00+08:0", "2027-01-05T14:05:00 08:00", "2027-01-05T14:05:00+19:00",
                            "2027-01-05T14:05:00+08:60", "2027-01-05T14:05:60Z", "2027-01-05T24:00:00Z",
                            "2027-02-29T10:00:00Z", "2027-01-05X14:05:00Z", "2027-01-05T14:05:00ZZ",
                            "2027-01-05T14:05:00UTC", "2027-01-05T14:05:00.5Z", ""}) {
      CAPTURE(bad);
      CHECK(show(duty::parse_iso_instant(bad)) == "(none)");
    }
  }
}

TEST_SUITE("common::duration") {
  TEST_CASE("parse_duration reads minutes, hours, days and their sums") {
    CHECK(duty::parse_duration("30m") == 30min);
    CHECK(duty::parse_duration("2h") == 120min);
    CHECK(duty::parse_duration("1h30m") == 90min);
    CHECK(duty::parse_duration("90m") == 90min);
    CHECK(duty::parse_duration("1d") == 1440min);
    CHECK(duty::parse_duration("1d2h30m") == 1590min);
    CHECK(duty::parse_duration("366d") == std::chrono::minutes{366 * 1440});
  }

  TEST_CASE("parse_duration rejects zero, junk and more than a year") {
    for (const char* bad : {"", "0m", "0h0m", "m", "30", "30s", "1.5h", "-30m", "+30m", "h30", "30 m", " 30m", "30M",
                            "1w", "1000000m", "367d", "1h30", "2h-1m"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::parse_duration(bad).has_value());
    }
  }

  TEST_CASE("format_duration writes the shortest form") {
    CHECK(duty::format_duration(30min) == "30m");
    CHECK(duty::format_duration(120min) == "2h");
    CHECK(duty::format_duration(90min) == "1h30m");
    CHECK(duty::format_duration(1440min) == "1d");
    CHECK(duty::format_duration(2880min) == "2d");
    CHECK(duty::format_duration(61min) == "1h1m");
  }

  TEST_CASE("format_duration and parse_duration round-trip") {
    for (int m : {1, 15, 30, 59, 60, 61, 90, 119, 120, 1439, 1440, 1441, 1500, 2880, 10000}) {
      CAPTURE(m);
      std::string text = duty::format_duration(std::chrono::minutes{m});
      CHECK(duty::parse_duration(text) == std::chrono::minutes{m});
    }
  }
}

TEST_SUITE("common::time_expr years") {
  TEST_CASE("times outside the years 1900 to 2199 are refused with the reason") {
    for (const char* text : {"2200-01-01 00:00", "1899-12-31 23:59", "2500-01-01", "9999-12-31T23:59:59Z",
                             "0001-01-01T00:00", "1899-12-31 23:59:00"}) {
      CAPTURE(text);
      std::string why;
      CHECK(show(duty::parse_time_expr(text, zone("Asia/Shanghai"), kNow, &why)) == "(none)");
      CHECK(why == std::string("'") + text + "' is outside the years 1900 to 2199 that duty accepts; check the year");
    }
    // An offset can carry a time written inside the years across their edge in the office's zone.
    std::string why;
    CHECK(show(duty::parse_time_expr("2199-12-31T23:00:00-05:00", zone("Asia/Shanghai"), kNow, &why)) == "(none)");
    CHECK_FALSE(why.empty());
    why.clear();
    CHECK(show(duty::parse_time_expr("1900-01-01T00:00:00+08:00", zone("Etc/UTC"), kNow, &why)) == "(none)");
    CHECK_FALSE(why.empty());
    // The edges themselves are accepted; malformed text is not a range problem.
    CHECK(expr("1900-01-01 00:00", "Etc/UTC", kNow) == "1900-01-01T00:00:00+00:00");
    CHECK(expr("2199-12-31 23:59", "Asia/Shanghai", kNow) == "2199-12-31T15:59:00+00:00");
    why.clear();
    CHECK(show(duty::parse_time_expr("2500-13-01 00:00", zone("Asia/Shanghai"), kNow, &why)) == "(none)");
    CHECK(why.empty());
    CHECK(show(duty::parse_time_expr("+100000d", zone("Asia/Shanghai"), kNow, &why)) == "(none)");
    CHECK(why.empty());
  }

  TEST_CASE("a relative time that lands outside the years is refused") {
    const Seconds late = utc(2199, 12, 31, 12, 0);
    std::string why;
    CHECK(show(duty::parse_time_expr("+1d", zone("Asia/Shanghai"), late, &why)) == "(none)");
    CHECK(why == "'+1d' is outside the years 1900 to 2199 that duty accepts; check the year");
    CHECK(expr("-1d", "Asia/Shanghai", late) == "2199-12-30T12:00:00+00:00");
    CHECK(duty::within_years(zone("Asia/Shanghai"), utc(2199, 12, 31, 15, 59)));
    CHECK_FALSE(duty::within_years(zone("Asia/Shanghai"), utc(2199, 12, 31, 16, 0)));
  }
}
