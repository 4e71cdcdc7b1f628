// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duty::reports {

/// The national four grades (特别重大 I, 重大 II, 较大 III, 一般 IV), or not yet known.
enum class Severity { kUnknown = 0, kI = 1, kII = 2, kIII = 3, kIV = 4 };

/// "I", "II", "III", "IV" or "unknown".
std::string_view to_string(Severity s);
/// "特别重大" ... "一般", "未定级" / "particularly serious" ... "ordinary", "unknown".
std::string_view label(Severity s, bool zh);
/// Accepts I..IV (any case), 1..4, the Roman numerals Ⅰ..Ⅳ, unknown, and the Chinese names
/// (特别重大, 重大, 较大, 一般, 未定级), each also with 级 after it ("Ⅲ级", "较大级"), without surrounding
/// spaces; nullopt otherwise.
std::optional<Severity> parse_severity(std::string_view text);

/// Why `typed` is no severity, in the language of messages, with a likely one when it is close:
///   unknown severity '较打' (did you mean '较大'?); expected 特别重大 (I), 重大 (II), 较大 (III), 一般
///   (IV) or unknown
std::string unknown_severity_message(std::string_view typed);

/// The graver of two grades (I is gravest); unknown yields to any known grade.
Severity graver(Severity a, Severity b);

/// The most people one casualty figure (deaths, injured, ...) may count, and the most direct
/// loss in 万元 (1 万亿元): beyond them a figure is a typing slip, and any sum of figures stays far
/// inside 64 bits.
inline constexpr int kMaxPeople = 1'000'000;
inline constexpr double kMaxLoss = 100'000'000;

/// Casualty figures of an incident.
struct Casualties {
  int deaths = 0;
  int injured = 0;
  int seriously_injured = 0;
  int missing = 0;
  int trapped = 0;
};

/// The grade the figures alone call for, by the thresholds of 《生产安全事故报告和调查处理条例》
/// (State Council Order 493) Art. 3, any one criterion sufficing: deaths >= 30, serious injuries
/// >= 100 or direct loss >= 10000 万元 -> I; 10 / 50 / 5000 -> II; 3 / 10 / 1000 -> III; else IV.
/// `loss` is in 万元 (10,000 yuan).
Severity grade(const Casualties& c, double loss);

}  // namespace duty::reports
