// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace duty::cli {

/// Finds the compiled messages ($DUTY_LOCALEDIR, else ../locale next to the binary's folder as in
/// the build tree, else ../share/locale as installed) and chooses the language from the
/// environment (environment_language). Call once, first thing in main.
void init_messages();

/// "zh-CN" or "en" from the environment: $DUTY_LANG when set, else the first of LC_ALL,
/// LC_MESSAGES and LANG that is set (zh... is zh-CN, anything else English).
std::string environment_language();

/// Chooses the language of messages from now on: "zh-CN" for Chinese, anything else English.
/// $DUTY_LANG, when set, wins over `locale` (an office's locale), so a script can ask for one.
void set_message_language(std::string_view locale);

/// The language messages are in now: "zh-CN" or "en".
const std::string& message_language();

/// "duty: error: " in the language of messages ("duty: 错误："), before every error message.
const char* error_prefix();

/// "duty: warning: " in the language of messages ("duty: 警告："), before every warning.
const char* warning_prefix();

}  // namespace duty::cli
