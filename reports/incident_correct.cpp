// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_correct.hpp"

#include <algorithm>
#include <charconv>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/projection.hpp"

namespace duty::reports {

namespace {

std::string local(const Office& office, Seconds t) {
  return format_local_minute(*office.zone, t);
}

Value seconds_value(Seconds t) {
  return static_cast<long long>(t.time_since_epoch().count());
}

// A reason is required on every correction and void: the log must say why an entry changed.
void check_reason(const std::string& reason) {
  if (trim(reason).empty()) {
    throw FieldError(
        "reason", tr("is required and cannot be empty: say why the entry is corrected or voided"));
  }
  check_text("reason", reason);
}

Seconds entry_time(const char* field, std::optional<Seconds> at, const Actor& actor,
                   const Office& office) {
  Seconds t = at.value_or(actor.now);
  if (t > actor.now) {
    throw FieldError(field,
                     trf("{0} is in the future (now is {1}); entries are made when they happen",
                         local(office, t), local(office, actor.now)));
  }
  return t;
}

// The incident's recorded facts under the payload keys a correction may carry.
Fields recorded_values(const Incident& i) {
  Fields f;
  f["title"] = i.title;
  f["category"] = i.category;
  f["severity"] = std::string(to_string(i.stated));
  f["occurred_at"] = i.occurred_at ? seconds_value(*i.occurred_at) : Value{};
  f["received_at"] = seconds_value(i.received_at);
  f["location"] = i.location;
  f["source"] = i.source;
  f["received_by"] = i.received_by;
  f["description"] = i.description;
  f["actions"] = i.actions;
  f["leaders_on_scene"] = i.leaders_on_scene;
  f["deaths"] = static_cast<long long>(i.casualties.deaths);
  f["injured"] = static_cast<long long>(i.casualties.injured);
  f["seriously_injured"] = static_cast<long long>(i.casualties.seriously_injured);
  f["missing"] = static_cast<long long>(i.casualties.missing);
  f["trapped"] = static_cast<long long>(i.casualties.trapped);
  f["loss"] = i.loss;
  return f;
}

bool same_value(const Value& a, const Value& b) {
  if (a.index() == b.index()) return a == b;
  auto number = [](const Value& v) -> std::optional<double> {
    if (const auto* n = std::get_if<long long>(&v)) return static_cast<double>(*n);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
  };
  auto x = number(a), y = number(b);
  return x && y && *x == *y;
}

// The reports made on time in `before` and late in `after`.
std::vector<Requirement> newly_late(const Incident& before, const Incident& after) {
  std::vector<Requirement> out;
  for (const auto& r : after.requirements) {
    if (!r.made_at || r.minutes_late() == 0) continue;
    auto it = std::find_if(before.requirements.begin(), before.requirements.end(),
                           [&](const Requirement& b) { return b.to == r.to && b.via == r.via; });
    if (it == before.requirements.end() || it->minutes_late() == 0) out.push_back(r);
  }
  return out;
}

// A corrected received time: not in the future, not before the occurrence, and not after any
// entry of the incident other than its corrections (a follow-up cannot precede the receipt).
void check_received(Seconds received, const std::optional<Seconds>& occurred,
                    const std::vector<Event>& history, const Actor& actor, const Office& office) {
  if (received > actor.now) {
    throw FieldError("received", trf("{0} is in the future (now is {1})", local(office, received),
                                     local(office, actor.now)));
  }
  if (occurred && received < *occurred) {
    throw FieldError("received", trf("{0} is before the incident occurred ({1})",
                                     local(office, received), local(office, *occurred)));
  }
  for (std::size_t n = 1; n < history.size(); ++n) {
    const Event& e = history[n];
    if (e.type == event_type::kCorrection || e.type == event_type::kVoid) continue;
    if (e.at < received) {
      throw FieldError("received",
                       trf("{0} is after the incident's entry #{1} at {2}; an incident is received "
                           "before anything else is recorded on it",
                           local(office, received), e.seq, local(office, e.at)));
    }
  }
}

}  // namespace

CorrectionResult correct_incident(Store& store, const Office& office, const std::string& id,
                                  const CorrectionRequest& req, const Actor& actor) {
  check_reason(req.reason);
  validate_fields(office, req.fields);
  if (req.fields.title && trim(*req.fields.title).empty())
    throw FieldError("title", tr("cannot be empty"));
  if (req.fields.category && req.fields.category->empty()) {
    throw FieldError("category", tr("cannot be empty; 'duty incident categories' lists them"));
  }
  CorrectionResult out;
  store.write([&](StoreTransaction& tx) {
    auto history = incident_history(tx, id);
    Incident before = fold_incident(history, office);
    check_not_voided(before, office);
    Fields payload = incident_payload(req.fields, "description");
    if (req.received) payload["received_at"] = seconds_value(*req.received);
    // Only what differs from the record is a correction; the record's value is kept beside it.
    const Fields recorded = recorded_values(before);
    Fields changes;
    for (const auto& [key, value] : payload) {
      auto it = recorded.find(key);
      Value old = it == recorded.end() ? Value{} : it->second;
      if (same_value(old, value)) continue;
      changes[key] = value;
      changes[std::string(kOldPrefix) + key] = old;
    }
    if (changes.empty()) {
      throw FieldError(
          "id",
          trf("the correction changes nothing: incident {0} already records these values", id));
    }
    Seconds received = req.received.value_or(before.received_at);
    std::optional<Seconds> occurred =
        req.fields.occurred ? req.fields.occurred : before.occurred_at;
    if (req.received) check_received(received, occurred, history, actor, office);
    if (req.fields.occurred) {
      if (*req.fields.occurred > actor.now) {
        throw FieldError("occurred",
                         trf("{0} is in the future (now is {1})",
                             local(office, *req.fields.occurred), local(office, actor.now)));
      }
      if (*req.fields.occurred > received) {
        throw FieldError("occurred",
                         trf("{0} is after the incident was received ({1})",
                             local(office, *req.fields.occurred), local(office, received)));
      }
    }
    Seconds at = entry_time("at", req.at, actor, office);
    if (at < std::max(received, before.received_at)) {
      throw FieldError("at", trf("{0} is before the incident was received ({1})", local(office, at),
                                 local(office, std::max(received, before.received_at))));
    }
    changes["reason"] = req.reason;
    Event e = new_event(event_type::kCorrection, id, at, actor);
    e.data = std::move(changes);
    Event stored = tx.append(std::move(e));
    history.push_back(stored);
    out.incident = fold_incident(history, office);
    tx.incidents().save(out.incident);
    out.correction = read_correction(stored);
    out.made_late = newly_late(before, out.incident);
  });
  return out;
}

std::vector<Requirement> made_late_by(const Incident& incident, std::int64_t seq,
                                      const Office& office) {
  std::vector<Event> upto;
  for (const auto& e : incident.events) {
    if (e.seq < seq) upto.push_back(e);
  }
  if (upto.empty()) return {};
  Incident before = fold_incident(upto, office);
  for (const auto& e : incident.events) {
    if (e.seq == seq) upto.push_back(e);
  }
  return newly_late(before, fold_incident(upto, office));
}

Incident void_incident(Store& store, const Office& office, const std::string& id,
                       const std::string& reason, const Actor& actor) {
  check_reason(reason);
  Incident out;
  store.write([&](StoreTransaction& tx) {
    auto history = incident_history(tx, id);
    Incident before = fold_incident(history, office);
    if (before.voided) {
      throw FieldError("id", trf("incident {0} was already voided at {1}: {2}", id,
                                 local(office, *before.voided_at), before.void_reason));
    }
    Event e = new_event(event_type::kVoid, id, actor.now, actor);
    e.data["reason"] = reason;
    history.push_back(tx.append(std::move(e)));
    out = fold_incident(history, office);
    tx.incidents().save(out);
  });
  return out;
}

PendingItem void_pending(Store& store, const Office& office, const std::string& id,
                         const std::string& reason, const Actor& actor) {
  check_reason(reason);
  PendingItem out;
  store.write([&](StoreTransaction& tx) {
    auto item = tx.pending().find(id);
    if (!item) {
      throw FieldError(
          "id", trf("no pending item or instruction '{0}'; 'duty todo list --all' shows them", id));
    }
    if (item->voided) {
      throw FieldError("id", trf("{0} was already voided: {1}", id, item->void_reason));
    }
    Event e = new_event(event_type::kVoid, id, actor.now, actor);
    e.data["reason"] = reason;
    out = fold_pending_event(item, tx.append(std::move(e)));
    tx.pending().save(out);
  });
  (void)office;
  return out;
}

Note void_note(Store& store, const Office& office, std::int64_t seq,
               const std::string& reason, const Actor& actor) {
  check_reason(reason);
  Note out;
  store.write([&](StoreTransaction& tx) {
    auto e = tx.event_at(seq);
    if (!e || e->type != event_type::kNote) {
      throw FieldError(
          "id", trf("event {0} is not a handover note; 'duty note list' shows the notes with their "
                    "numbers",
                    seq));
    }
    const std::string subject = "note:" + std::to_string(seq);
    auto voids = tx.events(subject);
    if (!voids.empty()) {
      throw FieldError(
          "id", trf("note {0} was already voided at {1}: {2}", seq, local(office, voids.front().at),
                    voids.front().text("reason").value_or("")));
    }
    Event v = new_event(event_type::kVoid, subject, actor.now, actor);
    v.data["reason"] = reason;
    tx.append(std::move(v));
    out = {e->seq, e->at, e->by, e->text("text").value_or("")};
  });
  return out;
}

std::set<std::int64_t> voided_notes(Store& store) {
  std::set<std::int64_t> out;
  for (const auto& e : store.events_of_type(event_type::kVoid, Seconds::min(), Seconds::max())) {
    std::string_view s = e.subject;
    if (!s.starts_with("note:")) continue;
    std::int64_t seq = 0;
    auto r = std::from_chars(s.data() + 5, s.data() + s.size(), seq);
    if (r.ec == std::errc{}) out.insert(seq);
  }
  return out;
}

int supplement_days(const Office& office, const std::string& category) {
  if (auto it = office.supplement_days.find(category); it != office.supplement_days.end())
    return it->second;
  // Order 493 Art. 13: 30 days after the accident, 7 for road-traffic and fire accidents.
  return category == "road-traffic" || category == "fire" ? 7 : 30;
}

Seconds supplement_deadline(const Office& office, const Incident& incident) {
  Seconds from = incident.occurred_at.value_or(incident.received_at);
  return from + std::chrono::hours{24} * supplement_days(office, incident.category);
}

Incident supplement_incident(Store& store, const Office& office, const std::string& id,
                             const IncidentFields& fields, std::optional<Seconds> at_option,
                             const Actor& actor) {
  validate_fields(office, fields);
  if (!fields.note || trim(*fields.note).empty()) {
    throw FieldError("note", tr("is required: say what changed since the final report"));
  }
  Incident out;
  store.write([&](StoreTransaction& tx) {
    auto history = incident_history(tx, id);
    Incident before = fold_incident(history, office);
    check_not_voided(before, office);
    if (!before.closed) {
      throw FieldError(
          "id",
          trf("incident {0} is still open: a supplement (补报) follows the final report; record "
              "a follow-up with 'duty incident update {0}'",
              id));
    }
    Seconds at = entry_time("at", at_option, actor, office);
    if (at < *before.closed_at) {
      throw FieldError("at", trf("{0} is before the final report ({1})", local(office, at),
                                 local(office, *before.closed_at)));
    }
    Seconds deadline = supplement_deadline(office, before);
    if (at > deadline) {
      Seconds from = before.occurred_at.value_or(before.received_at);
      throw FieldError(
          "id",
          trf("the supplement window of incident {0} ended at {1}: {2} days after the accident "
              "({3}) for category {4}; 'supplement_days:' on the category in office.yaml sets it",
              id, local(office, deadline), supplement_days(office, before.category),
              local(office, from), before.category));
    }
    Event e = new_event(event_type::kSupplement, id, at, actor);
    e.data = incident_payload(fields, "note");
    e.data["number"] = static_cast<long long>(before.supplements + 1);
    history.push_back(tx.append(std::move(e)));
    out = fold_incident(history, office);
    tx.incidents().save(out);
  });
  return out;
}

}  // namespace duty::reports
