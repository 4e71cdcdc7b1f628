// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "roster/around.hpp"
#include "roster/check.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::roster {

/// The period to check `changes` over: none (the spec's own) when the spec's period holds every
/// changed date, else 31 days either side of them, within the published [first, last].
PeriodOverride change_period(const Spec& spec, const std::vector<Change>& changes, Days first,
                             Days last);

/// `plan` with the changes applied in order: in the shift of each change's date, `out`'s place in
/// the slot goes to `in`. Throws UsageError, naming the slot's people, when `out` is not in that
/// slot on that date (or the plan has no shift for it).
Plan apply_changes(Plan plan, const std::vector<Change>& changes);

/// The hard-rule violations (check_plan) that `after` has and `before` has not, in check_plan's
/// order; a violation counts as the same when its message is.
std::vector<Violation> new_violations(const Model& model, const Plan& before, const Plan& after);

/// The hard-rule violations that applying `changes` to `plan` adds (availability and leave, rest,
/// the slot's group, max_duties, pins, twice in a shift), checked against `model` over its period.
/// Violations `plan` already has are not reported. UsageError as apply_changes.
std::vector<Violation> check_changes(const Model& model, const Plan& plan,
                                     const std::vector<Change>& changes);

/// A re-planned roster and what changed.
struct ReplanResult {
  Plan plan;                    ///< the whole spec period, every hard rule kept
  std::vector<Change> changes;  ///< each changed place, in date and slot order
};

/// Re-solves the spec's period (the range being re-planned) after the spec changed (new leave,
/// people, rules), changing as few places of `current` (the published roster for that period) as
/// it can. `around` is what is published around it: the rest rule holds across both edges, outside
/// duties use up max_duties and count for fairness, and held places (forced changes) stay.
///
/// Only places that must change are freed: the person is unknown, out of the slot's group,
/// unavailable (rest across the edges included), named by a violation of check_plan that was not
/// forced, or over their cap (someone over it keeps their earliest duties). Every other place is
/// pinned and the freed ones are solved anew. When that cannot be solved, places of the slot groups
/// that have a freed place are released: those within min_rest_days + 1 days of a freed date, then
/// 3 and 7 times that, then all of them; places of other groups never move, unless even that
/// fails and everything is solved anew. Nothing to free: `current` comes back unchanged. Slots keep
/// their order (arrange_like), so a changed place is a changed person. Throws UnsatisfiableError,
/// with the solver's reasons, when no roster obeys the spec even with nothing kept.
ReplanResult replan(const Spec& spec, const Plan& current, const Around& around);

}  // namespace duty::roster
