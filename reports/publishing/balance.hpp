// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/time.hpp"

namespace duty::reports {

class Store;

/// The shifts a cover balance is drawn over: covers of shifts dated in [from, to].
struct BalanceRequest {
  Days from;
  Days to;
};

/// The request for calendar year `year`: 1 January to 31 December.
BalanceRequest balance_year(int year);

/// One person's covers (代班) over the period: those they did for others and those others did for
/// them, so an office can settle them (代班/欠班). Swaps are exchanges and are not counted.
struct CoverBalance {
  std::string id;
  std::string name;  ///< as the published roster names them; "" when it does not
  int done = 0;      ///< covers this person did for others
  int received = 0;  ///< covers others did for this person
  /// Time covered: the shift (end − start), or the part of it a cover names (to − from).
  std::int64_t seconds_done = 0;
  std::int64_t seconds_received = 0;

  /// Covers done minus received: above 0 the office owes the person shifts, below 0 they owe some.
  int net() const { return done - received; }
  bool operator==(const CoverBalance&) const = default;
};

/// The cover balance of everyone who did or received a cover on a shift dated in the request's
/// period, by id, read from the store's roster-cover events (judged by the shift's date, not by
/// when the cover was recorded). A cover's time is its `from`..`to` (Unix seconds) when it names
/// part of a shift, else the shift's start..end as published when the cover was recorded. Counts
/// covers of shifts still to come too: the agreement is made; not those a later publication of the
/// shift undid (a whole-shift cover it did not keep, a partial cover whose person covered it took
/// off the place): those never happened. Reads one snapshot of the store;
/// StoreError when a cover event is unreadable. UsageError when `from` is after `to`.
std::vector<CoverBalance> roster_balance(Store& store, const BalanceRequest& request);

}  // namespace duty::reports
