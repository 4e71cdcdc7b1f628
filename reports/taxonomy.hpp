// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::reports {

/// One incident category with a stable kebab-case id and its labels.
struct Category {
  std::string id;
  std::string klass;  ///< natural-disaster, accident-disaster, public-health, social-security
  std::string zh;
  std::string en;
};

/// The national four classes of 《国家突发公共事件总体应急预案》 §1.3, with the sub-types a county
/// office meets. Ids are stable: they are stored in incidents and used in commands.
const std::vector<Category>& builtin_categories();

/// The label of one of the four classes.
std::string_view class_label(std::string_view klass, bool zh);

/// The id of the category `typed` names among `categories`: its id, its Chinese name or its
/// English label (ASCII letters in any case), compared without surrounding spaces and in Unicode
/// NFC; nullopt when it names none. `--category 道路交通事故` is `road-traffic`.
std::optional<std::string> find_category_id(const std::vector<Category>& categories, std::string_view typed);

/// Why `typed` names no category, in the language of messages, with the likely ones by id and
/// Chinese name (a typo of either, or a name holding the text):
///   unknown category '道路交通' (did you mean 道路交通事故 (road-traffic)?); 'duty incident
///   categories' lists them
std::string unknown_category_message(const std::vector<Category>& categories, std::string_view typed);

/// All class ids, in the plan's order.
const std::vector<std::string>& class_ids();

}  // namespace duty::reports
