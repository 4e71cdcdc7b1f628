// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>

namespace duty {

/// What a spoken duration says about a deadline.
enum class DeadlineSense {
  kOverdue,  ///< a report not made, past its deadline: 已超时3天18小时 / "3 d 18 h overdue"
  kLate,     ///< a report made after its deadline: 迟报35分钟 / "35 min late"
  kLeft,     ///< time until the deadline: 剩余1小时20分 / "1 h 20 min left"
};

/// A duration as people say it, in completed units: days and hours from one day on (minutes are
/// dropped), hours and minutes from one hour on, minutes below that, and "less than a minute"
/// below one (also for zero; a negative duration is read as zero). Chinese when `zh`: 3天18小时,
/// 1小时20分, 35分钟, 不足1分钟; else English: "3 d 18 h", "1 h 20 min", "35 min", "under 1 min".
std::string spoken_duration(std::chrono::seconds d, bool zh);

/// spoken_duration with what it means for a deadline: 已超时3天18小时, 迟报35分钟, 剩余1小时20分 /
/// "3 d 18 h overdue", "35 min late", "1 h 20 min left".
std::string spoken_deadline(std::chrono::seconds d, DeadlineSense sense, bool zh);

}  // namespace duty
