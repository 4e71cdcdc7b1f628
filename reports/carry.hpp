// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/incident_log.hpp"
#include "reports/pending.hpp"

namespace duty::reports {

/// Records a handover note at `at` (default now; never in the future). FieldError("text") for
/// empty or bad text.
Note add_note(Store& store, const Office& office, const std::string& text,
              std::optional<Seconds> at, const Actor& actor);

/// A new pending item (待办事项).
struct NewTodo {
  std::string text;
  std::string owner;
  std::optional<Seconds> due;
  std::string incident;       ///< optional; must exist when given
  std::optional<Seconds> at;  ///< when it was entered (default now; never in the future)
};

/// Records a pending item with the next id T-n. FieldError naming the field for empty text or an
/// unknown incident.
PendingItem add_todo(Store& store, const Office& office, const NewTodo& todo,
                     const Actor& actor);

/// Records a leader's instruction (领导批示) on an incident, given at `at` (default now; not in the
/// future nor before the incident was received), with the next id P-n. FieldError for an unknown
/// incident, an empty leader or text, or a bad time.
PendingItem add_instruction(Store& store, const Office& office, const std::string& incident,
                            const std::string& leader, const std::string& text,
                            std::optional<Seconds> due, std::optional<Seconds> at,
                            const Actor& actor);

/// Reports a pending item or an instruction done at `at` (default now; not in the future nor
/// before it was entered). FieldError("id") for an unknown id or one already done.
PendingItem complete_pending(Store& store, const Office& office, const std::string& id,
                             const std::string& note, std::optional<Seconds> at,
                             const Actor& actor);

/// Notes written in [from, to), in time order; voided ones (作废) left out.
std::vector<Note> notes_between(Store& store, Seconds from, Seconds to);

}  // namespace duty::reports
