// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "reports/journal/store.hpp"

namespace duty::reports {

/// The number of a register's id `<prefix>n` (C-12 with prefix "C-" is 12); 0 when `id` is not
/// one.
long long subject_number(std::string_view id, std::string_view prefix);

/// The id `<prefix>n` that `text` names as people type it: with prefix "H-", "h-1", " H-01 " and
/// a full-width "Ｈ－１" are all "H-1"; `text` trimmed when it is not of that shape (no entry has
/// that id then).
std::string typed_subject_id(std::string_view text, std::string_view prefix);

/// The number of the next id `<prefix>n`: one past the highest ever given. Ids are given in the
/// order entries are made, in the transaction that writes them, and the chain keeps every event,
/// so <prefix>1 ... <prefix>N all have events: a search over ids finds N in about 2 log2(N)
/// indexed lookups (reading every event of the register took 0.6 s for a year of calls).
long long next_subject_number(StoreTransaction& tx, std::string_view prefix);

}  // namespace duty::reports
