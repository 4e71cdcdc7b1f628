// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/roster_render.hpp"
#include "cli/workspace.hpp"
#include "reports/publishing/workflow.hpp"
#include "reports/roster_record.hpp"
#include "roster/check.hpp"
#include "roster/plan.hpp"

namespace duty::cli {

/// Export options for a roster read from the store: --person/--bom checked as plan_export_options
/// does, each date's ICS SEQUENCE from the published record (roster_sequences) and UIDs named
/// after the office, so a re-published duty keeps its UID and a changed one bumps its SEQUENCE.
roster::ExportOptions published_export_options(const Context& ctx, Session& session, Format format,
                                               const PlanRenderFlags& flags,
                                               const roster::Spec& spec);

/// The office's roster spec (`roster:` in office.yaml), or `path` when given.
roster::Spec load_roster_spec(const Session& session, const std::string& path,
                              const roster::PeriodOverride& period);

/// The office's roster spec (`roster:` in office.yaml), or `path` when given, as the text the
/// publishing workflows parse for the dates they work on.
reports::SpecInForce spec_in_force(const Session& session, const std::string& path = "");

/// The changed places as a table (Date, Slot, Out, In, and a Note column when a recorded swap or
/// cover would be lost), or as JSON {"from","to","changed","shifts","changes":[{date,slot,out,in,
/// lost}]}; `out` and `in` are null for an empty place, `lost` null unless a swap or cover is lost.
/// The table's headers and notes are in the language of messages.
void write_place_changes(std::ostream& out, Format format, const reports::RosterStep& step);

/// Whether the file is a plan (it has shifts) rather than a roster spec (slots and people), decided
/// from the text without parsing it twice. read_regular_file: a FIFO or device is refused, not
/// waited on.
bool looks_like_plan(const std::string& path);

/// UsageError when --force comes without --reason, or the reason is not text.
void check_reason(bool force, const std::string& reason);

}  // namespace duty::cli
