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
/// and every pin. Balanced minimises, in order, the summed all-days, holiday and weekend deviations,
/// then spreads each person's duties evenly; rotation follows the order of `people`, skipping
/// whoever cannot serve. Deterministic for a spec and seed.
/// Throws UnsatisfiableError with one reason per place that cannot be filled (date, slot, who is on
/// leave, resting or capped) or per pin that breaks a rule.
Solution solve(const Model& model);

}  // namespace duty::roster
