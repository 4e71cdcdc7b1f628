// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "reports/context_tree.hpp"
#include "reports/hazards/hazard_stats.hpp"

namespace duty::reports {

/// The quarterly hazard report's template context (templates/hazards.*; docs/hazards.md,
/// "Report"): `office`, `report` (quarter, from, to, as_of), `total` and the lists `townships`
/// and `units` of figures (found, fixed, fix_rate, major_found, major_fixed, major_fix_rate,
/// on_time_rate, overdue, not_yet_due; rates as percentages, "—" with nothing to divide), the
/// overdue hazards (`overdue`) and those under supervision not yet closed (`supervised`), with
/// `has_*` flags. `all` is folded as of `at`; labels in the office's language.
ContextNode hazard_report_context(const std::vector<Hazard>& all, const Office& office,
                                  const std::string& quarter, Days from, Days to, Seconds at);

/// "87.5%", "100%", or "—" when there is nothing to divide.
std::string percent_text(const std::optional<double>& rate);

}  // namespace duty::reports
