// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "roster/spec.hpp"

namespace duty::cli {

/// Words shown to people in tables, in the spec's or office's locale (zh-CN or en).
struct Labels {
  bool zh = false;

  explicit Labels(std::string_view locale) : zh(locale == "zh-CN") {}
  std::string weekday(Days day) const;
  std::string day_type(roster::DayType type) const;
  std::string list_separator() const { return zh ? "、" : ", "; }
  const char* operator()(const char* en, const char* zh_text) const { return zh ? zh_text : en; }
};

}  // namespace duty::cli
