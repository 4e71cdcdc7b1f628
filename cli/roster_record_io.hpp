// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/roster_render.hpp"
#include "cli/workspace.hpp"
#include "reports/roster_record.hpp"
#include "roster/check.hpp"
#include "roster/model.hpp"
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

/// Prepares a spec for building the period [spec.from, spec.to] after what is already published:
/// counts the published duties of the fairness window before the period into the model
/// (add_prior_duties), and marks everyone unavailable on the days their last published duty before
/// the period leaves them resting (min_rest_days across the boundary). Call `prepare_spec` before
/// build_model and `add_prior` after.
void prepare_spec(roster::Spec& spec, const std::vector<reports::RosterShiftRecord>& before);
void add_prior(roster::Model& model, const std::vector<reports::RosterShiftRecord>& before);

/// The first date of the fairness window for a period starting on `from`.
Days fairness_window_start(const roster::Spec& spec, Days from);

/// Hard-rule violations that `after` has and `before` has not (checked against `model`).
std::vector<roster::Violation> new_violations(const roster::Model& model,
                                              const roster::Plan& before,
                                              const roster::Plan& after);

/// Checks a swap or cover against the published roster and the spec's rules, inside the write
/// transaction that will record it: every date published, the slot and people known, each `out`
/// in the slot on that date. UsageError (nothing written) for any of those; otherwise the hard-rule
/// violations the change would add (availability, rest, groups, caps, pins, twice in a shift),
/// checked over the spec's period when it holds every date, else over the month either side.
std::vector<roster::Violation> check_changes(reports::StoreTransaction& tx, const Session& session,
                                             const std::vector<reports::RosterChange>& changes);

/// The violations as indented lines, each starting with a newline, at most 20 of them.
std::string violation_lines(const std::vector<roster::Violation>& violations);

/// UsageError when --force comes without --reason, or the reason is not text.
void check_reason(bool force, const std::string& reason);

}  // namespace duty::cli
