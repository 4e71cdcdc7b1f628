// SPDX-License-Identifier: Apache-2.0
#include "roster/solver.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/i18n.hpp"
#include "roster/solver_internal.hpp"
#include "roster/solver_search.hpp"

namespace duty::roster {

namespace detail {

std::vector<Place> make_places(const Model& m, std::vector<int>& who) {
  std::vector<Place> places;
  for (int d = 0; d < m.n_days; ++d) {
    for (int s = 0; s < m.n_slots; ++s) {
      for (int k = 0; k < m.places_of(d, s); ++k) places.push_back({d, s, m.slot_group[s], false});
    }
  }
  who.assign(places.size(), -1);
  std::vector<int> first(static_cast<std::size_t>(m.n_days * m.n_slots), -1);
  for (std::size_t i = places.size(); i-- > 0;) {
    first[places[i].day * m.n_slots + places[i].slot] = static_cast<int>(i);
  }
  for (const auto& pin : m.pins) {
    for (int i = first[pin.day * m.n_slots + pin.slot];
         i >= 0 && i < static_cast<int>(places.size()); ++i) {
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

void sort_people_in_spec_order(const Model& m, Plan& plan) {
  std::unordered_map<std::string_view, int> index;
  for (int p = 0; p < m.n_people; ++p) index.emplace(m.person(p).id, p);
  for (auto& shift : plan.shifts) {
    for (auto& a : shift.assignments) {
      std::sort(a.people.begin(), a.people.end(), [&](const std::string& x, const std::string& y) {
        return index.at(x) < index.at(y);
      });
    }
  }
}

}  // namespace detail

using namespace detail;

namespace {

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

Plan to_plan(const Model& m, const Search& search) {
  Plan plan = make_empty_plan(*m.spec);
  const auto& places = search.places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    int p = search.who(i);
    if (p >= 0)
      plan.shifts[places[i].day].assignments[places[i].slot].people.push_back(m.person(p).id);
  }
  return plan;
}

// The fields a caller fills in after build_model, sized and bounded as Model says.
void check_held(const Model& m) {
  if (!m.person_cap.empty() && m.person_cap.size() != static_cast<std::size_t>(m.n_people)) {
    throw std::logic_error("internal error: Model::person_cap has " +
                           std::to_string(m.person_cap.size()) + " entries for " +
                           std::to_string(m.n_people) + " people");
  }
  if (m.taken.empty()) return;
  if (m.taken.size() != static_cast<std::size_t>(m.n_days * m.n_slots)) {
    throw std::logic_error("internal error: Model::taken has " + std::to_string(m.taken.size()) +
                           " entries for " + std::to_string(m.n_days) + " days x " +
                           std::to_string(m.n_slots) + " slots");
  }
  for (int d = 0; d < m.n_days; ++d) {
    for (int s = 0; s < m.n_slots; ++s) {
      if (m.places_of(d, s) < 0 || m.places_of(d, s) > m.slot_count[s]) {
        throw std::logic_error("internal error: Model::taken holds " +
                               std::to_string(m.slot_count[s] - m.places_of(d, s)) +
                               " places of slot '" + m.slot(s).id + "', which has " +
                               std::to_string(m.slot_count[s]));
      }
    }
  }
}

}  // namespace

Solution solve(const Model& m) {
  check_held(m);
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
        if (find_any_roster(m, bounds, places, pinned_who, kExhaustiveNodes, m.spec->seed,
                            complete) != ExhaustiveOutcome::kFound) {
          if (!best.empty()) break;
          std::vector<std::string> reasons;
          for (std::size_t i = 0; i < places.size(); ++i) {
            if (search.who(i) < 0) reasons.push_back(search.explain_hole(i));
          }
          fail(trf("no roster found that obeys the rules of {0} ({1} place(s) left open)",
                   m.spec->source, search.score().holes),
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
