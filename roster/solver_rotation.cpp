// SPDX-License-Identifier: Apache-2.0
// The rotation strategy: each group's people in turn, skipping whoever cannot serve.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "roster/solver_internal.hpp"

namespace duty::roster::detail {

Solution solve_rotation(const Model& m) {
  Plan plan = make_empty_plan(*m.spec);
  std::vector<std::int16_t> occ(
      static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(m.n_days), -1);
  std::vector<int> total(static_cast<std::size_t>(m.n_people), 0);
  auto at = [&](int p, int d) -> std::int16_t& {
    return occ[static_cast<std::size_t>(p) * static_cast<std::size_t>(m.n_days) +
               static_cast<std::size_t>(d)];
  };
  std::vector<int> pinned_count(static_cast<std::size_t>(m.n_days * m.n_slots), 0);
  for (const auto& pin : m.pins) {
    at(pin.person, pin.day) = static_cast<std::int16_t>(pin.slot);
    ++total[pin.person];
    ++pinned_count[pin.day * m.n_slots + pin.slot];
    plan.shifts[pin.day].assignments[pin.slot].people.push_back(m.person(pin.person).id);
  }
  auto can_serve = [&](int p, int d) {
    if (at(p, d) >= 0 || !m.is_available(p, d) || total[p] >= m.cap_of(p)) return false;
    for (int x = std::max(0, d - m.rest); x <= std::min(m.n_days - 1, d + m.rest); ++x) {
      if (x != d && at(p, x) >= 0) return false;
    }
    return true;
  };
  std::vector<std::size_t> cursor(static_cast<std::size_t>(m.n_groups), 0);
  std::vector<std::string> reasons;
  for (int d = 0; d < m.n_days; ++d) {
    for (int s = 0; s < m.n_slots; ++s) {
      int g = m.slot_group[s];
      const auto& order = m.members[g];
      for (int k = pinned_count[d * m.n_slots + s]; k < m.places_of(d, s); ++k) {
        bool placed = false;
        for (std::size_t step = 0; step < order.size(); ++step) {
          std::size_t i = (cursor[g] + step) % order.size();
          int p = order[i];
          if (!can_serve(p, d)) continue;
          at(p, d) = static_cast<std::int16_t>(s);
          ++total[p];
          plan.shifts[d].assignments[s].people.push_back(m.person(p).id);
          cursor[g] = (i + 1) % order.size();
          placed = true;
          break;
        }
        if (!placed) {
          reasons.push_back(
              format_date(m.dates[d]) + " " + m.slot(s).id + ": " +
              tr("nobody in the rotation can serve (everyone is on leave, resting, on duty or at "
                 "max_duties); try strategy: balanced"));
          break;
        }
      }
    }
  }
  if (!reasons.empty())
    fail(trf("the rotation cannot fill every place in {0}", m.spec->source), reasons);
  sort_people_in_spec_order(m, plan);
  return {std::move(plan), {}};
}

}  // namespace duty::roster::detail
