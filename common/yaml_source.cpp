// SPDX-License-Identifier: Apache-2.0
#include "common/yaml_source.hpp"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "common/i18n.hpp"

namespace duty {

namespace {

// Walks the parser's events without building a document, to refuse a text before anything
// walks its tree: yaml-cpp shares an aliased node rather than copying it, but every reader that
// visits the tree visits an aliased node once per alias, so nine nested anchors of ten aliases
// each (the "billion laughs") cost a reader 10^9 visits.
class DocumentGuard : public YAML::EventHandler {
 public:
  DocumentGuard(const YamlSource& src, const std::string& file) : src_(src), file_(file) {}

  /// Checks the whole text; throws InputError at the first thing refused.
  void check(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(*this)) return;
    documents_ = 1;
    // The next call throws at the second document's start (OnDocumentStart) when there is one.
    parser.HandleNextDocument(*this);
    check_growth();
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ > 0) {
      refuse(mark,
             tr("a second YAML document starts here; a duty file holds one document: remove this "
                "line and what follows it, or split the file"));
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnMapEnd() override { close(); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++own_;
    ++visits_;
    if (++aliases_ > kMaxYamlAliases) {
      refuse(
          mark,
          trf("more than {0} YAML aliases (*name) in one document; write the values out instead of "
              "repeating them by alias",
              kMaxYamlAliases));
    }
    auto size = sizes_.find(anchor);
    if (size == sizes_.end()) {
      refuse(mark, tr("this YAML alias names a node that contains it (a cycle); write the value "
                      "out instead"));
    }
    // One visit for the alias is counted above; what it stands for adds the rest.
    extra_ = saturating_add(extra_, size->second - 1);
    visits_ = saturating_add(visits_, size->second - 1);
    uses_.push_back({extra_, mark});
  }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::uint64_t visits_before;
  };
  struct Use {
    std::uint64_t extra;  ///< nodes added by the aliases up to and including this one
    YAML::Mark mark;
  };

  static std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max() / 4;
    return a > kMax - std::min(b, kMax) ? kMax : a + b;
  }

  void leaf(YAML::anchor_t anchor) {
    ++own_;
    visits_ = saturating_add(visits_, 1);
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
  }
  void open(YAML::anchor_t anchor) {
    ++own_;
    stack_.push_back({anchor, visits_});
    visits_ = saturating_add(visits_, 1);
  }
  void close() {
    Open o = stack_.back();
    stack_.pop_back();
    if (o.anchor != YAML::NullAnchor) sizes_[o.anchor] = visits_ - o.visits_before;
  }

  void check_growth() {
    std::uint64_t limit = std::max(kMaxYamlAliasGrowth * own_, kMinYamlAliasNodes);
    if (extra_ <= limit) return;
    auto first =
        std::find_if(uses_.begin(), uses_.end(), [&](const Use& u) { return u.extra > limit; });
    refuse(first->mark, trf("YAML aliases (*name) expand this document too far: the aliases up to "
                            "here stand for {0} more "
                            "nodes, where a document of {1} nodes may add at most {2}; write the "
                            "values out instead of "
                            "repeating them by alias",
                            first->extra, own_, limit));
  }

  [[noreturn]] void refuse(const YAML::Mark& mark, const std::string& message) {
    throw InputError(src_.at(SourcePos{file_, mark.line + 1, mark.column + 1}, message));
  }

  const YamlSource& src_;
  const std::string& file_;
  int documents_ = 0;
  std::uint64_t own_ = 0;     ///< nodes written in the text (an alias counts as one)
  std::uint64_t visits_ = 0;  ///< nodes a reader visits walking the document, aliases expanded
  std::uint64_t extra_ = 0;   ///< visits_ beyond the nodes the text holds
  std::uint64_t aliases_ = 0;
  std::vector<Open> stack_;
  std::unordered_map<YAML::anchor_t, std::uint64_t> sizes_;  ///< nodes visited per finished anchor
  std::vector<Use> uses_;
};

// Only a text with an alias or a document marker at the start of a line needs the guard's pass:
// most files have neither, and they are parsed once.
bool needs_guard(const std::string& text) {
  if (text.find('*') != std::string::npos) return true;
  for (std::size_t at = 0;;) {
    if (text.compare(at, 3, "---") == 0 || text.compare(at, 3, "...") == 0) return true;
    std::size_t newline = text.find_first_of("\r\n", at);
    if (newline == std::string::npos) return false;
    at = newline + 1;
  }
}

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

// yaml-cpp's own words for the syntax errors people make, in the language of messages; rarer
// ones are shown as yaml-cpp words them.
std::string syntax_problem(const std::string& msg) {
  struct Known {
    const char* yaml_cpp;
    const char* ours;
  };
  static const Known kKnown[] = {
      {YAML::ErrorMsg::END_OF_MAP, N_("end of map not found")},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, N_("end of map flow not found (a '}' is missing)")},
      {YAML::ErrorMsg::END_OF_SEQ, N_("end of sequence not found")},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, N_("end of sequence flow not found (a ']' is missing)")},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, N_("unknown token")},
      {YAML::ErrorMsg::DOC_IN_SCALAR, N_("illegal document indicator in scalar")},
      {YAML::ErrorMsg::EOF_IN_SCALAR, N_("illegal end of file in scalar (a quote is not closed)")},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, N_("illegal character in scalar")},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, N_("illegal tab in indentation; indent with spaces")},
      {YAML::ErrorMsg::FLOW_END, N_("illegal flow end")},
      {YAML::ErrorMsg::BLOCK_ENTRY, N_("illegal block entry")},
      {YAML::ErrorMsg::MAP_KEY, N_("illegal map key")},
      {YAML::ErrorMsg::MAP_VALUE, N_("illegal map value")},
      {YAML::ErrorMsg::ALIAS_NOT_FOUND, N_("alias not found after *")},
      {YAML::ErrorMsg::ANCHOR_NOT_FOUND, N_("anchor not found after &")},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, N_("the referenced anchor is not defined")},
      {YAML::ErrorMsg::CHAR_IN_BLOCK, N_("unexpected character in block scalar")},
      {YAML::ErrorMsg::UNEXPECTED_END_SEQ, N_("unexpected end of sequence")},
      {YAML::ErrorMsg::UNEXPECTED_END_MAP, N_("unexpected end of map")},
  };
  for (const auto& k : kKnown) {
    if (msg == k.yaml_cpp) return tr(k.ours);
  }
  return msg;
}
}  // namespace

YamlSource::YamlSource(std::string file, std::string text) : file_(std::move(file)), lines_(split_lines(text)) {
  try {
    if (needs_guard(text)) DocumentGuard(*this, file_).check(text);
    root_ = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    SourcePos p{file_, e.mark.line + 1, e.mark.column + 1};
    throw InputError(at(p, trf("YAML syntax error: {0}", syntax_problem(e.msg))));
  }
}

YamlSource YamlSource::from_file(const std::string& path, std::uint64_t max_bytes,
                                 const std::string& what) {
  return YamlSource(path, read_regular_file(path, max_bytes, what));
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
    case YAML::NodeType::Sequence:
      return tr("a list");
    case YAML::NodeType::Map:
      return tr("a mapping");
    case YAML::NodeType::Null:
      return tr("nothing");
    default:
      return tr("an undefined value");
  }
}

}  // namespace duty
