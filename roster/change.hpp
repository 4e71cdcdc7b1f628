// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "roster/check.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::roster {

/// One person replaced by another in one slot of one shift: a swap is two changes, a cover one; a
/// re-plan reports each place it changed as one.
struct Change {
  Days date;
  std::string slot;
  std::string out;  ///< the person leaving the place; "" when the place was empty
  std::string in;   ///< the person taking it; "" when the place is left empty
  bool operator==(const Change&) const = default;
};

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

/// Re-solves the spec's period (a date D to the end of the published roster) after the spec changed
/// (new leave, people, rules), changing as few places of `current` (the published roster for that
/// period) as it can. `prior` is what was published before D: the rest rule carries across D
/// (mark_rest_after) and duties in the fairness window count (count_prior_duties).
///
/// Every place of `current` whose person is known, in the slot's group, available (the rest after
/// `prior` included) and named by no violation of check_plan (rest, twice in a shift) is pinned,
/// and only the other places are solved anew by the spec's strategy; someone over max_duties keeps
/// their earliest duties up to the cap. When that cannot be solved (e.g. a new pin, or the rest
/// rule leaves nobody for a freed place), the places within min_rest_days + 1 days of a date with
/// a freed place or a broken rule are released, then 3 and 7 times that, then all of them. Throws
/// UnsatisfiableError, with the solver's reasons, when no roster obeys the spec even with nothing
/// kept.
ReplanResult replan(Spec spec, const Plan& current, const std::vector<Shift>& prior);

}  // namespace duty::roster
