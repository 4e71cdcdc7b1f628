// SPDX-License-Identifier: Apache-2.0
#include "common/yaml_source.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace duty {

namespace {
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}
}  // namespace

YamlSource::YamlSource(std::string file, std::string text) : file_(std::move(file)), lines_(split_lines(text)) {
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    SourcePos p{file_, e.mark.line + 1, e.mark.column + 1};
    throw InputError(at(p, "YAML syntax error: " + e.msg));
  }
}

YamlSource YamlSource::from_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw UsageError("cannot read '" + path + "': it is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read '" + path + "': no such file or not readable");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw UsageError("cannot read '" + path + "'");
  return YamlSource(path, buf.str());
}

SourcePos YamlSource::pos(const YAML::Node& node) const {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return SourcePos{file_, 0, 0};
  return SourcePos{file_, m.line + 1, m.column + 1};
}

Diagnostic YamlSource::at(SourcePos p, std::string message) const {
  Diagnostic d{std::move(p), std::move(message), {}};
  if (d.pos.line > 0 && static_cast<std::size_t>(d.pos.line) <= lines_.size()) {
    d.source_line = lines_[static_cast<std::size_t>(d.pos.line - 1)];
  }
  return d;
}

Diagnostic YamlSource::at(const YAML::Node& node, std::string message) const {
  return at(pos(node), std::move(message));
}

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined value";
  }
}

}  // namespace duty
