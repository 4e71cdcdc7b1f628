// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "common/time_zone.hpp"
#include "reports/severity.hpp"

namespace duty::reports {

/// How a report sent up the chain (首报, 续报, 终报, 值班日报) writes times, casualties and lists:
/// the written style of 值班信息 in Chinese (docs/templates.md, "The official written style"),
/// the equivalent plain style in English. Pure: the zone and the moment of writing are given.
class OfficialStyle {
 public:
  /// `reference` (what the report is about: the incident's receipt, the duty day) decides which
  /// year goes without saying: a time in another year carries its year, so a report rendered again
  /// in a later year reads the same.
  OfficialStyle(const TimeZone& zone, bool zh, Seconds reference);

  /// "12月6日14时05分" / "6 December 14:05"; "2025年12月31日23时50分" / "31 December 2025 23:50"
  /// when the local year is not the reference's.
  std::string time(Seconds t) const;

  /// "2026年12月6日" / "6 December 2026".
  std::string date(Days day) const;

  /// Casualties as a report words them: "死亡1人、受伤5人（其中重伤2人）、失踪1人、被困3人" /
  /// "1 dead, 5 injured (2 seriously), 1 missing, 3 trapped", zero figures left out; `injured`
  /// counts those not seriously injured, as the incident log does. When every figure is zero:
  /// "暂无人员伤亡" / "no casualties so far" (`final`: "无人员伤亡" / "no casualties") if some
  /// figure was entered (`known`), else "人员伤亡情况正在核实" / "casualties being verified".
  std::string casualties(const Casualties& c, bool known, bool final) const;

  /// The text as a sentence: trailing blanks and a trailing comma, semicolon or 、 dropped and
  /// "。" (zh) or "." (en) added unless it already ends a sentence. "" stays "".
  std::string sentence(std::string_view text) const;

  /// Items joined with "、" (zh) or ", " (en), ending with "。" / "."; "" when there are none.
  std::string list(const std::vector<std::string>& items) const;

  /// Clauses joined with "，" (zh) or "; " (en), ending with "。" / "."; "" when there are none.
  std::string clauses(const std::vector<std::string>& items) const;

 private:
  const TimeZone* zone_;
  bool zh_;
  int year_;
};

}  // namespace duty::reports
