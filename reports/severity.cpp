// SPDX-License-Identifier: Apache-2.0
#include "reports/severity.hpp"

#include <vector>

#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::reports {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kI: return "I";
    case Severity::kII: return "II";
    case Severity::kIII: return "III";
    case Severity::kIV: return "IV";
    case Severity::kUnknown: break;
  }
  return "unknown";
}

std::string_view label(Severity s, bool zh) {
  switch (s) {
    case Severity::kI: return zh ? "特别重大" : "particularly serious";
    case Severity::kII: return zh ? "重大" : "serious";
    case Severity::kIII: return zh ? "较大" : "relatively serious";
    case Severity::kIV: return zh ? "一般" : "ordinary";
    case Severity::kUnknown: break;
  }
  return zh ? "未定级" : "not graded";
}

std::optional<Severity> parse_severity(std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() > 3 && t.ends_with("级")) t.remove_suffix(3);
  std::string upper(t);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (upper == "I" || upper == "II" || upper == "III" || upper == "IV") t = upper;
  if (t == "I" || t == "1" || t == "Ⅰ" || t == "特别重大") return Severity::kI;
  if (t == "II" || t == "2" || t == "Ⅱ" || t == "重大") return Severity::kII;
  if (t == "III" || t == "3" || t == "Ⅲ" || t == "较大") return Severity::kIII;
  if (t == "IV" || t == "4" || t == "Ⅳ" || t == "一般") return Severity::kIV;
  if (t == "unknown" || t == "未定") return Severity::kUnknown;  // 未定级, its 级 taken off above
  return std::nullopt;
}

std::string unknown_severity_message(std::string_view typed) {
  static const std::vector<std::string> kWords = {"I",    "II",   "III",  "IV",  "unknown", "特别重大",
                                                  "重大", "较大", "一般", "未定级"};
  std::string word(trim(typed));
  // One letter ("V") is as close to I as to IV: no guess is better than a wrong one.
  return trf("unknown severity '{0}'{1}; expected 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV) or unknown",
             printable(word), display_width(word) >= 2 ? did_you_mean(word, kWords) : std::string{});
}

Severity graver(Severity a, Severity b) {
  if (a == Severity::kUnknown) return b;
  if (b == Severity::kUnknown) return a;
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

Severity grade(const Casualties& c, double loss) {
  if (c.deaths >= 30 || c.seriously_injured >= 100 || loss >= 10000) return Severity::kI;
  if (c.deaths >= 10 || c.seriously_injured >= 50 || loss >= 5000) return Severity::kII;
  if (c.deaths >= 3 || c.seriously_injured >= 10 || loss >= 1000) return Severity::kIII;
  return Severity::kIV;
}

}  // namespace duty::reports
