// SPDX-License-Identifier: Apache-2.0
#pragma once

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

/// All class ids, in the plan's order.
const std::vector<std::string>& class_ids();

}  // namespace duty::reports
