// SPDX-License-Identifier: Apache-2.0
#include "cli/hazard_common.hpp"

#include <charconv>

#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/event_json.hpp"

namespace duty::cli {

namespace {

bool zh() {
  return message_language() == "zh-CN";
}

template <class T>
std::optional<T> named_option(const char* field, const std::string& value,
                              std::optional<T> (*parse)(std::string_view), const char* message) {
  if (value.empty()) return std::nullopt;
  if (auto v = parse(value)) return v;
  throw FieldError(field, trf(message, value));
}

void text_or_null(JsonWriter& w, const char* key, const std::string& v) {
  w.key(key);
  if (v.empty()) {
    w.null();
  } else {
    w.value(v);
  }
}

void date_or_null(JsonWriter& w, const char* key, const std::optional<Days>& d) {
  w.key(key);
  if (d) {
    w.value(format_date(*d));
  } else {
    w.null();
  }
}

}  // namespace

std::optional<Days> date_option(const char* field, const std::string& value,
                                const reports::Office& office, Seconds now, bool deadline) {
  if (value.empty()) return std::nullopt;
  std::string_view v = trim(value);
  if (v.size() >= 3 && v.front() == '+' && v.back() == 'd') {
    int n = 0;
    auto [end, ec] = std::from_chars(v.data() + 1, v.data() + v.size() - 1, n);
    if (ec == std::errc() && end == v.data() + v.size() - 1 && n >= 0 && n <= 3660) {
      return local_day(*office.zone, now) + date::days{n};
    }
  }
  std::string range_problem;
  if (auto d = parse_date(v, &range_problem)) return d;
  if (!range_problem.empty()) throw FieldError(field, range_problem);
  if (!deadline) {
    throw FieldError(
        field, trf("'{0}' is not a date; expected YYYY-MM-DD or +Nd (N days from today)", value));
  }
  throw FieldError(field, trf("'{0}' is not a date; expected YYYY-MM-DD (the deadline is the end "
                              "of that day) or +Nd (N days from today)",
                              value));
}

std::optional<reports::HazardGrade> grade_option(const std::string& value) {
  return named_option<reports::HazardGrade>(
      "grade", value, reports::parse_hazard_grade,
      N_("unknown grade '{0}'; expected general or major (一般, 重大)"));
}

std::optional<reports::HazardSource> source_option(const std::string& value) {
  return named_option<reports::HazardSource>(
      "source", value, reports::parse_hazard_source,
      N_("unknown source '{0}'; expected self-check, inspection, tip-off, meeting, assigned, drill "
         "or other (自查, 检查, 举报, "
         "会议, 交办, 演练, 其他)"));
}

std::optional<reports::HazardStatus> hazard_status_option(const std::string& value) {
  return named_option<reports::HazardStatus>(
      "status", value, reports::parse_hazard_status,
      N_("unknown status '{0}'; expected open, awaiting-acceptance, closed or void"));
}

std::optional<reports::SupervisionLevel> level_option(const std::string& value) {
  return named_option<reports::SupervisionLevel>(
      "level", value, reports::parse_supervision_level,
      N_("unknown level '{0}'; expected county, prefecture or province (县级, 市级, 省级)"));
}

void write_hazard_json(JsonWriter& w, const reports::Hazard& h, const reports::Office& o,
                       Seconds at, bool with_events) {
  using namespace reports;
  w.begin_object();
  w.key("id").value(h.id);
  w.key("title").value(h.title);
  w.key("grade").value(to_string(h.grade));
  w.key("status").value(to_string(h.status));
  w.key("township").value(h.township);
  w.key("location").value(h.location);
  w.key("category").value(h.category);
  w.key("source").value(to_string(h.source));
  write_time(w, "found", o, h.found);
  w.key("found_by").value(h.found_by);
  w.key("unit").value(h.unit);
  w.key("owner").value(h.owner);
  text_or_null(w, "owner_phone", h.owner_phone);
  w.key("measures").value(h.measures);
  text_or_null(w, "supervisor", h.supervisor);
  text_or_null(w, "basis", h.basis);
  w.key("due").value(format_date(h.due));
  w.key("original_due").value(format_date(h.original_due));
  w.key("extensions").begin_array();
  for (const auto& x : h.extensions) {
    w.begin_object();
    w.key("to").value(format_date(x.to));
    w.key("reason").value(x.reason);
    w.key("approved_by").value(x.approved_by);
    write_time(w, "at", o, x.at);
    w.end_object();
  }
  w.end_array();
  write_time(w, "submitted_at", o, h.submitted_at);
  write_time(w, "closed_at", o, h.closed_at);
  text_or_null(w, "accepted_by", h.accepted_by);
  text_or_null(w, "accepted_unit", h.accepted_unit);
  w.key("on_time");
  if (h.on_time) {
    w.value(*h.on_time);
  } else {
    w.null();
  }
  w.key("supervision");
  if (h.supervision) {
    w.begin_object();
    w.key("level").value(to_string(h.supervision->level));
    w.key("by").value(h.supervision->by);
    w.key("doc").value(h.supervision->doc);
    date_or_null(w, "due", h.supervision->due);
    write_time(w, "at", o, h.supervision->at);
    w.end_object();
  } else {
    w.null();
  }
  write_time(w, "voided_at", o, h.voided_at);
  text_or_null(w, "void_reason", h.void_reason);
  w.key("reopened").value(h.reopened);
  w.key("overdue").value(h.overdue(at));
  if (with_events) {
    w.key("events").begin_array();
    for (const auto& e : h.events) {
      w.begin_object();
      w.key("seq").value(static_cast<std::int64_t>(e.seq));
      w.key("type").value(e.type);
      write_time(w, "at", o, e.at);
      write_time(w, "recorded_at", o, e.recorded_at);
      w.key("by").value(e.by);
      for (const auto& [k, v] : e.data) {
        w.key(k);
        write_value(w, v);
      }
      w.key("hash").value(e.hash);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

std::string status_text(const reports::Hazard& h, Seconds at) {
  std::string s(reports::label(h.status, zh()));
  if (h.overdue(at)) s += zh() ? "（逾期）" : " (overdue)";
  return s;
}

void add_step_options(CLI::App& cmd, StepOptions& opt) {
  cmd.add_option("ID", opt.id, tr("The hazard's id (H-n)"))->required();
  cmd.add_option("--at", opt.at, tr("When it happened (TIME; default now)"));
}

void run_hazard_step(Context& ctx, const StepOptions& opt, reports::HazardStep::Kind kind) {
  Session s = open_session(ctx, Need::kOffice);
  reports::HazardStep step;
  step.kind = kind;
  step.at = time_option("--at", opt.at, s.office, s.actor.now, ClockReading::kPast);
  step.note = opt.note;
  step.reason = opt.reason;
  step.person = opt.person;
  step.unit = opt.unit;
  step.date = date_option(kind == reports::HazardStep::Kind::kExtend ? "to" : "due", opt.date,
                          s.office, s.actor.now);
  if (auto l = level_option(opt.level)) step.level = *l;
  step.doc = opt.doc;
  open_store(ctx, s, Need::kWriteExisting);
  reports::Hazard h = reports::record_hazard_step(*s.store, s.office, opt.id, step, s.actor);
  ctx.out << h.id << ": " << status_text(h, s.actor.now);
  if (kind == reports::HazardStep::Kind::kExtend) {
    ctx.out << trf(", due {0} (originally {1})", format_date(h.due), format_date(h.original_due));
  }
  if (kind == reports::HazardStep::Kind::kAccept && h.on_time) {
    ctx.out << (*h.on_time ? tr(", fixed on time") : tr(", fixed late"));
  }
  ctx.out << '\n';
}

}  // namespace duty::cli
