// SPDX-License-Identifier: Apache-2.0
#include "reports/template.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/builtin_templates.hpp"
#include "reports/template_scan.hpp"

namespace duty::reports {

namespace fs = std::filesystem;
namespace mus = kainjow::mustache;

namespace {

bool safe_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos && name.find("..") == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return tr("a directory");
  if (S_ISFIFO(mode)) return tr("a FIFO");
  if (S_ISCHR(mode)) return tr("a character device");
  if (S_ISBLK(mode)) return tr("a block device");
  if (S_ISSOCK(mode)) return tr("a socket");
  return tr("not a regular file");
}

std::string too_large(std::uintmax_t size) {
  return trf("is {0} bytes; a template may be at most 1 MiB ({1} bytes)", size, kMaxTemplateBytes);
}

// Reads the regular file at `path` (at most kMaxTemplateBytes). `refuse(why)` throws for anything
// else, before it is opened, so a FIFO cannot block and a device is never read. EnvironmentError
// when it cannot be read.
template <typename Refuse>
std::string read_template_bytes(const std::string& path, int extra_flags, Refuse refuse) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) refuse(tr("does not exist"));
    throw EnvironmentError(trf("cannot read the template {0}: {1}", path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) refuse(trf("is {0}, not a file", kind_of(st.st_mode)));
  if (static_cast<std::uintmax_t>(st.st_size) > kMaxTemplateBytes) {
    refuse(too_large(static_cast<std::uintmax_t>(st.st_size)));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | extra_flags);
  if (fd < 0) {
    if (errno == ELOOP) refuse(tr("was replaced by a symbolic link while being read"));
    if (errno == ENOENT) refuse(tr("does not exist"));
    throw EnvironmentError(trf("cannot read the template {0}: {1}", path, std::strerror(errno)));
  }
  std::string text;
  try {
    // Checked again on what was opened: the name may have been swapped meanwhile.
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) refuse(tr("is not a regular file"));
    char buffer[65536];
    while (true) {
      ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        throw EnvironmentError(
            trf("cannot read the template {0}: {1}", path, std::strerror(errno)));
      }
      if (got == 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
      if (text.size() > kMaxTemplateBytes) {
        refuse(trf("is {0} bytes or more; a template may be at most 1 MiB ({1} bytes)", text.size(),
                   kMaxTemplateBytes));
      }
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return text;
}

bool inside(const fs::path& path, const fs::path& folder) {
  fs::path rel = path.lexically_relative(folder);
  return !rel.empty() && rel != "." && *rel.begin() != "..";
}

// kainjow reports "Unclosed tag at 123" (a byte offset). The scan finds every error kainjow does
// first, so this is a last line of defence and says the same for people, at line:column.
[[noreturn]] void throw_syntax(const TemplateSource& src, const std::string& error) {
  static const std::regex kAt(R"(^(.*) at (\d+)$)");
  std::smatch m;
  if (!std::regex_match(error, m, kAt)) {
    throw InputError(
        Diagnostic{SourcePos{src.origin, 0, 0}, trf("template error: {0}", error), {}});
  }
  throw InputError(
      template_diagnostic(src, std::stoul(m[2]), trf("template error: {0}", m[1].str())));
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

// A template of the set being rendered, scanned once.
struct Checked {
  Checked(TemplateSource s, TemplateScan c) : source(std::move(s)), scan(std::move(c)) {}
  TemplateSource source;
  TemplateScan scan;
  std::size_t depth = 0;  // the deepest nesting of sections and partials from its start
  bool done = false;      // false while its partials are being checked
};

// The main template and every partial it reaches, each read and checked once (so checking is
// linear in the number of distinct partials however often each is included), before anything
// is rendered; rendering then uses these texts and never reads a file again.
class TemplateSet {
 public:
  TemplateSet(const TemplateLibrary& library, const TemplateSource& main)
      : library_(library), main_{main, scan_template(main)} {
    stack_.push_back(main.name);
    if (library.holds(main)) {
      // The main template can be included by name too: that is a cycle.
      partials_.emplace(main.name, Checked{main, main_.scan});
    }
    main_.depth = visit(main_, 0);
    if (auto it = partials_.find(main.name); it != partials_.end() && !it->second.done) {
      it->second.depth = main_.depth;
      it->second.done = true;
    }
  }

  const Checked& main() const { return main_; }
  const std::map<std::string, Checked>& partials() const { return partials_; }

 private:
  std::size_t visit(const Checked& t, std::size_t level) {
    std::size_t depth = t.scan.max_depth;
    for (const auto& ref : t.scan.partials) {
      std::size_t below = 0;
      auto it = partials_.find(ref.name);
      if (it != partials_.end()) {
        if (!it->second.done) {
          std::vector<std::string> cycle(std::find(stack_.begin(), stack_.end(), ref.name),
                                         stack_.end());
          cycle.push_back(ref.name);
          throw InputError(template_diagnostic(
              t.source, ref.offset,
              trf("the partial '{0}' includes itself: {1}", ref.name, join(cycle, " > "))));
        }
        below = it->second.depth;
      } else {
        // Deeper than the limit already: refuse before recursing any further.
        if (level + ref.depth + 1 > kMaxTemplateNesting) throw too_deep(t, ref);
        std::optional<TemplateSource> part;
        try {
          part = library_.find(ref.name);
        } catch (const InputError& e) {
          const Diagnostic& d = e.diagnostics().front();
          throw InputError(template_diagnostic(
              t.source, ref.offset,
              trf("the partial '{0}' is refused: {1}: {2}", ref.name, d.pos.str(), d.message)));
        }
        if (!part) {
          std::string why = safe_name(ref.name) ? trf("there is no template '{0}'; available: {1}",
                                                      ref.name, join(library_.names(), ", "))
                                                : trf("'{0}' is not a template name (names cannot "
                                                      "hold '/' or '..'); available: {1}",
                                                      ref.name, join(library_.names(), ", "));
          throw InputError(template_diagnostic(t.source, ref.offset, why));
        }
        TemplateScan scan = scan_template(*part);
        Checked& c =
            partials_.emplace(ref.name, Checked{std::move(*part), std::move(scan)}).first->second;
        stack_.push_back(ref.name);
        c.depth = visit(c, level + ref.depth + 1);
        c.done = true;
        stack_.pop_back();
        below = c.depth;
      }
      depth = std::max(depth, ref.depth + 1 + below);
      if (level + depth > kMaxTemplateNesting) throw too_deep(t, ref);
    }
    return depth;
  }

  InputError too_deep(const Checked& t, const PartialRef& ref) const {
    return InputError(
        template_diagnostic(t.source, ref.offset,
                            trf("sections and partials nest more than {0} levels deep "
                                "through '{1}' ({2} > {1})",
                                kMaxTemplateNesting, ref.name, join(stack_, " > "))));
  }

  const TemplateLibrary& library_;
  Checked main_;
  std::map<std::string, Checked> partials_;
  std::vector<std::string> stack_;
};

// "64 MiB", "256 KiB", "1000 bytes".
std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// Thrown out of kainjow when the output could pass the limit.
struct RenderTooLarge {};

// What each step of kainjow's rendering may add to the output, so the total is bounded before
// it is produced. kainjow asks the context for every value and section (get), enters every
// section body (push; an inverted one after a get that found nothing, false or an empty list)
// and every partial (get_partial); between two such calls it adds at most one section body's own
// text. Each call is charged that much, plus the value's length (escaped: up to 6 bytes a byte)
// or the partial's text (parsed anew, a copy per section level, at each inclusion), so the charge
// is never less than what is produced; and the time spent is bounded too (a step costs at least
// kStepCost, a name's lookup by its length).
constexpr std::size_t kStepCost = 64;
constexpr std::size_t kEscapeGrowth = 6;
constexpr std::size_t kNameCost = 8;

std::size_t partial_cost(const Checked& c) {
  return kStepCost + c.scan.joined.size() * (1 + c.scan.max_depth) + c.scan.top_text;
}

// Resolves partials from the checked set (never from the data, so a value cannot pose as a
// template) and keeps the charge.
class RenderContext : public mus::context<std::string> {
 public:
  RenderContext(const mus::data* data, const std::map<std::string, mus::data>& partials,
                const std::map<std::string, std::size_t>& costs, std::size_t body,
                std::size_t inverted_body, std::size_t limit)
      : mus::context<std::string>(data),
        partials_(partials),
        costs_(costs),
        body_(body),
        inverted_body_(inverted_body),
        limit_(limit) {}

  const mus::data* get(const std::string& name) const override {
    const mus::data* value = mus::context<std::string>::get(name);
    // A dotted name is split anew and looked up at every level of the context, at every use.
    std::size_t cost = kStepCost + name.size() * kNameCost;
    if (value == nullptr || value->is_false() || value->is_empty_list()) {
      cost += inverted_body_;  // an inverted section shows its body
    } else if (value->is_string()) {
      cost += value->string_value().size() * kEscapeGrowth;
    }
    charge(cost);
    return value;
  }

  void push(const mus::data* data) override {
    charge(kStepCost + body_);
    mus::context<std::string>::push(data);
  }

  const mus::data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it == partials_.end()) {
      // The scan reads templates as kainjow does, so this cannot happen; if it ever does, it is
      // a bug in the scan, not the office's fault.
      throw std::logic_error("internal error: the partial '" + name +
                             "' was not checked before rendering");
    }
    charge(costs_.at(name) + name.size() * kNameCost);
    return &it->second;
  }

  void charge(std::size_t units) const {
    used_ += units;
    if (used_ > limit_) throw RenderTooLarge{};
  }

 private:
  const std::map<std::string, mus::data>& partials_;
  const std::map<std::string, std::size_t>& costs_;
  std::size_t body_;
  std::size_t inverted_body_;
  std::size_t limit_;
  mutable std::size_t used_ = 0;
};

}  // namespace

std::optional<TemplateSource> TemplateLibrary::find(const std::string& name) const {
  if (!safe_name(name)) return std::nullopt;
  if (!dir_.empty()) {
    fs::path p = fs::path(dir_) / name;
    struct stat st {};
    if (::lstat(p.c_str(), &st) == 0) {
      // Something of that name is in the folder: it is the template, or it is refused; the
      // built-in one never silently stands in for it.
      auto refuse = [&](const std::string& why) -> void {
        throw InputError(Diagnostic{SourcePos{p.string(), 0, 0}, why, {}});
      };
      std::error_code ec;
      fs::path folder = fs::canonical(dir_, ec);
      if (ec) {
        throw EnvironmentError(
            trf("cannot read the templates folder {0}: {1}", dir_, ec.message()));
      }
      fs::path real = fs::canonical(p, ec);
      if (ec) refuse(trf("is a symbolic link that leads nowhere ({0})", ec.message()));
      if (!inside(real, folder)) {
        refuse(
            trf("leads to {0}, outside the office's templates folder {1}; templates and partials "
                "are read "
                "only from that folder and the built-ins (put a copy of the file there instead of "
                "a link)",
                real.string(), folder.string()));
      }
      // The resolved path holds no link; O_NOFOLLOW keeps one from being swapped in.
      std::string text = read_template_bytes(real.string(), O_NOFOLLOW, refuse);
      return TemplateSource{name, p.string(), std::move(text)};
    }
    if (errno != ENOENT && errno != ENOTDIR) {
      throw EnvironmentError(
          trf("cannot read the template {0}: {1}", p.string(), std::strerror(errno)));
    }
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
  throw UsageError(trf("there is no template '{0}'; available: {1}", name, join(names(), ", ")));
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

bool TemplateLibrary::holds(const TemplateSource& source) const {
  if (!safe_name(source.name)) return false;
  if (source.origin == "built-in " + source.name) return true;
  return !dir_.empty() && source.origin == (fs::path(dir_) / source.name).string();
}

TemplateSource template_file(const std::string& path) {
  auto refuse = [&](const std::string& why) -> void {
    if (why == tr("does not exist")) throw UsageError(trf("--template: no such file '{0}'", path));
    throw UsageError(trf("--template: '{0}' {1}", path, why));
  };
  std::string text = read_template_bytes(path, 0, refuse);
  return TemplateSource{fs::path(path).filename().string(), path, std::move(text)};
}

std::string markdown_escape(std::string_view v) {
  std::string out;
  out.reserve(v.size() + v.size() / 8 + 8);
  std::size_t i = 0;
  // At the start of a line, blanks indent (four make a code block) and - + = or "1." / "1)"
  // open a list or underline a heading. A value may well stand at the start of a line.
  for (; i < v.size() && (v[i] == ' ' || v[i] == '\t'); ++i) out += v[i] == ' ' ? "&#32;" : "&#9;";
  if (i < v.size() && (v[i] == '-' || v[i] == '+' || v[i] == '=')) {
    out += '\\';
    out += v[i++];
  } else {
    std::size_t d = i;
    while (d < v.size() && v[d] >= '0' && v[d] <= '9') ++d;
    if (d > i && d < v.size() && (v[d] == '.' || v[d] == ')') &&
        (d + 1 == v.size() || v[d + 1] == ' ' || v[d + 1] == '\t' || v[d + 1] == '\n' ||
         v[d + 1] == '\r')) {
      out.append(v.substr(i, d - i));
      out += '\\';
      out += v[d];
      i = d + 1;
    }
  }
  for (; i < v.size(); ++i) {
    char c = v[i];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        if (i + 1 < v.size() && v[i + 1] == '\n') ++i;
        out += "<br>";
        break;
      case '\n':
        out += "<br>";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
      case '|':
      case '~':
      case '$':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
        break;
    }
  }
  return out;
}

void check_template(const TemplateSource& source) {
  (void)scan_template(source);
  // A last line of defence: the scan refuses everything kainjow refuses.
  mus::mustache tmpl{source.text};
  if (!tmpl.is_valid()) throw_syntax(source, tmpl.error_message());
}

std::string render_template(const TemplateLibrary& library, const TemplateSource& main,
                            const ContextNode& context, Escape escape, std::size_t max_output) {
  TemplateSet set(library, main);
  std::map<std::string, mus::data> partials;
  std::map<std::string, std::size_t> costs;
  std::size_t body = set.main().scan.max_body_text;
  std::size_t inverted = set.main().scan.max_inverted_text;
  for (const auto& [name, c] : set.partials()) {
    partials.emplace(name, mus::data(c.scan.joined));
    costs.emplace(name, partial_cost(c));
    body = std::max(body, c.scan.max_body_text);
    inverted = std::max(inverted, c.scan.max_inverted_text);
  }
  mus::mustache tmpl{set.main().scan.joined};
  if (!tmpl.is_valid()) throw_syntax(main, tmpl.error_message());
  if (escape == Escape::kNone) tmpl.set_custom_escape([](const std::string& s) { return s; });
  if (escape == Escape::kMarkdown) {
    tmpl.set_custom_escape([](const std::string& s) { return markdown_escape(s); });
  }
  mus::data data = to_data(context);
  RenderContext ctx(&data, partials, costs, body, inverted, max_output);
  std::ostringstream out;
  try {
    ctx.charge(partial_cost(set.main()));
    tmpl.render(ctx, out);
  } catch (const RenderTooLarge&) {
    throw InputError(Diagnostic{SourcePos{main.origin, 0, 0},
                                trf("rendering stopped: the output could pass {0} (a section "
                                    "repeated inside itself over long lists, "
                                    "or a partial included over and over?)",
                                    size_text(max_output)),
                                {}});
  }
  if (!tmpl.is_valid()) throw_syntax(main, tmpl.error_message());
  std::string text = std::move(out).str();
  text.erase(std::remove(text.begin(), text.end(), kLineMark), text.end());
  return text;
}

}  // namespace duty::reports
