// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "cli/on_duty.hpp"
#include "cli/workspace.hpp"
#include "reports/bulletins/bulletin.hpp"
#include "reports/context_tree.hpp"

namespace duty::cli {

/// The options every rendering command shares: --format text|md|html, --template FILE, --context
/// and -o FILE.
struct RenderOptions {
  std::string format;
  std::string template_file;
  bool context = false;
  std::optional<std::string> output;
};

/// Adds --format, --template, --context and -o to a command.
void add_render_options(CLI::App& cmd, RenderOptions& opt);

/// Checks the options before anything is opened: UsageError naming the option.
void check_render_options(const Context& ctx, const RenderOptions& opt);

/// The output of a render: the context as JSON with --context, else the template rendered.
/// The template is --template FILE, else `<kind>.<locale>.<txt|md|html>` from the workspace's
/// templates/ folder or the built-in ones.
std::string render_output(const Context& ctx, const Session& session, const std::string& kind,
                          const RenderOptions& opt, const reports::ContextNode& context);

/// The published shift as the bulletin context wants it.
std::optional<reports::DutyShift> duty_shift(const std::optional<ShiftOnDuty>& shift);

}  // namespace duty::cli
