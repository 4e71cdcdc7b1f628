// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/json_writer.hpp"
#include "reports/journal/event.hpp"

namespace duty::reports {

/// Writes a payload value as JSON: a string, a number, or null for nothing.
void write_value(JsonWriter& w, const Value& v);

}  // namespace duty::reports
