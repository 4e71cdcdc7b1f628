// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/workspace.hpp"
#include "common/json_writer.hpp"
#include "reports/hazards/hazard_ledger.hpp"

namespace duty::cli {

/// The date a DATE option names: YYYY-MM-DD, or +Nd (N days after today in the office's zone);
/// nullopt when `value` is empty. FieldError naming the option otherwise; its message says a
/// deadline is the end of the day when `deadline`.
std::optional<Days> date_option(const char* field, const std::string& value,
                                const reports::Office& office, Seconds now, bool deadline = true);

/// The grade, source, status or level an option names in English or Chinese; nullopt when empty.
/// FieldError naming the option and the accepted names otherwise.
std::optional<reports::HazardGrade> grade_option(const std::string& value);
std::optional<reports::HazardSource> source_option(const std::string& value);
std::optional<reports::HazardStatus> hazard_status_option(const std::string& value);
std::optional<reports::SupervisionLevel> level_option(const std::string& value);

/// A hazard as JSON (docs/hazards.md): the fields, status, due (in force), original_due,
/// extensions, submitted_at, closed_at, on_time, supervision (or null), overdue at `at`, and with
/// `with_events` its events.
void write_hazard_json(JsonWriter& w, const reports::Hazard& h, const reports::Office& office,
                       Seconds at, bool with_events);

/// The status in the language of messages, with "overdue" after it when it is.
std::string status_text(const reports::Hazard& h, Seconds at);

/// Options of the commands that record a step about a hazard (progress ... reopen).
struct StepOptions {
  std::string id, at, note, reason, person, unit, date, level, doc;
};

/// Adds ID and --at to a step command.
void add_step_options(CLI::App& cmd, StepOptions& opt);

/// Records the step the options give and prints "H-n: <status>"; exit 2 or 3 as
/// record_hazard_step says, nothing written then.
void run_hazard_step(Context& ctx, const StepOptions& opt, reports::HazardStep::Kind kind);

}  // namespace duty::cli
