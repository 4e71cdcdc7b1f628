// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace YAML {
class Node;
}

namespace duty {
class YamlReader;
}

namespace duty::reports {

/// A warning's level (预警级别), from the least to the most severe: Ⅳ 蓝色, Ⅲ 黄色, Ⅱ 橙色, Ⅰ 红色.
enum class WarningLevel { kBlue = 1, kYellow = 2, kOrange = 3, kRed = 4 };

inline constexpr WarningLevel kWarningLevels[] = {WarningLevel::kBlue, WarningLevel::kYellow,
                                                  WarningLevel::kOrange, WarningLevel::kRed};

/// "blue", "yellow", "orange", "red": the stored and JSON form.
std::string_view to_string(WarningLevel level);
/// 蓝色 ... in Chinese, blue ... in English.
std::string_view level_label(WarningLevel level, bool zh);
/// Ⅳ, Ⅲ, Ⅱ, Ⅰ.
std::string_view level_roman(WarningLevel level);
/// The level from blue/yellow/orange/red (any case), 蓝色/黄色/橙色/红色 (or 蓝/黄/橙/红),
/// Ⅳ/Ⅲ/Ⅱ/Ⅰ, IV/III/II/I (with or without 级); nullopt otherwise.
std::optional<WarningLevel> parse_warning_level(std::string_view text);

/// One type of warning with the levels it has.
struct WarningType {
  std::string id;  ///< stable kebab-case id: rainstorm, mountain-flood ...
  std::string zh;  ///< 暴雨
  std::string en;  ///< Rainstorm
  std::vector<WarningLevel> levels;
  bool has(WarningLevel level) const;
};

/// The 14 signals of 中国气象局令第16号 with the colours its annex gives each (霾 with red, added
/// by the 2013 revision of the haze signal), then snow-disaster, geological-risk, fire-danger,
/// flood and mountain-flood (docs/warnings.md gives the sources).
const std::vector<WarningType>& builtin_warning_types();

/// One unit to call in a 叫应 round.
struct Contact {
  std::string unit;    ///< 泽曲镇
  std::string person;  ///< the responsible person, 才让
  std::string phone;
};

/// A named contact group (townships, departments ...).
struct ContactGroup {
  std::string id;
  std::vector<Contact> contacts;
};

/// A 叫应 rule: when a warning's current type and level match, every unit of `call` is owed a call
/// answered within `within`.
struct ResponseRule {
  std::vector<WarningLevel> levels;  ///< empty: any level
  std::vector<std::string> types;    ///< type ids; empty: any type
  std::vector<std::string> call;     ///< contact group ids
  std::chrono::minutes within{30};
  bool leader_in_room = false;  ///< 领导在岗带班 while the warning is in force
  SourcePos pos;
  bool matches(const std::string& type, WarningLevel level) const;
};

/// office.yaml's `contacts:` and `warnings:` (types, response).
struct WarningSettings {
  std::vector<WarningType> types;  ///< the built-in catalogue with the office's additions
  std::vector<ContactGroup> groups;
  std::vector<ResponseRule> response;

  const WarningType* find_type(std::string_view id) const;
  const ContactGroup* find_group(std::string_view id) const;
  /// The contact for `unit` in any group (the first one listed), or null.
  const Contact* find_contact(std::string_view unit) const;
  /// Every unit of every group, once each, in order.
  std::vector<std::string> units() const;
};

/// The built-in catalogue and no contacts or rules.
WarningSettings default_warning_settings();

/// The type id `typed` names: its id, its Chinese name (with or without 预警 or 预警信号 after it)
/// or its English name in any case; nullopt when it names none.
std::optional<std::string> find_warning_type(const WarningSettings& settings,
                                             std::string_view typed);

/// The type's name, Chinese (暴雨) or English (Rainstorm); the id when it is not in the catalogue.
std::string type_name(const WarningSettings& settings, const std::string& type, bool zh);

/// 暴雨红色预警 / "Rainstorm red warning".
std::string warning_title(const WarningSettings& settings, const std::string& type,
                          WarningLevel level, bool zh);

/// Why `typed` names no type, with the likely ones; in the language of messages.
std::string unknown_warning_type_message(const WarningSettings& settings, std::string_view typed);

/// Reads office.yaml's `contacts:` and `warnings:` nodes (either may be null) into `settings`,
/// reporting every problem through `r` at its file:line:column.
void parse_warning_settings(YamlReader& r, const YAML::Node& contacts, const YAML::Node& warnings,
                            WarningSettings& settings);

}  // namespace duty::reports
