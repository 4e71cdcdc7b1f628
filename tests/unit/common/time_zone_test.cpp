// SPDX-License-Identifier: Apache-2.0
#include "common/time_zone.hpp"

#include <date/tz.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

std::string show(const date::sys_info& i) {
  return std::to_string(i.begin.time_since_epoch().count()) + ".." + std::to_string(i.end.time_since_epoch().count()) +
         " " + std::to_string(i.offset.count()) + " save " + std::to_string(i.save.count()) + " " + i.abbrev;
}

bool same(const date::sys_info& a, const date::sys_info& b) {
  return a.begin == b.begin && a.end == b.end && a.offset == b.offset && a.save == b.save && a.abbrev == b.abbrev;
}

// Every instant that matters: each transition the date library reports and a second either side,
// and a sweep every 5 hours 7 minutes (so it drifts across wall-clock times) from 1900 to 2040.
std::vector<date::sys_seconds> probes(const date::time_zone& reference) {
  std::vector<date::sys_seconds> out;
  date::sys_seconds t{date::sys_days{date::year{1900} / 1 / 1}};
  date::sys_seconds end{date::sys_days{date::year{2040} / 1 / 1}};
  for (; t < end; t += 5h + 7min) out.push_back(t);
  for (auto info = reference.get_info(out.front()); info.end < end; info = reference.get_info(info.end)) {
    for (auto d : {-1s, 0s, 1s}) out.push_back(info.end + d);
  }
  return out;
}

}  // namespace

TEST_SUITE("common::time_zone") {
  TEST_CASE("answers as the date library does, for every zone offices are likely to use and the odd ones") {
    for (const char* name : {"Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Taipei", "America/New_York",
                             "Europe/London", "Europe/Dublin", "Australia/Lord_Howe", "Pacific/Chatham",
                             "Asia/Kolkata", "America/Sao_Paulo", "Africa/Casablanca", "Antarctica/Troll", "Etc/UTC",
                             "UTC", "Etc/GMT+5", "PRC"}) {
      CAPTURE(name);
      const duty::TimeZone* mine = duty::find_zone(name);
      const date::time_zone* reference = date::locate_zone(name);
      REQUIRE(mine != nullptr);
      CHECK(mine->name() == reference->name());
      int mismatches = 0;
      for (auto t : probes(*reference)) {
        auto a = mine->get_info(t);
        auto b = reference->get_info(t);
        if (!same(a, b) && ++mismatches <= 3) FAIL_CHECK("sys ", t.time_since_epoch().count(), ": ", show(a), " vs ", show(b));
        // The same numbers read as local wall-clock times land in gaps and overlaps too.
        date::local_seconds local{t.time_since_epoch()};
        auto la = mine->get_info(local);
        auto lb = reference->get_info(local);
        if ((la.result != lb.result || !same(la.first, lb.first) ||
             (lb.result != date::local_info::unique && !same(la.second, lb.second))) &&
            ++mismatches <= 3) {
          FAIL_CHECK("local ", t.time_since_epoch().count(), ": ", la.result, " ", show(la.first), " / ",
                     show(la.second), " vs ", lb.result, " ", show(lb.first), " / ", show(lb.second));
        }
        if (mine->to_local(t) != reference->to_local(t) && ++mismatches <= 3) FAIL_CHECK("to_local ", t.time_since_epoch().count());
      }
      CHECK(mismatches == 0);
    }
  }

  TEST_CASE("knows the names the date library knows and nothing else") {
    for (const char* name : {"Asia/Shangai", "Mars/Olympus_Mons", "", "/etc/passwd", "../zoneinfo/UTC", "Asia//Shanghai",
                             "Asia/", "posix/Asia/Shanghai", "right/UTC", "posixrules", "zone.tab", "tzdata.zi",
                             "Factory", ".", "Asia", "Asia/.Shanghai"}) {
      CAPTURE(name);
      CHECK(duty::find_zone(name) == nullptr);
      bool known = true;
      try {
        (void)date::locate_zone(name);
      } catch (const std::runtime_error&) {
        known = false;
      }
      CHECK_FALSE(known);
    }
    CHECK(duty::find_zone("Asia/Shanghai") == duty::find_zone("Asia/Shanghai"));
  }
}
