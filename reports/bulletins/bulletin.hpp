// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/context_tree.hpp"
#include "reports/incident.hpp"
#include "reports/journal/store.hpp"
#include "reports/office.hpp"

namespace duty::reports {

/// The reports on one incident: 首报 (initial), 续报N (follow-up N), 终报 (final), and 补报
/// (supplement) after the final report. Corrections (更正) are not reports and are not numbered.
enum class BulletinKind { kInitial, kFollowup, kFinal, kSupplement };
std::string_view to_string(BulletinKind k);
std::optional<BulletinKind> parse_bulletin_kind(std::string_view text);

/// "一" ... "九十九": the Chinese numeral used in 续报一、续报二 ... (digits above 99).
std::string chinese_number(int n);

/// One person on a published shift.
struct DutyPerson {
  std::string name;
  std::string phone;
};

/// Part of a duty covered by someone else (代班 for some hours), with the times.
struct DutyCover {
  DutyPerson out;  ///< the person on duty, one of the slot's people
  DutyPerson in;   ///< who covers them
  Seconds from;
  Seconds to;
};

/// A slot of a published shift (带班领导, 值班员) and who fills it.
struct DutySlot {
  std::string name;
  std::vector<DutyPerson> people;
  std::vector<DutyCover> covers;  ///< partial covers of its people, in time order
};

/// A published shift, as the roster says; the CLI fills it from the published roster.
struct DutyShift {
  Seconds start;
  Seconds end;
  std::vector<DutySlot> slots;
};

/// What to render about one incident; unset members take their defaults.
struct BulletinRequest {
  std::string id;
  std::optional<BulletinKind> kind;  ///< default: the latest report in the log (the latest
                                     ///< supplement, else final if closed, else the latest
                                     ///< follow-up, else the initial report)
  std::optional<int> number;         ///< follow-up or supplement number; default the latest
  std::optional<std::string> to;     ///< organisation id from the chain; default the nearest level
};

/// A bulletin's context and what it was built from.
struct Bulletin {
  BulletinKind kind = BulletinKind::kInitial;
  int number = 0;
  std::string to;  ///< organisation id addressed
  Incident incident;
  ContextNode context;
};

/// The published shift containing an instant, or nullopt when none is published (the CLI reads it
/// from the published roster).
using ShiftAt = std::function<std::optional<DutyShift>(Seconds)>;

/// Builds the context of the initial, follow-up or final report on an incident (docs/templates.md).
/// The 签发人 (`report.signer`) is the leader on duty when the report was made (`on_duty_at`, the
/// first slot of a shift of several), else office.yaml's signer. FieldError("id") for an unknown
/// incident, FieldError("kind"/"number"/"to") when the report asked for does not exist (a final
/// report of an open incident, follow-up 3 of an incident with 2) or the organisation is not in
/// the chain.
Bulletin build_bulletin(Store& store, const Office& office, const BulletinRequest& request,
                        Seconds now, const ShiftAt& on_duty_at = {});

/// The first and last instant of the duty day `date`: from its handover to the next day's.
std::pair<Seconds, Seconds> duty_day(const Office& office, Days date);

/// The date of the duty day containing `t`.
Days duty_date(const Office& office, Seconds t);

/// The shift change (handover) at or before `t`.
Seconds handover_before(const Office& office, Seconds t);

/// Builds the daily duty bulletin (值班日报) of duty day `date`: every incident received that day
/// with its reports, leaders' instructions, counts and, when nothing happened, the nil report.
/// `on_duty` is the published shift, if any; its leader on duty signs (else office.yaml's signer).
/// FieldError("date") for a day not yet begun.
ContextNode build_daily(Store& store, const Office& office, Days date,
                        const std::optional<DutyShift>& on_duty, Seconds now);

/// Builds the handover record (交接班记录) for the shift change at `at`: incidents received during
/// the outgoing shift, incidents still open with their next report due, reports due within 24 hours
/// of the handover or overdue, pending items and instructions not yet done, and the outgoing
/// shift's notes. The record holds the facts up to min(at, now) and says so (`handover.as_of`):
/// printed before the handover it is being prepared (`handover.preparing`), after it it is final
/// and the same whenever printed again. check_handover_moment (shift_change.hpp) vets `at`.
ContextNode build_handover(Store& store, const Office& office, Seconds at,
                           const std::optional<DutyShift>& outgoing,
                           const std::optional<DutyShift>& incoming, Seconds now);

/// A rendered record with its log check line (the context's `log_check.line`, 日志校验：第N条
/// HASH12): returned as it is when the template printed the line, else with the line added at the
/// end (in HTML before </body>), so an office's own template cannot leave it out.
std::string with_log_check(std::string rendered, const ContextNode& context, bool html);

}  // namespace duty::reports
