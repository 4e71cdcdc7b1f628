// SPDX-License-Identifier: Apache-2.0
// The balanced strategy's local search (solver_search.cpp, solver_moves.cpp); not part of the
// public API.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "roster/solver_internal.hpp"

namespace duty::roster::detail {

// splitmix64: small, fast and identical on every platform, unlike std:: distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ULL) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n): the top 32 bits scaled by n (Lemire), exact enough for n far below 2^32.
  int below(int n) {
    return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The search settles the objective in its order: first every place filled, then the all-days,
// holiday and weekend deviations, then the spread.
enum class Phase { kFill = 0, kAll = 1, kHoliday = 2, kWeekend = 3, kSpread = 4 };

// The measure a count phase works on.
inline int measure_of(Phase phase) {
  return static_cast<int>(phase) - 1;
}

// Deviations are summed in group order, exactly as evaluate_fairness sums them, so that reaching
// the lower bound here is what `stats` reports as optimal.
struct Score {
  long long holes = 0;
  std::array<double, kMeasures> dev{};
  // Per measure, the squared distances of the counts from the fair shares. A maximum
  // moves only when its last holder does, so on the plateaus of a deviation this is what tells a
  // step towards a fairer roster from a step away.
  std::array<double, kMeasures> guide{};
  double spread = 0;
};

constexpr double kTie = 1e-9;
// How much the guides of later measures count in a phase's guide: the all-days phase already
// leans towards the rosters whose holiday and weekend counts can be balanced, because a person in
// two groups can reach the same all-days deviation with different shares of each group's duties
// and only some of those leave room for fair weekends.
constexpr double kLaterGuide = 0.3;

inline int compare_values(double a, double b) {
  return a < b - kTie ? -1 : a > b + kTie ? 1 : 0;
}

inline double phase_guide(const Score& s, Phase phase) {
  const int k = measure_of(phase);
  double g = s.guide[k];
  for (int j = k + 1; j < kMeasures; ++j) g += kLaterGuide * s.guide[j];
  return g;
}

// Negative when a is better than b in this phase, positive when worse, zero when a tie. Every
// phase after filling ranks by the true objective first; phases differ in what breaks its ties.
inline int compare(const Score& a, const Score& b, Phase phase) {
  if (a.holes != b.holes) return a.holes < b.holes ? -1 : 1;
  if (phase == Phase::kFill) return 0;
  for (int k = 0; k < kMeasures; ++k) {
    if (int c = compare_values(a.dev[k], b.dev[k])) return c;
  }
  if (phase == Phase::kSpread) return compare_values(a.spread, b.spread);
  return compare_values(phase_guide(a, phase), phase_guide(b, phase));
}

// Local search over complete and partial rosters. Every move keeps the hard rules; a place nobody
// could take is a hole, which the score counts first.
class Search {
 public:
  Search(const Model& m, const Bounds& bounds, const std::vector<Place>& places,
         const std::vector<int>& pinned_who);

  std::size_t movable() const { return movable_.size(); }
  const std::vector<Place>& places() const { return places_; }
  const std::vector<int>& assignment() const { return who_; }
  const Score& score() const { return score_; }
  int who(std::size_t place) const { return who_[place]; }

  // Whether the roster's phase measure has reached what no roster can beat, so the phase is done.
  bool settled(const Score& s, Phase phase) const {
    if (s.holes > 0 || phase == Phase::kSpread) return false;
    if (phase == Phase::kFill) return true;
    const int k = measure_of(phase);
    return s.dev[k] <= bound_[k] + kTie;
  }
  bool optimal() const {
    return settled(score_, Phase::kAll) && settled(score_, Phase::kHoliday) &&
           settled(score_, Phase::kWeekend);
  }

  // Replaces the roster by `who` (a person or -1 per place; pinned places must hold their pin).
  void load(const std::vector<int>& who);

  void reseed(std::uint64_t seed) {
    rng_ = Rng(seed);
    seed_mix_ = seed;
  }

  // The spread costs a scan of each person's neighbouring duties per change, so it is only kept
  // up while the spread phase needs it.
  void track_spread(bool on);

  // Fills the open places in date order, each with whoever is furthest behind their fair target.
  void greedy();

  // Late acceptance hill climbing: a move is kept when the roster is no worse than before it or
  // than the roster of kHistory moves ago, which lets the search drift across small ridges. The
  // spread phase keeps to moves that are no worse: its many small gains would otherwise keep it
  // from ever running out of patience. Stops when the best roster seen reaches the phase's lower
  // bound (the current one may have drifted to a worse earlier measure to get there), after
  // `patience` moves without a new best or after `budget` moves, and leaves the best roster.
  // Returns the moves tried.
  long descend(Phase phase, long budget, long patience);

  // Simulated annealing for a count phase, on one number that weighs the measures settled before
  // heavily, the phase's own deviation fully and its guide lightly. It accepts the moves that
  // make the roster worse for a while (a person in two groups trading duties between them, a rest
  // rhythm taken apart to be rebuilt) with a chance that shrinks as the temperature falls, which
  // carries the search across ridges that strict descent stops at. Stops after `budget` moves or
  // when the best roster seen, ranked by compare(), reaches the phase's lower bound, and leaves
  // that roster. Returns the moves tried.
  long anneal(Phase phase, long budget);

  // Why nobody could be placed: who is on leave, resting, on another slot or capped that day.
  std::string explain_hole(std::size_t place) const;

 private:
  static constexpr std::size_t kHistory = 64;
  static constexpr int kChainLength = 8;
  // Annealing: the settled measures weigh this much more than the phase's own deviation, and the
  // guide this much less; temperatures in units of deviation.
  static constexpr double kSettledWeight = 10;
  static constexpr double kGuideWeight = 0.05;
  static constexpr double kHottest = 3;
  static constexpr double kColdest = 0.02;

  struct Change {
    int place;
    int before;
  };

  std::size_t idx(int p, int g, int k) const {
    return static_cast<std::size_t>((p * g_ + g) * kMeasures + k);
  }
  std::size_t o(int p, int d) const {
    return static_cast<std::size_t>(p) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(d);
  }

  static double gap_cost(int gap) { return 1000.0 / (static_cast<double>(gap) * gap); }

  double energy_of(const Score& s, Phase phase) const {
    const int k = measure_of(phase);
    double e = s.dev[k] + kGuideWeight * phase_guide(s, phase);
    for (int j = 0; j < k; ++j) e += kSettledWeight * s.dev[j];
    return e;
  }

  int prev_duty(int p, int d) const {
    for (int x = d - 1; x >= 0; --x) {
      if (occ_[o(p, x)] >= 0) return x;
    }
    return -1;
  }
  int next_duty(int p, int d) const {
    for (int x = d + 1; x < n_; ++x) {
      if (occ_[o(p, x)] >= 0) return x;
    }
    return -1;
  }
  int nearest_duty(int p, int d) const {
    if (wide_rest()) {
      const auto& days = duty_days_[static_cast<std::size_t>(p)];
      auto it = std::lower_bound(days.begin(), days.end(), d - m_.rest);
      if (it != days.end() && *it == d) ++it;
      return it != days.end() && *it <= d + m_.rest ? *it : -1;
    }
    for (int x = std::max(0, d - m_.rest); x <= std::min(n_ - 1, d + m_.rest); ++x) {
      if (x != d && occ_[o(p, x)] >= 0) return x;
    }
    return -1;
  }

  // A rest window wider than this is looked up in the person's list of duty days rather than
  // scanned day by day: the search asks it of every member of a group per move, and with
  // min_rest_days 300 the scans were 90% of a solve. Both give the same answers.
  static constexpr int kScannedWindow = 32;
  bool wide_rest() const { return 2 * m_.rest + 1 > kScannedWindow; }

  // Calls f(place) for each place q holds from day `from` to day `to`, in date order, until f
  // returns false; false when it was stopped.
  template <typename F>
  bool each_duty(int q, int from, int to, F&& f) const {
    if (wide_rest()) {
      const auto& days = duty_days_[static_cast<std::size_t>(q)];
      for (auto it = std::lower_bound(days.begin(), days.end(), from);
           it != days.end() && *it <= to; ++it) {
        if (!f(occ_[o(q, *it)])) return false;
      }
      return true;
    }
    for (int x = std::max(0, from); x <= std::min(n_ - 1, to); ++x) {
      const int b = occ_[o(q, x)];
      if (b >= 0 && !f(b)) return false;
    }
    return true;
  }

  bool feasible(int q, int d) const {
    if (occ_[o(q, d)] >= 0 || !m_.is_available(q, d) || total_[q] >= cap_[q]) return false;
    return nearest_duty(q, d) < 0;
  }

  // The spread cost of p's neighbours around d, as if d were (or were not) a duty.
  double spread_around(int p, int d, bool with_d) const {
    int a = prev_duty(p, d), b = next_duty(p, d);
    if (with_d) return (a >= 0 ? gap_cost(d - a) : 0.0) + (b >= 0 ? gap_cost(b - d) : 0.0);
    return a >= 0 && b >= 0 ? gap_cost(b - a) : 0.0;
  }

  void count(int p, const Place& pl, int delta) {
    total_[p] += delta;
    const unsigned mask = measures_of_day_[pl.day];
    for (int k = 0; k < kMeasures; ++k) {
      if ((mask & (1U << k)) == 0) continue;
      const std::size_t i = idx(p, pl.group, k);
      const double before = count_[i] - share_[i];
      count_[i] += delta;
      const double after = count_[i] - share_[i];
      score_.guide[k] += after * after - before * before;
      const std::size_t gk = static_cast<std::size_t>(pl.group * kMeasures + k);
      if (dirty_[gk]) continue;
      // The group's maximum needs a rescan only when its holder moved towards the share.
      if (std::fabs(after) >= dev_[gk]) {
        dev_[gk] = std::fabs(after);
      } else if (std::fabs(before) >= dev_[gk]) {
        dirty_[gk] = 1;
      }
    }
  }

  void refresh() {
    for (int g = 0; g < g_; ++g) {
      for (int k = 0; k < kMeasures; ++k) {
        const std::size_t gk = static_cast<std::size_t>(g * kMeasures + k);
        if (!dirty_[gk]) continue;
        double dev = 0;
        for (int p : m_.members[g]) {
          dev = std::max(dev, std::fabs(count_[idx(p, g, k)] - share_[idx(p, g, k)]));
        }
        dev_[gk] = dev;
        dirty_[gk] = 0;
      }
    }
    for (int k = 0; k < kMeasures; ++k) {
      double sum = 0;
      for (int g = 0; g < g_; ++g) sum += dev_[static_cast<std::size_t>(g * kMeasures + k)];
      score_.dev[k] = sum;
    }
  }

  // Puts p (or a hole, p < 0) into the place; no rule is checked.
  void put(int place, int p) {
    const Place& pl = places_[place];
    const int old = who_[place];
    if (old >= 0) {
      occ_[o(old, pl.day)] = -1;
      auto& days = duty_days_[static_cast<std::size_t>(old)];
      days.erase(std::lower_bound(days.begin(), days.end(), pl.day));
      if (spread_on_) {
        score_.spread -= spread_around(old, pl.day, true) - spread_around(old, pl.day, false);
      }
      count(old, pl, -1);
    } else {
      --score_.holes;
    }
    if (p >= 0) {
      if (spread_on_) {
        score_.spread += spread_around(p, pl.day, true) - spread_around(p, pl.day, false);
      }
      occ_[o(p, pl.day)] = place;
      auto& days = duty_days_[static_cast<std::size_t>(p)];
      days.insert(std::lower_bound(days.begin(), days.end(), pl.day), pl.day);
      count(p, pl, +1);
    } else {
      ++score_.holes;
    }
    who_[place] = p;
  }

  void set(int place, int p) {
    journal_.push_back({place, who_[place]});
    put(place, p);
  }

  // Reverts the current move. The caller restores the score, whose sums need not come back bit
  // for bit.
  void undo() {
    for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) put(it->place, it->before);
    journal_.clear();
  }

  int random_member(int g) {
    const auto& members = m_.members[g];
    return members[static_cast<std::size_t>(rng_.below(static_cast<int>(members.size())))];
  }

  int random_hole() {
    for (int tries = 0; tries < 64; ++tries) {
      int a = movable_[static_cast<std::size_t>(rng_.below(static_cast<int>(movable_.size())))];
      if (who_[a] < 0) return a;
    }
    for (int a : movable_) {
      if (who_[a] < 0) return a;
    }
    return movable_.front();
  }

  std::array<double, 4> greedy_key(int q, const Place& pl) const {
    DayType t = m_.types[pl.day];
    int k = t == DayType::kHoliday ? 1 : t == DayType::kWeekend ? 2 : 0;
    std::size_t all = idx(q, pl.group, 0), kind = idx(q, pl.group, k);
    bool room = count_[all] < target_hi_[all] && count_[kind] < target_hi_[kind];
    double kind_deficit = static_cast<double>(target_lo_[kind] - count_[kind]);
    double mid = 0.5 * (target_lo_[all] + target_hi_[all]);
    double behind = count_[all] - mid * (pl.day + 1) / n_;
    // Smaller keys win: room first, then the furthest behind on this kind of day, then overall.
    return {room ? 0.0 : 1.0, -kind_deficit, behind, rng_tiebreak(q, pl.day)};
  }

  double rng_tiebreak(int q, int d) const {
    std::uint64_t x =
        (static_cast<std::uint64_t>(q) << 32) ^ static_cast<std::uint64_t>(d) ^ seed_mix_;
    x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
    x = (x ^ (x >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<double>(x >> 11) * 0x1.0p-53;
  }

  bool try_move(Phase phase);

  // Aims a move at someone whose count sets a group's deviation on the phase's measure: one of
  // their duties on such a day when they have too many (a), or such a day for them to take (a and
  // q) when they have too few. A maximum only falls when its last holder moves.
  void target(Phase phase, int& a, int& q);

  // One of p's movable duties in group g on a day of measure k, -1 when none.
  int random_duty(int p, int g, int k);

  // The second place of a two-place move: one of q's duties when the move is aimed at q, else any
  // place of a's group.
  int partner(int a, int q);

  // The places q would have to leave to take place a: another slot that day and duties too close
  // for the rest rule. False when q cannot take it at all (away, pinned nearby, max_duties).
  bool displaced_by(int a, int q, std::vector<int>& out) const;

  // Puts q into place a and opens whatever q has to leave for it.
  bool take(int a, int q, std::vector<int>& open);

  // Who takes over an open place in an ejection chain: preferably someone who closes the chain,
  // that is leaves nothing open behind; the person the chain pushed out first when they can.
  int filler(int h, int spare);

  // How many places displaced_by would list, -1 when q cannot take place a; the chains ask this
  // of every member, so it builds no list.
  int displaced_count(int a, int q) const;

  // Has the open places taken over one after the other until none is left, or gives up.
  bool close_chain(std::vector<int>& open, int spare);

  // Moves. Each records what it changed in `journal_` so undo() can put it back exactly; one that
  // cannot keep the rules undoes itself and reports false. `hint`, when not -1, is the person a
  // targeted move brings in.
  bool try_replace(int a, int hint);

  // Exchanges the people of two places of one group on different days.
  bool try_swap(int a, int hint);

  // Gives place a to someone new and lets every duty that pushes out be taken over in turn, until
  // nothing is left open: a chain of changes across days and groups that no single move makes
  // without breaking a rule on the way.
  bool try_eject(int a, int hint);

  // Exchanges the people of two places of one group, pushing out whatever that puts too close,
  // and lets the places left open be taken over in turn.
  bool try_swap_eject(int a, int hint);

  // Exchanges all duties of two people within a stretch of days, or to the end of the period,
  // wherever each may take the other's slot: under a tight rest rule whole rhythms can only be
  // traded together.
  bool try_segment_swap(int a, int hint);

  // Exchanges the people of two slots of different groups on one day, for people in both groups.
  bool try_day_swap(int a);

  // Moves a's person to a slot of another group that day, whose person leaves, and fills a with
  // someone free.
  bool try_day_chain(int a);

  // Moves someone who is resting because of a nearby duty into place a, and refills that duty with
  // a's person or anyone free, or leaves it open.
  bool try_unblock(int a, int hint);

  const Model& m_;
  Rng rng_;
  int n_;
  int g_;
  std::uint64_t seed_mix_ = 0;
  std::vector<Place> places_;
  std::vector<int> pinned_who_;
  std::vector<int> day_base_;  // first place of each day, and one past the last place
  std::vector<int> movable_;
  std::vector<std::vector<int>> group_places_;
  std::vector<unsigned> measures_of_day_;  // bit k: the day counts for measure k
  std::vector<int> who_;
  std::vector<int> occ_;  // person x day -> the place they hold, -1 when off duty
  std::vector<std::vector<int>> duty_days_;  // person -> the days of their duties, ascending
  std::vector<int> total_;
  std::vector<int> cap_;    // person -> Model::cap_of
  std::vector<int> count_;  // person x group x measure
  std::vector<double> share_;
  std::vector<int> target_lo_;
  std::vector<int> target_hi_;
  std::vector<double> dev_;  // group x measure, valid where not dirty_
  std::vector<char> dirty_;
  std::array<double, kMeasures> bound_{};
  Score score_;
  bool spread_on_ = false;
  std::vector<Change> journal_;
  std::vector<int> displaced_;
  std::vector<int> closing_;
  std::vector<int> opening_;
};

}  // namespace duty::roster::detail
