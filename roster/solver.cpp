// SPDX-License-Identifier: Apache-2.0
#include "roster/solver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/text.hpp"

namespace duty::roster {

namespace {

constexpr std::size_t kMaxReasons = 20;

// Work limits. They count moves and search nodes, never time, so that a spec and seed always give
// the same roster. A count phase (all-days, holiday, weekend) anneals and then descends for
// `budget` moves each, the larger of kPhaseMoves and kPhaseMovesPerPlace per open place. Runs
// repeat the phases from new starts until kMaxRuns or until they have used the count budget:
// kCountMoves up to kFullEffortPlaces open places, proportionally less above (moves cost more
// there and one run already covers more ground), but never less than kMinCountMoves.
constexpr long kPhaseMoves = 60000;
constexpr long kPhaseMovesPerPlace = 60;
constexpr long kCountMoves = 6000000;
constexpr long kMinCountMoves = 1200000;
constexpr long kFullEffortPlaces = 200;
constexpr int kMaxRuns = 16;
constexpr long kSpreadMoves = 200000;
constexpr long kSpreadMovesPerPlace = 400;
constexpr long kSpreadPatience = 10000;
constexpr long kSpreadPatiencePerPlace = 40;
constexpr long kExhaustiveNodes = 4000000;

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

// Pins that break a rule on their own: an error naming the clash, whatever the strategy.
void check_pins(const Model& m) {
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
}

// Proves infeasibility from the spec alone where it can, with reasons a duty office can act on.
void check_supply(const Model& m, const Bounds& bounds) {
  const Spec& spec = *m.spec;
  std::vector<std::string> reasons;

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

// The search settles the objective in its order: first every place filled, then the all-days,
// holiday and weekend deviations, then the spread.
enum class Phase { kFill = 0, kAll = 1, kHoliday = 2, kWeekend = 3, kSpread = 4 };

// The measure a count phase works on.
int measure_of(Phase phase) {
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

int compare_values(double a, double b) {
  return a < b - kTie ? -1 : a > b + kTie ? 1 : 0;
}

double phase_guide(const Score& s, Phase phase) {
  const int k = measure_of(phase);
  double g = s.guide[k];
  for (int j = k + 1; j < kMeasures; ++j) g += kLaterGuide * s.guide[j];
  return g;
}

// Negative when a is better than b in this phase, positive when worse, zero when a tie. Every
// phase after filling ranks by the true objective first; phases differ in what breaks its ties.
int compare(const Score& a, const Score& b, Phase phase) {
  if (a.holes != b.holes) return a.holes < b.holes ? -1 : 1;
  if (phase == Phase::kFill) return 0;
  for (int k = 0; k < kMeasures; ++k) {
    if (int c = compare_values(a.dev[k], b.dev[k])) return c;
  }
  if (phase == Phase::kSpread) return compare_values(a.spread, b.spread);
  return compare_values(phase_guide(a, phase), phase_guide(b, phase));
}

struct Place {
  int day;
  int slot;
  int group;
  bool pinned;
};

// All places of the period, day by day and slot by slot, the pinned ones taken by their pin.
std::vector<Place> make_places(const Model& m, std::vector<int>& who) {
  std::vector<Place> places;
  for (int d = 0; d < m.n_days; ++d) {
    for (int s = 0; s < m.n_slots; ++s) {
      for (int k = 0; k < m.slot_count[s]; ++k) places.push_back({d, s, m.slot_group[s], false});
    }
  }
  who.assign(places.size(), -1);
  std::vector<int> first(static_cast<std::size_t>(m.n_days * m.n_slots), -1);
  for (std::size_t i = places.size(); i-- > 0;) {
    first[places[i].day * m.n_slots + places[i].slot] = static_cast<int>(i);
  }
  for (const auto& pin : m.pins) {
    for (int i = first[pin.day * m.n_slots + pin.slot]; i < static_cast<int>(places.size()); ++i) {
      if (places[i].day != pin.day || places[i].slot != pin.slot) break;
      if (!places[i].pinned) {
        places[i].pinned = true;
        who[i] = pin.person;
        break;
      }
    }
  }
  return places;
}

// Local search over complete and partial rosters. Every move keeps the hard rules; a place nobody
// could take is a hole, which the score counts first.
class Search {
 public:
  Search(const Model& m, const Bounds& bounds, const std::vector<Place>& places,
         const std::vector<int>& pinned_who)
      : m_(m), rng_(1), n_(m.n_days), g_(m.n_groups), places_(places), pinned_who_(pinned_who) {
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (i == 0 || places_[i].day != places_[i - 1].day) day_base_.push_back(static_cast<int>(i));
    }
    day_base_.push_back(static_cast<int>(places_.size()));
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
  void load(const std::vector<int>& who) {
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

  void reseed(std::uint64_t seed) {
    rng_ = Rng(seed);
    seed_mix_ = seed;
  }

  // The spread costs a scan of each person's neighbouring duties per change, so it is only kept
  // up while the spread phase needs it.
  void track_spread(bool on) {
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

  // Fills the open places in date order, each with whoever is furthest behind their fair target.
  void greedy() {
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

  // Late acceptance hill climbing: a move is kept when the roster is no worse than before it or
  // than the roster of kHistory moves ago, which lets the search drift across small ridges. The
  // spread phase keeps to moves that are no worse: its many small gains would otherwise keep it
  // from ever running out of patience. Stops when the best roster seen reaches the phase's lower
  // bound (the current one may have drifted to a worse earlier measure to get there), after
  // `patience` moves without a new best or after `budget` moves, and leaves the best roster.
  // Returns the moves tried.
  long descend(Phase phase, long budget, long patience) {
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

  // Simulated annealing for a count phase, on one number that weighs the measures settled before
  // heavily, the phase's own deviation fully and its guide lightly. It accepts the moves that
  // make the roster worse for a while (a person in two groups trading duties between them, a rest
  // rhythm taken apart to be rebuilt) with a chance that shrinks as the temperature falls, which
  // carries the search across ridges that strict descent stops at. Stops after `budget` moves or
  // when the best roster seen, ranked by compare(), reaches the phase's lower bound, and leaves
  // that roster. Returns the moves tried.
  long anneal(Phase phase, long budget) {
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

  // Why nobody could be placed: who is on leave, resting, on another slot or capped that day.
  std::string explain_hole(std::size_t place) const {
    const Place& pl = places_[place];
    std::vector<std::string> leave, resting_after, resting_before, other_slot, capped, free;
    int serving = 0;
    for (int q : m_.members[pl.group]) {
      const int here = occ_[o(q, pl.day)];
      if (here >= 0 && places_[here].slot == pl.slot) {
        ++serving;
      } else if (!m_.is_available(q, pl.day)) {
        leave.push_back(person_label(m_, q));
      } else if (here >= 0) {
        other_slot.push_back(person_label(m_, q) + " (" + m_.slot(places_[here].slot).id + ")");
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
           std::to_string(m_.slot_count[pl.slot]) + ", only " + std::to_string(serving) +
           " can serve" + (reasons.empty() ? "" : " (" + reasons + ")");
  }

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
      for (auto it = std::lower_bound(days.begin(), days.end(), from); it != days.end() && *it <= to;
           ++it) {
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

  bool try_move(Phase phase) {
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

  // Aims a move at someone whose count sets a group's deviation on the phase's measure: one of
  // their duties on such a day when they have too many (a), or such a day for them to take (a and
  // q) when they have too few. A maximum only falls when its last holder moves.
  void target(Phase phase, int& a, int& q) {
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

  // One of p's movable duties in group g on a day of measure k, -1 when none.
  int random_duty(int p, int g, int k) {
    int pick = -1, seen = 0;
    for (int d = 0; d < n_; ++d) {
      const int b = occ_[o(p, d)];
      if (b < 0 || (measures_of_day_[d] & (1U << k)) == 0) continue;
      if (!places_[b].pinned && places_[b].group == g && rng_.below(++seen) == 0) pick = b;
    }
    return pick;
  }

  // The second place of a two-place move: one of q's duties when the move is aimed at q, else any
  // place of a's group.
  int partner(int a, int q) {
    const int g = places_[a].group;
    if (q >= 0) return random_duty(q, g, static_cast<int>(Measure::kAll));
    const auto& pool = group_places_[g];
    return pool[static_cast<std::size_t>(rng_.below(static_cast<int>(pool.size())))];
  }

  // The places q would have to leave to take place a: another slot that day and duties too close
  // for the rest rule. False when q cannot take it at all (away, pinned nearby, max_duties).
  bool displaced_by(int a, int q, std::vector<int>& out) const {
    const Place& pl = places_[a];
    out.clear();
    if (who_[a] == q || !m_.is_available(q, pl.day)) return false;
    const bool free = each_duty(q, pl.day - m_.rest, pl.day + m_.rest, [&](int b) {
      if (places_[b].pinned) return false;
      out.push_back(b);
      return true;
    });
    return free && total_[q] - static_cast<int>(out.size()) < m_.cap;
  }

  // Puts q into place a and opens whatever q has to leave for it.
  bool take(int a, int q, std::vector<int>& open) {
    if (!displaced_by(a, q, displaced_)) return false;
    for (int b : displaced_) {
      set(b, -1);
      open.push_back(b);
    }
    set(a, q);
    return true;
  }

  // Who takes over an open place in an ejection chain: preferably someone who closes the chain,
  // that is leaves nothing open behind; the person the chain pushed out first when they can.
  int filler(int h, int spare) {
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

  // How many places displaced_by would list, -1 when q cannot take place a; the chains ask this
  // of every member, so it builds no list.
  int displaced_count(int a, int q) const {
    const Place& pl = places_[a];
    if (who_[a] == q || !m_.is_available(q, pl.day)) return -1;
    int pushed_out = 0;
    const bool free = each_duty(q, pl.day - m_.rest, pl.day + m_.rest, [&](int b) {
      if (places_[b].pinned) return false;
      ++pushed_out;
      return true;
    });
    return free && total_[q] - pushed_out < m_.cap ? pushed_out : -1;
  }

  // Has the open places taken over one after the other until none is left, or gives up.
  bool close_chain(std::vector<int>& open, int spare) {
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

  // Moves. Each records what it changed in `journal_` so undo() can put it back exactly; one that
  // cannot keep the rules undoes itself and reports false. `hint`, when not -1, is the person a
  // targeted move brings in.
  bool try_replace(int a, int hint) {
    const Place& pl = places_[a];
    const int q = hint >= 0 ? hint : random_member(pl.group);
    if (q == who_[a] || !feasible(q, pl.day)) return false;
    set(a, q);
    return true;
  }

  // Exchanges the people of two places of one group on different days.
  bool try_swap(int a, int hint) {
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

  // Gives place a to someone new and lets every duty that pushes out be taken over in turn, until
  // nothing is left open: a chain of changes across days and groups that no single move makes
  // without breaking a rule on the way.
  bool try_eject(int a, int hint) {
    std::vector<int> open;
    const int spare = who_[a];
    if (!take(a, hint >= 0 ? hint : random_member(places_[a].group), open)) return false;
    return close_chain(open, spare);
  }

  // Exchanges the people of two places of one group, pushing out whatever that puts too close,
  // and lets the places left open be taken over in turn.
  bool try_swap_eject(int a, int hint) {
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

  // Exchanges all duties of two people within a stretch of days, or to the end of the period,
  // wherever each may take the other's slot: under a tight rest rule whole rhythms can only be
  // traded together.
  bool try_segment_swap(int a, int hint) {
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

  // Exchanges the people of two slots of different groups on one day, for people in both groups.
  bool try_day_swap(int a) {
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

  // Moves a's person to a slot of another group that day, whose person leaves, and fills a with
  // someone free.
  bool try_day_chain(int a) {
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

  // Moves someone who is resting because of a nearby duty into place a, and refills that duty with
  // a's person or anyone free, or leaves it open.
  bool try_unblock(int a, int hint) {
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
    return occ_[o(p, d)] < 0 && m_.is_available(p, d) && total_[p] < m_.cap && !resting(p, d);
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
  // totals when max_duties can bind: all the past that constrains the dates from d on.
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
      if (m_.cap < INT_MAX) {
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
          std::max(0, std::min(m_.cap - total_[p], spaced_[f(p, start)] - pins_from_[f(p, d)]));
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
  std::vector<int> in_group_;
  std::vector<int> pins_from_;
  std::vector<int> open_from_;
  std::vector<int> spaced_;
  std::vector<double> expected_;
  std::unordered_set<std::string> failed_;
  std::size_t remembered_ = 0;
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
  std::unordered_map<std::string_view, int> index;
  for (int p = 0; p < m.n_people; ++p) index.emplace(m.person(p).id, p);
  for (auto& shift : plan.shifts) {
    for (auto& a : shift.assignments) {
      std::sort(a.people.begin(), a.people.end(),
                [&](const std::string& x, const std::string& y) { return index.at(x) < index.at(y); });
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
  check_pins(m);
  if (m.spec->strategy == Strategy::kRotation) {
    // A rotation that fills every place needs no proof; one that cannot is explained by the
    // static checks where they find the cause, which say more than "nobody can serve".
    try {
      return solve_rotation(m);
    } catch (const UnsatisfiableError&) {
      check_supply(m, compute_bounds(m));
      throw;
    }
  }
  const Bounds bounds = compute_bounds(m);
  check_supply(m, bounds);

  std::vector<int> pinned_who;
  const std::vector<Place> places = make_places(m, pinned_who);
  Search search(m, bounds, places, pinned_who);
  const long n = std::max<long>(1, static_cast<long>(search.movable()));
  const long budget = std::max<long>(kPhaseMoves, kPhaseMovesPerPlace * n);
  const long patience = budget / 3;
  const long count_moves =
      std::clamp(kCountMoves * kFullEffortPlaces / n, kMinCountMoves, kCountMoves);

  // Independent runs from different greedy starts, keeping the best: which of the rosters with
  // the least all-days deviation a run settles on decides what its later measures can reach.
  long iterations = 0;
  std::vector<int> best, complete;
  Score best_score;
  for (int run = 0; run < kMaxRuns && iterations < count_moves; ++run) {
    search.reseed(m.spec->seed + static_cast<std::uint64_t>(run) * 0x9E3779B97F4A7C15ULL);
    search.load(pinned_who);
    search.greedy();
    iterations += search.descend(Phase::kFill, budget, budget);
    if (search.score().holes > 0) {
      // The local search can miss the few rosters a tight spec allows; the exhaustive search
      // finds one or proves there is none, so "no roster" is a proof, short of the search running
      // out of steps. Its roster then starts every run that cannot fill the places itself.
      if (complete.empty()) {
        Exhaustive exhaustive(m, bounds, places, pinned_who);
        if (exhaustive.run(kExhaustiveNodes, m.spec->seed, complete) !=
            Exhaustive::Outcome::kFound) {
          if (!best.empty()) break;
          std::vector<std::string> reasons;
          for (std::size_t i = 0; i < places.size(); ++i) {
            if (search.who(i) < 0) reasons.push_back(search.explain_hole(i));
          }
          fail("no roster found that obeys the rules of " + m.spec->source + " (" +
                   std::to_string(search.score().holes) + " place(s) left open)",
               reasons);
        }
      }
      search.load(complete);
    }
    for (Phase phase : {Phase::kAll, Phase::kHoliday, Phase::kWeekend}) {
      iterations += search.anneal(phase, budget);
      iterations += search.descend(phase, budget, patience);
    }
    if (best.empty() || compare(search.score(), best_score, Phase::kWeekend) < 0) {
      best = search.assignment();
      best_score = search.score();
    }
    if (search.optimal()) break;
  }
  search.load(best);
  search.track_spread(true);
  iterations +=
      search.descend(Phase::kSpread, std::max<long>(kSpreadMoves, kSpreadMovesPerPlace * n),
                     std::max<long>(kSpreadPatience, kSpreadPatiencePerPlace * n));

  Solution solution{to_plan(m, search), {}};
  sort_people_in_spec_order(m, solution.plan);
  solution.info.iterations = iterations;
  solution.info.optimal = search.optimal();
  return solution;
}

}  // namespace duty::roster
