// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "common/json_writer.hpp"
#include "reports/calls/call_log.hpp"

namespace duty::cli {

/// The kind named by --kind (English or Chinese); nullopt when `value` is empty. FieldError("kind")
/// naming the accepted kinds otherwise.
std::optional<reports::CallKind> kind_option(const std::string& value);

/// Writes `key` with the text, or null when it is empty (the calls' and warnings' JSON).
void write_text_or_null(JsonWriter& w, const char* key, const std::string& value);

/// A call as JSON: id, at, from, phone, unit, kind, summary, by, incident, linked_at, recorded_at
/// (times ISO 8601 in the office's zone; phone, unit, incident and linked_at null when unset).
void write_call_json(JsonWriter& w, const reports::Call& call, const reports::Office& office);

/// The kind in the language of messages (咨询 or inquiry ...).
std::string kind_label(reports::CallKind kind);

}  // namespace duty::cli
