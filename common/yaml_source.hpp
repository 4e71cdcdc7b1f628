// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/files.hpp"

namespace duty {

/// At most this many alias uses (`*name`) in one document.
inline constexpr std::uint64_t kMaxYamlAliases = 1000;
/// The aliases of a document may add at most this many times its own number of nodes (and at
/// least kMinYamlAliasNodes) to what a reader walking it visits.
inline constexpr std::uint64_t kMaxYamlAliasGrowth = 10;
inline constexpr std::uint64_t kMinYamlAliasNodes = 10000;

/// A YAML document together with its text, so diagnostics can name file:line:column and quote
/// the offending line. Also reads JSON, which is valid YAML flow syntax.
class YamlSource {
 public:
  /// Parses `text`; throws InputError at the syntax error's position when it is not YAML, at the
  /// second document's start when the text holds more than one document, and at the offending
  /// alias when aliases would expand the document past the limits above or an alias names the
  /// node it is inside (a cycle). Nothing is built from a refused text.
  YamlSource(std::string file, std::string text);

  /// Reads (read_regular_file: regular files only, at most `max_bytes`, `what` naming the file's
  /// role in the size message) and parses a file; throws UsageError naming the file when it
  /// cannot be read.
  static YamlSource from_file(const std::string& path, std::uint64_t max_bytes = kMaxConfigBytes,
                              const std::string& what = "a YAML file");

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
