// SPDX-License-Identifier: Apache-2.0
#include "reports/template.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "common/text.hpp"
#include "reports/builtin_templates.hpp"

namespace duty::reports {

namespace fs = std::filesystem;
namespace mus = kainjow::mustache;

namespace {

bool safe_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos && name.find("..") == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvironmentError("cannot read the template " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw EnvironmentError("cannot read the template " + path.string());
  return s.str();
}

// Line, column (in characters) and text of the line holding byte `offset`.
Diagnostic at_offset(const TemplateSource& src, std::size_t offset, std::string message) {
  offset = std::min(offset, src.text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (src.text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(src.text[i]) & 0xC0) != 0x80) ++column;
  }
  std::size_t end = src.text.find('\n', line_start);
  std::string text =
      src.text.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
  return Diagnostic{SourcePos{src.origin, line, column}, std::move(message), text};
}

// kainjow reports "Unclosed tag at 123" (a byte offset); say the same for people, at line:column.
[[noreturn]] void throw_syntax(const TemplateSource& src, const std::string& error) {
  static const std::regex kAt(R"(^(.*) at (\d+)$)");
  std::smatch m;
  if (!std::regex_match(error, m, kAt)) {
    throw InputError(Diagnostic{SourcePos{src.origin, 0, 0}, "template error: " + error, {}});
  }
  std::string what = m[1];
  std::size_t offset = std::stoul(m[2]);
  static const std::regex kSection(R"(^(Unclosed|Unopened) section \"(.*)\"$)");
  std::smatch s;
  std::string message;
  if (what == "Unclosed tag") {
    message = "unclosed tag: '{{' without a matching '}}'";
  } else if (std::regex_match(what, s, kSection)) {
    message = s[1] == "Unclosed"
                  ? "section '" + s[2].str() + "' is opened here but never closed (add {{/" +
                        s[2].str() + "}})"
                  : "{{/" + s[2].str() +
                        "}} closes a section that is not open (a typo in its name, or a "
                        "missing {{#" +
                        s[2].str() + "}}?)";
  } else if (what == "Invalid set delimiter tag") {
    message = "invalid set-delimiter tag; expected {{=<% %>=}}";
  } else {
    message = "template error: " + what;
  }
  throw InputError(at_offset(src, offset, message));
}

// The partial names a template refers to with the default delimiters, and where.
std::vector<std::pair<std::string, std::size_t>> partial_refs(const std::string& text) {
  static const std::regex kPartial(R"(\{\{\s*>\s*([^}\s]+)\s*\}\})");
  std::vector<std::pair<std::string, std::size_t>> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPartial);
       it != std::sregex_iterator(); ++it) {
    out.emplace_back((*it)[1].str(), static_cast<std::size_t>(it->position(0)));
  }
  return out;
}

// Mustache removes a line holding only a section tag, but kainjow keeps the line of a section it
// skips, which leaves stray blank lines. Each such line's newline is replaced by kLineMark, which
// is dropped from the output, so the line leaves nothing whether the section is shown or not.
// Syntax is checked on the original text, so positions in messages stay right. Values never hold
// the mark: text fields refuse control characters.
constexpr char kLineMark = '\x1f';

std::string join_standalone_sections(const std::string& text) {
  static const std::regex kStandalone(R"(^[ \t]*(\{\{[#^/][^{}]*\}\})[ \t]*$)");
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t next = end == std::string::npos ? text.size() : end + 1;
    std::string line = text.substr(start, (end == std::string::npos ? text.size() : end) - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch m;
    if (std::regex_match(line, m, kStandalone)) {
      out += m[1].str();
      out += kLineMark;
    } else {
      out.append(text, start, next - start);
    }
    start = next;
  }
  return out;
}

// A value, or an empty list or object to be filled in place: kainjow copies whatever it is given,
// so a tree built bottom-up would be copied once per level.
mus::data shell(const ContextNode& n) {
  if (n.items()) return mus::data(mus::data::type::list);
  if (n.fields()) return mus::data(mus::data::type::object);
  if (const auto* s = n.text()) {
    // An empty text is false, so {{#field}}...{{/field}} shows only what was recorded.
    if (s->empty()) return mus::data(false);
    return mus::data(*s);
  }
  if (const auto* v = n.number()) return mus::data(std::to_string(*v));
  if (const auto* b = n.flag()) return mus::data(*b);
  return mus::data(false);
}

void fill(mus::data& d, const ContextNode& n) {
  if (const auto* l = n.items()) {
    // kainjow's data has no noexcept move, so a growing list copied every element, subtree and
    // all, at each reallocation: most of a busy day's bulletin went into those copies.
    const_cast<mus::basic_list<std::string>&>(d.list_value()).reserve(l->size());
    for (const auto& item : *l) {
      d.push_back(shell(item));
      // The element just added, filled where it lies (the data is ours, not const).
      fill(const_cast<mus::data&>(d.list_value().back()), item);
    }
  } else if (const auto* o = n.fields()) {
    for (const auto& [k, v] : *o) {
      d.set(k, shell(v));
      fill(*const_cast<mus::data*>(d.get(k)), v);
    }
  }
}

mus::data to_data(const ContextNode& n) {
  mus::data d = shell(n);
  fill(d, n);
  return d;
}

// Resolves partials by name through the library (never from the data, so a value cannot pose as
// a template), checking each one's syntax before kainjow renders it.
class PartialContext : public mus::context<std::string> {
 public:
  PartialContext(const mus::data* data, const TemplateLibrary& library)
      : mus::context<std::string>(data), library_(library) {}

  const mus::data* get_partial(const std::string& name) const override {
    if (error_) return nullptr;
    if (auto it = cache_.find(name); it != cache_.end()) return it->second.get();
    auto src = library_.find(name);
    if (!src) return nullptr;  // checked before rendering
    try {
      check_template(*src);
    } catch (const InputError& e) {
      error_ = std::make_unique<InputError>(e);
      return nullptr;
    }
    auto [it, inserted] =
        cache_.emplace(name, std::make_unique<mus::data>(join_standalone_sections(src->text)));
    return it->second.get();
  }

  const InputError* error() const { return error_.get(); }

 private:
  const TemplateLibrary& library_;
  mutable std::map<std::string, std::unique_ptr<mus::data>> cache_;
  mutable std::unique_ptr<InputError> error_;
};

// Every partial reachable from `src` must exist, and none may include itself.
void check_partials(const TemplateLibrary& library, const TemplateSource& src,
                    std::vector<std::string>& stack) {
  for (const auto& [name, offset] : partial_refs(src.text)) {
    if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
      throw InputError(at_offset(src, offset,
                                 "the partial '" + name + "' includes itself (" +
                                     join(stack, " > ") + " > " + name + ")"));
    }
    auto part = library.find(name);
    if (!part) {
      std::string why =
          safe_name(name) ? "there is no template '" + name + "'"
                          : "'" + name + "' is not a template name (names cannot hold '/' or '..')";
      throw InputError(at_offset(src, offset, why + "; available: " + join(library.names(), ", ")));
    }
    stack.push_back(name);
    check_partials(library, *part, stack);
    stack.pop_back();
  }
}

}  // namespace

std::optional<TemplateSource> TemplateLibrary::find(const std::string& name) const {
  if (!safe_name(name)) return std::nullopt;
  if (!dir_.empty()) {
    fs::path p = fs::path(dir_) / name;
    if (auto text = read_file(p)) return TemplateSource{name, p.string(), *text};
  }
  for (const auto& b : builtin_templates()) {
    if (name == b.name) {
      return TemplateSource{name, "built-in " + name,
                            std::string(reinterpret_cast<const char*>(b.data), b.size)};
    }
  }
  return std::nullopt;
}

TemplateSource TemplateLibrary::require(const std::string& name) const {
  if (auto src = find(name)) return *src;
  throw UsageError("there is no template '" + name + "'; available: " + join(names(), ", "));
}

std::vector<std::string> TemplateLibrary::names() const {
  std::set<std::string> all;
  for (const auto& b : builtin_templates()) all.insert(b.name);
  std::error_code ec;
  if (!dir_.empty() && fs::is_directory(dir_, ec)) {
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      std::string n = entry.path().filename().string();
      if (entry.is_regular_file(ec) && n != "README.md" && n[0] != '.') all.insert(n);
    }
  }
  return {all.begin(), all.end()};
}

TemplateSource template_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) throw EnvironmentError("--template: cannot read '" + path + "': no such file");
  return TemplateSource{fs::path(path).filename().string(), path, *text};
}

void check_template(const TemplateSource& source) {
  mus::mustache tmpl{source.text};
  if (!tmpl.is_valid()) throw_syntax(source, tmpl.error_message());
}

std::string render_template(const TemplateLibrary& library, const TemplateSource& main,
                            const ContextNode& context, Escape escape) {
  check_template(main);
  std::vector<std::string> stack{main.name};
  check_partials(library, main, stack);
  mus::mustache tmpl{join_standalone_sections(main.text)};
  if (escape == Escape::kNone) tmpl.set_custom_escape([](const std::string& s) { return s; });
  mus::data data = to_data(context);
  PartialContext ctx(&data, library);
  std::ostringstream out;
  tmpl.render(ctx, out);
  if (ctx.error()) throw *ctx.error();
  if (!tmpl.is_valid()) throw_syntax(main, tmpl.error_message());
  std::string text = out.str();
  text.erase(std::remove(text.begin(), text.end(), kLineMark), text.end());
  return text;
}

}  // namespace duty::reports
