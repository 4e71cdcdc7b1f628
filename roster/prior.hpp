// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::roster {

/// The first date of the fairness window for a period starting on `from`: 1 January of its year
/// (fairness_window: year), or `from` itself (fairness_window: period).
Days fairness_window_start(const Spec& spec, Days from);

/// Carries min_rest_days across the start of the spec's period: everyone whose last duty in `prior`
/// before spec.from leaves them resting on the first days of the period is marked unavailable on
/// those days. Shifts of `prior` on or after spec.from are ignored. Call before build_model.
void mark_rest_after(Spec& spec, const std::vector<Shift>& prior);

/// Counts the duties of `prior` that fall in the fairness window before the model's period into the
/// model (add_prior_duties), so the period is balanced against what was already served. Shifts
/// outside the window are ignored; the model is left as it is when none is inside it.
void count_prior_duties(Model& model, const std::vector<Shift>& prior);

}  // namespace duty::roster
