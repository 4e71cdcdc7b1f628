// SPDX-License-Identifier: Apache-2.0
// Questions asked of folded hazards: which a listing keeps, which are due, how late in words.
#include <algorithm>
#include <string>
#include <vector>

#include "common/identity.hpp"
#include "reports/hazards/hazard_ledger.hpp"

namespace duty::reports {

std::vector<Hazard> filter_hazards(const std::vector<Hazard>& all, const HazardQuery& q,
                                   Seconds at) {
  std::vector<Hazard> out;
  // Names as identity keys, as the acceptance rules compare them.
  const std::string township = identity_key(q.township);
  const std::string unit = identity_key(q.unit);
  for (const auto& h : all) {
    if (q.status && h.status != *q.status) continue;
    if (q.overdue_only && !h.overdue(at)) continue;
    if (!township.empty() && identity_key(h.township) != township) continue;
    if (!unit.empty() && identity_key(h.unit) != unit) continue;
    if (q.grade && h.grade != *q.grade) continue;
    out.push_back(h);
  }
  return out;
}

std::vector<DueHazard> due_hazards(const std::vector<Hazard>& all, const TimeZone& zone, Seconds at,
                                   std::optional<int> upcoming_days) {
  std::vector<DueHazard> out;
  Days today = local_day(zone, at);
  for (const auto& h : all) {
    if (h.status == HazardStatus::kClosed || h.status == HazardStatus::kVoid) continue;
    int late = static_cast<int>((today - h.due).count());
    bool overdue = h.overdue(at);
    if (!overdue && !(upcoming_days && -late <= *upcoming_days)) continue;
    out.push_back({&h, late, overdue});
  }
  std::stable_sort(out.begin(), out.end(), [](const DueHazard& a, const DueHazard& b) {
    return a.days_late > b.days_late;
  });
  return out;
}

std::string hazard_due_text(int days_late, bool overdue, bool zh) {
  if (overdue) {
    // Past the end of the due day, so at least the next day.
    int n = std::max(days_late, 1);
    return zh ? "超期" + std::to_string(n) + "天"
              : std::to_string(n) + (n == 1 ? " day overdue" : " days overdue");
  }
  if (days_late == 0) return zh ? "今天到期" : "due today";
  int left = -days_late;
  return zh ? "还剩" + std::to_string(left) + "天"
            : "due in " + std::to_string(left) + (left == 1 ? " day" : " days");
}

}  // namespace duty::reports
