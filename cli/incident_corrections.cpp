// SPDX-License-Identifier: Apache-2.0
#include "cli/incident_corrections.hpp"

#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {

struct FieldName {
  const char* key;
  const char* label;
};

// The corrected fields in the order `show` lists them; labels are translated where shown.
constexpr FieldName kFieldNames[] = {
    {"received_at", N_("received at")},
    {"occurred_at", N_("occurred at")},
    {"category", N_("category")},
    {"title", N_("title")},
    {"location", N_("location")},
    {"source", N_("reported by")},
    {"received_by", N_("received by")},
    {"severity", N_("stated severity")},
    {"deaths", N_("deaths")},
    {"injured", N_("injured")},
    {"seriously_injured", N_("seriously injured")},
    {"missing", N_("missing")},
    {"trapped", N_("trapped")},
    {"loss", N_("direct loss (10,000 yuan)")},
    {"description", N_("account")},
    {"actions", N_("measures taken")},
    {"leaders_on_scene", N_("leaders on scene")},
};

bool is_time_field(const std::string& field) {
  return field == "received_at" || field == "occurred_at";
}

std::string value_text(const reports::Office& office, const std::string& field,
                       const reports::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return tr("(none)");
  if (const auto* n = std::get_if<long long>(&v)) {
    if (is_time_field(field)) return local(office, Seconds{std::chrono::seconds{*n}});
    return std::to_string(*n);
  }
  if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
  const std::string& s = std::get<std::string>(v);
  if (field == "category") return category_label(office, s) + " (" + s + ")";
  if (s.empty()) return tr("(none)");
  return "“" + s + "”";
}

void write_value(JsonWriter& w, const reports::Office& office, const std::string& field,
                 const reports::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    w.value(*s);
  } else if (const auto* n = std::get_if<long long>(&v)) {
    if (is_time_field(field)) {
      w.value(iso(office, Seconds{std::chrono::seconds{*n}}));
    } else {
      w.value(static_cast<std::int64_t>(*n));
    }
  } else if (const auto* d = std::get_if<double>(&v)) {
    w.value(*d);
  } else {
    w.null();
  }
}

}  // namespace

std::string correction_field_label(const std::string& field) {
  for (const auto& f : kFieldNames) {
    if (field == f.key) return tr(f.label);
  }
  return field;
}

std::string correction_change_text(const reports::Office& office,
                                   const reports::FieldChange& change) {
  return trf("{0}: {1} → {2}", correction_field_label(change.field),
             value_text(office, change.field, change.old_value),
             value_text(office, change.field, change.new_value));
}

std::string made_late_text(const reports::Office& office, const reports::Requirement& r) {
  const auto* org = office.find_org(r.to);
  return trf("the report to {0} ({1}) made at {2} is now late by {3} min (due {4})",
             org ? org->name : r.to, reports::label(r.via, message_language() == "zh-CN"),
             local(office, *r.made_at), r.minutes_late(), local(office, r.due));
}

void write_corrections_json(JsonWriter& w, const reports::Office& office,
                            const std::vector<reports::Correction>& corrections) {
  w.begin_array();
  for (const auto& c : corrections) {
    w.begin_object();
    w.key("seq").value(static_cast<std::int64_t>(c.seq));
    w.key("at").value(iso(office, c.at));
    w.key("by").value(c.by);
    w.key("reason").value(c.reason);
    w.key("changes").begin_array();
    for (const auto& ch : c.changes) {
      w.begin_object();
      w.key("field").value(ch.field);
      w.key("old");
      write_value(w, office, ch.field, ch.old_value);
      w.key("new");
      write_value(w, office, ch.field, ch.new_value);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

}  // namespace duty::cli
