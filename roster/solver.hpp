// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "roster/fairness.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"

namespace duty::roster {

/// What the solver did, for benchmarks and `stats`.
struct SolveInfo {
  long iterations = 0;  ///< local-search moves tried (balanced only)
  bool optimal = false; ///< the three deviations reach their lower bounds: provably fairest
};

struct Solution {
  Plan plan;
  SolveInfo info;
};

/// Builds the roster for the spec's period with its strategy. Every hard rule holds in the result:
/// each slot filled, nobody twice in a shift or on an unavailable date, min_rest_days, max_duties
/// and every pin. Places held outside the solver (Model::taken) are left out: the plan has
/// Model::places_of people in a slot, for the caller to add the held ones back. Each person's cap
/// is Model::cap_of (max_duties, or their own when Model::person_cap is set), and reasons name it.
/// Throws std::logic_error when person_cap or taken do not fit the model (a caller's bug). Balanced minimises, in order, the summed all-days, holiday and weekend deviations,
/// then spreads each person's duties evenly, by a local search with a fixed budget of moves whose
/// result is provably fairest when `info.optimal` is set (docs/fairness.md); rotation follows the
/// order of `people`, skipping whoever cannot serve. Deterministic for a spec and seed: the work is
/// counted in moves and search nodes, never in time.
/// Throws UnsatisfiableError with one reason per place that cannot be filled (date, slot, who is on
/// leave, resting or capped) or per pin that breaks a rule. Balanced throws it only when the checks
/// on the spec or an exhaustive search show that no roster exists, or in the rare case that the
/// exhaustive search runs out of its node budget.
Solution solve(const Model& model);

}  // namespace duty::roster
