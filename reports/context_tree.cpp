// SPDX-License-Identifier: Apache-2.0
#include "reports/context_tree.hpp"

namespace duty::reports {

ContextNode& ContextNode::set(const std::string& key, ContextNode value) {
  if (!fields()) value_ = Object{};
  auto& obj = std::get<Object>(value_);
  for (auto& [k, v] : obj) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  obj.emplace_back(key, std::move(value));
  return obj.back().second;
}

ContextNode& ContextNode::push(ContextNode value) {
  if (!items()) value_ = List{};
  auto& list = std::get<List>(value_);
  list.push_back(std::move(value));
  return list.back();
}

const ContextNode* ContextNode::get(const std::string& key) const {
  const Object* obj = fields();
  if (!obj) return nullptr;
  for (const auto& [k, v] : *obj) {
    if (k == key) return &v;
  }
  return nullptr;
}

void ContextNode::write_json(JsonWriter& w) const {
  if (const auto* s = text()) {
    w.value(*s);
  } else if (const auto* n = number()) {
    w.value(static_cast<std::int64_t>(*n));
  } else if (const auto* b = flag()) {
    w.value(*b);
  } else if (const auto* l = items()) {
    w.begin_array();
    for (const auto& item : *l) item.write_json(w);
    w.end_array();
  } else if (const auto* o = fields()) {
    w.begin_object();
    for (const auto& [k, v] : *o) {
      w.key(k);
      v.write_json(w);
    }
    w.end_object();
  } else {
    w.null();
  }
}

}  // namespace duty::reports
