// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/workspace.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// One person on duty, as the roster names them.
struct OnDutyPerson {
  std::string id;
  std::string name;
  std::string phone;
};

/// Part of a duty taken by someone else (`roster cover --from --to`).
struct OnDutyCover {
  OnDutyPerson out;  ///< the person on duty, one of the slot's people
  OnDutyPerson in;   ///< who covers them
  Seconds from;
  Seconds to;
};

/// The people filling one slot of a shift.
struct OnDutySlot {
  std::string id;    ///< the spec's slot id, e.g. leader
  std::string name;  ///< the spec's slot name, e.g. 带班领导 (the id when the spec gives none)
  std::vector<OnDutyPerson> people;  ///< as published, swaps and full covers applied
  std::vector<OnDutyCover> covers;   ///< partial covers of the slot's people, in time order

  /// The partial cover of `person` (an id of `people`) at `at`, if any.
  const OnDutyCover* cover_at(const std::string& person, Seconds at) const;
};

/// One shift of the official roster, swaps and cover applied, with its partial covers.
struct ShiftOnDuty {
  Days date;      ///< the date the shift starts on
  Seconds start;  ///< the handover on `date`
  Seconds end;    ///< the handover on the next date (23 or 25 hours later on DST days)
  std::vector<OnDutySlot> slots;  ///< in the spec's slot order
};

/// The published shift containing `at`; a time exactly at the handover belongs to the shift that
/// starts then. nullopt when no roster is published for that moment (or there is no store yet).
std::optional<ShiftOnDuty> shift_on_duty(Session& session, Seconds at);

/// The ids of the duty officers of a shift: everyone in the slots after the first (the first slot
/// is the leader on duty, 带班领导, as in every spec `duty init` writes); the first slot's people
/// when the shift has one slot only. `duty incident add` records them as received_by.
std::vector<std::string> officers_on_duty(const ShiftOnDuty& shift);

}  // namespace duty::cli
