// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/context_tree.hpp"

namespace duty::reports {

/// A template file may be at most this large (1 MiB).
constexpr std::size_t kMaxTemplateBytes = std::size_t{1} << 20;
/// Rendering stops, with an error, once it could produce more than this (64 MiB): a section
/// repeated inside itself over a long list, or a partial included a million times.
constexpr std::size_t kMaxRenderedBytes = std::size_t{64} << 20;

/// A template's text and where it came from, for messages.
struct TemplateSource {
  std::string name;    ///< e.g. daily.zh-CN.html
  std::string origin;  ///< the file path, or "built-in daily.zh-CN.html"
  std::string text;
};

/// How values are escaped. HTML output escapes & < > " ' in every {{value}}; Markdown output
/// escapes what Markdown would read as markup (markdown_escape); text prints values as they are.
enum class Escape { kNone, kHtml, kMarkdown };

/// Templates by name: a file of that name in the office's templates/ folder, else the built-in
/// one; nothing else. A name is a plain file name: one holding '/', '\\' or "..", or an empty one,
/// never resolves. The folder's file must be a regular file of at most kMaxTemplateBytes that is
/// inside the folder after every symbolic link is followed (a link to another file of the folder
/// is fine, a link to /etc/passwd is not).
class TemplateLibrary {
 public:
  /// `workspace_dir` is the office's templates/ folder (it need not exist).
  explicit TemplateLibrary(std::string workspace_dir) : dir_(std::move(workspace_dir)) {}

  /// The template called `name`, nullopt when there is none. InputError naming the file (exit 2)
  /// when the folder holds something of that name that is not a regular file, is too large, or
  /// leads outside the folder; EnvironmentError when it cannot be read.
  std::optional<TemplateSource> find(const std::string& name) const;
  /// Like find, but UsageError listing the names available when there is none.
  TemplateSource require(const std::string& name) const;
  /// Every name available: built-in and the workspace's, sorted, without duplicates.
  std::vector<std::string> names() const;
  /// True when `source` is what find(source.name) gives (not a --template file), so a partial of
  /// that name is the same template.
  bool holds(const TemplateSource& source) const;

 private:
  std::string dir_;
};

/// Reads a template from a file the user named (--template FILE): any path, symbolic links
/// followed, but a regular file of at most kMaxTemplateBytes. UsageError naming --template when it
/// does not exist, is not a regular file or is too large; EnvironmentError when it cannot be read.
/// Its partials still come only from the library.
TemplateSource template_file(const std::string& path);

/// A value made inert in Markdown: & < > as entities; \ ` * _ [ ] # | ~ with a backslash; at the
/// start, - + = and a list number's . or ) too, and leading spaces as &#32; so the value cannot
/// open a list, heading, quote or code block; a line break as <br>, so the value stays on its line
/// (a table row or list item is not broken).
std::string markdown_escape(std::string_view value);

/// Renders `main` with the context. Partials ({{> name}}, whatever the delimiters) resolve by
/// name through `library` and are all checked before anything is rendered, each once however
/// often it is included. InputError with file:line:column and what is wrong for a syntax error in
/// the template or a partial, for a partial that does not exist, leads outside the templates
/// folder or includes itself (directly or through others: the cycle is named), for sections and
/// partials nested more than kMaxTemplateNesting deep, and when the output could pass
/// `max_output` bytes (the work done is bounded with it: rendering stops before a second or so).
std::string render_template(const TemplateLibrary& library, const TemplateSource& main,
                            const ContextNode& context, Escape escape,
                            std::size_t max_output = kMaxRenderedBytes);

/// Checks a template's syntax without rendering it or looking at its partials (InputError as
/// render_template).
void check_template(const TemplateSource& source);

}  // namespace duty::reports
