// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <vector>

#include "reports/roster_record.hpp"

namespace duty::reports {

/// The published roster as the journal keeps it (roster_record.hpp: projection rows of the
/// roster's events), read side.
class RosterIndex {
 public:
  virtual ~RosterIndex() = default;
  /// Published shifts with dates in [from, to] (either end open when unset), by date.
  virtual std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) = 0;
  /// The published shift with start <= at < end, found by one indexed lookup.
  virtual std::optional<RosterShiftRecord> shift_at(Seconds at) = 0;
  /// The people the published roster names, by id.
  virtual std::vector<RosterPersonRecord> people() = 0;
};

/// The published roster's tables inside a write transaction.
class RosterRows {
 public:
  virtual ~RosterRows() = default;
  /// Published shifts with dates in [from, to] (either end open when unset), by date.
  virtual std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) = 0;
  /// Writes (replaces) the projection row of one published shift.
  virtual void save_shift(const RosterShiftRecord& shift) = 0;
  /// The people the published roster names, by id.
  virtual std::vector<RosterPersonRecord> people() = 0;
  /// Writes (replaces) one person's projection row.
  virtual void save_person(const RosterPersonRecord& person) = 0;
};

}  // namespace duty::reports
