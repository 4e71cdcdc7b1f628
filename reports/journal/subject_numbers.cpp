// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/subject_numbers.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <system_error>

#include "common/identity.hpp"
#include "common/text.hpp"

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

std::string typed_subject_id(std::string_view text, std::string_view prefix) {
  // identity_key folds width and case: "Ｈ－１" and "h-1" both become "h-1".
  std::string key = identity_key(text);
  std::string lower(prefix);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::size_t n = lower.size();
  if (key.size() > n && key.starts_with(lower) && key.size() <= n + 18 &&
      std::all_of(key.begin() + static_cast<std::ptrdiff_t>(n), key.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    std::size_t digits = key.find_first_not_of('0', n);
    if (digits != std::string::npos) return std::string(prefix) + key.substr(digits);
  }
  return std::string(trim(text));
}

}  // namespace duty::reports
