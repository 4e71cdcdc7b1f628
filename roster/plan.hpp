// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "roster/spec.hpp"

namespace duty::roster {

/// The people filling one slot of one shift.
struct Assignment {
  std::string slot;
  std::vector<std::string> people;
};

/// One 24-hour shift: from the handover on `date` to the handover on the next date.
struct Shift {
  Days date;
  Seconds start;
  Seconds end;
  DayType day_type = DayType::kWorkday;
  std::string holiday_name;
  std::vector<Assignment> assignments;  ///< in the spec's slot order
  SourcePos pos;                        ///< where the shift was read from, when parsed

  /// People in the slot, or nullptr when the shift has no such slot.
  const std::vector<std::string>* people_in(std::string_view slot) const;
};

struct PlanPerson {
  std::string id;
  std::string name;
  std::string phone;
};

/// A roster: the plan contract shared by build, show, check and publish (docs/plan-format.md).
struct Plan {
  std::string timezone;
  std::optional<std::chrono::minutes> handover;  ///< absent when a hand-written plan omits it
  Days from;
  Days to;
  std::vector<Shift> shifts;
  std::vector<PlanPerson> people;
  SourcePos pos;
};

/// The shift for `day` with its start, end and day type from the spec, and no assignments.
Shift make_shift(const Spec& spec, Days day);

/// A plan frame for the spec's period: every shift, the spec's people, no assignments yet.
Plan make_empty_plan(const Spec& spec);

/// Writes the plan contract as JSON (`indent` 0 = compact).
void write_plan_json(std::ostream& out, const Plan& plan, const TimeZone& zone, int indent = 2);

/// Writes the same structure as YAML.
void write_plan_yaml(std::ostream& out, const Plan& plan, const TimeZone& zone);

/// Reads a plan written as JSON or YAML; throws InputError naming file:line:column of every problem.
Plan parse_plan(const YamlSource& source);

/// Reads a plan file (see parse_plan).
Plan load_plan(const std::string& path);

}  // namespace duty::roster
