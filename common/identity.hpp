// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace duty {

/// A name (a person, a unit) as a key for "is this the same one" where a rule depends on it (who
/// may accept a hazard's rectification): Unicode NFKC, case folded, with default-ignorable code
/// points (zero-width spaces and joiners), control characters and every kind of space removed, so
/// "王刚", " 王 刚", "王\u200b刚" and a full-width "ＷＡＮＧ" for "wang" are one name. Text that
/// is not valid UTF-8 comes back as it is.
std::string identity_key(std::string_view name);

}  // namespace duty
