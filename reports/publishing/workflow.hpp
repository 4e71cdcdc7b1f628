// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/publishing/published.hpp"
#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::reports {

class Store;
struct Actor;
struct Office;

/// One place of the published roster that a step changes: on `date`, `out` leaves `slot` and `in`
/// takes it ("" for an empty place or a date published for the first time).
struct PlaceChange {
  Days date;
  std::string slot;
  std::string out;
  std::string in;
  /// "swap" or "cover" when the place `out` leaves was a recorded swap or cover (an agreement
  /// between people that this step undoes); "" otherwise.
  std::string lost;
};

/// What a publish, re-plan, swap or cover did, or would do (dry run, or refused for want of
/// --replace).
struct RosterStep {
  bool written = false;        ///< the step is recorded in the store
  bool needs_replace = false;  ///< publish would change published places; nothing written
  int publication = 0;         ///< 1, 2, 3 ... per office for publish and re-plan; else 0
  Days from;                   ///< the dates the step covers
  Days to;
  roster::Spec spec;  ///< the spec in force over [from, to]
  roster::Plan plan;  ///< [from, to] as published after the step
  /// Each changed place of a date already published, in date and slot order. A date published for
  /// the first time is not listed (see `added`) unless `dry_run` asked for it.
  std::vector<PlaceChange> changes;
  int added = 0;           ///< dates published for the first time
  int shifts_changed = 0;  ///< dates already published whose people changed
  int unchanged = 0;       ///< dates published again as they were (publish only)
  /// Rule breaks of the published roster the step recorded because --force allowed them.
  std::vector<roster::Violation> forced;
};

struct PublishRosterRequest {
  std::optional<Days> from;  ///< default: the spec's (or plan's) first date
  std::optional<Days> to;
  std::optional<roster::Plan> plan;  ///< publish this plan as it is, checked, instead of building
  bool replace = false;              ///< allow changing places already published (needs a reason)
  bool dry_run = false;              ///< work out the step, write nothing
  bool force = false;  ///< rewrite started shifts, or publish a plan that breaks rules
  std::string reason;
};

/// Publishes the roster for [from, to]: builds it from the spec (or takes the plan), around what is
/// published on either side (rest, max_duties and fairness count those duties), keeping every
/// recorded swap and cover on those dates as a pin unless it now breaks a rule (then it is lost,
/// and marked so). When dates of the range are already published and their places would change,
/// nothing is written and `needs_replace` is set unless `replace` (with a reason). The published
/// roster after the step obeys every hard rule of the spec over its own period and the range,
/// except rule breaks forced before or by a forced plan; a step that would add any other is
/// refused (a bug guard). Throws UsageError / InputError (bad request, spec not the office's
/// frame, started shifts without force), UnsatisfiableError (no roster exists); nothing written.
RosterStep publish_roster_range(Store& store, const Office& office, const SpecInForce& spec,
                                const PublishRosterRequest& request, const Actor& actor);

struct ReplanRosterRequest {
  Days from;               ///< first date to re-plan; earlier ones are kept
  std::optional<Days> to;  ///< default: the last published date
  bool dry_run = false;
  bool force = false;  ///< allow changing started shifts (needs a reason)
  std::string reason;
};

/// Re-plans [from, to] of the published roster after the spec changed, changing only places that
/// must change (roster::replan), keeping forced places and places of unaffected slot groups, and
/// writing only the dates whose people changed. Throws as publish_roster_range.
RosterStep replan_roster(Store& store, const Office& office, const SpecInForce& spec,
                         const ReplanRosterRequest& request, const Actor& actor);

struct SwapRequest {
  Days date_a;
  Days date_b;
  std::string slot;
  std::string person_a;  ///< id or name; on duty on date_a
  std::string person_b;  ///< id or name; on duty on date_b
  std::string reason;
  bool force = false;  ///< record it even when it breaks a rule (listed in `forced`)
};

/// 串班: person_a's place on date_a goes to person_b and person_b's on date_b to person_a.
/// UsageError (nothing written) for an unpublished date, unknown slot or person, a person not on
/// that duty, or a rule the swap would break without `force`.
RosterStep swap_duties(Store& store, const Office& office, const SpecInForce& spec,
                       const SwapRequest& request, const Actor& actor);

struct CoverRequest {
  Days date;
  std::string slot;
  std::string person;  ///< id or name; on duty and cannot serve
  std::string by;      ///< id or name; covers
  std::string reason;
  bool force = false;
};

/// 代班: `by` takes `person`'s place on `date` once. Refused as swap_duties.
RosterStep cover_duty(Store& store, const Office& office, const SpecInForce& spec,
                      const CoverRequest& request, const Actor& actor);

/// The roster published over [from, to] checked against the spec in force (its own period when
/// from/to are unset, within what is published): every violation, forced ones marked.
std::vector<PublishedViolation> check_published_roster(Store& store, const Office& office,
                                                       const SpecInForce& spec,
                                                       std::optional<Days> from,
                                                       std::optional<Days> to);

}  // namespace duty::reports
