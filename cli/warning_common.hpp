// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/json_writer.hpp"
#include "reports/warnings/warning_log.hpp"

namespace duty::cli {

/// The areas of --area (given once or more): names separated by commas (, ， or 、), trimmed; empty
/// ones dropped.
std::vector<std::string> area_option(const std::vector<std::string>& values);

/// The status of --status (actual, exercise, test); nullopt when empty. FieldError("status")
/// otherwise.
std::optional<reports::WarningStatus> warning_status_option(const std::string& value);

/// The fire-danger rating of --rating: 1 to 5 (a 级 after it is allowed); nullopt when empty.
/// FieldError("rating") otherwise. Whether the warning's type takes one is checked by the library.
std::optional<int> fire_rating_option(const std::string& value);

/// A warning as JSON: id, type, type_name, level, issuer, area, issued_at, received_at, expires_at,
/// lifted_at, status (in-force, lifted, expired at `at`), exercise, cap_status (actual, exercise,
/// test), fire_rating (or null), headline, text, instruction, cap, by; with `details` also
/// history, calls and response (its 叫应 rounds).
void write_warning_json(JsonWriter& w, const reports::Warning& warning,
                        const reports::Office& office, Seconds at, bool details);

/// 暴雨 (rainstorm) in the language of messages: the type's name, the id when unknown.
std::string type_label(const reports::Office& office, const std::string& type);

/// 暴雨红色预警 / "rainstorm red warning", in the language of messages.
std::string warning_title(const reports::Office& office, const reports::Warning& w,
                          reports::WarningLevel level);

/// issued, upgraded, downgraded, updated, lifted in the language of messages.
std::string change_label(reports::ChangeKind kind);

/// in force, lifted, expired in the language of messages.
std::string state_label(reports::WarningState state);

}  // namespace duty::cli
