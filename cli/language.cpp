// SPDX-License-Identifier: Apache-2.0
#include "cli/language.hpp"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

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

bool has_chinese(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(
      dir / "zh_CN" / "LC_MESSAGES" / (std::string(kTextDomain) + ".mo"), ec);
}

// Where the compiled messages are: $DUTY_LOCALEDIR, else beside the binary (../locale in a build
// folder, ../share/locale once installed), else the install prefix's. Empty when none has them.
std::string locale_dir() {
  if (const char* d = env("DUTY_LOCALEDIR")) return d;
  std::vector<std::filesystem::path> candidates;
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    std::filesystem::path exe(std::string(buf, static_cast<std::size_t>(n)));
    candidates.push_back(exe.parent_path().parent_path() / "locale");
    candidates.push_back(exe.parent_path().parent_path() / "share" / "locale");
  }
#ifdef DUTY_INSTALL_LOCALEDIR
  candidates.emplace_back(DUTY_INSTALL_LOCALEDIR);
#endif
  for (const auto& c : candidates) {
    if (has_chinese(c)) return c.string();
  }
  return {};
}

bool g_chinese_found = false;
bool g_warned_missing = false;

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
  const std::string dir = locale_dir();
  // Looked for once: the answer does not change while the command runs.
  g_chinese_found = !dir.empty() && has_chinese(dir);
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
  // A binary copied on its own to a desk PC would otherwise speak English to a Chinese office
  // without a word about why.
  if (lang == "zh-CN" && !g_warned_missing && !g_chinese_found) {
    g_warned_missing = true;
    std::fprintf(stderr,
                 "duty: warning: the Chinese messages (zh_CN/LC_MESSAGES/duty.mo) are not "
                 "installed beside this binary; messages stay in English. Install duty with "
                 "'cmake --install', or set DUTY_LOCALEDIR to the folder that holds zh_CN/ "
                 "(docs/languages.md)\n");
  }
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
