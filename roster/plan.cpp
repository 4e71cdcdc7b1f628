// SPDX-License-Identifier: Apache-2.0
#include "roster/plan.hpp"

#include <yaml-cpp/yaml.h>

#include <ostream>

#include "common/i18n.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"

namespace duty::roster {

const std::vector<std::string>* Shift::people_in(std::string_view slot) const {
  for (const auto& a : assignments) {
    if (a.slot == slot) return &a.people;
  }
  return nullptr;
}

Shift make_shift(const Spec& spec, Days day) {
  Shift s;
  s.date = day;
  s.start = at_local(*spec.zone, day, spec.handover);
  s.end = at_local(*spec.zone, day + date::days{1}, spec.handover);
  s.day_type = spec.day_type(day);
  if (auto it = spec.holidays.find(day); it != spec.holidays.end()) s.holiday_name = it->second;
  for (const auto& slot : spec.slots) s.assignments.push_back({slot.id, {}});
  return s;
}

Plan make_empty_plan(const Spec& spec) {
  Plan plan;
  plan.timezone = spec.timezone;
  plan.handover = spec.handover;
  plan.from = spec.from;
  plan.to = spec.to;
  for (Days d = spec.from; d <= spec.to; d += date::days{1}) plan.shifts.push_back(make_shift(spec, d));
  for (const auto& p : spec.people) plan.people.push_back({p.id, p.name, p.phone});
  return plan;
}

void write_plan_json(std::ostream& out, const Plan& plan, const TimeZone& zone, int indent) {
  JsonWriter w(out, indent);
  w.begin_object();
  w.key("timezone").value(plan.timezone);
  w.key("handover").value(format_clock(plan.handover.value_or(std::chrono::minutes{0})));
  w.key("from").value(format_date(plan.from));
  w.key("to").value(format_date(plan.to));
  w.key("shifts").begin_array();
  for (const auto& s : plan.shifts) {
    w.begin_object();
    w.key("date").value(format_date(s.date));
    w.key("start").value(format_iso(zone, s.start));
    w.key("end").value(format_iso(zone, s.end));
    w.key("day_type").value(to_string(s.day_type));
    if (!s.holiday_name.empty()) w.key("holiday").value(s.holiday_name);
    w.key("assignments").begin_object();
    for (const auto& a : s.assignments) {
      w.key(a.slot).begin_array();
      for (const auto& id : a.people) w.value(id);
      w.end_array();
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("people").begin_array();
  for (const auto& p : plan.people) {
    w.begin_object();
    w.key("id").value(p.id);
    w.key("name").value(p.name);
    if (p.phone.empty()) {
      w.key("phone").null();
    } else {
      w.key("phone").value(p.phone);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out << '\n';
}

void write_plan_yaml(std::ostream& out, const Plan& plan, const TimeZone& zone) {
  YAML::Emitter y;
  y.SetIndent(2);
  y << YAML::BeginMap;
  y << YAML::Key << "timezone" << YAML::Value << plan.timezone;
  y << YAML::Key << "handover" << YAML::Value << YAML::DoubleQuoted << format_clock(plan.handover.value_or(std::chrono::minutes{0}));
  y << YAML::Key << "from" << YAML::Value << format_date(plan.from);
  y << YAML::Key << "to" << YAML::Value << format_date(plan.to);
  y << YAML::Key << "shifts" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : plan.shifts) {
    y << YAML::BeginMap;
    y << YAML::Key << "date" << YAML::Value << format_date(s.date);
    y << YAML::Key << "start" << YAML::Value << format_iso(zone, s.start);
    y << YAML::Key << "end" << YAML::Value << format_iso(zone, s.end);
    y << YAML::Key << "day_type" << YAML::Value << std::string(to_string(s.day_type));
    if (!s.holiday_name.empty()) y << YAML::Key << "holiday" << YAML::Value << s.holiday_name;
    y << YAML::Key << "assignments" << YAML::Value << YAML::BeginMap;
    for (const auto& a : s.assignments) {
      y << YAML::Key << a.slot << YAML::Value << YAML::Flow << a.people;
    }
    y << YAML::EndMap << YAML::EndMap;
  }
  y << YAML::EndSeq;
  y << YAML::Key << "people" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : plan.people) {
    y << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id << YAML::Key << "name"
      << YAML::Value << p.name;
    y << YAML::Key << "phone" << YAML::Value;
    if (p.phone.empty()) {
      y << YAML::Null;
    } else {
      y << YAML::DoubleQuoted << p.phone;
    }
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  out << y.c_str() << '\n';
}

namespace {

std::optional<std::string> scalar(const YamlSource& src, DiagnosticSink& sink, const YAML::Node& node,
                                  const std::string& what) {
  if (!node || !node.IsScalar()) {
    sink.add(src.at(node ? node : src.root(), trf("expected text for {0}", what)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<Days> date_value(const YamlSource& src, DiagnosticSink& sink, const YAML::Node& node,
                               const std::string& what) {
  auto s = scalar(src, sink, node, what);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d)
    sink.add(src.at(node, trf("'{0}' is not a valid date for {1}; expected YYYY-MM-DD", *s, what)));
  return d;
}

}  // namespace

Plan parse_plan(const YamlSource& src) {
  DiagnosticSink sink;
  Plan plan;
  plan.pos = SourcePos{src.file(), 0, 0};
  const YAML::Node& root = src.root();
  if (!root.IsMap()) {
    sink.add(src.at(
        root, trf("expected a plan (a mapping with 'shifts'), got {0}", describe_node(root))));
    sink.throw_if_any();
  }
  if (root["timezone"]) plan.timezone = scalar(src, sink, root["timezone"], "timezone").value_or("");
  if (root["handover"]) {
    auto h = scalar(src, sink, root["handover"], "handover");
    if (h) {
      if (auto m = parse_clock(*h)) {
        plan.handover = *m;
      } else {
        sink.add(src.at(root["handover"],
                        trf("'{0}' is not a valid handover time; expected HH:MM", *h)));
      }
    }
  }
  if (root["from"]) plan.from = date_value(src, sink, root["from"], "from").value_or(Days{});
  if (root["to"]) plan.to = date_value(src, sink, root["to"], "to").value_or(Days{});
  const YAML::Node& shifts = root["shifts"];
  if (!shifts || !shifts.IsSequence()) {
    sink.add(src.at(shifts ? shifts : root, tr("expected 'shifts' as a list of shifts")));
    sink.throw_if_any();
  }
  for (const auto& s : shifts) {
    if (!s.IsMap()) {
      sink.add(src.at(s, trf("expected a shift (a mapping with 'date' and 'assignments'), got {0}",
                             describe_node(s))));
      continue;
    }
    Shift shift;
    shift.pos = src.pos(s);
    auto d = date_value(src, sink, s["date"], tr("a shift's date"));
    if (!d) continue;
    shift.date = *d;
    if (s["day_type"] && s["day_type"].IsScalar()) {
      if (auto t = parse_day_type(s["day_type"].Scalar())) {
        shift.day_type = *t;
      } else {
        sink.add(src.at(s["day_type"],
                        trf("unknown day_type '{0}'; expected workday, weekend or holiday",
                            s["day_type"].Scalar())));
      }
    }
    for (const char* key : {"start", "end"}) {
      if (!s[key]) continue;
      auto text =
          scalar(src, sink, s[key],
                 std::string_view(key) == "start" ? tr("a shift's start") : tr("a shift's end"));
      if (!text) continue;
      auto instant = parse_iso_instant(*text);
      if (!instant) {
        sink.add(src.at(
            s[key], trf("'{0}' is not an ISO 8601 time with offset, e.g. 2027-01-01T08:30:00+08:00",
                        *text)));
      } else {
        (std::string_view(key) == "start" ? shift.start : shift.end) = *instant;
      }
    }
    if (s["holiday"] && s["holiday"].IsScalar()) shift.holiday_name = s["holiday"].Scalar();
    const YAML::Node& a = s["assignments"];
    if (!a || !a.IsMap()) {
      sink.add(src.at(a ? a : s,
                      tr("expected 'assignments' as a mapping from slot to a list of people")));
      continue;
    }
    for (const auto& kv : a) {
      Assignment assignment;
      assignment.slot = kv.first.Scalar();
      if (kv.second.IsSequence()) {
        for (const auto& p : kv.second) {
          if (auto id = scalar(src, sink, p, tr("a person id"))) assignment.people.push_back(*id);
        }
      } else if (kv.second.IsScalar()) {
        assignment.people.push_back(kv.second.Scalar());
      } else if (!kv.second.IsNull()) {
        sink.add(src.at(kv.second,
                        trf("expected a list of person ids for slot '{0}'", assignment.slot)));
      }
      shift.assignments.push_back(std::move(assignment));
    }
    plan.shifts.push_back(std::move(shift));
  }
  if (root["people"] && root["people"].IsSequence()) {
    for (const auto& p : root["people"]) {
      if (!p.IsMap() || !p["id"]) continue;
      PlanPerson person;
      person.id = p["id"].Scalar();
      if (p["name"] && p["name"].IsScalar()) person.name = p["name"].Scalar();
      if (p["phone"] && p["phone"].IsScalar()) person.phone = p["phone"].Scalar();
      plan.people.push_back(std::move(person));
    }
  }
  sink.throw_if_any();
  if (!plan.shifts.empty() && !root["from"]) plan.from = plan.shifts.front().date;
  if (!plan.shifts.empty() && !root["to"]) plan.to = plan.shifts.back().date;
  return plan;
}

Plan load_plan(const std::string& path) { return parse_plan(YamlSource::from_file(path)); }

}  // namespace duty::roster
