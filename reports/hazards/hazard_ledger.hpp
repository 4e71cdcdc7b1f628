// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/hazards/hazard_settings.hpp"
#include "reports/incident_log.hpp"

namespace duty::reports {

/// Event types of the hazard ledger (隐患台账). They live in the same hash chain as incidents;
/// the subject is the hazard's id H-n. Due dates are stored as dates (YYYY-MM-DD).
namespace event_type {
inline constexpr const char* kHazard = "hazard";                     ///< registered; at = found
inline constexpr const char* kHazardProgress = "hazard-progress";    ///< note
inline constexpr const char* kHazardExtend = "hazard-extend";        ///< to, reason, approved_by
inline constexpr const char* kHazardSubmit = "hazard-submit";        ///< note
inline constexpr const char* kHazardAccept = "hazard-accept";        ///< acceptor, unit, note
inline constexpr const char* kHazardReject = "hazard-reject";        ///< acceptor, reason
inline constexpr const char* kHazardSupervise = "hazard-supervise";  ///< level, unit, doc, due
inline constexpr const char* kHazardVoid = "hazard-void";            ///< reason
inline constexpr const char* kHazardReopen = "hazard-reopen";        ///< note, due
}  // namespace event_type

/// True for the event types above.
bool is_hazard_event(std::string_view type);

/// Order 16's two grades: 一般事故隐患 and 重大事故隐患.
enum class HazardGrade { kGeneral, kMajor };
/// How the hazard came to light.
enum class HazardSource { kSelfCheck, kInspection, kTipOff, kMeeting, kAssigned, kDrill, kOther };
/// Where a hazard stands: open → awaiting-acceptance → closed; void from any but closed.
enum class HazardStatus { kOpen, kAwaitingAcceptance, kClosed, kVoid };
/// Who listed it for supervision (挂牌督办).
enum class SupervisionLevel { kCounty, kPrefecture, kProvince };

std::string_view to_string(HazardGrade g);
std::string_view to_string(HazardSource s);
std::string_view to_string(HazardStatus s);
std::string_view to_string(SupervisionLevel l);
/// From the English name or a Chinese one (一般/重大, 自查/检查/举报/会议/交办/演练/其他,
/// 县级/市级/省级 ...); nullopt otherwise.
std::optional<HazardGrade> parse_hazard_grade(std::string_view text);
std::optional<HazardSource> parse_hazard_source(std::string_view text);
std::optional<HazardStatus> parse_hazard_status(std::string_view text);
std::optional<SupervisionLevel> parse_supervision_level(std::string_view text);
/// The label a record shows: 一般/重大, 自查 ..., 整改中/待验收/已销号/已撤销, 县级 ... in
/// Chinese; the English names otherwise.
std::string_view label(HazardGrade g, bool zh);
std::string_view label(HazardSource s, bool zh);
std::string_view label(HazardStatus s, bool zh);
std::string_view label(SupervisionLevel l, bool zh);

/// An extension of the deadline (延期); the original deadline is kept.
struct HazardExtension {
  Days to;
  std::string reason;
  std::string approved_by;
  Seconds at;
};

/// A listing for supervision (挂牌督办).
struct Supervision {
  SupervisionLevel level = SupervisionLevel::kCounty;
  std::string by;  ///< the supervising unit, which alone may accept a major hazard
  std::string doc;
  std::optional<Days> due;  ///< the supervision's own deadline, when the listing set one
  Seconds at;
};

/// One hazard as its events make it.
struct Hazard {
  std::string id;  ///< H-n, never reused
  long long number = 0;
  std::string title;
  std::string township;  ///< 属地
  std::string location;
  std::string category;
  HazardGrade grade = HazardGrade::kGeneral;
  HazardSource source = HazardSource::kOther;
  Seconds found;
  std::string found_by;
  std::string unit;   ///< the responsible unit (整改责任单位)
  std::string owner;  ///< the rectification owner (整改责任人)
  std::string owner_phone;
  std::string measures;
  std::string supervisor;  ///< the supervising department (监管部门), or empty
  std::string basis;       ///< the criteria clause that makes it major, or empty
  Days original_due;       ///< never overwritten
  Days due;                ///< in force: the last extension's, or a reopening's
  Seconds due_at;          ///< the end of `due` in the office's zone
  std::vector<HazardExtension> extensions;
  HazardStatus status = HazardStatus::kOpen;
  std::optional<Seconds> submitted_at;  ///< of the current round (cleared by reject, reopen)
  std::optional<Seconds> closed_at;
  std::string accepted_by;
  std::string accepted_unit;
  std::optional<bool> on_time;  ///< null while not closed
  std::optional<Supervision> supervision;
  std::optional<Seconds> voided_at;
  std::string void_reason;
  int reopened = 0;
  std::vector<Event> events;  ///< chain order

  /// Not closed or void and past its due in force at `at`.
  bool overdue(Seconds at) const;
};

/// The end of `day` in `zone`: the last second before the next local day begins.
Seconds end_of_day(const TimeZone& zone, Days day);

/// The hazard from its events in chain order, as it stood at `as_of` (events later than that are
/// left out; all when unset). StoreError when the first event is not a hazard event.
Hazard fold_hazard(const std::vector<Event>& events, const TimeZone& zone,
                   std::optional<Seconds> as_of = std::nullopt);

/// A hazard to register.
struct NewHazard {
  std::string title, township, location, category;
  std::optional<HazardGrade> grade;
  std::optional<HazardSource> source;
  std::optional<Seconds> found;
  std::string found_by, unit, owner, owner_phone, measures;
  std::optional<Days> due;
  std::string supervisor, basis;
};

/// Checks a new hazard without writing anything: FieldError naming the field for a missing one,
/// bad text, a township or unit the settings do not list (when they list any), a found time in
/// the future, a due date before the day it was found.
void validate_new_hazard(const Office& office, const HazardSettings& settings,
                         const NewHazard& hazard, const Actor& actor);

/// Every problem validate_new_hazard would find (it throws the first), field by field: an import
/// reports them all at once.
std::vector<FieldError> new_hazard_problems(const Office& office, const HazardSettings& settings,
                                            const NewHazard& hazard, const Actor& actor);

/// Registers a hazard with the next id H-n. FieldError as validate_new_hazard, nothing written.
Hazard add_hazard(Store& store, const Office& office, const HazardSettings& settings,
                  const NewHazard& hazard, const Actor& actor);

/// What happens to a hazard after it is registered; which members are read depends on `kind`.
struct HazardStep {
  enum class Kind { kProgress, kExtend, kSubmit, kAccept, kReject, kSupervise, kVoid, kReopen };
  Kind kind = Kind::kProgress;
  std::optional<Seconds> at;  ///< default now
  std::string note;           ///< progress, submit, accept, reopen
  std::string reason;         ///< extend, reject, void
  std::string person;         ///< extend: approved by; accept, reject: the acceptor
  std::string unit;           ///< accept: the acceptor's unit; supervise: the supervising unit
  std::optional<Days> date;   ///< extend: to; supervise: due; reopen: the new due
  SupervisionLevel level = SupervisionLevel::kCounty;  ///< supervise
  std::string doc;                                     ///< supervise
};

/// The id H-n that `text` names as people type it: "h-1", " H-01 ", a full-width "Ｈ－１"; `text`
/// trimmed when it is not of that shape (no hazard has that id then).
std::string hazard_id(std::string_view text);

/// Records `step` about hazard `id` in one transaction. FieldError (exit 2, nothing written) for
/// an unknown id, missing or bad text, a time in the future or before the hazard was found or
/// submitted, an extension not later than the due in force, and a step the status does not allow
/// (naming the status and what it allows). UnsatisfiableError (exit 3, nothing written) for an
/// acceptance the rules forbid: by the owner, by the responsible unit, or of a major hazard under
/// supervision by another unit than the supervising one; the reason names the rule.
Hazard record_hazard_step(Store& store, const Office& office, std::string_view id,
                          const HazardStep& step, const Actor& actor);

/// The hazard with this id (as hazard_id reads it), as of `as_of` (all events when unset);
/// FieldError("id") when there is none.
Hazard load_hazard(Store& store, const Office& office, std::string_view id,
                   std::optional<Seconds> as_of = std::nullopt);

/// Every hazard as of `as_of` (those found later are left out), in id order, read straight from
/// the hazard events (no projection table).
std::vector<Hazard> all_hazards(Store& store, const Office& office,
                                std::optional<Seconds> as_of = std::nullopt);

/// Filters for listing hazards; unset members do not filter.
struct HazardQuery {
  std::optional<HazardStatus> status;
  bool overdue_only = false;
  std::string township, unit;
  std::optional<HazardGrade> grade;
};

/// FieldError("township" or "unit") when the query names a township or unit that office.yaml's
/// list does not hold (as identity keys) and no hazard of `all` has: a typo must not read as "no
/// hazard there". Nothing is checked when the settings list none.
void check_query_names(const HazardQuery& query, const HazardSettings& settings,
                       const std::vector<Hazard>& all);

/// The hazards of `all` the query keeps, judged at `at`.
std::vector<Hazard> filter_hazards(const std::vector<Hazard>& all, const HazardQuery& query,
                                   Seconds at);

/// A hazard overdue or due soon.
struct DueHazard {
  const Hazard* hazard = nullptr;
  int days_late = 0;  ///< local calendar days after the due day (≤ 0 while due soon)
  bool overdue = false;
};

/// How late or how soon, as the records and `hazard overdue` say it: "超期3天", "今天到期",
/// "还剩2天" / "3 days overdue", "due today", "due in 2 days" (`days_late` as DueHazard's).
std::string hazard_due_text(int days_late, bool overdue, bool zh);

/// The hazards overdue at `at`, then (with `upcoming_days`) those due within that many days,
/// most late first.
std::vector<DueHazard> due_hazards(const std::vector<Hazard>& all, const TimeZone& zone, Seconds at,
                                   std::optional<int> upcoming_days);

}  // namespace duty::reports
