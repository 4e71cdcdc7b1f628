// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "reports/journal/store.hpp"

namespace duty::reports {

/// The number of the next subject `prefix`-n (C-n for calls, W-n for warnings): one past the
/// highest ever given. Ids are given in the order subjects are created, in the transaction that
/// writes them, and the chain keeps every event, so prefix-1 ... prefix-N all have events: a search
/// over ids finds N in about 2 log2(N) indexed lookups instead of reading every event of the type.
inline long long next_subject_number(StoreTransaction& tx, const std::string& prefix) {
  auto used = [&](long long n) { return !tx.events(prefix + std::to_string(n)).empty(); };
  long long lo = 0, hi = 1;  // used(lo) (or lo is 0), !used(hi)
  while (used(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    long long mid = lo + (hi - lo) / 2;
    (used(mid) ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace duty::reports
