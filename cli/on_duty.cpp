// SPDX-License-Identifier: Apache-2.0
#include "cli/on_duty.hpp"

namespace duty::cli {

std::optional<ShiftOnDuty> shift_on_duty(Session& /*session*/, Seconds /*at*/) {
  // Rosters are not published to the store yet (issue 5): no moment has an official shift.
  return std::nullopt;
}

}  // namespace duty::cli
