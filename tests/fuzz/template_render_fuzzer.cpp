// SPDX-License-Identifier: Apache-2.0
// Template rendering with an untrusted template and untrusted data: the input up to the first NUL
// byte is the template, the lines after it are the values of a context shaped like a bulletin's
// (text, lists of objects, flags, numbers, a nested object). Partials resolve through the library
// (built-ins only here). With HTML escaping no data byte may come out as markup.
#include <string_view>

#include "reports/template.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using duty::reports::ContextNode;

// Blow-ups stop at 1 MiB here rather than duty's 64 MiB: the same check, in milliseconds.
constexpr std::size_t kLimit = std::size_t{1} << 20;

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
  office.set("missing", ContextNode());
  root.set("office", std::move(office));
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input = duty::fuzz::text_of(data, size);
  std::size_t nul = input.find('\0');
  std::string data_part = nul == std::string::npos ? std::string() : input.substr(nul + 1);
  duty::reports::TemplateSource source{"fuzz.txt", "fuzz.txt",
                                       nul == std::string::npos ? input : input.substr(0, nul)};
  duty::reports::TemplateLibrary library("/nonexistent/templates");
  ContextNode context = context_from(data_part);
  for (auto escape : {duty::reports::Escape::kNone, duty::reports::Escape::kHtml}) {
    duty::fuzz::refusing_is_fine(
        [&] { (void)duty::reports::render_template(library, source, context, escape, kLimit); });
  }
  // Escaping: a value printed with {{ }} in HTML output never carries markup characters.
  duty::fuzz::refusing_is_fine([&] {
    duty::reports::TemplateSource plain{"value.html", "value.html",
                                        "{{title}}{{#items}}{{name}}{{/items}}"};
    std::string out =
        duty::reports::render_template(library, plain, context, duty::reports::Escape::kHtml);
    if (out.find_first_of("<>\"'") != std::string::npos) __builtin_trap();
  });
  return 0;
}
