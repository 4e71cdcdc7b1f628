// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/output.hpp"
#include "roster/export.hpp"
#include "roster/people.hpp"
#include "roster/plan.hpp"

namespace duty::cli {

/// Every format a roster can be written in: the plan contract (json, yaml), a table, and the
/// exports of docs/exports.md (ics, html, csv, md).
inline const std::vector<Format> kPlanFormats{Format::kTable, Format::kJson, Format::kYaml,
                                              Format::kIcs,   Format::kHtml, Format::kCsv,
                                              Format::kMd};

/// The --format help text of a command that writes a roster.
inline constexpr const char* kPlanFormatHelp =
    "table, json, yaml, ics (calendar), html (printable wall roster), csv or md (default: by -o's "
    "extension "
    ".json .yaml .ics .html .csv .md, else table on a terminal and json otherwise)";

/// Options of every command that writes a roster, besides --format and -o.
struct PlanRenderFlags {
  std::string person;  ///< --person ID or name
  bool bom = false;    ///< --bom
  /// Not an option: people only the published record still names (who left the spec), which
  /// --person also accepts; a command showing the published roster fills it in.
  std::vector<roster::PersonName> recorded;
};

/// Adds --person ID and --bom to a command that writes a roster.
void add_plan_render_options(CLI::App& cmd, PlanRenderFlags& flags);

/// Export options from the flags, checked before any work is done: UsageError naming --bom when
/// it comes with a format other than csv, --person with json or yaml (the plan contract is always
/// the whole roster) or a person who is neither in the spec nor in `flags.recorded`. --person may
/// name the person by id or by name (roster::resolve_person); `options.person` is their id.
/// `sequence` gives ICS SEQUENCE per date.
roster::ExportOptions plan_export_options(const Context& ctx, Format format,
                                          const PlanRenderFlags& flags, const roster::Spec& spec,
                                          std::function<int(Days)> sequence = {});

/// Writes a plan in the chosen format: the JSON or YAML plan contract, a table with one line per
/// shift (date, weekday, day type, then each slot's names) in the spec's locale, or an export
/// (ics, html, csv, md). `options.person` keeps the shifts that person serves in; an unset
/// `options.now` is read from the clock. FieldError("person") for an unknown person.
void render_plan(std::ostream& out, Format format, const roster::Spec& spec,
                 const roster::Plan& plan, const roster::ExportOptions& options = {});

}  // namespace duty::cli
