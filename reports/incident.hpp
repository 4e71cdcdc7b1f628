// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "reports/journal/event.hpp"
#include "reports/office.hpp"
#include "reports/severity.hpp"

namespace duty::reports {

/// Event types of the incident log.
namespace event_type {
inline constexpr const char* kCreated = "created";
inline constexpr const char* kUpdate = "update";
inline constexpr const char* kEscalation = "escalation";
inline constexpr const char* kClosed = "closed";
/// A correction (更正) of recorded facts: never a follow-up (docs/incident-log.md, "Corrections").
inline constexpr const char* kCorrection = "correction";
/// A supplementary report (补报) after the final report, within the legal window.
inline constexpr const char* kSupplement = "supplement";
/// The entry was made in error (作废): it stays in the log and leaves lists, counts and records.
/// Subject: the incident, pending item or instruction, or "note:SEQ" for a handover note.
inline constexpr const char* kVoid = "void";
}  // namespace event_type

/// A report the rules require: one organisation, one channel, a deadline.
struct Requirement {
  std::string to;
  Channel via = Channel::kPhone;
  Seconds arose_at;  ///< when the office learned the facts that made a rule apply
  Seconds due;       ///< the earliest deadline of the rules demanding this pair
  std::string basis;
  std::optional<Seconds> made_at;  ///< when the first matching escalation was made
  std::int64_t made_seq = 0;

  /// Whole minutes after the deadline the report was made (0 when on time or not made).
  long minutes_late() const;
  /// Whole minutes past the deadline at `at` when not made by then (0 otherwise).
  long minutes_overdue(Seconds at) const;
};

/// One fact a correction changed, as payload values (times in Unix seconds; null when unset).
struct FieldChange {
  std::string field;  ///< payload key: received_at, occurred_at, category, deaths ...
  Value old_value;
  Value new_value;
};

/// A correction (更正) as the fold read it from its event.
struct Correction {
  std::int64_t seq = 0;
  Seconds at;
  std::string by;
  std::string reason;
  std::vector<FieldChange> changes;
};

/// A correction event's payload holds the new values under the fields' keys and the values they
/// replaced under this prefix ("old.deaths"), with the reason under "reason".
inline constexpr std::string_view kOldPrefix = "old.";

/// The correction an event of type correction records.
Correction read_correction(const Event& e);

/// An incident: the fold of its events.
struct Incident {
  std::string id;  ///< YYYY-NNNN, never reused
  std::string title;
  std::string category;
  std::string location;
  std::string source;  ///< who reported it: name, unit, phone
  std::string received_by;
  std::string description;
  std::string actions;  ///< measures taken
  std::string leaders_on_scene;  ///< leaders at the scene (领导到位情况)
  Severity stated = Severity::kUnknown;
  Severity graded = Severity::kIV;
  std::optional<Seconds> occurred_at;
  Seconds received_at;
  Seconds recorded_at;
  Casualties casualties;
  double loss = 0;  ///< direct economic loss, 万元
  bool loss_known = false;        ///< a loss was entered (0 included), not merely left unset
  bool casualties_known = false;  ///< some casualty figure was entered (zeros included)
  std::string next_steps;         ///< 下一步工作 of the final report (close --next-steps)
  bool closed = false;
  std::optional<Seconds> closed_at;
  int followups = 0;  ///< 续报 made so far
  int supplements = 0;  ///< 补报 made after the final report
  bool voided = false;  ///< 作废: entered in error; left out of lists, counts and records
  std::optional<Seconds> voided_at;
  std::string voided_by;
  std::string void_reason;
  std::vector<Correction> corrections;  ///< in chain order
  std::int64_t last_seq = 0;
  std::vector<Requirement> requirements;
  std::vector<Event> events;  ///< the timeline, in chain order

  /// The graver of the stated and the graded severity, so figures are never under-graded.
  Severity severity() const { return graver(stated, graded); }
};

/// True when every condition of the rule's match holds on the incident's current state.
bool rule_matches(const RuleMatch& m, const Incident& incident);

/// Folds an incident's events (created first) into its state, evaluating the office's escalation
/// rules in force when each fact was learned (Office::rules_at) after each change: a rule's deadline runs from the event that made it apply; several
/// rules demanding one organisation and channel keep the earliest deadline; the first escalation
/// to that pair satisfies it, late or not. A correction applies its values at its time like a
/// follow-up without counting one, except received_at, which moves the initial report itself (and
/// so every deadline that runs from it); a supplement applies its figures; a void ends the
/// incident's obligations (no requirements). Throws StoreError on a malformed event history.
Incident fold_incident(const std::vector<Event>& events, const Office& office);

/// A casualty figure as typed (an option, an import cell): a whole number from 0 to kMaxPeople;
/// nullopt with `problem` set ("'1e9' is not a whole number", "cannot be negative (got -1)",
/// "'2000000' is too large; the most accepted is 1000000") otherwise.
std::optional<int> parse_people(std::string_view text, std::string& problem);

/// A direct loss in 万元 as typed: a finite number from 0 to kMaxLoss; as parse_people otherwise.
std::optional<double> parse_loss(std::string_view text, std::string& problem);

/// Fields of the incident model that `add`, `update` and `close` may set, as event payload keys.
inline constexpr const char* kFigureKeys[] = {"deaths", "injured", "seriously_injured", "missing", "trapped"};

/// Builds the payload keys shared by created/update/closed events into an Incident (applies only
/// keys present). Used by the fold and by validation before writing.
void apply_fields(Incident& incident, const Fields& fields);

}  // namespace duty::reports
