// SPDX-License-Identifier: Apache-2.0
#include "common/identity.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace duty {

std::string identity_key(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPCC |
                                                      UTF8PROC_LUMP);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                    static_cast<utf8proc_ssize_t>(name.size()), &mapped, options);
  if (n < 0) return std::string(name);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  // LUMP has turned every space separator into U+0020 and STRIPCC line breaks and tabs into it.
  std::string key;
  key.reserve(static_cast<std::size_t>(n));
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    if (mapped[i] != ' ') key.push_back(static_cast<char>(mapped[i]));
  }
  return key;
}

}  // namespace duty
