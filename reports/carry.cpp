// SPDX-License-Identifier: Apache-2.0
#include "reports/carry.hpp"

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/incident_correct.hpp"
#include "reports/journal/projection.hpp"

namespace duty::reports {

namespace {

// The incident log's text check, and for required fields not empty.
void check_entry_text(const char* field, const std::string& v, bool required,
                      TextKind kind = TextKind::kMultiLine) {
  if (required && v.empty()) throw FieldError(field, tr("cannot be empty"));
  check_text(field, std::optional<std::string>(v), kind);
}

// The incident's events; FieldError naming the field when there is no such incident.
std::vector<Event> check_incident(StoreTransaction& tx, const std::string& field,
                                  const std::string& id) {
  auto events = tx.events(id);
  if (events.empty() || events.front().type != event_type::kCreated) {
    throw FieldError(field, trf("no incident '{0}'; 'duty incident list' shows them", id));
  }
  return events;
}

std::string local(const Office& office, Seconds t) {
  return format_local_minute(*office.zone, t);
}

Seconds entry_time(const Office& office, std::optional<Seconds> at, const Actor& actor) {
  Seconds t = at.value_or(actor.now);
  if (t > actor.now) {
    throw FieldError("at",
                     trf("{0} is in the future (now is {1}); entries are made when they happen",
                         local(office, t), local(office, actor.now)));
  }
  return t;
}

PendingItem record_item(StoreTransaction& tx, const char* prefix, Event e, PendingItem item) {
  item.id = std::string(prefix) + "-" + std::to_string(tx.pending().max_number(prefix) + 1);
  e.subject = item.id;
  // The row is the fold of the stored event, as `log verify` and `log rebuild` compute it.
  PendingItem row = fold_pending_event(std::nullopt, tx.append(std::move(e)));
  tx.pending().save(row);
  return row;
}

}  // namespace

Note add_note(Store& store, const Office& office, const std::string& text,
              std::optional<Seconds> at, const Actor& actor) {
  check_entry_text("text", text, true);
  Seconds t = at.value_or(actor.now);
  if (t > actor.now) {
    throw FieldError("at",
                     trf("{0} is in the future (now is {1}); notes are written when they happen",
                         local(office, t), local(office, actor.now)));
  }
  Note note;
  store.write([&](StoreTransaction& tx) {
    Event e = new_event(event_type::kNote, "notes", t, actor);
    e.data["text"] = text;
    Event stored = tx.append(std::move(e));
    note = {stored.seq, stored.at, stored.by, text};
  });
  return note;
}

PendingItem add_todo(Store& store, const Office& office, const NewTodo& todo,
                     const Actor& actor) {
  check_entry_text("text", todo.text, true);
  check_entry_text("owner", todo.owner, false, TextKind::kLine);
  Seconds at = entry_time(office, todo.at, actor);
  PendingItem out;
  store.write([&](StoreTransaction& tx) {
    if (!todo.incident.empty()) check_incident(tx, "incident", todo.incident);
    Event e = new_event(event_type::kTodo, "", at, actor);
    e.data["text"] = todo.text;
    if (!todo.owner.empty()) e.data["owner"] = todo.owner;
    if (todo.due) e.data["due"] = static_cast<long long>(todo.due->time_since_epoch().count());
    if (!todo.incident.empty()) e.data["incident"] = todo.incident;
    PendingItem item;
    item.text = todo.text;
    item.owner = todo.owner;
    item.incident = todo.incident;
    item.due = todo.due;
    item.created_at = at;
    item.created_by = actor.by;
    out = record_item(tx, "T", std::move(e), std::move(item));
  });
  return out;
}

PendingItem add_instruction(Store& store, const Office& office, const std::string& incident,
                            const std::string& leader, const std::string& text,
                            std::optional<Seconds> due, std::optional<Seconds> at_option,
                            const Actor& actor) {
  check_entry_text("from", leader, true, TextKind::kLine);
  check_entry_text("text", text, true);
  Seconds at = entry_time(office, at_option, actor);
  PendingItem out;
  store.write([&](StoreTransaction& tx) {
    auto events = check_incident(tx, "id", incident);
    if (at < events.front().at) {
      throw FieldError("at", trf("{0} is before the incident was received ({1})", local(office, at),
                                 local(office, events.front().at)));
    }
    Event e = new_event(event_type::kInstruction, "", at, actor);
    e.data["incident"] = incident;
    e.data["from"] = leader;
    e.data["text"] = text;
    if (due) e.data["due"] = static_cast<long long>(due->time_since_epoch().count());
    PendingItem item;
    item.instruction = true;
    item.text = text;
    item.leader = leader;
    item.incident = incident;
    item.due = due;
    item.created_at = at;
    item.created_by = actor.by;
    out = record_item(tx, "P", std::move(e), std::move(item));
  });
  return out;
}

PendingItem complete_pending(Store& store, const Office& office, const std::string& id,
                             const std::string& note, std::optional<Seconds> at_option,
                             const Actor& actor) {
  check_entry_text("note", note, false);
  Seconds at = entry_time(office, at_option, actor);
  PendingItem out;
  store.write([&](StoreTransaction& tx) {
    auto item = tx.pending().find(id);
    if (!item) {
      throw FieldError("id", trf("no pending item or instruction '{0}'; 'duty todo list' shows the "
                                 "open ones",
                                 id));
    }
    if (item->voided) throw FieldError("id", trf("{0} was voided: {1}", id, item->void_reason));
    if (item->done_at) {
      throw FieldError(
          "id", trf("{0} was already reported done at {1}", id, local(office, *item->done_at)));
    }
    if (at < item->created_at) {
      throw FieldError("at", trf("{0} is before {1} was entered ({2})", local(office, at), id,
                                 local(office, item->created_at)));
    }
    Event e = new_event(event_type::kDone, id, at, actor);
    if (!note.empty()) e.data["note"] = note;
    out = fold_pending_event(item, tx.append(std::move(e)));
    tx.pending().save(out);
  });
  return out;
}

std::vector<Note> notes_between(Store& store, Seconds from, Seconds to) {
  std::vector<Note> out;
  const auto voided = voided_notes(store);
  for (const auto& e : store.events_of_type(event_type::kNote, from, to)) {
    if (voided.contains(e.seq)) continue;
    out.push_back({e.seq, e.at, e.by, e.text("text").value_or("")});
  }
  return out;
}

}  // namespace duty::reports
