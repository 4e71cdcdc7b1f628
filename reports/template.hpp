// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/context_tree.hpp"

namespace duty::reports {

/// A template's text and where it came from, for messages.
struct TemplateSource {
  std::string name;    ///< e.g. daily.zh-CN.html
  std::string origin;  ///< the file path, or "built-in daily.zh-CN.html"
  std::string text;
};

/// How values are escaped: HTML output escapes & < > " ' in every {{value}}; text and Markdown
/// output print values as they are.
enum class Escape { kNone, kHtml };

/// Templates by name: a file of that name in the workspace's templates/ folder, else the built-in
/// one. A name is a plain file name: one holding '/', '\\' or "..", or an empty one, never
/// resolves, so nothing outside the two folders can be read through a template or partial name.
class TemplateLibrary {
 public:
  /// `workspace_dir` is the office's templates/ folder (it need not exist).
  explicit TemplateLibrary(std::string workspace_dir) : dir_(std::move(workspace_dir)) {}

  /// The template called `name`, nullopt when there is none. EnvironmentError when the workspace
  /// file exists but cannot be read.
  std::optional<TemplateSource> find(const std::string& name) const;
  /// Like find, but UsageError listing the names available when there is none.
  TemplateSource require(const std::string& name) const;
  /// Every name available: built-in and the workspace's, sorted, without duplicates.
  std::vector<std::string> names() const;

 private:
  std::string dir_;
};

/// Reads a template from any file (--template FILE); EnvironmentError when it cannot be read.
TemplateSource template_file(const std::string& path);

/// Renders `main` with the context. Partials ({{> name}}) resolve by name through `library`.
/// InputError with file:line:column and what is wrong for a syntax error in the template or a
/// partial; UsageError listing the names available for a partial that does not exist, and for
/// partials that include themselves.
std::string render_template(const TemplateLibrary& library, const TemplateSource& main,
                            const ContextNode& context, Escape escape);

/// Checks a template's syntax without rendering it (InputError as render_template).
void check_template(const TemplateSource& source);

}  // namespace duty::reports
