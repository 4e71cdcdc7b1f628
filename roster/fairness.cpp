// SPDX-License-Identifier: Apache-2.0
#include "roster/fairness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace duty::roster {

namespace {
constexpr double kEps = 1e-9;
}

std::string_view to_string(Measure m) {
  switch (m) {
    case Measure::kHoliday: return "holiday";
    case Measure::kWeekend: return "weekend";
    case Measure::kAll: break;
  }
  return "all";
}

bool counts_for(Measure m, DayType t) {
  switch (m) {
    case Measure::kHoliday: return t == DayType::kHoliday;
    case Measure::kWeekend: return t == DayType::kWeekend;
    case Measure::kAll: break;
  }
  return true;
}

double optimal_deviation(const std::vector<double>& shares, const std::vector<int>& lo, const std::vector<int>& hi,
                         int total, std::vector<int>& target_lo, std::vector<int>& target_hi) {
  const std::size_t n = shares.size();
  target_lo.assign(n, 0);
  target_hi.assign(n, 0);
  auto bounds_at = [&](double dev) {
    long long sum_lo = 0, sum_hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
      int l = std::max(lo[i], static_cast<int>(std::ceil(shares[i] - dev - kEps)));
      int h = std::min(hi[i], static_cast<int>(std::floor(shares[i] + dev + kEps)));
      if (l > h) return false;
      target_lo[i] = l;
      target_hi[i] = h;
      sum_lo += l;
      sum_hi += h;
    }
    return sum_lo <= total && total <= sum_hi;
  };
  // The optimum is one of the distances between a share and a whole count the box allows.
  std::vector<double> candidates{0.0};
  for (std::size_t i = 0; i < n; ++i) {
    for (int k = lo[i]; k <= hi[i]; ++k) candidates.push_back(std::fabs(k - shares[i]));
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end(),
                               [](double a, double b) { return std::fabs(a - b) < kEps; }),
                   candidates.end());
  if (!bounds_at(candidates.back())) return std::numeric_limits<double>::infinity();
  std::size_t a = 0, b = candidates.size() - 1;
  while (a < b) {
    std::size_t mid = (a + b) / 2;
    if (bounds_at(candidates[mid])) {
      b = mid;
    } else {
      a = mid + 1;
    }
  }
  bounds_at(candidates[a]);
  return candidates[a];
}

namespace {

// The most duties a person can take among `days` (sorted) when two duties need `rest` days between.
int max_spaced(const std::vector<int>& days, int rest) {
  int count = 0, last = std::numeric_limits<int>::min() / 2;
  for (int d : days) {
    if (d - last > rest) {
      ++count;
      last = d;
    }
  }
  return count;
}

}  // namespace

Bounds compute_bounds(const Model& m) {
  Bounds bounds(static_cast<std::size_t>(m.n_groups));
  for (int g = 0; g < m.n_groups; ++g) {
    // The places the solver fills each day: a slot's places less those held outside it.
    std::vector<int> places_on(static_cast<std::size_t>(m.n_days), 0);
    for (int d = 0; d < m.n_days; ++d) {
      for (int s = 0; s < m.n_slots; ++s) {
        if (m.slot_group[static_cast<std::size_t>(s)] == g) places_on[static_cast<std::size_t>(d)] += m.places_of(d, s);
      }
    }
    for (int k = 0; k < kMeasures; ++k) {
      auto measure = static_cast<Measure>(k);
      GroupBound& gb = bounds[static_cast<std::size_t>(g)][static_cast<std::size_t>(k)];
      const auto& members = m.members[static_cast<std::size_t>(g)];
      gb.places = 0;
      for (int d = 0; d < m.n_days; ++d) {
        if (counts_for(measure, m.types[static_cast<std::size_t>(d)])) gb.places += places_on[static_cast<std::size_t>(d)];
      }
      const int prior_days = m.prior.empty() ? 0 : m.prior_days[static_cast<std::size_t>(k)];
      auto prior_of = [&](int p) {
        return m.prior.empty() ? 0 : m.prior[static_cast<std::size_t>(p * m.n_groups + g)][static_cast<std::size_t>(k)];
      };
      int window_places = gb.places;
      for (int p : members) window_places += prior_of(p);
      double weight_sum = 0;
      std::vector<double> shares;
      std::vector<int> lo, hi;
      for (int p : members) {
        MemberBound mb;
        mb.person = p;
        std::vector<int> days;
        for (int d = 0; d < m.n_days; ++d) {
          if (counts_for(measure, m.types[static_cast<std::size_t>(d)]) && m.is_available(p, d)) days.push_back(d);
        }
        mb.available = static_cast<int>(days.size());
        mb.hi = std::min({mb.available, m.cap_of(p), max_spaced(days, m.rest)});
        for (const auto& pin : m.pins) {
          if (pin.person == p && pin.slot >= 0 && m.slot_group[static_cast<std::size_t>(pin.slot)] == g &&
              counts_for(measure, m.types[static_cast<std::size_t>(pin.day)])) {
            ++mb.lo;
          }
        }
        mb.hi = std::max(mb.hi, mb.lo);
        weight_sum += m.person(p).weight * (mb.available + prior_days);
        gb.members.push_back(mb);
      }
      for (auto& mb : gb.members) {
        mb.share = weight_sum > 0
                       ? window_places * m.person(mb.person).weight * (mb.available + prior_days) / weight_sum
                       : 0.0;
        mb.share -= prior_of(mb.person);
        shares.push_back(mb.share);
        lo.push_back(mb.lo);
        hi.push_back(mb.hi);
      }
      std::vector<int> tlo, thi;
      gb.optimum = optimal_deviation(shares, lo, hi, gb.places, tlo, thi);
      for (std::size_t i = 0; i < gb.members.size(); ++i) {
        gb.members[i].target_lo = tlo[i];
        gb.members[i].target_hi = thi[i];
      }
    }
  }
  return bounds;
}

void add_prior_duties(Model& m, const std::vector<Shift>& shifts) {
  if (m.prior.empty()) m.prior.assign(static_cast<std::size_t>(m.n_people * m.n_groups), {0, 0, 0});
  for (const auto& shift : shifts) {
    if (m.day_index(shift.date) >= 0) continue;
    for (int k = 0; k < kMeasures; ++k) {
      if (counts_for(static_cast<Measure>(k), shift.day_type)) ++m.prior_days[static_cast<std::size_t>(k)];
    }
    for (const auto& a : shift.assignments) {
      int s = m.slot_index(a.slot);
      if (s < 0) continue;
      int g = m.slot_group[static_cast<std::size_t>(s)];
      for (const auto& id : a.people) {
        int p = m.person_index(id);
        if (p < 0 || !m.is_member(p, g)) continue;
        auto& counts = m.prior[static_cast<std::size_t>(p * m.n_groups + g)];
        for (int k = 0; k < kMeasures; ++k) {
          if (counts_for(static_cast<Measure>(k), shift.day_type)) ++counts[static_cast<std::size_t>(k)];
        }
      }
    }
  }
}

bool FairnessReport::optimal() const {
  for (int k = 0; k < kMeasures; ++k) {
    if (deviation[static_cast<std::size_t>(k)] > optimum[static_cast<std::size_t>(k)] + 1e-6) return false;
  }
  return true;
}

FairnessReport evaluate_fairness(const Model& m, const Plan& plan) {
  FairnessReport report;
  const Bounds bounds = compute_bounds(m);
  // counts[p][g][k]
  std::vector<std::array<int, kMeasures>> counts(static_cast<std::size_t>(m.n_people * m.n_groups));
  std::vector<std::vector<int>> duty_days(static_cast<std::size_t>(m.n_people));
  report.people.resize(static_cast<std::size_t>(m.n_people));
  for (const auto& shift : plan.shifts) {
    int d = m.day_index(shift.date);
    if (d < 0) continue;
    DayType t = m.types[static_cast<std::size_t>(d)];
    for (const auto& a : shift.assignments) {
      int s = m.slot_index(a.slot);
      if (s < 0) continue;
      int g = m.slot_group[static_cast<std::size_t>(s)];
      for (const auto& id : a.people) {
        int p = m.person_index(id);
        if (p < 0) continue;
        auto& ps = report.people[static_cast<std::size_t>(p)];
        ++ps.duties;
        if (t == DayType::kHoliday) ++ps.holiday_duties;
        if (t == DayType::kWeekend) ++ps.weekend_duties;
        duty_days[static_cast<std::size_t>(p)].push_back(d);
        if (!m.is_member(p, g)) continue;
        for (int k = 0; k < kMeasures; ++k) {
          if (counts_for(static_cast<Measure>(k), t)) ++counts[static_cast<std::size_t>(p * m.n_groups + g)][static_cast<std::size_t>(k)];
        }
      }
    }
  }
  for (int p = 0; p < m.n_people; ++p) {
    auto& ps = report.people[static_cast<std::size_t>(p)];
    ps.id = m.person(p).id;
    ps.name = m.person(p).name;
    auto& days = duty_days[static_cast<std::size_t>(p)];
    std::sort(days.begin(), days.end());
    for (std::size_t i = 1; i < days.size(); ++i) {
      int gap = days[i] - days[i - 1];
      if (!ps.longest_gap || gap > *ps.longest_gap) ps.longest_gap = gap;
      if (!ps.shortest_gap || gap < *ps.shortest_gap) ps.shortest_gap = gap;
    }
  }
  for (int g = 0; g < m.n_groups; ++g) {
    GroupStats gs;
    gs.group = m.groups[static_cast<std::size_t>(g)];
    for (int k = 0; k < kMeasures; ++k) {
      const GroupBound& gb = bounds[static_cast<std::size_t>(g)][static_cast<std::size_t>(k)];
      gs.places[static_cast<std::size_t>(k)] = gb.places;
      gs.optimum[static_cast<std::size_t>(k)] = gb.optimum;
      double dev = 0;
      for (const auto& mb : gb.members) {
        int c = counts[static_cast<std::size_t>(mb.person * m.n_groups + g)][static_cast<std::size_t>(k)];
        dev = std::max(dev, std::fabs(c - mb.share));
      }
      gs.deviation[static_cast<std::size_t>(k)] = dev;
      report.deviation[static_cast<std::size_t>(k)] += dev;
      report.optimum[static_cast<std::size_t>(k)] += gb.optimum;
    }
    for (std::size_t i = 0; i < m.members[static_cast<std::size_t>(g)].size(); ++i) {
      int p = m.members[static_cast<std::size_t>(g)][i];
      PersonStats::GroupShare share;
      share.group = gs.group;
      for (int k = 0; k < kMeasures; ++k) {
        share.count[static_cast<std::size_t>(k)] = counts[static_cast<std::size_t>(p * m.n_groups + g)][static_cast<std::size_t>(k)];
        share.share[static_cast<std::size_t>(k)] = bounds[static_cast<std::size_t>(g)][static_cast<std::size_t>(k)].members[i].share;
      }
      report.people[static_cast<std::size_t>(p)].groups.push_back(share);
    }
    report.groups.push_back(gs);
  }
  return report;
}

}  // namespace duty::roster
