// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <vector>

#include "roster/check.hpp"
#include "roster/model.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::roster {

/// One person in one slot of one shift.
struct Place {
  Days date;
  std::string slot;
  std::string person;
  auto operator<=>(const Place&) const = default;
};

/// One person replaced by another in one slot of one shift: a swap is two changes, a cover one; a
/// re-plan reports each place it changed as one.
struct Change {
  Days date;
  std::string slot;
  std::string out;  ///< the person leaving the place; "" when the place was empty
  std::string in;   ///< the person taking it; "" when the place is left empty
  bool operator==(const Change&) const = default;
};

/// What lies around a range being solved or re-planned inside a published roster: the spec's
/// period is the range; everything else published is `outside`.
struct Around {
  std::vector<Shift> outside;  ///< published shifts outside the range, any dates, any order
  /// The window max_duties counts over (the spec's own period, widened to hold the range); unset:
  /// the range itself. Outside duties in it use up each person's cap.
  std::optional<Days> cap_from;
  std::optional<Days> cap_to;
  /// Places inside the range kept as they are whatever the rules say (forced with --reason): the
  /// solver leaves them alone, and nobody else is put where they would break a rule with them.
  std::vector<Place> held;
};

/// The first and last dates of the fairness window of a range starting on `from`: its calendar
/// year (fairness_window: year), or the cap window (fairness_window: period).
std::pair<Days, Days> fairness_window(const Spec& spec, const Around& around);

/// Makes `spec` (its period is the range) obey what is around it: whoever serves just before the
/// range rests on its first days, and whoever serves just after it rests on its last days
/// (min_rest_days, both sides); the people of held places rest around them, except on days where
/// `spec.fixed` already pins them. Call before build_model.
void mark_rest_around(Spec& spec, const Around& around);

/// Sets what build_model cannot know: each person's cap less their outside duties in the cap
/// window and their held places (Model::person_cap), the held places (Model::taken), and the
/// outside duties of the fairness window as prior duties (add_prior_duties).
void count_around(Model& model, const Around& around);

/// Solves the spec's period with `keep` added to the spec's pins, around `around`: the plan obeys
/// every hard rule of the spec over the range and across its edges, the held places are merged
/// back in, and every slot keeps the order of `current` (people who stay keep their position).
/// Throws UnsatisfiableError as solve() does.
Plan solve_around(const Spec& spec, const Around& around, const std::vector<Place>& keep,
                  const Plan* current = nullptr);

/// Whether a violation is one the user forced (--force --reason): it names a place of `forced`,
/// or it is the cap of a person holding one, or a rest rule whose other duty is one.
bool is_forced(const Violation& v, const std::vector<Place>& forced);

/// `plan` with each slot's people ordered like the same slot of `current`: people in both keep
/// their position in `current`, newcomers take the freed positions in `plan`'s order.
Plan arrange_like(const Plan& current, Plan plan);

/// Every hard-rule violation of `plan` over the model's period (check_plan), plus min_rest_days
/// across the period's edges against the `outside` shifts. With `published_only`, dates the
/// plan has no shift for are not violations (a published roster with gaps).
std::vector<Violation> check_around(const Model& model, const Plan& plan,
                                    const std::vector<Shift>& outside, bool published_only);

/// Each place whose person differs between the plans, in the order of `after`'s shifts and slots;
/// within a slot, the people who left are paired with those who came in list order. Dates
/// `before` has no shift for are skipped unless `include_new`.
std::vector<Change> changed_places(const Plan& before, const Plan& after, bool include_new = true);

}  // namespace duty::roster
