// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_log.hpp"

#include <cmath>
#include <cstdio>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/incident_import.hpp"

namespace duty::reports {

namespace {

void check_count(const char* field, const std::optional<int>& v) {
  if (v && *v < 0) throw FieldError(field, "cannot be negative (got " + std::to_string(*v) + ")");
  if (v && *v > kMaxPeople) {
    throw FieldError(field, std::to_string(*v) + " is too large; the most accepted is " + std::to_string(kMaxPeople));
  }
}

std::string local(const Office& office, Seconds t) { return format_local_minute(*office.zone, t); }

// Checks every field against the office before anything is written.
void validate(const Office& office, const IncidentFields& f) {
  check_title(f.title);
  check_text("category", f.category, TextKind::kLine);
  if (f.category && !office.find_category(*f.category)) {
    throw FieldError("category", unknown_category_message(office.categories, *f.category));
  }
  check_text("location", f.location, TextKind::kLine);
  check_text("source", f.source, TextKind::kLine);
  check_text("by", f.received_by, TextKind::kLine);
  check_text("actions", f.actions);
  check_text("leaders-on-scene", f.leaders_on_scene);
  check_text("note", f.note);
  check_text("next-steps", f.next_steps);
  check_count("deaths", f.deaths);
  check_count("injured", f.injured);
  check_count("seriously-injured", f.seriously_injured);
  check_count("missing", f.missing);
  check_count("trapped", f.trapped);
  if (f.loss && (!std::isfinite(*f.loss) || *f.loss < 0 || *f.loss > kMaxLoss)) {
    throw FieldError("loss", "must be a number of 万元 (10,000 yuan) from 0 to 100000000");
  }
}

void put(Fields& data, const char* key, const std::optional<std::string>& v) {
  if (v) data[key] = *v;
}
void put(Fields& data, const char* key, const std::optional<int>& v) {
  if (v) data[key] = static_cast<long long>(*v);
}

Fields to_fields(const IncidentFields& f, const char* note_key) {
  Fields d;
  put(d, "title", f.title);
  put(d, "category", f.category);
  if (f.severity) d["severity"] = std::string(to_string(*f.severity));
  if (f.occurred) d["occurred_at"] = static_cast<long long>(f.occurred->time_since_epoch().count());
  put(d, "location", f.location);
  put(d, "source", f.source);
  put(d, "received_by", f.received_by);
  put(d, "deaths", f.deaths);
  put(d, "injured", f.injured);
  put(d, "seriously_injured", f.seriously_injured);
  put(d, "missing", f.missing);
  put(d, "trapped", f.trapped);
  if (f.loss) d["loss"] = *f.loss;
  put(d, "actions", f.actions);
  put(d, "leaders_on_scene", f.leaders_on_scene);
  put(d, note_key, f.note);
  put(d, "next_steps", f.next_steps);
  return d;
}

void check_not_future(const char* field, Seconds t, const Actor& actor, const Office& office) {
  if (t > actor.now) {
    throw FieldError(field, trf("{0} is in the future (now is {1}); reports are logged when they happen",
                                local(office, t), local(office, actor.now)));
  }
}

std::vector<Event> existing(StoreTransaction& tx, const std::string& id) {
  auto events = tx.events(id);
  // Pending items (T-n, P-n) share the chain: only a history that starts with 'created' is an incident.
  if (events.empty() || events.front().type != event_type::kCreated) {
    throw FieldError("id", trf("no incident '{0}'; 'duty incident list' shows them", id));
  }
  return events;
}

// Appends an event to an incident inside the transaction and refreshes its listing row.
Incident append_and_fold(StoreTransaction& tx, const Office& office, std::vector<Event> history, Event e) {
  history.push_back(tx.append(std::move(e)));
  Incident inc = fold_incident(history, office);
  tx.incidents().save(inc);
  return inc;
}

Incident record_new(StoreTransaction& tx, const Office& office, const NewIncident& in, const Actor& actor) {
  Seconds received = in.received.value_or(actor.now);
  int year = static_cast<int>(date::year_month_day{local_day(*office.zone, received)}.year());
  int number = tx.incidents().max_number(year) + 1;
  char id[32];
  std::snprintf(id, sizeof id, "%04d-%04d", year, number);
  Event e = new_event(event_type::kCreated, id, received, actor);
  e.data = to_fields(in.fields, "description");
  return append_and_fold(tx, office, {}, std::move(e));
}

}  // namespace

void validate_fields(const Office& office, const IncidentFields& fields) { validate(office, fields); }

Fields incident_payload(const IncidentFields& fields, const char* note_key) { return to_fields(fields, note_key); }

std::vector<Event> incident_history(StoreTransaction& tx, const std::string& id) { return existing(tx, id); }

void check_not_voided(const Incident& incident, const Office& office) {
  if (!incident.voided) return;
  throw FieldError("id", trf("incident {0} was voided (作废) at {1}: {2}; a voided incident takes no further entries",
                             incident.id, local(office, *incident.voided_at), incident.void_reason));
}

void validate_new_incident(const Office& office, const NewIncident& in, const Actor& actor) {
  validate(office, in.fields);
  if (!in.fields.title) throw FieldError("title", tr("is required"));
  if (!in.fields.category) throw FieldError("category", tr("is required; 'duty incident categories' lists them"));
  Seconds received = in.received.value_or(actor.now);
  check_not_future("received", received, actor, office);
  if (in.fields.occurred) {
    check_not_future("occurred", *in.fields.occurred, actor, office);
    if (received < *in.fields.occurred) {
      throw FieldError("received", trf("{0} is before the incident occurred ({1})", local(office, received),
                                       local(office, *in.fields.occurred)));
    }
  }
}

namespace {

Seconds event_time(const char* field, std::optional<Seconds> at, const Incident& inc, const Actor& actor,
                   const Office& office) {
  Seconds t = at.value_or(actor.now);
  check_not_future(field, t, actor, office);
  if (t < inc.received_at) {
    throw FieldError(field, trf("{0} is before the incident was received ({1})", local(office, t),
                                local(office, inc.received_at)));
  }
  return t;
}

// A changed occurrence time must still come before the report of it, and not lie in the future.
void check_occurred(const IncidentFields& change, const Incident& before, const Actor& actor, const Office& office) {
  if (!change.occurred) return;
  check_not_future("occurred", *change.occurred, actor, office);
  if (*change.occurred > before.received_at) {
    throw FieldError("occurred", trf("{0} is after the incident was received ({1})", local(office, *change.occurred),
                                     local(office, before.received_at)));
  }
}

}  // namespace

Incident add_incident(Store& store, const Office& office, const NewIncident& in, const Actor& actor) {
  validate_new_incident(office, in, actor);
  Incident out;
  store.write([&](StoreTransaction& tx) { out = record_new(tx, office, in, actor); });
  return out;
}

Incident update_incident(Store& store, const Office& office, const std::string& id,
                         const IncidentFields& change, std::optional<Seconds> at, const Actor& actor) {
  validate(office, change);
  Incident out;
  store.write([&](StoreTransaction& tx) {
    auto history = existing(tx, id);
    Incident before = fold_incident(history, office);
    check_not_voided(before, office);
    if (before.closed) {
      throw FieldError("id", trf("incident {0} was closed with its final report at {1}; closed incidents accept no "
                                 "updates (escalations can still be recorded)",
                                 id, local(office, *before.closed_at)));
    }
    check_occurred(change, before, actor, office);
    Event e = new_event(event_type::kUpdate, id, event_time("at", at, before, actor, office), actor);
    e.data = to_fields(change, "note");
    e.data["number"] = static_cast<long long>(before.followups + 1);
    out = append_and_fold(tx, office, std::move(history), std::move(e));
  });
  return out;
}

Incident escalate_incident(Store& store, const Office& office, const std::string& id, const std::string& to,
                           Channel via, std::optional<Seconds> at, const std::string& note, const Actor& actor,
                           const std::function<void(const Incident&)>& before_commit) {
  if (!office.find_org(to)) {
    throw FieldError("to", trf("unknown organisation '{0}'{1}; the chain in office.yaml has: {2}", to,
                               did_you_mean(to, office.org_ids()), join(office.org_ids(), ", ")));
  }
  check_text("note", note);
  Incident out;
  store.write([&](StoreTransaction& tx) {
    auto history = existing(tx, id);
    Incident before = fold_incident(history, office);
    check_not_voided(before, office);
    Event e = new_event(event_type::kEscalation, id, event_time("at", at, before, actor, office), actor);
    e.data["to"] = to;
    e.data["via"] = std::string(to_string(via));
    if (!note.empty()) e.data["note"] = note;
    out = append_and_fold(tx, office, std::move(history), std::move(e));
    if (before_commit) before_commit(out);
  });
  return out;
}

Incident close_incident(Store& store, const Office& office, const std::string& id,
                        const IncidentFields& final_fields, std::optional<Seconds> at, const Actor& actor) {
  validate(office, final_fields);
  Incident out;
  store.write([&](StoreTransaction& tx) {
    auto history = existing(tx, id);
    Incident before = fold_incident(history, office);
    check_not_voided(before, office);
    if (before.closed) {
      throw FieldError("id", trf("incident {0} is already closed (final report at {1})", id,
                                 local(office, *before.closed_at)));
    }
    check_occurred(final_fields, before, actor, office);
    Event e = new_event(event_type::kClosed, id, event_time("at", at, before, actor, office), actor);
    e.data = to_fields(final_fields, "note");
    out = append_and_fold(tx, office, std::move(history), std::move(e));
  });
  return out;
}

Incident load_incident(Store& store, const Office& office, const std::string& id) {
  auto events = store.events(id);
  if (events.empty() || events.front().type != event_type::kCreated) {
    throw FieldError("id", trf("no incident '{0}'; 'duty incident list' shows them", id));
  }
  return fold_incident(events, office);
}

void check_import_record(const ImportRecord& r, const Office& office, const Actor& actor, DiagnosticSink& sink) {
  if (r.reported) return;
  try {
    validate_new_incident(office, r.incident, actor);
    Seconds received = r.incident.received.value_or(actor.now);
    for (const auto& up : r.updates) {
      validate(office, up.fields);
      if (up.at < received || up.at > actor.now) {
        throw FieldError("updates", trf("time {0} is before the incident was received or in the future",
                                        local(office, up.at)));
      }
    }
    for (const auto& esc : r.escalations) {
      check_text("note", esc.note);
      if (!office.find_org(esc.to)) {
        throw FieldError("to", trf("unknown organisation '{0}'{1}", esc.to, did_you_mean(esc.to, office.org_ids())));
      }
      if (esc.at < received || esc.at > actor.now) {
        throw FieldError("escalations", trf("time {0} is before the incident was received or in the future",
                                            local(office, esc.at)));
      }
    }
    for (const auto& up : r.updates) {
      if (r.closed_at && up.at > *r.closed_at) {
        throw FieldError("updates", trf("follow-up at {0} comes after the final report ({1}); closed incidents "
                                        "accept no updates",
                                        local(office, up.at), local(office, *r.closed_at)));
      }
    }
    validate(office, r.closed_fields);
    if (r.closed_at && (*r.closed_at < received || *r.closed_at > actor.now)) {
      throw FieldError("closed", trf("time {0} is before the incident was received or in the future",
                                      local(office, *r.closed_at)));
    }
  } catch (const FieldError& e) {
    sink.add(Diagnostic{r.pos, e.field() + ": " + e.what(), {}});
  }
}

void check_import(const std::vector<ImportRecord>& records, const Office& office, const Actor& actor,
                  DiagnosticSink& sink) {
  for (const auto& r : records) check_import_record(r, office, actor, sink);
}

namespace {

// Records one checked import record with its follow-ups, escalations and final report.
std::string write_import_record(StoreTransaction& tx, const Office& office, const ImportRecord& r,
                                const Actor& actor) {
  Incident inc = record_new(tx, office, r.incident, actor);
  std::vector<Event> history = std::move(inc.events);
  bool refold = !r.updates.empty() || !r.escalations.empty() || r.closed_at;
  long long number = 0;
  for (const auto& up : r.updates) {
    Event e = new_event(event_type::kUpdate, inc.id, up.at, actor);
    e.data = to_fields(up.fields, "note");
    e.data["number"] = ++number;
    history.push_back(tx.append(std::move(e)));
  }
  for (const auto& esc : r.escalations) {
    Event e = new_event(event_type::kEscalation, inc.id, esc.at, actor);
    e.data["to"] = esc.to;
    e.data["via"] = std::string(to_string(esc.via));
    if (!esc.note.empty()) e.data["note"] = esc.note;
    history.push_back(tx.append(std::move(e)));
  }
  if (r.closed_at) {
    Event e = new_event(event_type::kClosed, inc.id, *r.closed_at, actor);
    e.data = to_fields(r.closed_fields, "note");
    history.push_back(tx.append(std::move(e)));
  }
  if (refold) tx.incidents().save(fold_incident(history, office));
  return inc.id;
}

}  // namespace

std::vector<std::string> import_incidents(Store& store, const Office& office,
                                          const std::vector<ImportRecord>& records, const Actor& actor) {
  DiagnosticSink sink;
  check_import(records, office, actor, sink);
  sink.throw_if_any();
  std::vector<std::string> ids;
  ids.reserve(records.size());
  store.write([&](StoreTransaction& tx) {
    for (const auto& r : records) ids.push_back(write_import_record(tx, office, r, actor));
  });
  return ids;
}

ImportResult import_incidents(ImportReader& reader, const Office& office, const Actor& actor,
                              DiagnosticSink& sink, const std::function<Store&()>& open_store) {
  ImportResult result;
  // Until the first record that can be written, and for good once anything is wrong, records are
  // only checked: every problem in the file is reported, and a file that is wrong from the start
  // never opens (or creates) the store.
  std::optional<ImportRecord> rec;
  while ((rec = reader.next())) {
    check_import_record(*rec, office, actor, sink);
    if (sink.empty()) break;
  }
  sink.throw_if_any();
  if (!rec) return result;
  open_store().write([&](StoreTransaction& tx) {
    do {
      if (sink.empty()) {
        std::string id = write_import_record(tx, office, *rec, actor);
        if (result.count++ == 0) result.first = id;
        result.last = std::move(id);
      }
      rec = reader.next();
      if (rec) check_import_record(*rec, office, actor, sink);
    } while (rec);
    // Throwing here rolls back everything written before the first problem.
    sink.throw_if_any();
  });
  return result;
}

Event new_event(const char* type, const std::string& subject, Seconds at, const Actor& actor) {
  Event e;
  e.type = type;
  e.subject = subject;
  e.at = at;
  e.recorded_at = actor.now;
  e.by = actor.by;
  return e;
}

void check_text(const char* field, const std::optional<std::string>& v, TextKind kind) {
  if (!v) return;
  if (!is_valid_utf8(*v)) throw FieldError(field, tr("is not valid UTF-8 text"));
  if (v->size() > kMaxTextBytes) {
    throw FieldError(field, trf("is too long ({0} bytes; the limit is {1}, 64 KiB)", v->size(), kMaxTextBytes));
  }
  if (auto c = forbidden_character(*v, kind)) throw FieldError(field, forbidden_character_message(*c, kind));
}

void check_title(const std::optional<std::string>& title) {
  check_text("title", title, TextKind::kLine);
  if (!title) return;
  if (title->empty()) throw FieldError("title", tr("cannot be empty"));
  if (std::size_t n = character_count(*title); n > kMaxTitleCharacters) {
    throw FieldError("title", trf("is too long ({0} characters; the limit is {1}); keep the title short and put "
                                      "the account in --note",
                                      n, kMaxTitleCharacters));
  }
}

}  // namespace duty::reports
