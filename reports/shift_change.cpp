// SPDX-License-Identifier: Apache-2.0
#include "reports/shift_change.hpp"

#include "common/i18n.hpp"
#include "reports/bulletins/bulletin.hpp"

namespace duty::reports {

ShiftChanges shift_changes_around(Store& store, const Office& office, Seconds t) {
  if (auto shift = store.roster().shift_at(t)) return {shift->start, shift->end};
  // No published shift holds `t`: the office's duty day does, unless a published shift ended or
  // begins inside it (office.yaml's handover changed after publishing), whose change is nearer.
  auto [before, after] = duty_day(office, duty_date(office, t));
  const std::chrono::seconds second{1};
  for (Seconds probe : {t - second, before}) {
    auto shift = store.roster().shift_at(probe);
    if (shift && shift->end <= t && shift->end > before) before = shift->end;
  }
  for (Seconds probe : {after - second, after}) {
    auto shift = store.roster().shift_at(probe);
    if (shift && shift->start > t && shift->start < after) after = shift->start;
  }
  return {before, after};
}

bool is_shift_change(Store& store, const Office& office, Seconds t) {
  return shift_changes_around(store, office, t).before == t;
}

Seconds default_handover(Store& store, const Office& office, Seconds now) {
  ShiftChanges around = shift_changes_around(store, office, now);
  if (around.before != now && around.after - now < kHandoverPreparation) return around.after;
  return around.before;
}

void check_handover_moment(Store& store, const Office& office, Seconds at, Seconds now) {
  auto local = [&](Seconds t) { return format_local_minute(*office.zone, t); };
  if (!is_shift_change(store, office, at)) {
    ShiftChanges around = shift_changes_around(store, office, at);
    throw FieldError("at", trf("{0} is not a shift change; the nearest are {1} and {2}", local(at),
                               local(around.before), local(around.after)));
  }
  if (at <= now) return;
  Seconds next = shift_changes_around(store, office, now).after;
  if (at > next) {
    throw FieldError("at",
                     trf("{0} is in the future beyond the next shift change ({1}); a handover "
                         "record is prepared only for the coming shift change",
                         local(at), local(next)));
  }
}

}  // namespace duty::reports
