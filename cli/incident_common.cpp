// SPDX-License-Identifier: Apache-2.0
#include "cli/incident_common.hpp"

#include "cli/incident_corrections.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/event_json.hpp"
#include "roster/people.hpp"

namespace duty::cli {

using reports::Incident;
using reports::Office;

void add_field_options(CLI::App& cmd, FieldOptions& o, bool with_by) {
  cmd.add_option("--title", o.title, tr("Short title: place, type, casualties (one line, at most 500 characters)"));
  cmd.add_option("--category", o.category,
                 tr("Category by id or name, e.g. road-traffic or 道路交通事故 ('duty incident categories' lists "
                    "them)"));
  cmd.add_option("--severity", o.severity,
                 tr("Stated severity: 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV) or unknown; Ⅰ..Ⅳ and 1..4 "
                    "also do"));
  cmd.add_option("--occurred", o.occurred, tr("When it happened (TIME; a bare 23:50 is the most recent one)"));
  cmd.add_option("--location", o.location, tr("Where: township, village, road, unit"));
  cmd.add_option("--source", o.source, tr("Who reported it: name, unit, phone"));
  if (with_by) {
    cmd.add_option("--by", o.by,
                   tr("Duty officer who received it, by id or name (default: the duty officers of the "
                      "published shift at the received time)"));
  }
  cmd.add_option("--deaths", o.deaths, tr("Deaths (0 to 1000000)"));
  cmd.add_option("--injured", o.injured, tr("Injured (0 to 1000000)"));
  cmd.add_option("--seriously-injured", o.seriously_injured, tr("Seriously injured (0 to 1000000)"));
  cmd.add_option("--missing", o.missing, tr("Missing (0 to 1000000)"));
  cmd.add_option("--trapped", o.trapped, tr("Trapped (0 to 1000000)"));
  cmd.add_option("--loss", o.loss, tr("Direct economic loss in 万元 (10,000 yuan), 0 to 100000000"));
  cmd.add_option("--actions", o.actions, tr("Measures taken"));
  cmd.add_option("--leaders-on-scene", o.leaders_on_scene,
                 tr("Leaders at the scene (领导到位情况), e.g. \"县长张三 14:30 到达现场\""));
}

namespace {

std::optional<int> count_option(const char* option, const std::string& v) {
  if (v.empty()) return std::nullopt;
  std::string problem;
  auto n = reports::parse_people(v, problem);
  if (!n) throw UsageError(std::string(option) + ": " + problem);
  return n;
}

std::optional<std::string> text_option(const std::string& v) {
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Seconds> time_option(const std::string& option, const std::string& value, const Office& office,
                                   Seconds base, ClockReading reading) {
  if (value.empty()) return std::nullopt;
  std::string range;
  auto t = parse_time_expr(value, *office.zone, base, reading, &range);
  if (!t) throw UsageError(option + ": " + (range.empty() ? not_a_time_message(value) : range));
  return t;
}

std::optional<Seconds> range_end_option(const std::string& option, const std::string& value, const Office& office,
                                        Seconds now) {
  if (value.empty()) return std::nullopt;
  std::string range;
  auto t = parse_range_end(value, *office.zone, now, &range);
  if (!t) throw UsageError(option + ": " + (range.empty() ? not_a_time_message(value) : range));
  return t;
}

std::string category_option(const std::string& option, const std::string& value, const Office& office) {
  if (auto id = reports::find_category_id(office.categories, value)) return *id;
  throw UsageError(option + ": " + reports::unknown_category_message(office.categories, value));
}

reports::Severity severity_option(const std::string& option, const std::string& value) {
  if (auto s = reports::parse_severity(value)) return *s;
  throw UsageError(option + ": " + reports::unknown_severity_message(value));
}

std::string person_option(const Context& ctx, const Session& s, const std::string& option, const std::string& typed,
                          UnknownPerson unknown) {
  const std::string word = nfc(trim(typed));
  if (word.empty() || !s.store) return word;
  std::vector<roster::PersonName> people;
  for (const auto& p : s.store->roster().people()) people.push_back({p.id, p.name});
  // Without a published roster there is nobody to check the name against.
  if (people.empty()) return word;
  bool known = false;
  for (const auto& p : people) known = known || p.id == word || nfc(trim(p.name)) == word;
  if (known || unknown == UnknownPerson::kRefuse) {
    std::string id = roster::resolve_person(word, people, option);
    for (const auto& p : people) {
      if (p.id == id) return p.name.empty() ? p.id : p.name;
    }
    return id;
  }
  std::vector<std::string> candidates;
  for (const auto& p : people) {
    candidates.push_back(p.id);
    if (!p.name.empty()) candidates.push_back(p.name);
  }
  auto hints = closest_matches(word, candidates, 3);
  if (!hints.empty()) {
    ctx.err << "duty: " << tr("note") << ": "
            << trf("{0}: '{1}' is nobody in the published roster (did you mean {2}?); recorded as typed", option,
                   printable(word), join(hints, tr(" or ")))
            << '\n';
  }
  return word;
}

reports::IncidentFields to_fields(const FieldOptions& o, const Office& office, Seconds now) {
  reports::IncidentFields f;
  f.title = text_option(o.title);
  if (!o.category.empty()) f.category = category_option("--category", o.category, office);
  if (!o.severity.empty()) f.severity = severity_option("--severity", o.severity);
  f.occurred = time_option("--occurred", o.occurred, office, now, ClockReading::kPast);
  f.location = text_option(o.location);
  f.source = text_option(o.source);
  f.received_by = text_option(o.by);
  f.deaths = count_option("--deaths", o.deaths);
  f.injured = count_option("--injured", o.injured);
  f.seriously_injured = count_option("--seriously-injured", o.seriously_injured);
  f.missing = count_option("--missing", o.missing);
  f.trapped = count_option("--trapped", o.trapped);
  if (!o.loss.empty()) {
    std::string problem;
    f.loss = reports::parse_loss(o.loss, problem);
    if (!f.loss) throw UsageError("--loss: " + problem);
  }
  f.actions = text_option(o.actions);
  f.leaders_on_scene = text_option(o.leaders_on_scene);
  f.note = text_option(o.note);
  return f;
}

std::string iso(const Office& office, Seconds t) { return format_iso_minute(*office.zone, t); }

std::string local(const Office& office, Seconds t) { return format_local_time(*office.zone, t); }

std::string category_label(const Office& office, const std::string& id) {
  const auto* c = office.find_category(id);
  if (!c) return id;
  return office.zh() ? c->zh : c->en;
}

void write_time(JsonWriter& w, const char* key, const Office& office, const std::optional<Seconds>& t) {
  w.key(key);
  if (t) {
    w.value(iso(office, *t));
  } else {
    w.null();
  }
}

void write_incident_json(JsonWriter& w, const Incident& inc, const Office& office, bool with_events, Seconds now) {
  w.begin_object();
  w.key("id").value(inc.id);
  w.key("title").value(inc.title);
  w.key("category").value(inc.category);
  w.key("severity").value(reports::to_string(inc.severity()));
  w.key("stated_severity").value(reports::to_string(inc.stated));
  w.key("graded_severity").value(reports::to_string(inc.graded));
  w.key("status").value(inc.closed ? "closed" : "open");
  w.key("location").value(inc.location);
  w.key("source").value(inc.source);
  w.key("received_by").value(inc.received_by);
  write_time(w, "occurred_at", office, inc.occurred_at);
  write_time(w, "received_at", office, inc.received_at);
  write_time(w, "recorded_at", office, inc.recorded_at);
  write_time(w, "closed_at", office, inc.closed_at);
  w.key("deaths").value(inc.casualties.deaths);
  w.key("injured").value(inc.casualties.injured);
  w.key("seriously_injured").value(inc.casualties.seriously_injured);
  w.key("missing").value(inc.casualties.missing);
  w.key("trapped").value(inc.casualties.trapped);
  w.key("loss").value(inc.loss);
  w.key("description").value(inc.description);
  w.key("actions").value(inc.actions);
  w.key("leaders_on_scene").value(inc.leaders_on_scene);
  w.key("next_steps").value(inc.next_steps);
  w.key("followups").value(inc.followups);
  w.key("supplements").value(inc.supplements);
  w.key("void").value(inc.voided);
  w.key("void_reason").value(inc.void_reason);
  w.key("corrections");
  write_corrections_json(w, office, inc.corrections);
  if (with_events) {
    w.key("requirements").begin_array();
    for (const auto& r : inc.requirements) {
      w.begin_object();
      w.key("to").value(r.to).key("via").value(reports::to_string(r.via));
      write_time(w, "arose_at", office, r.arose_at);
      write_time(w, "due", office, r.due);
      write_time(w, "made_at", office, r.made_at);
      w.key("minutes_late").value(static_cast<std::int64_t>(r.made_at ? r.minutes_late() : r.minutes_overdue(now)));
      w.key("status").value(r.made_at ? (r.minutes_late() > 0 ? "late" : "made") : (now > r.due ? "overdue" : "due"));
      w.key("basis").value(r.basis);
      w.end_object();
    }
    w.end_array();
    w.key("events").begin_array();
    for (const auto& e : inc.events) {
      w.begin_object();
      w.key("seq").value(static_cast<std::int64_t>(e.seq));
      w.key("type").value(e.type);
      write_time(w, "at", office, e.at);
      write_time(w, "recorded_at", office, e.recorded_at);
      w.key("by").value(e.by);
      if (e.type == reports::event_type::kEscalation) {
        std::string to = e.text("to").value_or("");
        auto via = reports::parse_channel(e.text("via").value_or(""));
        long late = 0;
        for (const auto& r : inc.requirements) {
          if (r.made_seq == e.seq) late = r.minutes_late();
        }
        w.key("to").value(to);
        w.key("via").value(via ? reports::to_string(*via) : "");
        w.key("minutes_late").value(static_cast<std::int64_t>(late));
      }
      for (const auto& [k, v] : e.data) {
        if (e.type == reports::event_type::kEscalation && (k == "to" || k == "via")) continue;
        if (k == "occurred_at" || k == "received_at" || k == "old.occurred_at" || k == "old.received_at") {
          if (const auto* n = std::get_if<long long>(&v)) {
            w.key(k).value(iso(office, Seconds{std::chrono::seconds{*n}}));
            continue;
          }
        }
        w.key(k);
        reports::write_value(w, v);
      }
      w.key("hash").value(e.hash);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace duty::cli
