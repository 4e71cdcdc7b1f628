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
/// Accepts I..IV, 1..4, unknown, and the Chinese names; nullopt otherwise.
std::optional<Severity> parse_severity(std::string_view text);

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
