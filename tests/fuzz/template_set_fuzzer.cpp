// SPDX-License-Identifier: Apache-2.0
// A whole template set, as a bulletin renders it: the input split at NUL bytes is the main
// template (daily.en.txt), the partials a, b, c and d, and then the lines of the data (a context
// shaped like a bulletin's). The templates are written to a templates/ folder and the main one is
// found through the template library, as `duty daily` finds it; it is rendered as text, HTML and
// Markdown. Delimiter changes ({{=<% %>=}}), partial cycles and blow-ups are what it is for.
// Besides "no crash, no hang, no leak": a template the scan accepts is one kainjow parses, every
// partial kainjow asks for was checked (else get_partial throws logic_error), and a Markdown value
// comes out with no markup left in it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <string_view>
#include <vector>

#include "reports/template.hpp"
#include "reports/template_scan.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;
using duty::reports::ContextNode;

const char* const kPartials[] = {"a", "b", "c", "d"};
// A smaller output limit than duty's 64 MiB: what stops a blow-up is the same, and each input
// that reaches it is done in milliseconds rather than a second.
constexpr std::size_t kLimit = std::size_t{1} << 20;

// One folder per process, emptied for each input and removed at exit (so it outlives every
// static destructor).
const fs::path& folder() {
  static const fs::path* dir = [] {
    std::string pattern = (fs::temp_directory_path() / "duty-fuzz-templates-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    auto* d = new fs::path(fs::path(pattern) / "templates");
    fs::create_directory(*d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(folder().parent_path(), ec);
    });
    return d;
  }();
  return *dir;
}

void write(const std::string& name, std::string_view text) {
  std::ofstream out(folder() / name, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) std::abort();
}

ContextNode context_from(std::string_view data) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= data.size() && lines.size() < 64) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    lines.emplace_back(data.substr(start, end - start));
    start = end + 1;
  }
  auto line = [&](std::size_t i) { return i < lines.size() ? lines[i] : std::string(); };
  ContextNode root = ContextNode::object();
  root.set("title", line(0));
  root.set("count", static_cast<long long>(lines.size()));
  root.set("nil", lines.size() < 2);
  ContextNode items = ContextNode::list();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    ContextNode item = ContextNode::object();
    item.set("name", lines[i]);
    item.set("n", static_cast<long long>(i));
    item.set("late", i % 2 == 0);
    items.push(std::move(item));
  }
  root.set("items", std::move(items));
  ContextNode office = ContextNode::object();
  office.set("name", line(1));
  root.set("office", std::move(office));
  return root;
}

// Markdown escaping leaves only escapes (\x), entities (&amp; &lt; &gt; &#32; &#9;) and <br>:
// no character that Markdown reads as markup, and no line break.
bool inert_markdown(const std::string& out) {
  const std::string_view escapable = "\\`*_[]#|~$-+=.)";
  for (std::size_t i = 0; i < out.size();) {
    std::string_view rest = std::string_view(out).substr(i);
    if (rest[0] == '\\') {
      if (rest.size() < 2 || escapable.find(rest[1]) == std::string_view::npos) return false;
      i += 2;
    } else if (rest.substr(0, 4) == "<br>") {
      i += 4;
    } else if (rest[0] == '&') {
      bool entity = false;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&#32;", "&#9;"}) {
        if (rest.substr(0, e.size()) == e) {
          i += e.size();
          entity = true;
          break;
        }
      }
      if (!entity) return false;
    } else if (std::string_view("`*_[]#|~$<>\n\r").find(rest[0]) != std::string_view::npos) {
      return false;
    } else {
      ++i;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input = duty::fuzz::text_of(data, size);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    std::size_t nul = input.find('\0', start);
    if (nul == std::string::npos) break;
    parts.emplace_back(std::string_view(input).substr(start, nul - start));
    start = nul + 1;
  }
  std::string_view rest = std::string_view(input).substr(std::min(start, input.size()));
  if (parts.empty()) {
    parts.push_back(rest);
    rest = {};
  }

  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder(), ec)) fs::remove(entry.path(), ec);
  write("daily.en.txt", parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) write(kPartials[i - 1], parts[i]);
  ContextNode context = context_from(rest);

  // The scan and kainjow agree: what the scan accepts, kainjow parses.
  duty::fuzz::refusing_is_fine([&] {
    duty::reports::TemplateSource main{"daily.en.txt", "daily.en.txt", std::string(parts[0])};
    duty::reports::TemplateScan scan = duty::reports::scan_template(main);
    if (!kainjow::mustache::mustache(main.text).is_valid()) __builtin_trap();
    if (!kainjow::mustache::mustache(scan.joined).is_valid()) __builtin_trap();
  });

  duty::reports::TemplateLibrary library(folder().string());
  for (auto escape : {duty::reports::Escape::kNone, duty::reports::Escape::kHtml,
                      duty::reports::Escape::kMarkdown}) {
    duty::fuzz::refusing_is_fine([&] {
      duty::reports::TemplateSource main = library.require("daily.en.txt");
      std::string out = duty::reports::render_template(library, main, context, escape, kLimit);
      if (out.size() > kLimit) __builtin_trap();
    });
  }

  duty::fuzz::refusing_is_fine([&] {
    duty::reports::TemplateSource values{"values.md", "values.md",
                                         "{{title}}{{#items}}{{name}}{{/items}}{{office.name}}"};
    std::string out = duty::reports::render_template(library, values, context,
                                                     duty::reports::Escape::kMarkdown, kLimit);
    if (!inert_markdown(out)) __builtin_trap();
  });
  return 0;
}
