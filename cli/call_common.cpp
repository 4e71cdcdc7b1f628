// SPDX-License-Identifier: Apache-2.0
#include "cli/call_common.hpp"

#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

std::optional<reports::CallKind> kind_option(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (auto k = reports::parse_call_kind(value)) return k;
  throw FieldError("kind", trf("unknown kind '{0}'{1}; expected inquiry, notice, report or other "
                               "(咨询, 通知, 报告, 其他)",
                               value, did_you_mean(value, reports::call_kind_names())));
}

void write_text_or_null(JsonWriter& w, const char* key, const std::string& value) {
  w.key(key);
  if (value.empty()) {
    w.null();
  } else {
    w.value(value);
  }
}

void write_call_json(JsonWriter& w, const reports::Call& c, const reports::Office& office) {
  auto text_or_null = [&](const char* key, const std::string& v) { write_text_or_null(w, key, v); };
  w.begin_object();
  w.key("id").value(c.id);
  write_time(w, "at", office, c.at);
  w.key("from").value(c.from);
  text_or_null("phone", c.phone);
  text_or_null("unit", c.unit);
  w.key("kind").value(std::string(reports::to_string(c.kind)));
  w.key("summary").value(c.summary);
  w.key("by").value(c.by);
  text_or_null("incident", c.incident);
  write_time(w, "linked_at", office, c.linked_at);
  write_time(w, "recorded_at", office, c.recorded_at);
  w.end_object();
}

std::string kind_label(reports::CallKind kind) {
  return std::string(reports::call_kind_label(kind, message_language() == "zh-CN"));
}

}  // namespace duty::cli
