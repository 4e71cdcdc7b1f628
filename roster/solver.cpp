// SPDX-License-Identifier: Apache-2.0
#include "roster/solver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>

#include "common/text.hpp"

namespace duty::roster {

namespace {

constexpr std::size_t kMaxReasons = 20;

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
  int below(int n) { return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

std::string person_label(const Model& m, int p) {
  const Person& person = m.person(p);
  return person.name == person.id ? person.id : person.name + " (" + person.id + ")";
}

std::string list_reasons(const std::vector<std::pair<std::string, std::vector<std::string>>>& parts) {
  std::vector<std::string> out;
  for (const auto& [label, names] : parts) {
    if (!names.empty()) out.push_back(label + ": " + join(names, ", "));
  }
  return join(out, "; ");
}

[[noreturn]] void fail(std::string summary, std::vector<std::string> reasons) {
  if (reasons.size() > kMaxReasons) {
    std::size_t more = reasons.size() - kMaxReasons;
    reasons.resize(kMaxReasons);
    reasons.push_back("... and " + std::to_string(more) + " more");
  }
  throw UnsatisfiableError(std::move(summary), std::move(reasons));
}

// Kuhn's augmenting paths: how many of a day's places can be filled at once by distinct people.
int max_day_matching(const Model& m, int d, const std::vector<int>& pinned_slot_of_person) {
  std::vector<int> place_slot;
  for (int s = 0; s < m.n_slots; ++s) {
    for (int k = 0; k < m.slot_count[s]; ++k) place_slot.push_back(s);
  }
  std::vector<int> match_of_person(static_cast<std::size_t>(m.n_people), -1);
  auto can = [&](int p, int s) {
    if (!m.is_member(p, m.slot_group[s]) || !m.is_available(p, d)) return false;
    return pinned_slot_of_person[p] < 0 || pinned_slot_of_person[p] == s;
  };
  int matched = 0;
  for (std::size_t i = 0; i < place_slot.size(); ++i) {
    std::vector<char> seen(static_cast<std::size_t>(m.n_people), 0);
    std::function<bool(int)> augment = [&](int place) {
      for (int p = 0; p < m.n_people; ++p) {
        if (seen[p] || !can(p, place_slot[place])) continue;
        seen[p] = 1;
        if (match_of_person[p] < 0 || augment(match_of_person[p])) {
          match_of_person[p] = place;
          return true;
        }
      }
      return false;
    };
    if (augment(static_cast<int>(i))) ++matched;
  }
  return matched;
}

// Proves infeasibility from the spec alone where it can, with reasons a duty office can act on.
void check_static(const Model& m, const Bounds& bounds) {
  const Spec& spec = *m.spec;
  std::vector<std::string> reasons;

  // Pins that break a rule on their own.
  std::map<std::pair<int, int>, const Pin*> pin_at_person_day;
  std::vector<int> pins_per_place(static_cast<std::size_t>(m.n_days * m.n_slots), 0);
  std::vector<std::vector<int>> pin_days(static_cast<std::size_t>(m.n_people));
  for (const auto& pin : m.pins) {
    const std::string where = pin.pin->pos.str() + ": pin " + format_date(pin.pin->date) + " " + pin.pin->slot + " " +
                              pin.pin->person + ": ";
    const Slot& slot = m.slot(pin.slot);
    if (!m.is_member(pin.person, m.slot_group[pin.slot])) {
      reasons.push_back(where + person_label(m, pin.person) + " is not in group '" + slot.group +
                        "', which slot '" + slot.id + "' draws on");
    }
    if (!m.is_available(pin.person, pin.day)) {
      reasons.push_back(where + person_label(m, pin.person) + " is unavailable on " + format_date(pin.pin->date));
    }
    auto key = std::make_pair(pin.person, pin.day);
    if (auto it = pin_at_person_day.find(key); it != pin_at_person_day.end()) {
      reasons.push_back(where + person_label(m, pin.person) + " is pinned twice on this shift (also at " +
                        it->second->pos.str() + ")");
      continue;
    }
    pin_at_person_day[key] = pin.pin;
    if (++pins_per_place[pin.day * m.n_slots + pin.slot] == m.slot_count[pin.slot] + 1) {
      reasons.push_back(where + "more pins than the " + std::to_string(m.slot_count[pin.slot]) + " place(s) of slot '" +
                        slot.id + "'");
    }
    pin_days[pin.person].push_back(pin.day);
  }
  for (int p = 0; p < m.n_people; ++p) {
    auto& days = pin_days[p];
    std::sort(days.begin(), days.end());
    for (std::size_t i = 1; i < days.size(); ++i) {
      if (days[i] - days[i - 1] - 1 < m.rest) {
        const Pin* a = pin_at_person_day[{p, days[i - 1]}];
        const Pin* b = pin_at_person_day[{p, days[i]}];
        reasons.push_back(b->pos.str() + ": pin " + format_date(b->date) + " " + b->slot + " " + b->person +
                          ": too close to the pin on " + format_date(a->date) + " (" + a->pos.str() +
                          "); min_rest_days is " + std::to_string(m.rest));
      }
    }
    if (static_cast<int>(days.size()) > m.cap) {
      reasons.push_back(spec.source + ": " + person_label(m, p) + " is pinned " + std::to_string(days.size()) +
                        " times, more than max_duties " + std::to_string(m.cap));
    }
  }
  if (!reasons.empty()) fail("pinned assignments in " + spec.source + " break the rules", reasons);

  // Each day on its own: enough people who can serve each slot, and across slots.
  for (int d = 0; d < m.n_days; ++d) {
    std::vector<int> pinned_slot(static_cast<std::size_t>(m.n_people), -1);
    for (const auto& pin : m.pins) {
      if (pin.day == d) pinned_slot[pin.person] = pin.slot;
    }
    bool slot_short = false;
    for (int s = 0; s < m.n_slots; ++s) {
      std::vector<std::string> leave, elsewhere;
      int can = 0;
      for (int p : m.members[m.slot_group[s]]) {
        if (!m.is_available(p, d)) {
          leave.push_back(person_label(m, p));
        } else if (pinned_slot[p] >= 0 && pinned_slot[p] != s) {
          elsewhere.push_back(person_label(m, p));
        } else {
          ++can;
        }
      }
      if (can < m.slot_count[s]) {
        slot_short = true;
        std::string why = list_reasons({{"on leave", leave}, {"pinned to another slot", elsewhere}});
        if (why.empty()) {
          why = "group '" + m.slot(s).group + "' has only " + std::to_string(m.members[m.slot_group[s]].size()) +
                " people";
        }
        reasons.push_back(format_date(m.dates[d]) + " " + m.slot(s).id + ": needs " +
                          std::to_string(m.slot_count[s]) + ", only " + std::to_string(can) + " can serve (" + why +
                          ")");
      }
    }
    if (!slot_short) {
      int places = 0;
      for (int s = 0; s < m.n_slots; ++s) places += m.slot_count[s];
      int filled = max_day_matching(m, d, pinned_slot);
      if (filled < places) {
        reasons.push_back(format_date(m.dates[d]) + ": needs " + std::to_string(places) +
                          " different people across its slots, but only " + std::to_string(filled) +
                          " can be placed (people in several groups cannot serve twice in a shift)");
      }
    }
  }
  if (!reasons.empty()) fail("no roster obeys the rules of " + spec.source, reasons);

  // Totals: the places of a group against what its members may take at most.
  for (int g = 0; g < m.n_groups; ++g) {
    const GroupBound& gb = bounds[g][static_cast<int>(Measure::kAll)];
    long long most = 0;
    for (const auto& mb : gb.members) most += mb.hi;
    if (most < gb.places) {
      std::string limits = "availability";
      if (m.rest > 0) limits += ", min_rest_days " + std::to_string(m.rest);
      if (spec.rules.max_duties) limits += ", max_duties " + std::to_string(m.cap);
      reasons.push_back("group " + m.groups[g] + ": " + std::to_string(gb.places) + " duties to fill from " +
                        format_date(spec.from) + " to " + format_date(spec.to) + ", but " + limits + " let its " +
                        std::to_string(gb.members.size()) + " people take at most " + std::to_string(most));
    }
  }
  // Rest windows: within min_rest_days+1 consecutive days each person can serve at most once.
  if (m.rest > 0) {
    const int w = m.rest + 1;
    for (int g = 0; g < m.n_groups && reasons.size() <= kMaxReasons; ++g) {
      int per_day = 0;
      for (int s = 0; s < m.n_slots; ++s) {
        if (m.slot_group[s] == g) per_day += m.slot_count[s];
      }
      for (int d0 = 0; d0 + w <= m.n_days; ++d0) {
        int supply = 0;
        for (int p : m.members[g]) {
          for (int d = d0; d < d0 + w; ++d) {
            if (m.is_available(p, d)) {
              ++supply;
              break;
            }
          }
        }
        if (per_day * w > supply) {
          reasons.push_back(format_date(m.dates[d0]) + ".." + format_date(m.dates[d0 + w - 1]) + " group " +
                            m.groups[g] + ": needs " + std::to_string(per_day * w) + " duties in " +
                            std::to_string(w) + " days, but only " + std::to_string(supply) +
                            " people can serve (min_rest_days " + std::to_string(m.rest) +
                            " lets a person serve once in " + std::to_string(w) + " days)");
          d0 += w - 1;  // one message per stretch, not one per overlapping window
        }
      }
    }
  }
  if (!reasons.empty()) fail("no roster obeys the rules of " + spec.source, reasons);
}

// Lexicographic objective: unfilled places, then the distances of counts from their fair target
// intervals (all days, holidays, weekends), then how unevenly each person's duties are spread.
struct Score {
  long long holes = 0;
  std::array<long long, kMeasures> dist{};
  double spread = 0;

  bool same_counts(const Score& o) const { return holes == o.holes && dist == o.dist; }
  bool counts_better(const Score& o) const {
    if (holes != o.holes) return holes < o.holes;
    return dist < o.dist;
  }
  bool counts_zero() const { return holes == 0 && dist == std::array<long long, kMeasures>{}; }
};

struct Place {
  int day;
  int slot;
  int group;
  bool pinned;
};

class Search {
 public:
  Search(const Model& m, const Bounds& bounds, std::uint64_t seed)
      : m_(m), rng_(seed), n_(m.n_days), g_(m.n_groups), seed_mix_(seed) {
    for (int d = 0; d < m.n_days; ++d) {
      day_base_.push_back(static_cast<int>(places_.size()));
      for (int s = 0; s < m.n_slots; ++s) {
        for (int k = 0; k < m.slot_count[s]; ++k) places_.push_back({d, s, m.slot_group[s], false});
      }
    }
    who_.assign(places_.size(), -1);
    occ_.assign(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(n_), -1);
    total_.assign(static_cast<std::size_t>(m.n_people), 0);
    count_.assign(static_cast<std::size_t>(m.n_people * g_ * kMeasures), 0);
    target_lo_.assign(count_.size(), 0);
    target_hi_.assign(count_.size(), 0);
    for (int g = 0; g < g_; ++g) {
      for (int k = 0; k < kMeasures; ++k) {
        for (const auto& mb : bounds[g][k].members) {
          target_lo_[idx(mb.person, g, k)] = mb.target_lo;
          target_hi_[idx(mb.person, g, k)] = mb.target_hi;
        }
      }
    }
    score_.holes = static_cast<long long>(places_.size());
    for (std::size_t i = 0; i < count_.size(); ++i) score_.dist[i % kMeasures] += distance(i);
    group_places_.resize(static_cast<std::size_t>(g_));
    place_pins();
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (!places_[i].pinned) group_places_[places_[i].group].push_back(static_cast<int>(i));
    }
  }

  void greedy() {
    journal_.clear();
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (places_[i].pinned) continue;
      const Place& pl = places_[i];
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
      if (best >= 0) {
        remove(static_cast<int>(i));
        add(static_cast<int>(i), best);
      }
    }
  }

  long improve(long budget) {
    if (group_places_.empty()) return 0;
    std::vector<int> movable;
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (!places_[i].pinned) movable.push_back(static_cast<int>(i));
    }
    if (movable.empty()) return 0;
    long it = 0, since_better = 0;
    const long patience = std::max<long>(20000, 40L * static_cast<long>(movable.size()));
    for (; it < budget; ++it) {
      if (score_.counts_zero() && since_better > patience) break;
      ++since_better;
      Score before = score_;
      int a = movable[static_cast<std::size_t>(rng_.below(static_cast<int>(movable.size())))];
      if (score_.holes > 0 && rng_.below(2) == 0) a = random_hole(movable);
      bool moved = false;
      switch (rng_.below(3)) {
        case 0: moved = try_replace(a); break;
        case 1: moved = try_swap(a); break;
        default: moved = try_unblock(a); break;
      }
      if (!moved) continue;
      if (accept(before)) {
        if (score_.counts_better(before) || score_.spread < before.spread - 1e-12) since_better = 0;
        continue;
      }
      undo();
    }
    return it;
  }

  const Score& score() const { return score_; }
  int who(std::size_t place) const { return who_[place]; }
  const std::vector<Place>& places() const { return places_; }

  // Why nobody could be placed: who is on leave, resting, on another slot or capped that day.
  std::string explain_hole(std::size_t place) const {
    const Place& pl = places_[place];
    std::vector<std::string> leave, resting_after, resting_before, other_slot, capped, free;
    int serving = 0;
    for (int q : m_.members[pl.group]) {
      int here = occ_[o(q, pl.day)];
      if (here == pl.slot) {
        ++serving;
      } else if (!m_.is_available(q, pl.day)) {
        leave.push_back(person_label(m_, q));
      } else if (here >= 0) {
        other_slot.push_back(person_label(m_, q) + " (" + m_.slot(here).id + ")");
      } else if (int near = nearest_duty(q, pl.day); near >= 0) {
        auto& list = near < pl.day ? resting_after : resting_before;
        list.push_back(person_label(m_, q) + " (" + format_date(m_.dates[near]) + ")");
      } else if (total_[q] >= m_.cap) {
        capped.push_back(person_label(m_, q));
      } else {
        free.push_back(person_label(m_, q));
      }
    }
    std::string reasons = list_reasons({{"on leave", leave},
                                        {"resting after duty", resting_after},
                                        {"resting before duty", resting_before},
                                        {"on duty in another slot", other_slot},
                                        {"at max_duties " + std::to_string(m_.cap), capped},
                                        {"could serve but were not placed", free}});
    return format_date(m_.dates[pl.day]) + " " + m_.slot(pl.slot).id + ": needs " +
           std::to_string(m_.slot_count[pl.slot]) + ", only " + std::to_string(serving) + " can serve" +
           (reasons.empty() ? "" : " (" + reasons + ")");
  }

 private:
  struct Change {
    int place;
    int before;
  };

  std::size_t idx(int p, int g, int k) const { return static_cast<std::size_t>((p * g_ + g) * kMeasures + k); }
  std::size_t o(int p, int d) const { return static_cast<std::size_t>(p) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(d); }

  long long distance(std::size_t i) const {
    if (count_[i] < target_lo_[i]) return target_lo_[i] - count_[i];
    if (count_[i] > target_hi_[i]) return count_[i] - target_hi_[i];
    return 0;
  }

  static double gap_cost(int gap) { return 1000.0 / (static_cast<double>(gap) * gap); }

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
    for (int x = std::max(0, d - m_.rest); x <= std::min(n_ - 1, d + m_.rest); ++x) {
      if (x != d && occ_[o(p, x)] >= 0) return x;
    }
    return -1;
  }

  bool feasible(int q, int d) const {
    if (occ_[o(q, d)] >= 0 || !m_.is_available(q, d) || total_[q] >= m_.cap) return false;
    return nearest_duty(q, d) < 0;
  }

  // The spread cost of p's neighbours around d, as if d were (or were not) a duty.
  double spread_around(int p, int d, bool with_d) const {
    int a = prev_duty(p, d), b = next_duty(p, d);
    if (with_d) return (a >= 0 ? gap_cost(d - a) : 0.0) + (b >= 0 ? gap_cost(b - d) : 0.0);
    return a >= 0 && b >= 0 ? gap_cost(b - a) : 0.0;
  }

  void count(int p, const Place& pl, int delta) {
    DayType t = m_.types[pl.day];
    total_[p] += delta;
    for (int k = 0; k < kMeasures; ++k) {
      if (!counts_for(static_cast<Measure>(k), t)) continue;
      std::size_t i = idx(p, pl.group, k);
      score_.dist[k] -= distance(i);
      count_[i] += delta;
      score_.dist[k] += distance(i);
    }
  }

  void add(int place, int p) {
    const Place& pl = places_[place];
    journal_.push_back({place, who_[place]});
    if (p < 0) {
      ++score_.holes;
    } else {
      score_.spread += spread_around(p, pl.day, true) - spread_around(p, pl.day, false);
      occ_[o(p, pl.day)] = static_cast<std::int16_t>(pl.slot);
      count(p, pl, +1);
    }
    who_[place] = p;
  }

  void remove(int place) {
    const Place& pl = places_[place];
    int p = who_[place];
    journal_.push_back({place, p});
    if (p < 0) {
      --score_.holes;
    } else {
      occ_[o(p, pl.day)] = -1;
      score_.spread -= spread_around(p, pl.day, true) - spread_around(p, pl.day, false);
      count(p, pl, -1);
    }
    who_[place] = -2;  // vacant, neither a person nor a counted hole
  }

  void set_vacant_to(int place, int p) {
    // `who_` is -2 after remove(); add() treats the place as empty.
    who_[place] = -2;
    add(place, p);
  }

  void place_pins() {
    for (const auto& pin : m_.pins) {
      for (std::size_t i = 0; i < places_.size(); ++i) {
        Place& pl = places_[i];
        if (pl.day == pin.day && pl.slot == pin.slot && !pl.pinned) {
          pl.pinned = true;
          --score_.holes;
          who_[i] = -2;
          journal_.clear();
          add(static_cast<int>(i), pin.person);
          break;
        }
      }
    }
    journal_.clear();
  }

  int random_hole(const std::vector<int>& movable) {
    for (int tries = 0; tries < 64; ++tries) {
      int a = movable[static_cast<std::size_t>(rng_.below(static_cast<int>(movable.size())))];
      if (who_[a] < 0) return a;
    }
    for (int a : movable) {
      if (who_[a] < 0) return a;
    }
    return movable.front();
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
    std::uint64_t x = (static_cast<std::uint64_t>(q) << 32) ^ static_cast<std::uint64_t>(d) ^ seed_mix_;
    x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
    x = (x ^ (x >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<double>(x >> 11) * 0x1.0p-53;
  }

  // Moves. Each records what it changed in `journal_` so undo() can put it back exactly.
  bool try_replace(int a) {
    journal_.clear();
    const Place& pl = places_[a];
    const auto& members = m_.members[pl.group];
    int q = members[static_cast<std::size_t>(rng_.below(static_cast<int>(members.size())))];
    if (q == who_[a] || !feasible(q, pl.day)) return false;
    remove(a);
    set_vacant_to(a, q);
    return true;
  }

  bool try_swap(int a) {
    journal_.clear();
    const auto& pool = group_places_[places_[a].group];
    int b = pool[static_cast<std::size_t>(rng_.below(static_cast<int>(pool.size())))];
    int p = who_[a], q = who_[b];
    if (p == q || places_[a].day == places_[b].day) return false;
    remove(a);
    remove(b);
    if ((p >= 0 && !feasible(p, places_[b].day)) || (q >= 0 && !feasible(q, places_[a].day))) {
      undo();
      return false;
    }
    set_vacant_to(b, p);
    set_vacant_to(a, q);
    return true;
  }

  // Moves someone who is resting because of a nearby duty into place a, leaving that duty to be
  // refilled: the ejection chain that repairs places greedy construction could not fill.
  bool try_unblock(int a) {
    journal_.clear();
    const Place& pl = places_[a];
    const auto& members = m_.members[pl.group];
    int q = members[static_cast<std::size_t>(rng_.below(static_cast<int>(members.size())))];
    if (q == who_[a] || !m_.is_available(q, pl.day) || occ_[o(q, pl.day)] >= 0) return false;
    int near = nearest_duty(q, pl.day);
    if (near < 0) return try_replace(a);
    int b = -1;
    for (int i = day_base_[near]; i < static_cast<int>(places_.size()) && places_[i].day == near; ++i) {
      if (who_[i] == q) {
        b = i;
        break;
      }
    }
    if (b < 0 || places_[b].pinned || places_[b].group != pl.group) return false;
    int p = who_[a];
    remove(a);
    remove(b);
    if (!feasible(q, pl.day) || (p >= 0 && !feasible(p, places_[b].day))) {
      undo();
      return false;
    }
    set_vacant_to(a, q);
    set_vacant_to(b, p);
    return true;
  }

  bool accept(const Score& before) {
    if (score_.counts_better(before)) return true;
    if (!score_.same_counts(before)) return false;
    if (score_.spread <= before.spread + 1e-12) return true;
    // While places are open or counts off target, wander plateaus to escape dead ends.
    return !score_.counts_zero() && rng_.unit() < 0.2;
  }

  void undo() {
    for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
      const Place& pl = places_[it->place];
      int now = who_[it->place];
      if (now >= 0) {
        occ_[o(now, pl.day)] = -1;
        score_.spread -= spread_around(now, pl.day, true) - spread_around(now, pl.day, false);
        count(now, pl, -1);
      } else if (now == -1) {
        --score_.holes;
      }
      int p = it->before;
      if (p >= 0) {
        score_.spread += spread_around(p, pl.day, true) - spread_around(p, pl.day, false);
        occ_[o(p, pl.day)] = static_cast<std::int16_t>(pl.slot);
        count(p, pl, +1);
      } else if (p == -1) {
        ++score_.holes;
      }
      who_[it->place] = p;
    }
    journal_.clear();
  }

  const Model& m_;
  Rng rng_;
  int n_;
  int g_;
  std::uint64_t seed_mix_;
  std::vector<Place> places_;
  std::vector<std::vector<int>> group_places_;
  std::vector<int> who_;
  std::vector<std::int16_t> occ_;
  std::vector<int> total_;
  std::vector<int> count_;
  std::vector<int> target_lo_;
  std::vector<int> target_hi_;
  std::vector<int> day_base_;
  Score score_;
  std::vector<Change> journal_;
};

Plan to_plan(const Model& m, const Search& search) {
  Plan plan = make_empty_plan(*m.spec);
  const auto& places = search.places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    int p = search.who(i);
    if (p >= 0) plan.shifts[places[i].day].assignments[places[i].slot].people.push_back(m.person(p).id);
  }
  return plan;
}

void sort_people_in_spec_order(const Model& m, Plan& plan) {
  for (auto& shift : plan.shifts) {
    for (auto& a : shift.assignments) {
      std::sort(a.people.begin(), a.people.end(),
                [&](const std::string& x, const std::string& y) { return m.person_index(x) < m.person_index(y); });
    }
  }
}

Solution solve_rotation(const Model& m) {
  Plan plan = make_empty_plan(*m.spec);
  std::vector<std::int16_t> occ(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(m.n_days), -1);
  std::vector<int> total(static_cast<std::size_t>(m.n_people), 0);
  auto at = [&](int p, int d) -> std::int16_t& { return occ[static_cast<std::size_t>(p) * static_cast<std::size_t>(m.n_days) + static_cast<std::size_t>(d)]; };
  std::vector<int> pinned_count(static_cast<std::size_t>(m.n_days * m.n_slots), 0);
  for (const auto& pin : m.pins) {
    at(pin.person, pin.day) = static_cast<std::int16_t>(pin.slot);
    ++total[pin.person];
    ++pinned_count[pin.day * m.n_slots + pin.slot];
    plan.shifts[pin.day].assignments[pin.slot].people.push_back(m.person(pin.person).id);
  }
  auto can_serve = [&](int p, int d) {
    if (at(p, d) >= 0 || !m.is_available(p, d) || total[p] >= m.cap) return false;
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
      for (int k = pinned_count[d * m.n_slots + s]; k < m.slot_count[s]; ++k) {
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
          reasons.push_back(format_date(m.dates[d]) + " " + m.slot(s).id +
                            ": nobody in the rotation can serve (everyone is on leave, resting, on duty or at "
                            "max_duties); try strategy: balanced");
          break;
        }
      }
    }
  }
  if (!reasons.empty()) fail("the rotation cannot fill every place in " + m.spec->source, reasons);
  sort_people_in_spec_order(m, plan);
  return {std::move(plan), {}};
}

}  // namespace

Solution solve(const Model& m) {
  const Bounds bounds = compute_bounds(m);
  check_static(m, bounds);
  if (m.spec->strategy == Strategy::kRotation) return solve_rotation(m);

  Search search(m, bounds, m.spec->seed);
  search.greedy();
  long places = 0;
  for (const auto& pl : search.places()) places += pl.pinned ? 0 : 1;
  long iterations = search.improve(std::max<long>(200000, 400L * places));
  if (search.score().holes > 0) {
    std::vector<std::string> reasons;
    for (std::size_t i = 0; i < search.places().size(); ++i) {
      if (search.who(i) < 0) reasons.push_back(search.explain_hole(i));
    }
    fail("no roster found that obeys the rules of " + m.spec->source + " (" + std::to_string(search.score().holes) +
             " place(s) left open)",
         reasons);
  }
  Solution solution{to_plan(m, search), {}};
  sort_people_in_spec_order(m, solution.plan);
  solution.info.iterations = iterations;
  solution.info.optimal = search.score().counts_zero();
  return solution;
}

}  // namespace duty::roster
