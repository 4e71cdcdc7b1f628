// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "roster/model.hpp"
#include "roster/plan.hpp"

namespace duty::roster {

/// One broken hard rule in a plan.
struct Violation {
  std::optional<Days> date;
  std::string slot;
  std::string person;
  std::string rule;     ///< short stable name: coverage, group, unavailable, rest, max_duties, pin, ...
  std::string message;  ///< the whole sentence, starting with the date and slot when there are
  std::optional<Days> other;  ///< rest: the date of the person's other duty
};

/// Every hard-rule violation in the plan against the spec, in date order: each slot filled with the
/// right number of known people from its group, nobody twice in a shift, nobody on an unavailable
/// date, min_rest_days, max_duties and the pins.
std::vector<Violation> check_plan(const Model& model, const Plan& plan);

/// The violations' messages as indented lines, each starting with a newline, at most 20 of them
/// and a count of the rest.
std::string violation_lines(const std::vector<Violation>& violations);

}  // namespace duty::roster
