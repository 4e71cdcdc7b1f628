// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/subject_numbers.hpp"

#include <charconv>
#include <string>
#include <system_error>

namespace duty::reports {

long long subject_number(std::string_view id, std::string_view prefix) {
  if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return 0;
  long long n = 0;
  auto [end, ec] = std::from_chars(id.data() + prefix.size(), id.data() + id.size(), n);
  return ec == std::errc() && end == id.data() + id.size() ? n : 0;
}

long long next_subject_number(StoreTransaction& tx, std::string_view prefix) {
  auto used = [&](long long n) {
    return !tx.events(std::string(prefix) + std::to_string(n)).empty();
  };
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
