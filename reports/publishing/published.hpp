// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/yaml_source.hpp"
#include "reports/journal/event.hpp"
#include "reports/roster_record.hpp"
#include "roster/around.hpp"
#include "roster/check.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::reports {

struct Office;

/// The roster spec in force, as text: each workflow parses it for the dates it works on.
struct SpecInForce {
  YamlSource source;
  /// The spec over `period` (its own period when both are unset), checked against the office's
  /// zone and handover (InputError naming both files when they differ).
  roster::Spec load(const Office& office, const roster::PeriodOverride& period = {}) const;
  /// The spec's own period (`period:` in the file), when it has one.
  std::optional<std::pair<Days, Days>> own_period() const;
};

/// A place the record says was agreed (a swap or a cover, since the date's last publication or
/// kept by it) or forced (a plan published with --force); still held by its person.
struct RecordedPlace {
  roster::Place place;
  std::string kind;  ///< swap, cover or forced
  bool forced = false;
};

/// The published roster as the workflows see it.
struct PublishedRoster {
  std::vector<RosterShiftRecord> rows;  ///< every published date, in date order
  std::vector<RosterPersonRecord> people;
  std::vector<RecordedPlace> agreements;  ///< recorded places still held, in date order

  bool empty() const { return rows.empty(); }
  Days first() const { return rows.front().date; }
  Days last() const { return rows.back().date; }
  /// Places forced with --reason (their rule breaks are the user's decision), still held.
  std::vector<roster::Place> forced() const;
};

/// Reads the events of one subject (a store or an open transaction).
using EventsOf = std::function<std::vector<Event>(const std::string& subject)>;

/// The published roster: the projection rows, and the recorded places of the dates in
/// [from, to] read from each date's events.
PublishedRoster read_published(const std::vector<RosterShiftRecord>& rows,
                               std::vector<RosterPersonRecord> people, const EventsOf& events,
                               std::optional<Days> from = std::nullopt,
                               std::optional<Days> to = std::nullopt);

/// The published shifts as roster shifts (date, start, end, day type, holiday, assignments).
std::vector<roster::Shift> shifts_from_record(const std::vector<RosterShiftRecord>& rows);

/// The published shifts as a plan in the contract of roster build: the spec's zone and handover,
/// the people the record names (spec people first, with their current names and phones).
roster::Plan plan_from_record(const std::vector<RosterShiftRecord>& rows,
                              const std::vector<RosterPersonRecord>& people,
                              const roster::Spec& spec);

/// A plan's shifts as projection rows for publishing, with the spec's slot names.
std::vector<RosterShiftRecord> records_from_plan(const roster::Plan& plan,
                                                 const roster::Spec& spec);

/// The spec's people as the record keeps them.
std::vector<RosterPersonRecord> people_from_spec(const roster::Spec& spec);

/// A broken rule of the published roster, and whether the user forced it (--force --reason).
struct PublishedViolation {
  roster::Violation violation;
  bool forced = false;
};

/// Every hard rule of `spec` (its period is the window checked) the published roster breaks over
/// that window, counting the published duties on both sides for min_rest_days; dates nothing is
/// published for are not violations. Forced ones are marked.
std::vector<PublishedViolation> check_published(const roster::Spec& spec,
                                                const PublishedRoster& published);

/// The window a whole-roster check covers for a step on [from, to]: the spec's own period and
/// [from, to] together, within what is published after the step.
std::pair<Days, Days> check_window(const SpecInForce& spec, Days first, Days last, Days from,
                                   Days to);

}  // namespace duty::reports
