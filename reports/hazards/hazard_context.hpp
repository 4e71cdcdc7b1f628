// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "reports/context_tree.hpp"
#include "reports/hazards/hazard_stats.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

/// The quarterly hazard report's template context (templates/hazards.*; docs/hazards.md,
/// "Report"): `office`, `report` (quarter, from, to, as_of), `total` and the lists `townships`
/// and `units` of figures (found, fixed, fix_rate, major_found, major_fixed, major_fix_rate,
/// on_time_rate, overdue, not_yet_due; rates as percentages, "—" with nothing to divide), the
/// overdue hazards (`overdue`) and those under supervision not yet closed (`supervised`), with
/// `has_*` flags. `all` is folded as of `at`; labels in the office's language.
ContextNode hazard_report_context(const std::vector<Hazard>& all, const Office& office,
                                  const std::string& quarter, Days from, Days to, Seconds at);

/// The hazards of a record covering [from, at) as its template context (docs/templates.md,
/// `hazards`), in the office's language, judged at `at`:
///   overdue: hazards not closed or void past their due in force, most late first;
///   due_soon: those due from the day of `at` to office.yaml's hazards.upcoming_days later;
///   new_major: major hazards found or registered in [from, at), in id order;
/// each with id, title, grade, grade_label, township, unit, owner, owner_phone, due,
/// original_due, extended, status, status_label, days_late, time_text ("超期3天", "今天到期",
/// "还剩2天"), supervised and supervision_text; `counts` and has_overdue, has_due_soon,
/// has_new_major, has_any, upcoming_days. Hazards are taken as of `at` by their own times (found,
/// submitted, accepted ...); "registered" is when the hazard was entered into the ledger.
ContextNode hazards_context(Store& store, const Office& office, Seconds from, Seconds at);

/// "87.5%", "100%", or "—" when there is nothing to divide.
std::string percent_text(const std::optional<double>& rate);

}  // namespace duty::reports
