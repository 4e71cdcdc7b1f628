// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "reports/context_tree.hpp"
#include "reports/warnings/warning_log.hpp"

namespace duty::reports {

/// The warnings of a record covering [from, at) as its template context (docs/templates.md,
/// `warnings`), in the office's language:
///   in_force, exercise: the actual and the exercise/test warnings in force at `at`, red first,
///   each
///     with id, title, type, type_label, level, level_label, issuer, area, received_at,
///     expires_at, time_left ("until lifted" when it has no expiry), fire_rating (1–5 or null),
///     has_fire_rating, fire_rating_text (火险等级4级), leader_in_room, and its
///     叫应: owed, answered, answered_text ("answered 1 of 2"), late_units, has_late;
///   changes: what happened in [from, at): new, upgraded, downgraded, updated, renewed, lifted,
///     expired (kind,
///     kind_label, at, id, title), in time order;
///   leader_in_room (bool) and leader_in_room_text when a warning in force needs the leader on
///   duty in the duty room; has_in_force, has_exercise, has_changes, has_any; counts.
/// Only events up to `at` are read: the record states what was known at its moment.
ContextNode warnings_context(Store& store, const Office& office, Seconds from, Seconds at);

}  // namespace duty::reports
