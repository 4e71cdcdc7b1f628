// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "reports/journal/event.hpp"

namespace duty::reports {

class Store;
class StoreTransaction;
struct Actor;

/// The people filling one slot of a published shift (ids, as the roster spec names them).
struct RosterSlotPeople {
  std::string slot;
  std::vector<std::string> people;
  bool operator==(const RosterSlotPeople&) const = default;
};

/// Part of a shift taken by someone else (代班 for some hours, `roster cover --from --to`): the
/// place stays `out`'s for the roster's rules (rest, max_duties, fairness) and in the assignments;
/// `who` names `in` from `from` until `to`.
struct PartialCover {
  std::string slot;
  std::string out;  ///< the person on duty, who keeps the place
  std::string in;   ///< who covers them
  Seconds from;     ///< within the shift's [start, end)
  Seconds to;       ///< after `from`, at most the shift's end
  std::string reason;
  bool operator==(const PartialCover&) const = default;
};

/// The projection row of one published shift: the fold of its roster events (publications, swaps,
/// cover), so queries never replay the log. The store keeps one row per date.
struct RosterShiftRecord {
  Days date;
  Seconds start;                              ///< handover on `date`
  Seconds end;                                ///< handover on the next date
  std::string day_type;                       ///< workday, weekend or holiday
  std::string holiday;                        ///< the holiday's name, "" when none
  std::vector<RosterSlotPeople> assignments;  ///< in the spec's slot order, swaps and cover applied
  /// Slot id -> the spec's slot name (带班领导) at publication, so queries need not read the spec.
  std::vector<std::pair<std::string, std::string>> slot_names;
  /// The partial covers of the shift, in the order recorded. A later change of the assignments
  /// (a publication, swap or full cover) keeps those whose `out` still holds a place in the slot
  /// and whose window lies within the shift, and drops the others.
  std::vector<PartialCover> partial_covers;
  int version = 0;  ///< how many publications included this date (1 after the first)
  /// How many times the assignments changed since the date was first published: publications that
  /// changed them, swaps and cover. 0 for a duty as first published; calendar exports use it as the
  /// event's SEQUENCE.
  int changes = 0;
  std::int64_t last_seq = 0;  ///< the event the row was last built from (checked by log verify)

  const std::vector<std::string>* people_in(std::string_view slot) const;
};

/// A person named by the published roster, with what `who` shows about them.
struct RosterPersonRecord {
  std::string id;
  std::string name;
  std::string phone;
  std::int64_t last_seq = 0;
};

/// Event types of the roster record. Subjects are "roster:YYYY-MM-DD" for shifts and
/// "person:ID" for people.
inline constexpr const char* kRosterPublished = "roster-published";
inline constexpr const char* kRosterSwap = "roster-swap";
inline constexpr const char* kRosterCover = "roster-cover";
inline constexpr const char* kRosterPerson = "roster-person";

/// "roster:YYYY-MM-DD".
std::string roster_subject(Days date);

/// "leader=dorje;officer=wang-lei,tashi": ids and slot names never contain '=', ';' or ','.
std::string encode_assignments(const std::vector<RosterSlotPeople>& assignments);
/// The inverse of encode_assignments.
std::vector<RosterSlotPeople> decode_assignments(std::string_view text);

/// Slot ids and names joined with the ASCII unit and record separators (names are free text, but
/// never hold control characters).
std::string encode_slot_names(const std::vector<std::pair<std::string, std::string>>& names);
/// The inverse of encode_slot_names.
std::vector<std::pair<std::string, std::string>> decode_slot_names(std::string_view text);

/// One line per cover, each the canonical JSON object of its fields (slot, out, in, from, to in
/// Unix seconds, reason): JSON escapes every control character, so no line holds a newline.
std::string encode_partial_covers(const std::vector<PartialCover>& covers);
/// The inverse of encode_partial_covers; StoreError when a line is not such an object.
std::vector<PartialCover> decode_partial_covers(std::string_view text);

/// A publication (or re-plan) of shifts: written as one roster-published event per shift, and a
/// roster-person event for every person whose name or phone is new.
struct PublishRequest {
  std::vector<RosterShiftRecord> shifts;  ///< version, changes and last_seq are ignored
  std::vector<RosterPersonRecord> people;
  std::string kind = "publish";  ///< publish or replan, recorded in each event
  std::string reason;            ///< recorded; required with `force`
  bool force = false;            ///< allows rewriting shifts that started before the actor's now
  /// Per date: recorded swaps and covers the publication kept (data `kept_swap`, `kept_cover`),
  /// and places whose rule breaks were forced with a reason (data `forced_places`), each as
  /// encode_assignments.
  std::map<Days, std::vector<RosterSlotPeople>> kept_swap;
  std::map<Days, std::vector<RosterSlotPeople>> kept_cover;
  std::map<Days, std::vector<RosterSlotPeople>> forced_places;
};

struct PublishResult {
  std::int64_t publication = 0;  ///< seq of the publication's first shift event: its id
  int number = 0;                ///< 1, 2, 3 ... per store: what people call the publication
  int added = 0;                 ///< dates published for the first time
  int changed = 0;               ///< dates whose assignments changed
  int unchanged = 0;             ///< dates published again as they were
  std::vector<Days> changed_dates;
};

/// How many publications (and re-plans) the store holds: each one's first roster-published event
/// carries no `publication` field.
int count_publications(StoreTransaction& tx);

/// Records a publication in the open transaction; its first event carries `number`. Shifts that have started by `actor.now` and whose
/// assignments would change are refused (FieldError naming them, nothing written) unless `force`.
PublishResult publish_roster(StoreTransaction& tx, const PublishRequest& request,
                             const Actor& actor);

/// One person replaced by another in one slot of one published shift.
struct RosterChange {
  Days date;
  std::string slot;
  std::string out;  ///< the person leaving the slot
  std::string in;   ///< the person taking it
};

/// Records a swap (two changes, kRosterSwap) or a cover (one change, kRosterCover), each with the
/// reason, whether it was forced, and the person it was changed for; updates the projection.
/// FieldError when a shift is not published or `out` is not in the slot.
void record_roster_change(StoreTransaction& tx, const char* type,
                          const std::vector<RosterChange>& changes, const std::string& reason,
                          bool force, const Actor& actor);

/// A cover of part of one published shift (kRosterCover with `from` and `to`).
struct PartialCoverRequest {
  Days date;
  PartialCover cover;
  bool force = false;  ///< recorded; the caller has set aside the rules it checked (see below)
};

/// Records a partial cover in the open transaction as a roster-cover event carrying `from` and
/// `to` (Unix seconds) besides slot, out, in and reason; the shift's assignments do not change.
/// UsageError (nothing written), whatever `force`, when the date is not published, `out` is not in
/// the slot that day, `in` is `out`, the window is empty or not within the shift's [start, end) or
/// is the whole shift (an ordinary cover, record_roster_change), or it overlaps a partial cover of
/// the same place or one `in` already gives elsewhere on the shift. The roster spec's rules for
/// `in` (known, in the slot's group, not on leave, not already on the shift) are the caller's to
/// check: this layer does not read the spec.
void record_partial_cover(StoreTransaction& tx, const PartialCoverRequest& request,
                          const Actor& actor);

/// The partial cover of `person`'s place in `slot` at `at`, if any.
const PartialCover* partial_cover_at(const RosterShiftRecord& shift, std::string_view slot,
                                     std::string_view person, Seconds at);

/// For each published date in [from, to], how many times its assignments changed since its first
/// publication (RosterShiftRecord::changes): the SEQUENCE of its calendar event.
std::map<Days, int> roster_sequences(Store& store, Days from, Days to);

}  // namespace duty::reports
