// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/json_writer.hpp"
#include "reports/incident.hpp"

namespace duty::cli {

/// A corrected field as people call it, in the language of messages ("deaths", 死亡).
std::string correction_field_label(const std::string& field);

/// "deaths: 2 → 3": one change of a correction, values as people read them (local times,
/// category labels, "(none)" for nothing).
std::string correction_change_text(const reports::Office& office,
                                   const reports::FieldChange& change);

/// "the report to 州应急管理局 (phone) made at ... is now late by N min": a report a correction
/// made late.
std::string made_late_text(const reports::Office& office, const reports::Requirement& r);

/// Writes `corrections` as an array of {at, by, reason, changes: [{field, old, new}]}, times in
/// ISO 8601, figures as numbers.
void write_corrections_json(JsonWriter& w, const reports::Office& office,
                            const std::vector<reports::Correction>& corrections);

}  // namespace duty::cli
