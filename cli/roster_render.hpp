// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "cli/output.hpp"
#include "roster/plan.hpp"

namespace duty::cli {

/// Writes a plan in the chosen format: the JSON or YAML plan contract, or a table with one line per
/// shift (date, weekday, day type, then each slot's names) in the spec's locale.
void render_plan(std::ostream& out, Format format, const roster::Spec& spec, const roster::Plan& plan);

}  // namespace duty::cli
