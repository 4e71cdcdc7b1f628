// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/context_tree.hpp"
#include "reports/incident_log.hpp"

namespace duty::reports {

/// Event types of the call log (来电登记). They live in the same hash chain as incidents.
namespace event_type {
inline constexpr const char* kCall =
    "call";  ///< subject C-n; data: from, phone, unit, kind, summary
inline constexpr const char* kCallLink = "call-link";  ///< subject C-n; data: incident
}  // namespace event_type

/// What a call was about: 咨询, 通知 (from above), 报告 (a report that may or may not become an
/// incident), 其他.
enum class CallKind { kInquiry, kNotice, kReport, kOther };

inline constexpr CallKind kCallKinds[] = {CallKind::kInquiry, CallKind::kNotice, CallKind::kReport,
                                          CallKind::kOther};

/// "inquiry", "notice", "report", "other": the stored and JSON form.
std::string_view to_string(CallKind kind);

/// The kind from its English name or its Chinese label (咨询, 通知, 报告, 其他); nullopt otherwise.
std::optional<CallKind> parse_call_kind(std::string_view text);

/// Every name parse_call_kind accepts, for "did you mean".
std::vector<std::string> call_kind_names();

/// The kind as a record shows it: 咨询 ... in Chinese, inquiry ... in English.
std::string_view call_kind_label(CallKind kind, bool zh);

/// The most characters a caller's name or unit may hold.
inline constexpr std::size_t kMaxCallerCharacters = 200;

/// One logged call with what later happened to it.
struct Call {
  std::string id;  ///< C-n, never reused
  long long number = 0;
  Seconds at;         ///< when the call came in
  std::string from;   ///< the caller (来电人)
  std::string phone;  ///< as normalised by normalise_phone, or empty
  std::string unit;   ///< the caller's unit (来电单位), or empty
  CallKind kind = CallKind::kOther;
  std::string summary;  ///< what was said (电话内容)
  std::string by;       ///< who took it down (受话人/记录人)
  Seconds recorded_at;
  std::string incident;  ///< the incident it became, or empty
  std::optional<Seconds> linked_at;
  std::int64_t seq = 0;       ///< the call event's place in the chain
  std::int64_t last_seq = 0;  ///< the latest event about the call
};

/// A call to log; `kind` defaults to other (nothing is claimed that was not said), `at` to now.
struct NewCall {
  std::string from;
  std::string phone;
  std::string unit;
  std::string summary;
  std::optional<CallKind> kind;
  std::optional<Seconds> at;
};

/// A phone number as a duty room writes it: digits with spaces, '-', '+', parentheses, and 转 (or
/// '#') before an extension; full-width digits and brackets (from a Chinese input method) become
/// ASCII, outer spaces go. FieldError("phone") when it holds anything else, fewer than 3 or more
/// than 20 digits: "110", "0371-12345678转8001", "+86 138 0013 8000" pass.
std::string normalise_phone(std::string_view phone);

/// Checks a call without writing anything: FieldError naming the field (from, summary, phone,
/// unit, at) for an empty caller or summary, bad text (check_text), a phone that is not one, or a
/// time in the future.
void validate_new_call(const Office& office, const NewCall& call, const Actor& actor);

/// Logs a call with the next id C-n. FieldError as validate_new_call, nothing written.
Call add_call(Store& store, const Office& office, const NewCall& call, const Actor& actor);

/// Records that call `id` became `incident`, at `at` (default now; not in the future nor before the
/// call). FieldError("id") for an unknown call or incident, a call already linked (to the same
/// incident: "already linked"; to another: naming it); FieldError("at") for a bad time; nothing is
/// written then.
Call link_call(Store& store, const Office& office, const std::string& id,
               const std::string& incident, std::optional<Seconds> at, const Actor& actor);

/// The call from its events (chain order, the first a call event); events of other types leave it
/// as it is. StoreError when the first event is not a call or a link names no incident.
Call fold_call(const std::vector<Event>& events);

/// The call with this id; FieldError("id") when there is none.
Call load_call(Store& store, const std::string& id);

/// Filters for listing calls; unset members do not filter.
struct CallQuery {
  std::optional<Seconds> from;  ///< came in at or after
  std::optional<Seconds> to;    ///< came in at or before
  std::optional<CallKind> kind;
};

/// Calls matching the query, by time then id, each with its link. Read straight from the call
/// events through the store's (type, at) index: no projection table.
std::vector<Call> list_calls(Store& store, const CallQuery& query);

/// The calls of [from, to) as a record's context (docs/templates.md, `calls`): count, by_kind,
/// by_kind_text, linked, list; labels in the office's language. A link made after `to` is not
/// shown: the record states what was known at its moment.
ContextNode calls_context(Store& store, const Office& office, Seconds from, Seconds to);

}  // namespace duty::reports
