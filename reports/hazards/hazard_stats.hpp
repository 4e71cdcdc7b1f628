// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/hazards/hazard_ledger.hpp"

namespace duty::reports {

/// The figures of the county bulletin for a set of hazards (docs/hazards.md, "Statistics"):
/// counted over the hazards found in the range and not void, as they stood at the moment asked.
struct HazardFigures {
  int found = 0;                           ///< hazards found in the range (void ones left out)
  int fixed = 0;                           ///< of them, closed (accepted)
  int major_found = 0;                     ///< of `found`, major
  int major_fixed = 0;                     ///< of `fixed`, major
  int fixed_on_time = 0;                   ///< of `fixed`, submitted on or before the due in force
  int overdue = 0;                         ///< not closed and past the due in force
  int not_yet_due = 0;                     ///< not closed and not past the due in force
  std::optional<double> fix_rate() const;  ///< fixed / found; null when found is 0
  std::optional<double> major_fix_rate() const;  ///< major_fixed / major_found
  std::optional<double> on_time_rate() const;    ///< fixed_on_time / fixed
};

/// What `--by` groups by.
enum class HazardGroupBy { kNone, kTownship, kUnit, kCategory, kGrade };

/// One group's figures; `key` is the township, unit, category or grade (English name).
struct HazardGroup {
  std::string key;
  HazardFigures figures;
};

struct HazardStats {
  HazardFigures total;
  std::vector<HazardGroup> groups;  ///< by key, empty with kNone
};

/// The first and last day of a quarter "2026Q4" (also "2026-Q4", lower-case q) or a year "2026";
/// nullopt when `text` is neither or the year is outside kFirstYear..kLastYear.
std::optional<std::pair<Days, Days>> parse_quarter(std::string_view text);
std::optional<std::pair<Days, Days>> parse_year(std::string_view text);

/// The figures of the hazards of `all` found in [from, to] (either end open when unset), judged
/// at `at`. `all` should be folded as of `at` (all_hazards).
HazardStats hazard_stats(const std::vector<Hazard>& all, std::optional<Seconds> from,
                         std::optional<Seconds> to, Seconds at, HazardGroupBy by);

}  // namespace duty::reports
