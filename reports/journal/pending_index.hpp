// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/pending.hpp"

namespace duty::reports {

/// The pending items and instructions as the journal keeps them (projections of their events),
/// read side.
class PendingIndex {
 public:
  virtual ~PendingIndex() = default;
  /// Every pending item and instruction, done or not, by creation time then id; voided ones (作废)
  /// only with `include_void`.
  virtual std::vector<PendingItem> items(bool include_void = false) = 0;
};

/// The pending items' table inside a write transaction.
class PendingRows {
 public:
  virtual ~PendingRows() = default;
  /// The pending item or instruction with this id, nullopt when there is none.
  virtual std::optional<PendingItem> find(const std::string& id) = 0;
  /// The highest n used in ids `<prefix>-n` (T for todos, P for instructions).
  virtual int max_number(const std::string& prefix) = 0;
  /// Writes a pending item's row (a projection of its events).
  virtual void save(const PendingItem& item) = 0;
};

}  // namespace duty::reports
