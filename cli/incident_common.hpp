// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "cli/workspace.hpp"
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

/// Checks and converts the options; UsageError/FieldError naming the option on a bad value. The
/// category may be given by id or name (category_option), the severity in any form
/// parse_severity takes, and --occurred is a time that happened (ClockReading::kPast). --by is
/// kept as typed: resolve it with person_option once the store is open.
reports::IncidentFields to_fields(const FieldOptions& opt, const reports::Office& office, Seconds now);

/// Parses a TIME option value in the office's zone, relative times counting from `base` and a bare
/// clock time read as `reading` says (kPast for when something happened, kNext for a deadline);
/// UsageError naming the option and the accepted forms. nullopt when the value is empty (option not
/// given).
std::optional<Seconds> time_option(const std::string& option, const std::string& value,
                                   const reports::Office& office, Seconds base,
                                   ClockReading reading = ClockReading::kSameDay);

/// Parses the TIME ending a listed range (--to): a bare date takes in the whole day
/// (parse_range_end). UsageError as time_option; nullopt when the value is empty.
std::optional<Seconds> range_end_option(const std::string& option, const std::string& value,
                                        const reports::Office& office, Seconds now);

/// The category id `value` names (by id, Chinese name or English label) among the office's
/// categories; UsageError naming the option, with the likely categories, when it names none.
std::string category_option(const std::string& option, const std::string& value, const reports::Office& office);

/// The severity `value` names (I..IV, Ⅰ..Ⅳ, 1..4, 特别重大/重大/较大/一般, unknown/未定级);
/// UsageError naming the option, with a likely one, otherwise.
reports::Severity severity_option(const std::string& option, const std::string& value);

/// What to do with a name that is nobody in the published roster.
enum class UnknownPerson {
  kRefuse,  ///< exit 2 with the near names: the person must be one of the roster's (--by)
  kKeep,    ///< record it as typed, noting near names on stderr (a county leader, a unit)
};

/// The name to record for the person `typed` names: with a published roster in the store, the
/// person it names by id or name (roster::resolve_person: NFC, ambiguity, suggestions) printed by
/// their name; a name nobody in the roster has is refused or kept as `unknown` says. With no
/// published roster (or no store yet), the text as typed (trimmed). "" when `typed` is empty.
std::string person_option(const Context& ctx, const Session& session, const std::string& option,
                          const std::string& typed, UnknownPerson unknown);

/// The incident as JSON: its current state, requirements and (with `with_events`) its timeline.
void write_incident_json(JsonWriter& w, const reports::Incident& inc, const reports::Office& office,
                         bool with_events, Seconds now);

/// ISO 8601 with the office's offset, without seconds when they are zero (format_iso_minute).
std::string iso(const reports::Office& office, Seconds t);

/// Writes `key` with the time as ISO 8601 in the office's zone, or null when unset.
void write_time(JsonWriter& w, const char* key, const reports::Office& office,
                const std::optional<Seconds>& t);

/// Local "YYYY-MM-DD HH:MM" in the office's zone (":SS" after it when the seconds are not zero).
std::string local(const reports::Office& office, Seconds t);

/// The category's label in the office's language, or the id when unknown.
std::string category_label(const reports::Office& office, const std::string& id);

}  // namespace duty::cli
