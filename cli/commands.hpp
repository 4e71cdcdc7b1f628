// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace duty::cli {

// One function per subcommand, each in its own file; main.cpp lists them all.
void register_roster_build(CLI::App& roster, Context& ctx);
void register_roster_check(CLI::App& roster, Context& ctx);
void register_roster_stats(CLI::App& roster, Context& ctx);

}  // namespace duty::cli
