// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/template.hpp"

namespace duty::reports {

/// Sections may nest, and partials include partials, this many levels in all: deeper templates
/// are refused before kainjow, which recurses once per level, ever sees them.
constexpr std::size_t kMaxTemplateNesting = 64;
/// A set-delimiter tag's delimiters are at most this many bytes each (kainjow compares the opening
/// one at every byte of the template).
constexpr std::size_t kMaxDelimiterBytes = 16;

/// A `{{> name}}` tag: the partial's name, where the tag starts, and how many sections are open
/// around it.
struct PartialRef {
  std::string name;
  std::size_t offset = 0;
  std::size_t depth = 0;
};

/// What duty needs to know about a template before kainjow renders it. The template is read
/// exactly as kainjow 4.1's parser reads it: a set-delimiter tag changes the delimiters for the
/// rest of that file (a partial starts again from `{{ }}`), a tag's contents are trimmed, `{{{x}}}`
/// is a value only while the delimiters are `{{ }}`, a `{{> name}}` inside a comment is no partial.
struct TemplateScan {
  std::vector<PartialRef> partials;   ///< every partial tag, in order
  std::size_t max_depth = 0;          ///< the deepest section nesting
  std::size_t top_text = 0;           ///< bytes of text outside every section
  std::size_t max_body_text = 0;      ///< the most text directly inside one section (not nested)
  std::size_t max_inverted_text = 0;  ///< the same for inverted sections ({{^x}})
  /// The text to give kainjow: a line holding only a section tag loses its newline (see
  /// join_standalone_sections in template.cpp).
  std::string joined;
};

/// The newline of a line that holds only a section tag becomes this byte, dropped from the
/// output. Templates may not hold it (they may not hold control characters), values never do.
constexpr char kLineMark = '\x1f';

/// Reads `source` as kainjow will. InputError at file:line:column for every syntax error kainjow
/// would report (an unclosed tag, an unopened or unclosed section, a bad set-delimiter tag), and
/// for what duty refuses besides: a section closed under another name, nesting deeper than
/// kMaxTemplateNesting, delimiters longer than kMaxDelimiterBytes, control characters.
TemplateScan scan_template(const TemplateSource& source);

/// The diagnostic for byte `offset` of a template: its file, line and column (in characters), and
/// the text of that line.
Diagnostic template_diagnostic(const TemplateSource& source, std::size_t offset,
                               std::string message);

}  // namespace duty::reports
