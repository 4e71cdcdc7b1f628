// SPDX-License-Identifier: Apache-2.0
// The local search's state and its two drivers, late acceptance descent and annealing.
#include "roster/solver_search.hpp"

#include <algorithm>

namespace duty::roster::detail {

Search::Search(const Model& m, const Bounds& bounds, const std::vector<Place>& places,
               const std::vector<int>& pinned_who)
    : m_(m), rng_(1), n_(m.n_days), g_(m.n_groups), places_(places), pinned_who_(pinned_who) {
  // One entry per day and one past the last, also for a day without places (all of them held
  // outside the solver): day d's places are [day_base_[d], day_base_[d + 1]).
  day_base_.assign(static_cast<std::size_t>(n_) + 1, static_cast<int>(places_.size()));
  for (std::size_t i = places_.size(); i-- > 0;)
    day_base_[static_cast<std::size_t>(places_[i].day)] = static_cast<int>(i);
  for (int d = n_ - 1; d >= 0; --d) {
    day_base_[static_cast<std::size_t>(d)] =
        std::min(day_base_[static_cast<std::size_t>(d)], day_base_[static_cast<std::size_t>(d) + 1]);
  }
  group_places_.resize(static_cast<std::size_t>(g_));
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (places_[i].pinned) continue;
    movable_.push_back(static_cast<int>(i));
    group_places_[places_[i].group].push_back(static_cast<int>(i));
  }
  for (int d = 0; d < n_; ++d) {
    unsigned mask = 0;
    for (int k = 0; k < kMeasures; ++k) {
      mask |= counts_for(static_cast<Measure>(k), m.types[d]) ? 1U << k : 0U;
    }
    measures_of_day_.push_back(mask);
  }
  const std::size_t cells = static_cast<std::size_t>(m.n_people * g_ * kMeasures);
  for (int p = 0; p < m.n_people; ++p) cap_.push_back(m.cap_of(p));
  count_.assign(cells, 0);
  share_.assign(cells, 0.0);
  target_lo_.assign(cells, 0);
  target_hi_.assign(cells, 0);
  for (int g = 0; g < g_; ++g) {
    for (int k = 0; k < kMeasures; ++k) {
      for (const auto& mb : bounds[g][k].members) {
        share_[idx(mb.person, g, k)] = mb.share;
        target_lo_[idx(mb.person, g, k)] = mb.target_lo;
        target_hi_[idx(mb.person, g, k)] = mb.target_hi;
      }
    }
  }
  for (int k = 0; k < kMeasures; ++k) {
    for (int g = 0; g < g_; ++g) bound_[k] += bounds[g][k].optimum;
  }
  load(pinned_who_);
}

void Search::load(const std::vector<int>& who) {
  who_.assign(places_.size(), -1);
  occ_.assign(static_cast<std::size_t>(m_.n_people) * static_cast<std::size_t>(n_), -1);
  duty_days_.assign(static_cast<std::size_t>(m_.n_people), {});
  total_.assign(static_cast<std::size_t>(m_.n_people), 0);
  std::fill(count_.begin(), count_.end(), 0);
  score_ = Score{};
  for (std::size_t i = 0; i < count_.size(); ++i) {
    score_.guide[i % kMeasures] += share_[i] * share_[i];
  }
  dev_.assign(static_cast<std::size_t>(g_ * kMeasures), 0.0);
  dirty_.assign(dev_.size(), 1);
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (who[i] >= 0) put(static_cast<int>(i), who[i]);
  }
  score_.holes = 0;
  for (int p : who_) score_.holes += p < 0 ? 1 : 0;
  refresh();
  journal_.clear();
}

void Search::track_spread(bool on) {
  spread_on_ = on;
  score_.spread = 0;
  if (!on) return;
  for (int p = 0; p < m_.n_people; ++p) {
    int last = -1;
    for (int d = 0; d < n_; ++d) {
      if (occ_[o(p, d)] < 0) continue;
      if (last >= 0) score_.spread += gap_cost(d - last);
      last = d;
    }
  }
}

void Search::greedy() {
  for (int a : movable_) {
    if (who_[a] >= 0) continue;
    const Place& pl = places_[a];
    int best = -1;
    std::array<double, 4> best_key{};
    for (int q : m_.members[pl.group]) {
      if (!feasible(q, pl.day)) continue;
      std::array<double, 4> key = greedy_key(q, pl);
      if (best < 0 || key < best_key) {
        best = q;
        best_key = key;
      }
    }
    if (best >= 0) put(a, best);
  }
  refresh();
  journal_.clear();
}

long Search::descend(Phase phase, long budget, long patience) {
  if (movable_.empty()) return 0;
  const std::size_t length = phase == Phase::kSpread ? 1 : kHistory;
  std::vector<Score> history(length, score_);
  Score best = score_;
  std::vector<int> best_who = who_;
  long it = 0, since_best = 0;
  for (; it < budget && since_best < patience && !settled(best, phase); ++it) {
    ++since_best;
    const Score before = score_;
    if (!try_move(phase)) continue;
    refresh();
    Score& late = history[static_cast<std::size_t>(it) % length];
    if (compare(score_, before, phase) <= 0 || compare(score_, late, phase) <= 0) {
      if (compare(score_, best, phase) < 0) {
        best = score_;
        best_who = who_;
        since_best = 0;
      }
    } else {
      undo();
      score_ = before;
    }
    journal_.clear();
    late = score_;
  }
  if (compare(score_, best, phase) > 0) load(best_who);
  return it;
}

long Search::anneal(Phase phase, long budget) {
  if (movable_.empty() || settled(score_, phase)) return 0;
  Score best = score_;
  std::vector<int> best_who = who_;
  double energy = energy_of(score_, phase);
  const double cooling = std::pow(kColdest / kHottest, 1.0 / static_cast<double>(budget));
  double temperature = kHottest;
  long it = 0;
  for (; it < budget && !settled(best, phase); ++it) {
    temperature *= cooling;
    const Score before = score_;
    if (!try_move(phase)) continue;
    refresh();
    const double next = energy_of(score_, phase);
    if (score_.holes <= before.holes &&
        (next <= energy || rng_.unit() < std::exp((energy - next) / temperature))) {
      energy = next;
      if (compare(score_, best, phase) < 0) {
        best = score_;
        best_who = who_;
      }
    } else {
      undo();
      score_ = before;
    }
    journal_.clear();
  }
  if (compare(score_, best, phase) > 0) load(best_who);
  return it;
}

}  // namespace duty::roster::detail
