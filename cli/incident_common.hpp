// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "common/json_writer.hpp"
#include "reports/incident_log.hpp"

namespace duty::cli {

/// The incident fields as typed on the command line, before checking.
struct FieldOptions {
  std::string title, category, severity, occurred, location, source, by;
  std::string deaths, injured, seriously_injured, missing, trapped, loss;
  std::string actions, leaders_on_scene, note;
};

/// Adds --title, --category, --severity, --occurred, --location, --source, the figures, --loss,
/// --actions and --note (and --by when `with_by`) to a command.
void add_field_options(CLI::App& cmd, FieldOptions& opt, bool with_by);

/// Checks and converts the options; UsageError/FieldError naming the option on a bad value.
reports::IncidentFields to_fields(const FieldOptions& opt, const reports::Office& office, Seconds now);

/// Parses a TIME option value in the office's zone; UsageError naming the option and the accepted
/// forms. nullopt when the value is empty (option not given).
std::optional<Seconds> time_option(const std::string& option, const std::string& value,
                                   const reports::Office& office, Seconds now);

/// The incident as JSON: its current state, requirements and (with `with_events`) its timeline.
void write_incident_json(JsonWriter& w, const reports::Incident& inc, const reports::Office& office,
                         bool with_events, Seconds now);

/// ISO 8601 with the office's offset.
std::string iso(const reports::Office& office, Seconds t);

/// Writes `key` with the time as ISO 8601 in the office's zone, or null when unset.
void write_time(JsonWriter& w, const char* key, const reports::Office& office,
                const std::optional<Seconds>& t);

/// Local "YYYY-MM-DD HH:MM" in the office's zone.
std::string local(const reports::Office& office, Seconds t);

/// The category's label in the office's language, or the id when unknown.
std::string category_label(const reports::Office& office, const std::string& id);

}  // namespace duty::cli
