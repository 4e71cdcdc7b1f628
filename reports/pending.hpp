// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.hpp"

namespace duty::reports {

/// Event types of the things carried across shifts. They live in the same hash chain as incidents.
namespace event_type {
inline constexpr const char* kNote = "note";  ///< subject "notes"; data: text
inline constexpr const char* kTodo = "todo";  ///< subject T-n; data: text, owner, due, incident
inline constexpr const char* kInstruction =
    "instruction";                            ///< subject P-n; data: incident, from, text, due
inline constexpr const char* kDone = "done";  ///< subject T-n or P-n; data: note
// "void" (incident.hpp) voids a pending item or an instruction too; data: reason.
}  // namespace event_type

/// A pending item (待办事项, id T-n) or a leader's instruction on an incident (领导批示, id P-n):
/// on every handover from when it is entered until it is reported done.
struct PendingItem {
  std::string id;
  bool instruction = false;
  std::string text;
  std::string owner;     ///< who is to do it (todo)
  std::string leader;    ///< who gave it (instruction)
  std::string incident;  ///< the incident it is about, or empty
  Seconds created_at;
  std::string created_by;
  std::optional<Seconds> due;
  std::optional<Seconds> done_at;
  std::string done_note;
  std::string done_by;
  bool voided = false;      ///< 作废: entered in error; on no list or record
  std::string void_reason;
  std::int64_t last_seq = 0;

  /// Entered by `at`, not yet done at `at` and not voided.
  bool open_at(Seconds at) const { return !voided && created_at <= at && (!done_at || *done_at > at); }
};

/// A free-form handover note (交接班备注) written at `at`. Its handle is `seq`, its event's place in
/// the log (`duty note void SEQ`); a voided note's void is an event of subject "note:SEQ".
struct Note {
  std::int64_t seq = 0;
  Seconds at;
  std::string by;
  std::string text;
};

}  // namespace duty::reports
