// SPDX-License-Identifier: Apache-2.0
#include "cli/warning_common.hpp"

#include <algorithm>

#include "cli/call_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
bool zh_messages() {
  return message_language() == "zh-CN";
}
}  // namespace

std::vector<std::string> area_option(const std::vector<std::string>& values) {
  std::string text = join(values, ",");
  for (std::string_view sep : {"，", "、"}) {
    for (std::size_t at = text.find(sep); at != std::string::npos; at = text.find(sep))
      text.replace(at, sep.size(), ",");
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item(trim(std::string_view(text).substr(start, end - start)));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

std::optional<reports::WarningStatus> warning_status_option(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (auto s = reports::parse_warning_status(value)) return s;
  throw FieldError(
      "status", trf("unknown status '{0}'{1}; expected actual, exercise or test", printable(value),
                    did_you_mean(value, {"actual", "exercise", "test"})));
}

std::optional<int> fire_rating_option(const std::string& value) {
  std::string text(trim(value));
  if (text.empty()) return std::nullopt;
  if (text.size() > 3 && text.compare(text.size() - 3, 3, "级") == 0) text.resize(text.size() - 3);
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '9') return text[0] - '0';
  throw FieldError("rating",
                   trf("'{0}' is not a fire-danger rating; ratings are 1 to 5 (一级 to 五级)",
                       printable(value)));
}

std::string type_label(const reports::Office& office, const std::string& type) {
  return reports::type_name(reports::warning_settings(office), type, zh_messages());
}

std::string warning_title(const reports::Office& office, const reports::Warning& w,
                          reports::WarningLevel level) {
  return reports::warning_title(reports::warning_settings(office), w.type, level, zh_messages());
}

std::string change_label(reports::ChangeKind kind) {
  switch (kind) {
    case reports::ChangeKind::kUpgraded:
      return tr("upgraded");
    case reports::ChangeKind::kDowngraded:
      return tr("downgraded");
    case reports::ChangeKind::kUpdated:
      return tr("updated");
    case reports::ChangeKind::kLifted:
      return tr("lifted");
    case reports::ChangeKind::kRenewed:
      return tr("renewed (续发)");
    case reports::ChangeKind::kIssued:
      break;
  }
  return tr("issued");
}

std::string state_label(reports::WarningState state) {
  switch (state) {
    case reports::WarningState::kLifted:
      return tr("lifted");
    case reports::WarningState::kExpired:
      return tr("expired");
    case reports::WarningState::kVoid:
      return tr("void (entered by mistake)");
    case reports::WarningState::kNotYet:
      return tr("not yet received");
    case reports::WarningState::kInForce:
      break;
  }
  return tr("in force");
}

void write_warning_json(JsonWriter& w, const reports::Warning& x, const reports::Office& office,
                        Seconds at, bool details) {
  auto text_or_null = [&](const char* key, const std::string& v) { write_text_or_null(w, key, v); };
  const auto* type = reports::warning_settings(office).find_type(x.type);
  w.begin_object();
  w.key("id").value(x.id);
  w.key("type").value(x.type);
  w.key("type_zh").value(type ? type->zh : x.type);
  w.key("level").value(std::string(reports::to_string(x.level_at(at))));
  w.key("issuer").value(x.issuer);
  w.key("area").begin_array();
  for (const auto& a : x.area) w.value(a);
  w.end_array();
  write_time(w, "issued_at", office, x.issued_at);
  write_time(w, "received_at", office, x.received_at);
  write_time(w, "expires_at", office, x.expires_at);
  write_time(w, "lifted_at", office, x.lifted_at);
  write_time(w, "voided_at", office, x.voided_at);
  write_text_or_null(w, "void_reason", x.void_reason);
  w.key("status").value(std::string(reports::to_string(x.state(at))));
  w.key("exercise").value(x.exercise());
  w.key("cap_status").value(std::string(reports::to_string(x.status)));
  auto rating = [&](const char* key, std::optional<int> r) {
    w.key(key);
    if (r) {
      w.value(static_cast<std::int64_t>(*r));
    } else {
      w.null();
    }
  };
  rating("fire_rating", x.fire_rating_at(at));
  text_or_null("headline", x.headline);
  text_or_null("text", x.text);
  text_or_null("instruction", x.instruction);
  text_or_null("cap", x.cap);
  w.key("by").value(x.by);
  w.key("leader_in_room").value(reports::leader_in_room(x, reports::warning_settings(office), at));
  if (details) {
    w.key("history").begin_array();
    for (const auto& c : x.history) {
      if (c.at > at) continue;
      w.begin_object();
      w.key("change").value(std::string(reports::to_string(c.kind)));
      write_time(w, "at", office, c.at);
      w.key("level").value(std::string(reports::to_string(c.level)));
      write_time(w, "expires_at", office, c.expires_at);
      rating("fire_rating", c.fire_rating);
      text_or_null("note", c.note);
      text_or_null("cap", c.cap);
      w.key("by").value(c.by);
      w.key("seq").value(static_cast<std::int64_t>(c.seq));
      w.end_object();
    }
    w.end_array();
    w.key("calls").begin_array();
    for (const auto& c : x.calls) {
      if (c.at > at) continue;
      w.begin_object();
      w.key("unit").value(c.unit);
      text_or_null("person", c.person);
      w.key("via").value(c.via);
      write_time(w, "at", office, c.at);
      w.key("by").value(c.by);
      w.end_object();
    }
    w.end_array();
    w.key("response").begin_array();
    for (const auto& r : reports::rounds_of(x, reports::warning_settings(office), at)) {
      w.begin_object();
      w.key("unit").value(r.unit);
      text_or_null("person", r.person);
      text_or_null("phone", r.phone);
      write_time(w, "start", office, r.start);
      write_time(w, "due", office, r.due);
      write_time(w, "ended", office, r.ended);
      w.key("calls").value(static_cast<std::int64_t>(r.calls));
      w.key("answered").value(static_cast<bool>(r.answer));
      write_time(w, "answered_at", office,
                 r.answer ? std::optional<Seconds>(r.answer->at) : std::nullopt);
      text_or_null("answered_by", r.answer ? r.answer->by : "");
      std::string state = r.answer     ? (r.answered_late() ? "answered-late" : "answered")
                          : r.late(at) ? "late"
                          : r.ended    ? "not-owed"
                                       : "due";
      w.key("state").value(state);
      w.key("leader_in_room").value(r.leader_in_room);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace duty::cli
