// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/json_writer.hpp"

namespace duty::reports {

/// The data a template is rendered with: text, whole numbers, flags, lists and objects (keys in
/// insertion order). The same tree is printed as JSON by `--context` and handed to Mustache, so
/// what an office sees is exactly what its template gets (docs/templates.md lists every field).
class ContextNode {
 public:
  using List = std::vector<ContextNode>;
  using Object = std::vector<std::pair<std::string, ContextNode>>;

  ContextNode() = default;  ///< null: renders as nothing, a false section
  ContextNode(std::string text) : value_(std::move(text)) {}
  ContextNode(const char* text) : value_(std::string(text)) {}
  ContextNode(long long number) : value_(number) {}
  ContextNode(int number) : value_(static_cast<long long>(number)) {}
  ContextNode(bool flag) : value_(flag) {}
  ContextNode(List list) : value_(std::move(list)) {}

  static ContextNode object() {
    ContextNode n;
    n.value_ = Object{};
    return n;
  }
  static ContextNode list() { return ContextNode(List{}); }

  /// Adds (or replaces) a key of an object; returns the stored value for chaining nested objects.
  ContextNode& set(const std::string& key, ContextNode value);
  /// Appends to a list.
  ContextNode& push(ContextNode value);

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  const std::string* text() const { return std::get_if<std::string>(&value_); }
  const long long* number() const { return std::get_if<long long>(&value_); }
  const bool* flag() const { return std::get_if<bool>(&value_); }
  const List* items() const { return std::get_if<List>(&value_); }
  const Object* fields() const { return std::get_if<Object>(&value_); }
  /// The value at `key` of an object, nullptr when there is none.
  const ContextNode* get(const std::string& key) const;

  void write_json(JsonWriter& w) const;

 private:
  std::variant<std::monostate, std::string, long long, bool, List, Object> value_;
};

}  // namespace duty::reports
