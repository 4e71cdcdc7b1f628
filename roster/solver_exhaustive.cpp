// SPDX-License-Identifier: Apache-2.0
// The exhaustive search for any roster that keeps the hard rules, for specs with little slack.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "roster/solver_internal.hpp"

namespace duty::roster::detail {

namespace {

// Complete depth-first search for any roster that keeps the hard rules, date by date, for when the
// local search leaves places open. It finds one, proves there is none, or gives up after its node
// budget. States met before (who rested how long, and the totals when max_duties binds) that led
// nowhere are remembered and cut.
class Exhaustive {
 public:
  enum class Outcome { kFound, kNone, kGaveUp };

  Exhaustive(const Model& m, const Bounds& bounds, const std::vector<Place>& places,
             const std::vector<int>& pinned_who)
      : m_(m), n_(m.n_days), places_(places), who_(pinned_who) {
    occ_.assign(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(n_), -1);
    total_.assign(static_cast<std::size_t>(m.n_people), 0);
    for (int p = 0; p < m.n_people; ++p) {
      cap_.push_back(m.cap_of(p));
      caps_bind_ = caps_bind_ || cap_.back() < INT_MAX;
    }
    in_group_.assign(static_cast<std::size_t>(m.n_people * m.n_groups), 0);
    pins_from_.assign(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(n_ + 1), 0);
    open_from_.assign(static_cast<std::size_t>(m.n_groups) * static_cast<std::size_t>(n_ + 1), 0);
    for (std::size_t i = 0; i < places_.size(); ++i) {
      const Place& pl = places_[i];
      if (pl.pinned) {
        occ_[o(who_[i], pl.day)] = static_cast<std::int16_t>(pl.slot);
        ++total_[who_[i]];
        ++in_group_[who_[i] * m.n_groups + pl.group];
        ++pins_from_[static_cast<std::size_t>(who_[i]) * (n_ + 1) + pl.day];
      } else {
        order_.push_back(static_cast<int>(i));
        ++open_from_[static_cast<std::size_t>(pl.group) * (n_ + 1) + pl.day];
      }
    }
    for (int p = 0; p < m.n_people; ++p) {
      for (int d = n_ - 1; d >= 0; --d) pins_from_[f(p, d)] += pins_from_[f(p, d + 1)];
    }
    for (int g = 0; g < m.n_groups; ++g) {
      for (int d = n_ - 1; d >= 0; --d) {
        open_from_[static_cast<std::size_t>(g) * (n_ + 1) + d] +=
            open_from_[static_cast<std::size_t>(g) * (n_ + 1) + d + 1];
      }
    }
    // spaced_[p][d]: the most duties p can take from d on, as compute_bounds counts them.
    spaced_.assign(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(n_ + 1), 0);
    expected_.assign(
        static_cast<std::size_t>(m.n_people * m.n_groups) * static_cast<std::size_t>(n_), 0.0);
    for (int p = 0; p < m.n_people; ++p) {
      for (int d = n_ - 1; d >= 0; --d) {
        const int skip = std::min(n_, d + m.rest + 1);
        spaced_[f(p, d)] = m.is_available(p, d) ? 1 + spaced_[f(p, skip)] : spaced_[f(p, d + 1)];
      }
    }
    for (int g = 0; g < m.n_groups; ++g) {
      for (const auto& mb : bounds[g][static_cast<int>(Measure::kAll)].members) {
        int seen = 0;
        for (int d = 0; d < n_; ++d) {
          seen += m.is_available(mb.person, d) ? 1 : 0;
          expected_[e(mb.person, g, d)] =
              mb.available > 0 ? mb.share * seen / static_cast<double>(mb.available) : 0.0;
        }
      }
    }
  }

  // On kFound, `who` holds a complete roster.
  Outcome run(long node_budget, std::uint64_t seed, std::vector<int>& who) {
    struct Frame {
      int pos;
      std::vector<int> candidates;
      std::size_t next = 0;
      std::string key;
    };
    if (order_.empty()) {
      who = who_;
      return Outcome::kFound;
    }
    std::vector<Frame> stack;
    auto enter = [&](int pos) {
      Frame frame{pos, {}, 0, {}};
      const int a = order_[pos];
      const int d = places_[a].day;
      if (pos == 0 || places_[order_[pos - 1]].day != d) {
        frame.key = state_key(d);
        if (failed_.contains(frame.key) || !promising(d)) {
          stack.push_back(std::move(frame));
          return;
        }
      }
      candidates(pos, seed, frame.candidates);
      stack.push_back(std::move(frame));
    };
    // Pins shape every window, so check them all once; later only the first ones can change.
    if (!windows_fit(0, n_)) return Outcome::kNone;
    long nodes = 0;
    enter(0);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const int a = order_[top.pos];
      if (who_[a] >= 0) unassign(a);
      if (top.next < top.candidates.size()) {
        assign(a, top.candidates[top.next++]);
        if (++nodes > node_budget) return Outcome::kGaveUp;
        if (top.pos + 1 == static_cast<int>(order_.size())) {
          who = who_;
          return Outcome::kFound;
        }
        enter(top.pos + 1);
        continue;
      }
      if (!top.key.empty() && remembered_ < kMaxRemembered) {
        remembered_ += top.key.size() + kEntryOverhead;
        failed_.insert(std::move(top.key));
      }
      stack.pop_back();
    }
    return Outcome::kNone;
  }

 private:
  // Bytes of dead-end states kept, counting a rough kEntryOverhead per entry: a bound on memory
  // for a year of 60 people, whose states are long.
  static constexpr std::size_t kMaxRemembered = std::size_t{64} << 20;
  static constexpr std::size_t kEntryOverhead = 64;

  std::size_t o(int p, int d) const {
    return static_cast<std::size_t>(p) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(d);
  }
  std::size_t f(int p, int d) const {
    return static_cast<std::size_t>(p) * static_cast<std::size_t>(n_ + 1) +
           static_cast<std::size_t>(d);
  }
  std::size_t e(int p, int g, int d) const {
    return static_cast<std::size_t>(p * m_.n_groups + g) * static_cast<std::size_t>(n_) +
           static_cast<std::size_t>(d);
  }

  bool resting(int p, int d) const {
    for (int x = std::max(0, d - m_.rest); x <= std::min(n_ - 1, d + m_.rest); ++x) {
      if (x != d && occ_[o(p, x)] >= 0) return true;
    }
    return false;
  }
  bool can_serve(int p, int d) const {
    return occ_[o(p, d)] < 0 && m_.is_available(p, d) && total_[p] < cap_[p] && !resting(p, d);
  }

  void assign(int a, int p) {
    const Place& pl = places_[a];
    who_[a] = p;
    occ_[o(p, pl.day)] = static_cast<std::int16_t>(pl.slot);
    ++total_[p];
    ++in_group_[p * m_.n_groups + pl.group];
  }
  void unassign(int a) {
    const Place& pl = places_[a];
    const int p = who_[a];
    who_[a] = -1;
    occ_[o(p, pl.day)] = -1;
    --total_[p];
    --in_group_[p * m_.n_groups + pl.group];
  }

  // Days since each person's last duty before d, as far as the rest rule looks back, and their
  // totals when a cap can bind (max_duties or a person's own): all the past that constrains the
  // dates from d on.
  std::string state_key(int d) const {
    std::string key(reinterpret_cast<const char*>(&d), sizeof d);
    for (int p = 0; p < m_.n_people; ++p) {
      int since = m_.rest + 1;
      for (int x = d - 1; x >= std::max(0, d - m_.rest); --x) {
        if (occ_[o(p, x)] >= 0) {
          since = d - x;
          break;
        }
      }
      key.push_back(static_cast<char>(since & 0xFF));
      key.push_back(static_cast<char>(since >> 8));
      if (caps_bind_) {
        key.push_back(static_cast<char>(total_[p] & 0xFF));
        key.push_back(static_cast<char>(total_[p] >> 8));
      }
    }
    return key;
  }

  // Necessary conditions for the dates from d on: enough duties left in each group's people, and
  // within each window of min_rest_days + 1 days, where nobody serves twice, enough people.
  bool promising(int d) const {
    const int groups = m_.n_groups;
    std::vector<long long> room(static_cast<std::size_t>(groups), 0);
    long long room_all = 0, open_all = 0;
    for (int p = 0; p < m_.n_people; ++p) {
      int start = d;
      for (int x = d - 1; x >= std::max(0, d - m_.rest); --x) {
        if (occ_[o(p, x)] >= 0) {
          start = x + m_.rest + 1;
          break;
        }
      }
      start = std::min(start, n_);
      const int left =
          std::max(0, std::min(cap_[p] - total_[p], spaced_[f(p, start)] - pins_from_[f(p, d)]));
      room_all += left;
      for (int g = 0; g < groups; ++g) {
        if (m_.is_member(p, g)) room[g] += left;
      }
    }
    for (int g = 0; g < groups; ++g) {
      const long long open = open_from_[static_cast<std::size_t>(g) * (n_ + 1) + d];
      if (room[g] < open) return false;
      open_all += open;
    }
    if (room_all < open_all) return false;
    return windows_fit(d, std::min(n_, d + m_.rest + 1));
  }

  // Windows starting in [begin, end): past duties only reach the first min_rest_days of them.
  bool windows_fit(int begin, int end) const {
    if (m_.rest == 0) return true;
    const int groups = m_.n_groups;
    for (int w0 = begin; w0 < end; ++w0) {
      const int w1 = std::min(n_ - 1, w0 + m_.rest);
      int need_all = 0, able_all = 0;
      for (int g = 0; g < groups; ++g) {
        const int need = open_from_[static_cast<std::size_t>(g) * (n_ + 1) + w0] -
                         open_from_[static_cast<std::size_t>(g) * (n_ + 1) + w1 + 1];
        int able = 0;
        for (int p : m_.members[g]) able += able_in(p, w0, w1) ? 1 : 0;
        if (able < need) return false;
        need_all += need;
      }
      for (int p = 0; p < m_.n_people; ++p) able_all += able_in(p, w0, w1) ? 1 : 0;
      if (able_all < need_all) return false;
    }
    return true;
  }

  // Whether p could still take an open place somewhere in [w0, w1], a stretch short enough that
  // the rest rule allows one duty at most.
  bool able_in(int p, int w0, int w1) const {
    for (int x = w0; x <= w1; ++x) {
      if (occ_[o(p, x)] >= 0) return false;
    }
    for (int x = w0; x <= w1; ++x) {
      if (can_serve(p, x)) return true;
    }
    return false;
  }

  // Who may take the place, the furthest behind their fair share so far first. People in one slot
  // of one day are taken in increasing order, so no set of them is tried twice.
  void candidates(int pos, std::uint64_t seed, std::vector<int>& out) const {
    const int a = order_[pos];
    const Place& pl = places_[a];
    int after = -1;
    if (pos > 0) {
      const Place& prev = places_[order_[pos - 1]];
      if (prev.day == pl.day && prev.slot == pl.slot) after = who_[order_[pos - 1]];
    }
    std::vector<std::pair<double, int>> ranked;
    for (int p : m_.members[pl.group]) {
      if (p <= after || !can_serve(p, pl.day)) continue;
      const double behind =
          in_group_[p * m_.n_groups + pl.group] - expected_[e(p, pl.group, pl.day)];
      std::uint64_t x =
          (static_cast<std::uint64_t>(p) << 32) ^ static_cast<std::uint64_t>(pl.day) ^ seed;
      x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
      ranked.emplace_back(
          behind + 1e-6 * static_cast<double>(x >> 44) / static_cast<double>(1 << 20), p);
    }
    std::sort(ranked.begin(), ranked.end());
    out.clear();
    for (const auto& [key, p] : ranked) out.push_back(p);
  }

  const Model& m_;
  int n_;
  std::vector<Place> places_;
  std::vector<int> who_;
  std::vector<int> order_;
  std::vector<std::int16_t> occ_;
  std::vector<int> total_;
  std::vector<int> cap_;    // person -> Model::cap_of
  bool caps_bind_ = false;  // some person's cap is finite
  std::vector<int> in_group_;
  std::vector<int> pins_from_;
  std::vector<int> open_from_;
  std::vector<int> spaced_;
  std::vector<double> expected_;
  std::unordered_set<std::string> failed_;
  std::size_t remembered_ = 0;
};

}  // namespace

ExhaustiveOutcome find_any_roster(const Model& m, const Bounds& bounds,
                                  const std::vector<Place>& places,
                                  const std::vector<int>& pinned_who, long node_budget,
                                  std::uint64_t seed, std::vector<int>& who) {
  Exhaustive exhaustive(m, bounds, places, pinned_who);
  switch (exhaustive.run(node_budget, seed, who)) {
    case Exhaustive::Outcome::kFound:
      return ExhaustiveOutcome::kFound;
    case Exhaustive::Outcome::kNone:
      return ExhaustiveOutcome::kNone;
    case Exhaustive::Outcome::kGaveUp:
      break;
  }
  return ExhaustiveOutcome::kGaveUp;
}

}  // namespace duty::roster::detail
