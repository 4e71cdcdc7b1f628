// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace duty {

/// A YAML document together with its text, so diagnostics can name file:line:column and quote
/// the offending line. Also reads JSON, which is valid YAML flow syntax.
class YamlSource {
 public:
  /// Parses `text`; throws InputError at the syntax error's position when it is not YAML.
  YamlSource(std::string file, std::string text);

  /// Reads and parses a file; throws UsageError naming the file when it cannot be read.
  static YamlSource from_file(const std::string& path);

  const YAML::Node& root() const { return root_; }
  const std::string& file() const { return file_; }

  /// Where the node starts in the file.
  SourcePos pos(const YAML::Node& node) const;
  /// A diagnostic at the node with the source line quoted.
  Diagnostic at(const YAML::Node& node, std::string message) const;
  /// A diagnostic at a position with the source line quoted.
  Diagnostic at(SourcePos pos, std::string message) const;

 private:
  std::string file_;
  std::vector<std::string> lines_;
  YAML::Node root_;
};

/// Text of a YAML node for messages: scalars as they are, other kinds by their kind.
std::string describe_node(const YAML::Node& node);

}  // namespace duty
