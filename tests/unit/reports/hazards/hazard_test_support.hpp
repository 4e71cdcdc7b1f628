// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "reports/hazards/hazard_ledger.hpp"
#include "reports/office.hpp"

namespace duty::test {

/// An English office in Asia/Shanghai (UTC+8 all year: local times convert by a fixed offset)
/// for the hazard ledger's tests.
inline reports::Office hazard_office() {
  reports::Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.locale = "en";
  return o;
}

/// December 2026 at h:mi in Asia/Shanghai (UTC+8 all year: a fixed offset).
inline Seconds at(int day, int h, int mi = 0) {
  Seconds midnight = date::sys_days{date::year{2026} / date::month{12} / date::day{unsigned(day)}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

/// The day `day` of December 2026.
inline Days dec(int day) {
  return date::sys_days{date::year{2026} / date::month{12} / date::day{unsigned(day)}};
}

/// A new hazard in Zequ with every required field, found on 1 December at 09:00 unless told.
inline reports::NewHazard hazard(const std::string& title, reports::HazardGrade grade, Days due,
                                 Seconds found = at(1, 9)) {
  reports::NewHazard n;
  n.title = title;
  n.township = "Zequ";
  n.location = "market";
  n.category = "fire";
  n.grade = grade;
  n.source = reports::HazardSource::kInspection;
  n.found = found;
  n.found_by = "Li";
  n.unit = "Market office";
  n.owner = "Wang";
  n.measures = "clear the exits";
  n.due = due;
  return n;
}

}  // namespace duty::test
