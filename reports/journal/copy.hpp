// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "reports/journal/store.hpp"
#include "reports/office.hpp"

namespace duty::reports {

/// What copy_journal copied.
struct CopyResult {
  std::int64_t events = 0;         ///< events copied
  std::optional<ChainPoint> head;  ///< the last of them; nullopt when the source held none
  std::int64_t rows = 0;           ///< projection rows written
};

/// UsageError (exit 2) naming `to` and how many events it holds, unless it holds none: a copy goes
/// only into an empty journal.
void require_empty(Store& to);

/// Copies an office's whole journal from `from` into `to` (`duty db copy`): every event exactly as
/// stored (seq, type, subject, times, author, payload bytes, prev_hash and hash, through
/// StoreTransaction::append_copied), then every projection row folded from those events by the
/// reporting rules the log recorded (Projector), all in one write transaction of `to`. `from` is
/// read in one snapshot (Store::read): its chain is verified first and only the events up to the
/// head it verified are copied, each checked again as it goes (seq contiguous, following the event
/// before and hashing to its stored hash). Events stream through; one subject's events at a time
/// are held in memory. Nothing of the office's configuration is written (no `rules` event).
///
/// ChainBrokenError (exit 1) when `from` does not verify; UsageError (exit 2) naming `to` and how
/// many events it holds when it is not empty; StoreError when an event read does not continue the
/// verified chain, when the events do not fold, or when `to` cannot be written. In every one of
/// these cases nothing is written to `to`.
CopyResult copy_journal(Store& from, Store& to, Office office);

/// Checks a copy once committed, as a fresh reader of `to` sees it: its chain verifies, its head
/// is the head copied and its projections match its events. nullopt when it does; otherwise what
/// is wrong, for people.
std::optional<std::string> copy_problem(Store& to, Office office, const CopyResult& copied);

}  // namespace duty::reports
