// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace duty {

/// The gettext domain of duty's messages (po/zh_CN/*.po, compiled at build time).
inline constexpr const char* kTextDomain = "duty";

/// The translation of `msgid` (English) into the language chosen for messages (cli/language.hpp
/// chooses it once per process from the office's locale or the environment), or `msgid` itself
/// when there is none. Extracted by xgettext with --keyword=tr.
const char* tr(const char* msgid);

/// tr() of a msgid that means different things in different places (gettext's pgettext): the
/// msgctxt `context` tells them apart, as in `trc("shift time", "To")` (a shift's end) beside
/// `tr("To")` (whom a report goes to). Extracted by xgettext with --keyword=trc:1c,2.
const char* trc(const char* context, const char* msgid);

/// Marks a string for extraction where it is only stored (a table of names): translate it with
/// tr() where it is shown.
constexpr const char* N_(const char* msgid) { return msgid; }

/// `pattern` with {0}, {1} ... replaced by the arguments in that order ({{ and }} are braces);
/// a placeholder without an argument is kept as it is.
std::string format_text(std::string_view pattern, std::initializer_list<std::string_view> args);

namespace detail {
inline std::string_view as_text(std::string_view s) { return s; }
inline std::string_view as_text(const std::string& s) { return s; }
inline std::string_view as_text(const char* s) { return s; }
template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>>
std::string as_text(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  } else {
    return std::to_string(v);
  }
}
template <class... A>
std::string format_strings(std::string_view pattern, const A&... args) {
  return format_text(pattern, {std::string_view(args)...});
}
}  // namespace detail

/// tr(msgid) with its {0}, {1} ... filled in: `trf("unknown category '{0}'", name)`. Extracted by
/// xgettext with --keyword=trf:1. Numbers are written as they are (no grouping, shortest form).
template <class... A>
std::string trf(const char* msgid, const A&... args) {
  return detail::format_strings(tr(msgid), std::string(detail::as_text(args))...);
}

/// The singular or plural form for `n` (ngettext; Chinese has one form), with {0}, {1} ... filled
/// in: `trn("{0} problem found", "{0} problems found", n, n)`. Extracted with --keyword=trn:1,2.
template <class... A>
std::string trn(const char* singular, const char* plural, unsigned long n, const A&... args);

/// The plural form without formatting.
const char* trn_raw(const char* singular, const char* plural, unsigned long n);

template <class... A>
std::string trn(const char* singular, const char* plural, unsigned long n, const A&... args) {
  return detail::format_strings(trn_raw(singular, plural, n), std::string(detail::as_text(args))...);
}

}  // namespace duty
