// SPDX-License-Identifier: Apache-2.0
// The local search's moves: each keeps every hard rule or undoes itself.
#include "roster/solver_search.hpp"

namespace duty::roster::detail {

bool Search::try_move(Phase phase) {
  // Every place pinned (re-planning keeps the whole roster): nothing can move.
  if (movable_.empty()) return false;
  int a = -1, q = -1;
  if (phase != Phase::kFill && phase != Phase::kSpread && rng_.below(2) == 0) target(phase, a, q);
  if (a < 0) {
    a = movable_[static_cast<std::size_t>(rng_.below(static_cast<int>(movable_.size())))];
    if (score_.holes > 0 && rng_.below(2) == 0) a = random_hole();
  }
  // The spread only needs duties moved between days; the chains that rebalance counts cost more.
  switch (rng_.below(phase == Phase::kFill ? 4 : phase == Phase::kSpread ? 3 : 8)) {
    case 0:
      return try_replace(a, q);
    case 1:
      return try_unblock(a, q);
    case 2:
      return try_swap(a, q);
    case 3:
      return try_eject(a, q);
    case 4:
      return try_segment_swap(a, q);
    case 5:
      return try_day_swap(a);
    case 6:
      return try_swap_eject(a, q);
    default:
      return try_day_chain(a);
  }
}

void Search::target(Phase phase, int& a, int& q) {
  const int k = measure_of(phase);
  refresh();
  const int g = rng_.below(g_);
  const std::size_t gk = static_cast<std::size_t>(g * kMeasures + k);
  if (dev_[gk] <= kTie) return;
  int p = -1, seen = 0;
  for (int x : m_.members[g]) {
    const std::size_t i = idx(x, g, k);
    if (std::fabs(count_[i] - share_[i]) >= dev_[gk] - kTie && rng_.below(++seen) == 0) p = x;
  }
  if (p < 0) return;
  const std::size_t i = idx(p, g, k);
  if (count_[i] > share_[i]) {
    a = random_duty(p, g, k);
    return;
  }
  const auto& pool = group_places_[g];
  // A group whose places are all pinned has nothing to move.
  if (pool.empty()) return;
  for (int tries = 0; tries < 16; ++tries) {
    const int b = pool[static_cast<std::size_t>(rng_.below(static_cast<int>(pool.size())))];
    if (who_[b] != p && (measures_of_day_[places_[b].day] & (1U << k)) != 0) {
      a = b;
      q = p;
      return;
    }
  }
}

int Search::random_duty(int p, int g, int k) {
  int pick = -1, seen = 0;
  for (int d = 0; d < n_; ++d) {
    const int b = occ_[o(p, d)];
    if (b < 0 || (measures_of_day_[d] & (1U << k)) == 0) continue;
    if (!places_[b].pinned && places_[b].group == g && rng_.below(++seen) == 0) pick = b;
  }
  return pick;
}

int Search::partner(int a, int q) {
  const int g = places_[a].group;
  if (q >= 0) return random_duty(q, g, static_cast<int>(Measure::kAll));
  const auto& pool = group_places_[g];
  return pool[static_cast<std::size_t>(rng_.below(static_cast<int>(pool.size())))];
}

bool Search::displaced_by(int a, int q, std::vector<int>& out) const {
  const Place& pl = places_[a];
  out.clear();
  if (who_[a] == q || !m_.is_available(q, pl.day)) return false;
  const bool free = each_duty(q, pl.day - m_.rest, pl.day + m_.rest, [&](int b) {
    if (places_[b].pinned) return false;
    out.push_back(b);
    return true;
  });
  return free && total_[q] - static_cast<int>(out.size()) < cap_[q];
}

bool Search::take(int a, int q, std::vector<int>& open) {
  if (!displaced_by(a, q, displaced_)) return false;
  for (int b : displaced_) {
    set(b, -1);
    open.push_back(b);
  }
  set(a, q);
  return true;
}

int Search::filler(int h, int spare) {
  closing_.clear();
  opening_.clear();
  for (int q : m_.members[places_[h].group]) {
    const int pushed_out = displaced_count(h, q);
    if (pushed_out >= 0) (pushed_out == 0 ? closing_ : opening_).push_back(q);
  }
  auto& pool = closing_.empty() ? opening_ : closing_;
  if (pool.empty()) return -1;
  if (spare >= 0 && rng_.below(2) == 0 &&
      std::find(pool.begin(), pool.end(), spare) != pool.end()) {
    return spare;
  }
  return pool[static_cast<std::size_t>(rng_.below(static_cast<int>(pool.size())))];
}

int Search::displaced_count(int a, int q) const {
  const Place& pl = places_[a];
  if (who_[a] == q || !m_.is_available(q, pl.day)) return -1;
  int pushed_out = 0;
  const bool free = each_duty(q, pl.day - m_.rest, pl.day + m_.rest, [&](int b) {
    if (places_[b].pinned) return false;
    ++pushed_out;
    return true;
  });
  return free && total_[q] - pushed_out < cap_[q] ? pushed_out : -1;
}

bool Search::close_chain(std::vector<int>& open, int spare) {
  for (int step = 0; !open.empty(); ++step) {
    const int h = open.back();
    open.pop_back();
    const int q = step < kChainLength ? filler(h, spare) : -1;
    if (q < 0 || !take(h, q, open)) {
      undo();
      return false;
    }
    if (q == spare) spare = -1;
  }
  return true;
}

bool Search::try_replace(int a, int hint) {
  const Place& pl = places_[a];
  const int q = hint >= 0 ? hint : random_member(pl.group);
  if (q == who_[a] || !feasible(q, pl.day)) return false;
  set(a, q);
  return true;
}

bool Search::try_swap(int a, int hint) {
  const int b = partner(a, hint);
  if (b < 0) return false;
  const int p = who_[a], q = who_[b];
  if (p == q || places_[a].day == places_[b].day) return false;
  set(a, -1);
  set(b, -1);
  if ((p >= 0 && !feasible(p, places_[b].day)) || (q >= 0 && !feasible(q, places_[a].day))) {
    undo();
    return false;
  }
  set(b, p);
  set(a, q);
  return true;
}

bool Search::try_eject(int a, int hint) {
  std::vector<int> open;
  const int spare = who_[a];
  if (!take(a, hint >= 0 ? hint : random_member(places_[a].group), open)) return false;
  return close_chain(open, spare);
}

bool Search::try_swap_eject(int a, int hint) {
  const int b = partner(a, hint);
  if (b < 0) return false;
  const int p = who_[a], q = who_[b];
  if (p < 0 || q < 0 || p == q || places_[a].day == places_[b].day) return false;
  std::vector<int> open;
  set(a, -1);
  set(b, -1);
  if (!take(b, p, open) || !take(a, q, open)) {
    undo();
    return false;
  }
  return close_chain(open, -1);
}

bool Search::try_segment_swap(int a, int hint) {
  const Place& pl = places_[a];
  const int p = who_[a];
  const int q = hint >= 0 ? hint : random_member(pl.group);
  if (p < 0 || q == p) return false;
  const int len = 1 + rng_.below(rng_.below(4) == 0 ? n_ : std::min(n_, 4 * (m_.rest + 1) + 4));
  const int from = std::max(0, pl.day - rng_.below(len));
  const int to = std::min(n_ - 1, from + len - 1);
  for (int i = day_base_[from]; i < day_base_[to + 1]; ++i) {
    if (places_[i].pinned) continue;
    const int x = who_[i];
    if ((x == p && m_.is_member(q, places_[i].group)) ||
        (x == q && m_.is_member(p, places_[i].group)))
      set(i, -1);
  }
  const std::size_t cleared = journal_.size();
  for (std::size_t j = 0; j < cleared; ++j) {
    const int place = journal_[j].place;
    const int other = journal_[j].before == p ? q : p;
    if (!feasible(other, places_[place].day)) {
      undo();
      return false;
    }
    set(place, other);
  }
  return true;
}

bool Search::try_day_swap(int a) {
  const Place& pl = places_[a];
  const int b = day_base_[pl.day] + rng_.below(day_base_[pl.day + 1] - day_base_[pl.day]);
  const int p = who_[a], q = who_[b];
  if (places_[b].pinned || places_[b].group == pl.group || p < 0 || q < 0) return false;
  if (!m_.is_member(p, places_[b].group) || !m_.is_member(q, pl.group)) return false;
  set(a, -1);
  set(b, -1);
  set(a, q);
  set(b, p);
  return true;
}

bool Search::try_day_chain(int a) {
  const Place& pl = places_[a];
  const int b = day_base_[pl.day] + rng_.below(day_base_[pl.day + 1] - day_base_[pl.day]);
  const int p = who_[a];
  if (places_[b].pinned || places_[b].group == pl.group || p < 0 ||
      !m_.is_member(p, places_[b].group)) {
    return false;
  }
  const int q = random_member(pl.group);
  set(a, -1);
  set(b, -1);
  if (q == p || !feasible(q, pl.day)) {
    undo();
    return false;
  }
  set(b, p);
  set(a, q);
  return true;
}

bool Search::try_unblock(int a, int hint) {
  const Place& pl = places_[a];
  const int q = hint >= 0 ? hint : random_member(pl.group);
  if (q == who_[a] || !m_.is_available(q, pl.day) || occ_[o(q, pl.day)] >= 0) return false;
  const int near = nearest_duty(q, pl.day);
  if (near < 0) return try_replace(a, q);
  const int b = occ_[o(q, near)];
  if (places_[b].pinned) return false;
  const int p = who_[a];
  set(a, -1);
  set(b, -1);
  if (!feasible(q, pl.day)) {
    undo();
    return false;
  }
  set(a, q);
  const int gb = places_[b].group;
  const int r = p >= 0 && m_.is_member(p, gb) && rng_.below(2) == 0 ? p : random_member(gb);
  if (r != q && feasible(r, near)) set(b, r);
  return true;
}

}  // namespace duty::roster::detail
