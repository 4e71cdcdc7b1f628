// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/yaml_source.hpp"
#include "reports/office.hpp"

namespace duty::reports {

/// office.yaml's `hazards:` section (docs/hazards.md): the townships and units a hazard may
/// name, and how many days ahead `duty hazard overdue --upcoming` looks by default.
struct HazardSettings {
  std::vector<std::string> townships;  ///< empty: any township is taken as typed
  std::vector<std::string> units;      ///< empty: any unit is taken as typed
  int upcoming_days = 3;
};

/// The `hazards:` section of the parsed document; defaults when there is none. InputError with
/// file:line:column of every problem.
HazardSettings parse_hazard_settings(const YamlSource& source);

/// The `hazards:` section of the office's office.yaml (read again: the section is the hazard
/// ledger's own); defaults when the office has no file (unit tests).
HazardSettings load_hazard_settings(const Office& office);

}  // namespace duty::reports
