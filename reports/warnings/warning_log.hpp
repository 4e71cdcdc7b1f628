// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/incident_log.hpp"
#include "reports/warnings/warning_settings.hpp"

namespace duty::reports {

/// Event types of the warnings register (预警). They live in the same hash chain as incidents; the
/// subject is the warning's id W-n and `at` is when the office received the message.
namespace event_type {
/// data: type, level, issuer, area, issued, expires, headline, text, instruction, status, cap,
/// fire_rating
inline constexpr const char* kWarning = "warning";
/// data: any of level, expires_at (null: no expiry any more), area, text, headline, instruction,
/// fire_rating; cap
inline constexpr const char* kWarningUpdate = "warning-update";
/// data: note, cap
inline constexpr const char* kWarningLift = "warning-lift";
/// data: unit, person, via
inline constexpr const char* kWarningCall = "warning-call";
/// data: unit, by, note
inline constexpr const char* kWarningAnswer = "warning-answer";
/// data: reason. The entry was a mistake (entered twice, the wrong warning): it was never a
/// warning, at any moment; `at` is when it was voided.
inline constexpr const char* kWarningVoid = "warning-void";
}  // namespace event_type

/// The warnings' settings of an office (never null: the built-in catalogue when parse_office did
/// not set any).
const WarningSettings& warning_settings(const Office& office);

/// actual, exercise or test (CAP's status; Exercise and Test messages are kept apart on records).
enum class WarningStatus { kActual, kExercise, kTest };
std::string_view to_string(WarningStatus status);
std::optional<WarningStatus> parse_warning_status(std::string_view text);

/// Where a warning stands at a moment.
enum class WarningState { kNotYet, kInForce, kLifted, kExpired, kVoid };
std::string_view to_string(WarningState state);

/// The type id whose warnings may carry a fire-danger rating (森林草原火险等级).
inline constexpr const char* kFireDangerType = "fire-danger";

/// What one event did to the warning. kRenewed: an update received after the warning expired that
/// puts it in force again (续发); it wins over upgraded/downgraded.
enum class ChangeKind { kIssued, kUpgraded, kDowngraded, kUpdated, kLifted, kRenewed };
std::string_view to_string(ChangeKind kind);

/// One step of a warning's history.
struct WarningChange {
  ChangeKind kind = ChangeKind::kIssued;
  Seconds at;                                ///< when the office received it
  WarningLevel level = WarningLevel::kBlue;  ///< the level after it
  std::optional<Seconds> expires_at;         ///< the expiry after it
  std::optional<int> fire_rating;            ///< the fire-danger rating after it
  std::string note;
  std::string cap;  ///< the CAP identifier it came from, or empty
  std::string by;
  std::int64_t seq = 0;
};

/// A call made to a unit (叫应 attempt).
struct WarningCall {
  std::string unit, person, via;
  Seconds at;
  std::string by;
};

/// An answer received from a unit (叫应到位).
struct WarningAnswer {
  std::string unit, by, note;
  Seconds at;
};

/// A warning as its events say.
struct Warning {
  std::string id;  ///< W-n, never reused
  long long number = 0;
  std::string type;
  WarningLevel level = WarningLevel::kBlue;  ///< the current level (after every change)
  std::string issuer;
  std::vector<std::string> area;
  Seconds issued_at;
  Seconds received_at;
  std::optional<Seconds> expires_at;
  std::optional<Seconds> lifted_at;
  std::optional<Seconds> voided_at;  ///< voided as entered by mistake: never in force
  std::string void_reason;
  /// 森林草原火险等级 1–5 (fire-danger warnings only): a rating, not the warning's colour.
  std::optional<int> fire_rating;
  std::string headline, text, instruction;
  WarningStatus status = WarningStatus::kActual;
  std::string cap;  ///< the CAP identifier of the first message, or empty
  std::string by;
  std::vector<WarningChange> history;
  std::vector<WarningCall> calls;
  std::vector<WarningAnswer> answers;
  std::int64_t seq = 0;
  std::int64_t last_seq = 0;

  bool exercise() const { return status != WarningStatus::kActual; }
  /// Not voided, received by `t`, not lifted by `t`, and without expiry or expiring after `t`.
  bool in_force(Seconds t) const;
  WarningState state(Seconds t) const;
  /// The level at `t` (the level of the last change received by then; the first level before).
  WarningLevel level_at(Seconds t) const;
  /// The fire-danger rating at `t` (as level_at).
  std::optional<int> fire_rating_at(Seconds t) const;
  /// The expiry in force at `t`: the one the last change received by `t` set.
  std::optional<Seconds> expires_at_time(Seconds t) const;
  /// The moments the warning expired, up to `t`, in order: each expiry reached before the next
  /// change (a renewal) or the lift; an update received with an expiry already past expires it
  /// when received.
  std::vector<Seconds> expirations(Seconds t) const;
};

/// The fields of a new warning, as typed or read from a CAP message.
struct NewWarning {
  std::string type;   ///< id, Chinese or English name (find_warning_type)
  std::string level;  ///< any form parse_warning_level takes
  std::string issuer;
  std::vector<std::string> area;
  std::optional<Seconds> issued;
  std::optional<Seconds> received;
  std::optional<Seconds> expires;
  std::string headline, text, instruction;
  std::optional<WarningStatus> status;
  std::optional<int> fire_rating;  ///< 1–5, fire-danger warnings only
  std::string cap;
};

/// A change to a warning: 升级/降级/续发 (new level, expiry, area or text).
struct WarningUpdate {
  std::optional<std::string> level;
  std::optional<Seconds> expires;
  std::optional<std::vector<std::string>> area;
  std::optional<std::string> text, headline, instruction;
  std::optional<int> fire_rating;  ///< 1–5, fire-danger warnings only
  /// No expiry any more (a CAP Update without <expires> received after the warning expired).
  bool until_lifted = false;
  std::optional<Seconds> at;  ///< received; default now
  std::string cap;
};

/// The most characters an issuer, unit or area name may hold.
inline constexpr std::size_t kMaxWarningLineCharacters = 200;

/// Checks a new warning without writing: FieldError naming the field (type, level, issuer, area,
/// issued, received, expires, status, headline, text, instruction, rating) for an unknown type, a
/// level the type does not have, an empty issuer, a time in the future, issue after receipt,
/// expiry not after issue, or a fire-danger rating outside 1–5 or on another type. Returns the
/// warning's type id and level.
std::pair<std::string, WarningLevel> validate_new_warning(const Office& office, const NewWarning& w,
                                                          const Actor& actor);

/// Records a new warning with the next id W-n. FieldError as validate_new_warning.
Warning add_warning(Store& store, const Office& office, const NewWarning& w, const Actor& actor);
/// add_warning inside a transaction the caller holds (an import writes many in one).
Warning add_warning(StoreTransaction& tx, const Office& office, const NewWarning& w,
                    const Actor& actor);

/// Records an update of warning `id`. FieldError("id") for an unknown or lifted warning;
/// FieldError("level") for a level its type does not have; FieldError("rating") as for a new
/// warning; FieldError("at"/"expires") for bad times, and FieldError("expires") for an update
/// typed after the warning expired that does not renew it (an expiry after `at`); FieldError("id")
/// when the update changes nothing. Nothing written then. An update from CAP (`cap` set) received
/// after expiry is recorded even when it leaves the warning expired.
Warning update_warning(Store& store, const Office& office, const std::string& id,
                       const WarningUpdate& u, const Actor& actor);
Warning update_warning(StoreTransaction& tx, const Office& office, const std::string& id,
                       const WarningUpdate& u, const Actor& actor);

/// Voids warning `id` as entered by mistake (作废): it leaves every listing, record and 叫应
/// count, at every moment, and nothing more is recorded about it; the events stay in the log.
/// FieldError("id") for an unknown or already voided warning, FieldError("reason") when empty.
Warning void_warning(Store& store, const Office& office, const std::string& id,
                     const std::string& reason, const Actor& actor);

/// Records that warning `id` was lifted (解除) at `at` (default now). FieldError("id") when it is
/// unknown or already lifted; FieldError("at") for a time before its last change or in the future.
Warning lift_warning(Store& store, const Office& office, const std::string& id,
                     std::optional<Seconds> at, const std::string& note, const std::string& cap,
                     const Actor& actor);
Warning lift_warning(StoreTransaction& tx, const Office& office, const std::string& id,
                     std::optional<Seconds> at, const std::string& note, const std::string& cap,
                     const Actor& actor);

/// Records a call to `unit` about warning `id`. FieldError("unit") for a unit in no contact group;
/// FieldError("at") for a time before the warning was received or in the future; FieldError("via")
/// for a channel other than phone, sms, wechat or fax.
Warning record_call(Store& store, const Office& office, const std::string& id,
                    const std::string& unit, const std::string& person, const std::string& via,
                    std::optional<Seconds> at, const Actor& actor);

/// Records the answer of `unit` (叫应到位). FieldError("unit") when no round owes an answer from
/// the unit at that time, or the round was already answered; FieldError("by") when empty.
Warning record_answer(Store& store, const Office& office, const std::string& id,
                      const std::string& unit, const std::string& by, const std::string& note,
                      std::optional<Seconds> at, const Actor& actor);

/// The warning from its events (chain order, the first a warning event). StoreError when the
/// first is not a warning event.
Warning fold_warning(const std::vector<Event>& events);

/// The warning with this id; FieldError("id") when there is none.
Warning load_warning(Store& store, const std::string& id);

/// The warnings of these events (of any order and subjects), by received time then id; subjects
/// whose first event is not a warning event (received after a cut-off) are left out.
std::vector<Warning> fold_warnings(std::vector<Event> events);

/// Every warning, by received time then id, folded from the events received by `as_of` (all
/// when unset): a listing at a past moment shows what was known then.
std::vector<Warning> list_warnings(Store& store, std::optional<Seconds> as_of = std::nullopt);

/// The warning id whose events carry CAP identifier `cap`, or empty.
std::string find_by_cap(const std::vector<Warning>& warnings, const std::string& cap);

/// One unit's 叫应 round: owed from `start`, due by `due`.
struct Round {
  std::string unit;
  std::string person;  ///< from contacts
  std::string phone;
  Seconds start;
  Seconds due;
  std::optional<Seconds> ended;  ///< the warning was lifted or expired, or no rule applies any more
  std::optional<WarningAnswer> answer;
  int calls = 0;  ///< calls made to the unit in the round
  bool leader_in_room = false;

  /// Unanswered while owed and past due at `t`.
  bool late(Seconds t) const;
  /// Answered after the due time.
  bool answered_late() const { return answer && answer->at > due; }
};

/// The 叫应 rounds of a warning under the office's rules, in start order: every matching rule
/// applies, each unit's due is its strictest rule's; a change that makes a rule with a shorter
/// `within` apply to a unit starts a new round for it, and answers given before do not count for
/// it. A warning's expiry ends every open round at that moment; a renewal after it (续发) starts
/// new rounds from the renewal, and answers given before it do not count for them. Only events up
/// to `t` are considered.
std::vector<Round> rounds_of(const Warning& w, const WarningSettings& settings, Seconds t);

/// The latest round of each unit (a unit's current obligation).
std::vector<Round> current_rounds(const Warning& w, const WarningSettings& settings, Seconds t);

/// True when a rule with leader_in_room matches the warning's level at `t` and it is in force.
bool leader_in_room(const Warning& w, const WarningSettings& settings, Seconds t);

}  // namespace duty::reports
