// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "common/yaml_source.hpp"

namespace duty {

/// Walks a YAML document converting values, recording every problem with its file:line:column in
/// a DiagnosticSink instead of stopping at the first. Each getter returns nullopt on a problem.
class YamlReader {
 public:
  YamlReader(const YamlSource& src, DiagnosticSink& sink) : src_(src), sink_(sink) {}

  void error(const YAML::Node& node, const std::string& message);

  /// Reports keys not in `allowed`, with a did-you-mean; false when `node` is not a mapping.
  bool check_map(const YAML::Node& node, const std::string& what, const std::vector<std::string>& allowed);

  /// One line of valid UTF-8 text: no control, bidirectional control or line separator character
  /// (forbidden_character), reported at the node naming the character as U+XXXX.
  std::optional<std::string> string(const YAML::Node& node, const std::string& what);
  /// Like string(), but free text: tabs and line breaks are allowed (notes, descriptions).
  std::optional<std::string> text(const YAML::Node& node, const std::string& what);
  /// An identifier: letters, digits, '-', '_', '.', starting with a letter or digit, at most 64.
  std::optional<std::string> id(const YAML::Node& node, const std::string& what);
  std::optional<long long> integer(const YAML::Node& node, const std::string& what, long long min, long long max);
  std::optional<double> number(const YAML::Node& node, const std::string& what);
  std::optional<Days> day(const YAML::Node& node, const std::string& what);
  /// A duration such as 30m, 2h, 1h30m or 1d.
  std::optional<std::chrono::minutes> duration(const YAML::Node& node, const std::string& what);
  /// A list of texts, or a single text taken as a list of one.
  std::vector<std::string> strings(const YAML::Node& node, const std::string& what);

  /// Dates given as a list of dates and inclusive ranges; with `named`, entries may also be
  /// {dates, name} maps. Calls `add` once per date.
  void date_list(const YAML::Node& node, const std::string& what,
                 const std::function<void(Days, const std::string&, const YAML::Node&)>& add, bool named);

  const YamlSource& source() const { return src_; }

 private:
  const YamlSource& src_;
  DiagnosticSink& sink_;
};

/// True when the text is a valid identifier (see YamlReader::id).
bool is_identifier(std::string_view text);

/// Parses "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" (at most `max_days` long) into the dates it
/// covers; nullopt with `error` set when malformed or reversed.
std::optional<std::vector<Days>> parse_date_or_range(std::string_view text, std::string& error, int max_days);

}  // namespace duty
