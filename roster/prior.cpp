// SPDX-License-Identifier: Apache-2.0
#include "roster/prior.hpp"

#include <map>
#include <string>

#include "roster/fairness.hpp"

namespace duty::roster {

Days fairness_window_start(const Spec& spec, Days from) {
  if (spec.rules.fairness_window == FairnessWindow::kPeriod) return from;
  return Days{date::year_month_day{from}.year() / date::January / 1};
}

void mark_rest_after(Spec& spec, const std::vector<Shift>& prior) {
  if (spec.rules.min_rest_days <= 0) return;
  std::map<std::string, Days> last;
  for (const auto& shift : prior) {
    if (shift.date >= spec.from) continue;
    for (const auto& a : shift.assignments) {
      for (const auto& id : a.people) {
        auto [it, added] = last.emplace(id, shift.date);
        if (!added && it->second < shift.date) it->second = shift.date;
      }
    }
  }
  for (auto& p : spec.people) {
    auto it = last.find(p.id);
    if (it == last.end()) continue;
    for (int k = 1; k <= spec.rules.min_rest_days; ++k) {
      Days d = it->second + date::days{k};
      if (d >= spec.from) p.resting.insert(d);
    }
  }
}

void count_prior_duties(Model& model, const std::vector<Shift>& prior) {
  const Spec& spec = *model.spec;
  Days window = fairness_window_start(spec, spec.from);
  std::vector<Shift> inside;
  for (const auto& shift : prior) {
    if (shift.date >= window && shift.date < spec.from) inside.push_back(shift);
  }
  // An empty prior would still switch compute_bounds to measuring over the window.
  if (!inside.empty()) add_prior_duties(model, inside);
}

}  // namespace duty::roster
