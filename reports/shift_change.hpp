// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/time.hpp"
#include "reports/office.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

/// The shift changes around an instant: the last one at or before it and the first one after it.
struct ShiftChanges {
  Seconds before;
  Seconds after;
};

/// The shift changes around `t`: the start and end of the published shift containing it (a time
/// exactly at a change belongs to the shift that starts then), or, where no roster is published,
/// the office's handover time (office.yaml) on the duty days around it.
ShiftChanges shift_changes_around(Store& store, const Office& office, Seconds t);

/// True when `t` is a shift change: the start of a published shift, the end of the last one, or
/// where no roster is published the office's handover time.
bool is_shift_change(Store& store, const Office& office, Seconds t);

/// How far ahead `duty handover` prepares the coming shift change by default.
inline constexpr std::chrono::hours kHandoverPreparation{12};

/// The shift change `duty handover` records at `now` without --at: the next one when it is less
/// than kHandoverPreparation away (the outgoing shift writes the record before handing over), else
/// the last one.
Seconds default_handover(Store& store, const Office& office, Seconds now);

/// Checks a handover moment asked for at `now`: FieldError("at") naming the nearest shift changes
/// when `at` is not one, and when it lies in the future beyond the next shift change (a record is
/// prepared only for the coming handover).
void check_handover_moment(Store& store, const Office& office, Seconds at, Seconds now);

}  // namespace duty::reports
