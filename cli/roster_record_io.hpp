// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/roster_render.hpp"
#include "cli/workspace.hpp"
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

/// As load_roster_spec, for a command that writes the published roster (publish, replan, swap,
/// cover): InputError (exit 2, naming both values and both files) when the spec's timezone or
/// handover differs from office.yaml's, so no shift is published at other times than the office
/// reckons with.
roster::Spec load_publishing_spec(const Session& session, const std::string& path,
                                  const roster::PeriodOverride& period);

/// The published shifts as roster shifts (date, start, end, day type, holiday, assignments): what
/// was published before a period, for roster::mark_rest_after and roster::count_prior_duties.
std::vector<roster::Shift> shifts_from_record(const std::vector<reports::RosterShiftRecord>& rows);

/// The published shifts as a plan in the contract of roster build: the spec's zone and handover,
/// the people the record names (spec people first, with their current names and phones).
roster::Plan plan_from_record(const std::vector<reports::RosterShiftRecord>& rows,
                              const std::vector<reports::RosterPersonRecord>& people,
                              const roster::Spec& spec);

/// A plan's shifts as projection rows for publishing, with the spec's slot names.
std::vector<reports::RosterShiftRecord> records_from_plan(const roster::Plan& plan,
                                                          const roster::Spec& spec);

/// The spec's people as the record keeps them.
std::vector<reports::RosterPersonRecord> people_from_spec(const roster::Spec& spec);

/// Checks a swap or cover against the published roster and the spec's rules, inside the write
/// transaction that will record it: every date published, the slot and people known, each `out`
/// in the slot on that date. UsageError (nothing written) for any of those; otherwise the hard-rule
/// violations the change would add (roster::check_changes), checked over the spec's period when it
/// holds every date, else over the month either side (roster::change_period).
std::vector<roster::Violation> check_changes(reports::StoreTransaction& tx, const Session& session,
                                             const std::vector<reports::RosterChange>& changes);

/// The violations as indented lines, each starting with a newline, at most 20 of them.
std::string violation_lines(const std::vector<roster::Violation>& violations);

/// UsageError when --force comes without --reason, or the reason is not text.
void check_reason(bool force, const std::string& reason);

}  // namespace duty::cli
