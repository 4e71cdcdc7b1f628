// SPDX-License-Identifier: Apache-2.0
#include "common/i18n.hpp"

#include <libintl.h>

namespace duty {

const char* tr(const char* msgid) { return dgettext(kTextDomain, msgid); }

const char* trc(const char* context, const char* msgid) {
  // gettext keys an entry with a context as "CONTEXT\004MSGID"; without a translation dgettext
  // returns that key, and then the msgid alone is the answer.
  std::string key = std::string(context) + '\004' + msgid;
  const char* found = dgettext(kTextDomain, key.c_str());
  return found == key.c_str() ? msgid : found;
}

const char* trn_raw(const char* singular, const char* plural, unsigned long n) {
  return dngettext(kTextDomain, singular, plural, n);
}

std::string format_text(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t j = i + 1;
      std::size_t index = 0;
      while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') index = index * 10 + (pattern[j++] - '0');
      if (j > i + 1 && j < pattern.size() && pattern[j] == '}' && index < args.size()) {
        out += *(args.begin() + index);
        i = j;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace duty
