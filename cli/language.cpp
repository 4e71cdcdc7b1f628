// SPDX-License-Identifier: Apache-2.0
#include "cli/language.hpp"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/i18n.hpp"

// GNU gettext caches translations; bumping this counter makes it look them up again after the
// language changes (the gettext manual's "Being Prepared" for programs that switch languages).
extern "C" int _nl_msg_cat_cntr;

namespace duty::cli {

namespace {

std::string g_language = "en";

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

std::string normalise(std::string_view v) {
  return v.size() >= 2 && (v.substr(0, 2) == "zh" || v.substr(0, 2) == "ZH") ? "zh-CN" : "en";
}

std::string locale_dir() {
  if (const char* d = env("DUTY_LOCALEDIR")) return d;
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  std::filesystem::path exe(std::string(buf, static_cast<std::size_t>(n)));
  std::error_code ec;
  auto build = exe.parent_path().parent_path() / "locale";
  if (std::filesystem::is_directory(build, ec)) return build.string();
  return (exe.parent_path().parent_path() / "share" / "locale").string();
}

}  // namespace

std::string environment_language() {
  if (const char* d = env("DUTY_LANG")) return normalise(d);
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* v = env(name)) return normalise(v);
  }
  return "en";
}

void init_messages() {
  // gettext translates only when the messages category is not the "C" locale, and converts to
  // the character set of the locale unless told otherwise: C.UTF-8 exists on every Debian system,
  // whatever locales are generated, and the messages are always UTF-8. Only LC_MESSAGES changes:
  // numbers are still read and written the C way.
  if (!::setlocale(LC_MESSAGES, "C.UTF-8")) ::setlocale(LC_MESSAGES, "");
  std::string dir = locale_dir();
  if (!dir.empty()) ::bindtextdomain(kTextDomain, dir.c_str());
  ::bind_textdomain_codeset(kTextDomain, "UTF-8");
  set_message_language(environment_language());
}

void set_message_language(std::string_view locale) {
  std::string lang = env("DUTY_LANG") ? normalise(env("DUTY_LANG")) : normalise(locale);
  if (lang == g_language && env("LANGUAGE") && lang == (std::string(env("LANGUAGE")) == "zh_CN" ? "zh-CN" : "en")) {
    return;
  }
  g_language = lang;
  // LANGUAGE outranks every locale variable in gettext's search, so it alone decides.
  ::setenv("LANGUAGE", lang == "zh-CN" ? "zh_CN" : "en", 1);
  ++_nl_msg_cat_cntr;
}

const std::string& message_language() { return g_language; }

const char* error_prefix() {
  return tr("duty: error: ");
}

const char* warning_prefix() {
  return tr("duty: warning: ");
}

}  // namespace duty::cli
