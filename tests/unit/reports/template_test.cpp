// SPDX-License-Identifier: Apache-2.0
#include "reports/template.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/text.hpp"
#include "reports/template_scan.hpp"

namespace {

namespace fs = std::filesystem;
using namespace duty::reports;

// A fresh folder holding templates/, removed at the end of the test.
class Folder {
 public:
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "duty-template-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
    fs::create_directory(templates());
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  fs::path root() const { return root_; }
  fs::path templates() const { return root_ / "templates"; }
  fs::path write(const fs::path& path, const std::string& text) const {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }
  fs::path put(const std::string& name, const std::string& text) const {
    return write(templates() / name, text);
  }
  TemplateLibrary library() const { return TemplateLibrary(templates().string()); }

 private:
  fs::path root_;
};

// The first diagnostic's "file:line:col: message" of what `fn` throws.
template <typename Fn>
std::string input_error(Fn&& fn) {
  try {
    fn();
  } catch (const duty::InputError& e) {
    const auto& d = e.diagnostics().front();
    return d.pos.str() + ": " + d.message;
  }
  return "no error";
}

std::string render(const TemplateLibrary& lib, const std::string& text,
                   Escape escape = Escape::kNone) {
  ContextNode c = ContextNode::object();
  c.set("title", "T");
  ContextNode& items = c.set("items", ContextNode::list());
  for (const char* n : {"x", "y"}) {
    ContextNode item = ContextNode::object();
    item.set("name", n);
    items.push(std::move(item));
  }
  return render_template(lib, {"main.txt", "main.txt", text}, c, escape);
}

}  // namespace

TEST_SUITE("reports::template_scan") {
  TEST_CASE("partials are found whatever the delimiters, as kainjow finds them") {
    TemplateScan s = scan_template(
        {"t", "t", "{{> a}}{{=<% %>=}}<%> b %>{{> not}}<%={{ }}=%>{{#x}}{{>c}}{{/x}}"});
    REQUIRE(s.partials.size() == 3);
    CHECK(s.partials[0].name == "a");
    CHECK(s.partials[1].name == "b");
    CHECK(s.partials[1].offset == 18);
    CHECK(s.partials[2].name == "c");
    CHECK(s.partials[2].depth == 1);
    CHECK(s.max_depth == 1);
  }

  TEST_CASE("a comment ends at its first closing delimiter; {{{x}}} and {{&x}} are values") {
    TemplateScan s = scan_template({"t", "t", "{{! {{> a}}b}}{{{> c}}}{{&> d}}"});
    CHECK(s.partials.empty());
    // With other delimiters { starts no triple tag.
    s = scan_template({"t", "t", "{{=[ ]=}}[{> e]"});
    CHECK(s.partials.empty());
  }

  TEST_CASE("syntax errors at file:line:column, in the delimiters in use") {
    auto error = [](const std::string& text) {
      return input_error([&] { scan_template({"t", "dir/t.txt", text}); });
    };
    CHECK(error("a\n  {{x") == "dir/t.txt:2:3: unclosed tag: '{{' without a matching '}}'");
    CHECK(error("{{{x}}") == "dir/t.txt:1:1: unclosed tag: '{{{' without a matching '}}}'");
    CHECK(error("{{=<% %>=}}\n<%#s%>") ==
          "dir/t.txt:2:1: section 's' is opened here but never closed (add <%/s%>)");
    CHECK(error("{{=<% %>=}}<%/s%>") ==
          "dir/t.txt:1:12: <%/s%> closes a section that is not open (a typo in its name, or a "
          "missing <%#s%>?)");
    CHECK(error("{{#a}}\n{{#b}}{{/a}}") ==
          "dir/t.txt:2:7: {{/a}} closes a section, but the one open is 'b' (opened at line 2, "
          "column 1); close it first");
    CHECK(error("{{=<%%>=}}").find("1:1: invalid set-delimiter tag") != std::string::npos);
    CHECK(error("{{=a= b=}}").find("invalid set-delimiter tag") != std::string::npos);
    CHECK(error("x{{=" + std::string(17, '<') + " >=}}") ==
          "dir/t.txt:1:2: delimiters may be at most 16 bytes long");
    CHECK(error("ok\x01") ==
          "dir/t.txt:1:3: control character U+0001; a template holds text, "
          "tabs and line breaks only");
    CHECK_NOTHROW(scan_template({"t", "t", "tab\there\r\n"}));
  }

  TEST_CASE("every unclosed section is reported") {
    try {
      scan_template({"t", "t", "{{#a}}{{^b}}"});
      FAIL("expected an error");
    } catch (const duty::InputError& e) {
      CHECK(e.diagnostics().size() == 2);
    }
  }

  TEST_CASE("nesting is limited before kainjow sees it") {
    std::string ok;
    for (std::size_t i = 0; i < kMaxTemplateNesting; ++i) ok += "{{#a}}";
    for (std::size_t i = 0; i < kMaxTemplateNesting; ++i) ok += "{{/a}}";
    CHECK(scan_template({"t", "t", ok}).max_depth == kMaxTemplateNesting);
    std::string deep = "{{#a}}" + ok + "{{/a}}";
    CHECK(input_error([&] {
            scan_template({"t", "t", deep});
          }) == "t:1:385: sections nest more than 64 levels deep");
  }

  TEST_CASE("standalone section lines are joined under any delimiters") {
    TemplateScan s =
        scan_template({"t", "t", "{{=<% %>=}}\n  <%#x%>  \ny\n<%/x%>\r\nz <%#x%><%/x%>\n"});
    CHECK(s.joined == std::string("{{=<% %>=}}\n<%#x%>") + kLineMark + "y\n<%/x%>" + kLineMark +
                          "z <%#x%><%/x%>\n");
    CHECK(s.top_text == 8);       // outside x: "\n", "  ", "\r\nz ", "\n"
    CHECK(s.max_body_text == 5);  // "  \ny\n"
  }
}

TEST_SUITE("reports::template") {
  TEST_CASE("markdown_escape leaves no markup") {
    CHECK(markdown_escape("Landslide at Zequ, 2026-11-20 12.5") ==
          "Landslide at Zequ, 2026-11-20 12.5");
    CHECK(markdown_escape("# h | *b* _i_ `c` [x](javascript:y) ~~s~~ $m$ \\") ==
          "\\# h \\| \\*b\\* \\_i\\_ \\`c\\` \\[x\\](javascript:y) \\~\\~s\\~\\~ \\$m\\$ \\\\");
    CHECK(markdown_escape("<script>&amp;") == "&lt;script&gt;&amp;amp;");
    CHECK(markdown_escape("a\nb\r\nc\rd") == "a<br>b<br>c<br>d");
    CHECK(markdown_escape("1. x") == "1\\. x");
    CHECK(markdown_escape("12)") == "12\\)");
    CHECK(markdown_escape("12.5") == "12.5");
    CHECK(markdown_escape("- x") == "\\- x");
    CHECK(markdown_escape("+") == "\\+");
    CHECK(markdown_escape("===") == "\\===");
    CHECK(markdown_escape("  \tcode") == "&#32;&#32;&#9;code");
    CHECK(markdown_escape("a - b") == "a - b");
    CHECK(markdown_escape("泽曲镇滑坡") == "泽曲镇滑坡");
  }

  TEST_CASE("Markdown rendering escapes values, not the template") {
    TemplateLibrary lib("");
    CHECK(render(lib, "# {{title}} *x*\n{{#items}}- [{{name}}]\n{{/items}}", Escape::kMarkdown) ==
          "# T *x*\n- [x]\n- [y]\n");
    ContextNode c = ContextNode::object();
    c.set("title", "1. a\n# b");
    CHECK(render_template(lib, {"m", "m", "{{title}}\n"}, c, Escape::kMarkdown) ==
          "1\\. a<br>\\# b\n");
  }

  TEST_CASE("partials start from {{ }} and are found whatever the includer's delimiters") {
    Folder f;
    f.put("p", "<%title%>{{title}}");
    CHECK(render(f.library(), "{{=<% %>=}}<%> p%>|<%title%>") == "<%title%>T|T");
    CHECK(input_error([&] { render(f.library(), "{{=<% %>=}}\n <%> nope%>"); }) ==
          "main.txt:2:2: there is no template 'nope'; available: " +
              duty::join(f.library().names(), ", "));
  }

  TEST_CASE("cycles are named") {
    Folder f;
    f.put("a", "{{=| |=}}|#items||> b||/items|");
    f.put("b", "x{{> c}}");
    f.put("c", "{{> a}}");
    CHECK(input_error([&] { render(f.library(), "{{> a}}"); }) ==
          (f.templates() / "c").string() + ":1:1: the partial 'a' includes itself: a > b > c > a");
    f.put("s", "{{#items}}{{> s}}{{/items}}");
    CHECK(input_error([&] { render(f.library(), "{{> s}}"); }).find("includes itself: s > s") !=
          std::string::npos);
    // A template of the library that includes itself by its own name.
    f.put("main.txt", "{{> main.txt}}");
    TemplateSource main = f.library().require("main.txt");
    CHECK(f.library().holds(main));
    CHECK(input_error([&] {
            render_template(f.library(), main, ContextNode::object(), Escape::kNone);
          }).find("includes itself: main.txt > main.txt") != std::string::npos);
  }

  TEST_CASE("checking is linear in the distinct partials") {
    Folder f;
    f.put("one", "1");
    std::string many = "{{#no}}";
    for (int i = 0; i < 10000; ++i) many += "{{> one}}";
    many += "{{/no}}";
    // A diamond 30 levels deep: 2^30 paths, 31 partials.
    for (int level = 0; level < 30; ++level) {
      std::string next = "d" + std::to_string(level + 1);
      f.put("d" + std::to_string(level), "{{#no}}{{> " + next + "}}{{> " + next + "}}{{/no}}");
    }
    f.put("d30", "leaf");
    auto start = std::chrono::steady_clock::now();
    CHECK(render(f.library(), many + "{{> d0}}ok") == "ok");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }

  TEST_CASE("nesting through partials is limited") {
    Folder f;
    for (int level = 0; level < 100; ++level) {
      f.put("p" + std::to_string(level), "{{#x}}{{> p" + std::to_string(level + 1) + "}}{{/x}}");
    }
    f.put("p100", "leaf");
    CHECK(input_error([&] {
            render(f.library(), "{{> p0}}");
          }).find("sections and partials nest more than 64 levels deep") != std::string::npos);
  }

  TEST_CASE("output that could pass the limit is stopped") {
    Folder f;
    for (int level = 0; level < 40; ++level) {
      std::string next = "d" + std::to_string(level + 1);
      f.put("d" + std::to_string(level), "{{> " + next + "}}{{> " + next + "}}");
    }
    f.put("d40", "leaf");
    auto start = std::chrono::steady_clock::now();
    CHECK(input_error([&] {
            render(f.library(), "{{> d0}}");
          }).find("main.txt: rendering stopped: the output could pass 64 MiB") == 0);
    // Sections over a list inside each other: 2^30 repetitions of a long text.
    std::string loops;
    for (int i = 0; i < 30; ++i) loops += "{{#items}}";
    loops += std::string(1000, 'x');
    for (int i = 0; i < 30; ++i) loops += "{{/items}}";
    CHECK(input_error([&] { render(f.library(), loops); }).find("rendering stopped") !=
          std::string::npos);
    // No output at all, but a long dotted name looked up over and over.
    std::string lookups;
    for (int i = 0; i < 30; ++i) lookups += "{{#items}}";
    lookups += "{{";
    for (int i = 0; i < 20000; ++i) lookups += "a.";
    lookups += "b}}";
    for (int i = 0; i < 30; ++i) lookups += "{{/items}}";
    CHECK(input_error([&] { render(f.library(), lookups); }).find("rendering stopped") !=
          std::string::npos);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }

  TEST_CASE("the library reads only regular files inside its folder") {
    Folder f;
    fs::path secret = f.write(f.root() / "secret.txt", "SECRET");
    f.put("real.txt", "real");
    fs::create_symlink(f.templates() / "real.txt", f.templates() / "inside.txt");
    fs::create_symlink(secret, f.templates() / "outside.txt");
    fs::create_symlink(f.root() / "gone", f.templates() / "dangling.txt");
    fs::create_directory(f.templates() / "dir.txt");
    REQUIRE(::mkfifo((f.templates() / "fifo.txt").c_str(), 0600) == 0);
    TemplateLibrary lib = f.library();
    CHECK(lib.find("inside.txt")->text == "real");
    std::string prefix = (f.templates() / "").string();
    CHECK(input_error([&] { lib.find("outside.txt"); }) ==
          prefix + "outside.txt: leads to " + fs::canonical(secret).string() +
              ", outside the office's templates folder " + fs::canonical(f.templates()).string() +
              "; templates and partials are read only from that folder and the built-ins (put a "
              "copy of the file there instead of a link)");
    CHECK(input_error([&] {
            lib.find("dangling.txt");
          }).find("dangling.txt: is a symbolic link that leads nowhere") != std::string::npos);
    CHECK(input_error([&] { lib.find("dir.txt"); }) ==
          prefix + "dir.txt: is a directory, not a file");
    CHECK(input_error([&] { lib.find("fifo.txt"); }) == prefix + "fifo.txt: is a FIFO, not a file");
    f.put("big.txt", std::string(kMaxTemplateBytes + 1, 'x'));
    CHECK(input_error([&] { lib.find("big.txt"); }) ==
          prefix + "big.txt: is 1048577 bytes; a template may be at most 1 MiB (1048576 bytes)");
    f.put("max.txt", std::string(kMaxTemplateBytes, 'x'));
    CHECK(lib.find("max.txt")->text.size() == kMaxTemplateBytes);
    // Not there: the built-in one.
    CHECK(lib.find("daily.en.txt")->origin == "built-in daily.en.txt");
  }

  TEST_CASE("a --template file may be anywhere, but must be a regular file") {
    Folder f;
    fs::path mine = f.write(f.root() / "mine.txt", "mine");
    CHECK(template_file(mine.string()).text == "mine");
    CHECK(template_file(mine.string()).name == "mine.txt");
    CHECK_FALSE(f.library().holds(template_file(mine.string())));
    CHECK_THROWS_WITH_AS(template_file("/dev/zero"),
                         "--template: '/dev/zero' is a character device, not a file",
                         duty::UsageError);
    std::string none = (f.root() / "none").string();
    std::string message = "--template: no such file '" + none + "'";
    CHECK_THROWS_WITH_AS(template_file(none), message.c_str(), duty::UsageError);
  }
}
