// SPDX-License-Identifier: Apache-2.0
// The solver's pieces as they share them (roster/solver_*.cpp); not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "roster/solver.hpp"

namespace duty::roster::detail {

constexpr std::size_t kMaxReasons = 20;

// One place of the period: one of a slot's places on one day.
struct Place {
  int day;
  int slot;
  int group;
  bool pinned;
};

// The places the solver fills (Model::places_of), day by day and slot by slot, the pinned ones
// taken by their pin.
std::vector<Place> make_places(const Model& m, std::vector<int>& who);

// The person as messages name them: "name (id)", or the id when it is the name.
std::string person_label(const Model& m, int p);
// "label: a, b; label: c" for the non-empty lists.
std::string list_reasons(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& parts);
// Throws UnsatisfiableError, keeping the first kMaxReasons reasons and counting the rest.
[[noreturn]] void fail(std::string summary, std::vector<std::string> reasons);

// Pins that break a rule on their own: an error naming the clash, whatever the strategy.
void check_pins(const Model& m);
// Proves infeasibility from the spec alone where it can, with reasons a duty office can act on.
void check_supply(const Model& m, const Bounds& bounds);

enum class ExhaustiveOutcome { kFound, kNone, kGaveUp };

// Complete depth-first search for any roster that keeps the hard rules (solver_exhaustive.cpp),
// starting from the pinned places in `pinned_who`. On kFound, `who` holds a complete roster.
ExhaustiveOutcome find_any_roster(const Model& m, const Bounds& bounds,
                                  const std::vector<Place>& places,
                                  const std::vector<int>& pinned_who, long node_budget,
                                  std::uint64_t seed, std::vector<int>& who);

// The rotation strategy: the people of each group in spec order, skipping whoever cannot serve.
Solution solve_rotation(const Model& m);

// Each slot's people in the order of the spec's people.
void sort_people_in_spec_order(const Model& m, Plan& plan);

}  // namespace duty::roster::detail
