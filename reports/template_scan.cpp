// SPDX-License-Identifier: Apache-2.0
#include "reports/template_scan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace duty::reports {

namespace {

enum class TagKind { kValue, kSection, kInverted, kEnd, kOther };

struct Tag {
  TagKind kind;
  std::size_t start;
  std::size_t end;  // one past the closing delimiter
};

struct OpenSection {
  std::string name;
  std::size_t offset;
  bool inverted;
  std::size_t text = 0;  // bytes of text directly inside, so far
  std::string opened;    // the tag as written, for messages
};

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// kainjow's trim.
std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// kainjow's parse_set_delimiter_tag: "=<% %>=" sets <% and %>.
bool parse_delimiters(const std::string& contents, std::string& begin, std::string& end) {
  if (contents.size() < 5 || contents.back() != '=') return false;
  std::string inner = trim(std::string_view(contents).substr(1, contents.size() - 2));
  std::size_t space = inner.find(' ');
  if (space == std::string::npos) return false;
  std::size_t next = inner.find_first_not_of(' ', space + 1);
  if (next == std::string::npos) return false;
  std::string b = inner.substr(0, space);
  std::string e = inner.substr(next);
  auto valid = [](const std::string& d) {
    return std::none_of(d.begin(), d.end(), [](char c) { return c == '=' || is_space(c); });
  };
  if (!valid(b) || !valid(e)) return false;
  begin = std::move(b);
  end = std::move(e);
  return true;
}

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

[[noreturn]] void fail(const TemplateSource& src, std::size_t offset, std::string message) {
  throw InputError(template_diagnostic(src, offset, std::move(message)));
}

// Mustache drops a line holding only a section tag, but kainjow keeps the line of a section it
// skips, which leaves stray blank lines. Each such line keeps only its tag and its newline becomes
// kLineMark, dropped from the output, so the line leaves nothing whether the section is shown or
// not. The tags are the ones the scan found, so this holds whatever the delimiters.
std::string join_standalone_sections(const std::string& text, const std::vector<Tag>& tags) {
  std::string out;
  out.reserve(text.size());
  std::size_t t = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t newline = text.find('\n', start);
    std::size_t end = newline == std::string::npos ? text.size() : newline;
    std::size_t next = newline == std::string::npos ? text.size() : newline + 1;
    std::size_t content_end = end > start && text[end - 1] == '\r' ? end - 1 : end;
    while (t < tags.size() && tags[t].end <= start) ++t;
    bool standalone = false;
    if (t < tags.size()) {
      const Tag& tag = tags[t];
      auto blank = [&](std::size_t from, std::size_t to) {
        return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(to),
                           [](char c) { return c == ' ' || c == '\t'; });
      };
      standalone = tag.kind != TagKind::kValue && tag.kind != TagKind::kOther &&
                   tag.start >= start && tag.end <= content_end &&
                   (t + 1 == tags.size() || tags[t + 1].start >= next) && blank(start, tag.start) &&
                   blank(tag.end, content_end);
    }
    if (standalone) {
      out.append(text, tags[t].start, tags[t].end - tags[t].start);
      out += kLineMark;
    } else {
      out.append(text, start, next - start);
    }
    start = next;
  }
  return out;
}

}  // namespace

Diagnostic template_diagnostic(const TemplateSource& src, std::size_t offset, std::string message) {
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
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return Diagnostic{SourcePos{src.origin, line, column}, std::move(message), text};
}

TemplateScan scan_template(const TemplateSource& src) {
  const std::string& text = src.text;
  const std::size_t n = text.size();
  TemplateScan scan;
  std::vector<Tag> tags;
  std::vector<OpenSection> open;
  std::string begin = "{{";
  std::string end = "}}";
  bool braces = true;
  std::size_t pos = 0;
  while (pos < n) {
    // Text up to the next opening delimiter (kainjow looks for it at every byte).
    std::size_t next = std::min(text.find(begin, pos), n);
    for (std::size_t i = pos; i < next; ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      if (is_control(c)) {
        char code[8];
        std::snprintf(code, sizeof code, "%02X", c);
        fail(src, i,
             trf("control character U+00{0}; a template holds text, tabs and line breaks only",
                 code));
      }
    }
    (open.empty() ? scan.top_text : open.back().text) += next - pos;
    pos = next;
    if (pos == n) break;

    const std::size_t tag_start = pos;
    std::size_t contents_at = pos + begin.size();
    // As kainjow: {{{x}}} is a value printed unescaped, but only while the delimiters are {{ }}.
    const bool triple = braces && tag_start != n - 2 && text[contents_at] == '{';
    const std::string close = triple ? "}}}" : end;
    if (triple) ++contents_at;
    const std::size_t tag_end = text.find(close, contents_at);
    if (tag_end == std::string::npos) {
      fail(src, tag_start,
           trf("unclosed tag: '{0}' without a matching '{1}'", begin + (triple ? "{" : ""), close));
    }
    const std::string contents =
        trim(std::string_view(text).substr(contents_at, tag_end - contents_at));
    pos = tag_end + close.size();
    const std::string written = text.substr(tag_start, pos - tag_start);

    if (!contents.empty() && contents[0] == '=') {
      if (!parse_delimiters(contents, begin, end)) {
        fail(src, tag_start,
             tr("invalid set-delimiter tag; expected two delimiters without spaces or '=', such as "
                "{{=<% %>=}}"));
      }
      if (begin.size() > kMaxDelimiterBytes || end.size() > kMaxDelimiterBytes) {
        fail(src, tag_start, trf("delimiters may be at most {0} bytes long", kMaxDelimiterBytes));
      }
      braces = begin == "{{" && end == "}}";
      tags.push_back({TagKind::kOther, tag_start, pos});
      continue;
    }

    char sigil = triple || contents.empty() ? '\0' : contents[0];
    std::string name = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>'
                           ? trim(std::string_view(contents).substr(1))
                           : contents;
    switch (sigil) {
      case '#':
      case '^':
        if (open.size() >= kMaxTemplateNesting) {
          fail(src, tag_start, trf("sections nest more than {0} levels deep", kMaxTemplateNesting));
        }
        open.push_back({name, tag_start, sigil == '^', 0, written});
        scan.max_depth = std::max(scan.max_depth, open.size());
        tags.push_back({sigil == '#' ? TagKind::kSection : TagKind::kInverted, tag_start, pos});
        break;
      case '/': {
        if (open.empty()) {
          fail(src, tag_start,
               trf("{0} closes a section that is not open (a typo in its name, or a missing {1}?)",
                   written, begin + "#" + name + end));
        }
        const OpenSection& o = open.back();
        if (o.name != name) {
          Diagnostic at = template_diagnostic(src, o.offset, "");
          fail(src, tag_start,
               trf("{0} closes a section, but the one open is '{1}' (opened at line {2}, column "
                   "{3}); close it "
                   "first",
                   written, o.name, at.pos.line, at.pos.column));
        }
        (o.inverted ? scan.max_inverted_text : scan.max_body_text) =
            std::max(o.inverted ? scan.max_inverted_text : scan.max_body_text, o.text);
        open.pop_back();
        tags.push_back({TagKind::kEnd, tag_start, pos});
        break;
      }
      case '>':
        scan.partials.push_back({name, tag_start, open.size()});
        tags.push_back({TagKind::kOther, tag_start, pos});
        break;
      default:
        tags.push_back({sigil == '!' ? TagKind::kOther : TagKind::kValue, tag_start, pos});
        break;
    }
  }
  if (!open.empty()) {
    std::vector<Diagnostic> unclosed;
    for (const auto& o : open) {
      unclosed.push_back(
          template_diagnostic(src, o.offset,
                              trf("section '{0}' is opened here but never closed (add {1})", o.name,
                                  begin + "/" + o.name + end)));
    }
    throw InputError(std::move(unclosed));
  }
  scan.joined = join_standalone_sections(text, tags);
  return scan;
}

}  // namespace duty::reports
