// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <climits>
#include <string_view>
#include <vector>

#include "roster/spec.hpp"

namespace duty::roster {

/// The spec as dense indices for the solver, checker and fairness measures.
/// Days are 0..n_days-1 from spec.from; people, slots and groups follow the spec's order.
struct Model {
  struct PinAt {
    int day;
    int slot;
    int person;
    const Pin* pin;
  };

  const Spec* spec = nullptr;
  int n_days = 0;
  int n_people = 0;
  int n_slots = 0;
  int n_groups = 0;
  std::vector<Days> dates;
  std::vector<DayType> types;
  std::vector<std::string> groups;
  std::vector<int> slot_group;
  std::vector<int> slot_count;
  std::vector<std::vector<int>> members;  ///< group -> people in it
  std::vector<char> member_of;            ///< person * n_groups + group
  std::vector<char> avail;                ///< person * n_days + day
  int rest = 0;
  int cap = INT_MAX;
  std::vector<PinAt> pins;  ///< pins inside the period
  /// Duties already served in the fairness window before the period (the published record), per
  /// person * n_groups + group and measure (all, holiday, weekend); empty when there are none.
  /// Set by add_prior_duties (fairness.hpp); compute_bounds then measures fairness over the window.
  std::vector<std::array<int, 3>> prior;
  std::array<int, 3> prior_days{};  ///< days of each measure in the window before the period

  /// Per person: the most duties the solver may give them over the period, when it differs from
  /// `cap` (max_duties less the duties they already hold outside the solver's places: published
  /// days around a published range, forced places). Empty: `cap` for everyone.
  std::vector<int> person_cap;
  /// Per day * n_slots + slot: places of that slot on that day held outside the solver (a forced
  /// cover a re-plan must leave alone); the solver fills slot_count - taken of them and never
  /// names those places. Empty: none.
  std::vector<int> taken;

  int cap_of(int person) const {
    return person_cap.empty() ? cap : person_cap[static_cast<std::size_t>(person)];
  }
  /// The places of slot `slot` the solver fills on day `day`.
  int places_of(int day, int slot) const {
    return slot_count[static_cast<std::size_t>(slot)] -
           (taken.empty() ? 0 : taken[static_cast<std::size_t>(day * n_slots + slot)]);
  }
  bool is_member(int person, int group) const {
    return member_of[static_cast<std::size_t>(person * n_groups + group)] != 0;
  }
  /// person * n_days + day: 1 when the person is off that day only for the rest rule next to a
  /// duty outside the period (Person::resting), not on leave; empty when nobody is.
  std::vector<char> resting;
  bool is_resting(int person, int day) const {
    return !resting.empty() && resting[static_cast<std::size_t>(person * n_days + day)] != 0;
  }
  bool is_available(int person, int day) const {
    return avail[static_cast<std::size_t>(person * n_days + day)] != 0;
  }
  /// -1 when the date is outside the period.
  int day_index(Days d) const;
  int person_index(std::string_view id) const;
  int slot_index(std::string_view id) const;
  int group_index(std::string_view name) const;
  const Person& person(int p) const { return spec->people[static_cast<std::size_t>(p)]; }
  const Slot& slot(int s) const { return spec->slots[static_cast<std::size_t>(s)]; }
};

Model build_model(const Spec& spec);

}  // namespace duty::roster
