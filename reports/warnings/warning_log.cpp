// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/warning_log.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <system_error>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/subject_numbers.hpp"

namespace duty::reports {

namespace {

constexpr const char* kPrefix = "W-";

std::string local(const Office& office, Seconds t) {
  return format_local_minute(*office.zone, t);
}

long long warning_number(std::string_view id) {
  if (id.size() < 3 || id.substr(0, 2) != kPrefix) return 0;
  long long n = 0;
  auto [end, ec] = std::from_chars(id.data() + 2, id.data() + id.size(), n);
  return ec == std::errc() && end == id.data() + id.size() ? n : 0;
}

long long unix_seconds(Seconds t) {
  return static_cast<long long>(t.time_since_epoch().count());
}

std::optional<Seconds> time_field(const Event& e, const std::string& key) {
  if (auto v = e.integer(key)) return Seconds{std::chrono::seconds{*v}};
  return std::nullopt;
}

// Areas are one-line names, kept in one payload value a line each.
std::string join_lines(const std::vector<std::string>& items) {
  return join(items, "\n");
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void check_line(const char* field, const std::string& v, bool required) {
  if (required && trim(v).empty()) throw FieldError(field, tr("cannot be empty"));
  check_text(field, v, TextKind::kLine);
  if (std::size_t n = character_count(v); n > kMaxWarningLineCharacters) {
    throw FieldError(
        field, trf("is too long ({0} characters; the limit is {1})", n, kMaxWarningLineCharacters));
  }
}

void check_areas(const std::vector<std::string>& areas) {
  for (const auto& a : areas) check_line("area", a, true);
}

void check_past(const char* field, Seconds t, const Office& office, const Actor& actor) {
  if (t > actor.now) {
    throw FieldError(field, trf("{0} is in the future (now is {1})", local(office, t),
                                local(office, actor.now)));
  }
}

void check_fire_rating(const WarningSettings& settings, const std::string& type,
                       std::optional<int> rating) {
  if (!rating) return;
  if (type != kFireDangerType) {
    throw FieldError("rating", trf("a fire-danger rating (森林草原火险等级) belongs to fire-danger "
                                   "(森林草原火险) warnings "
                                   "only; this one is {0}",
                                   type_name(settings, type, true) + " (" + type + ")"));
  }
  if (*rating < 1 || *rating > 5) {
    throw FieldError(
        "rating",
        trf("{0} is not a fire-danger rating; ratings are 1 to 5 (一级 to 五级)", *rating));
  }
}

std::string unknown_warning(const std::string& id) {
  return trf("no warning '{0}'; 'duty warning list' shows them", id);
}

void check_not_voided(const Warning& w, const Office& office) {
  if (!w.voided_at) return;
  throw FieldError("id", trf("{0} was voided at {1} as entered by mistake ({2}); nothing more is "
                             "recorded about it",
                             w.id, local(office, *w.voided_at), w.void_reason));
}

std::vector<Event> warning_events(StoreTransaction& tx, const std::string& typed) {
  const std::string id = typed_subject_id(typed, "W-");
  auto events = tx.events(id);
  if (events.empty() || events.front().type != event_type::kWarning)
    throw FieldError("id", unknown_warning(typed));
  return events;
}

namespace {

// A level as a message names it, in the messages' language (蓝色 ... in Chinese).
std::string level_word(WarningLevel l) {
  switch (l) {
    case WarningLevel::kYellow:
      return trc("warning level", "yellow");
    case WarningLevel::kOrange:
      return trc("warning level", "orange");
    case WarningLevel::kRed:
      return trc("warning level", "red");
    case WarningLevel::kBlue:
      break;
  }
  return trc("warning level", "blue");
}

}  // namespace

WarningLevel level_option(const WarningSettings& settings, const std::string& type_id,
                          const std::string& typed) {
  auto level = parse_warning_level(typed);
  if (!level) {
    throw FieldError(
        "level",
        trf("unknown warning level '{0}'; expected blue, yellow, orange or red (蓝色, 黄色, "
            "橙色, 红色; Ⅳ, Ⅲ, Ⅱ, Ⅰ)",
            printable(typed)));
  }
  const WarningType* type = settings.find_type(type_id);
  if (type && !type->has(*level)) {
    std::vector<std::string> names;
    for (WarningLevel l : type->levels) names.emplace_back(level_word(l));
    throw FieldError(
        "level", trf("a {0} warning has no {1} level; its levels are {2}",
                     type->zh + " (" + type->id + ")", level_word(*level), join(names, tr(", "))));
  }
  return *level;
}

const Contact* contact_option(const WarningSettings& settings, const std::string& unit) {
  const Contact* c = settings.find_contact(std::string(trim(unit)));
  if (!c) {
    auto units = settings.units();
    throw FieldError(
        "unit",
        trf("'{0}' is in no contact group of office.yaml{1}; the units are: {2}", printable(unit),
            did_you_mean(unit, units), units.empty() ? tr("(none)") : join(units, ", ")));
  }
  return c;
}

}  // namespace

const WarningSettings& warning_settings(const Office& office) {
  static const WarningSettings kDefault = default_warning_settings();
  return office.warnings ? *office.warnings : kDefault;
}

std::string_view to_string(WarningStatus status) {
  switch (status) {
    case WarningStatus::kExercise:
      return "exercise";
    case WarningStatus::kTest:
      return "test";
    case WarningStatus::kActual:
      break;
  }
  return "actual";
}

std::optional<WarningStatus> parse_warning_status(std::string_view text) {
  std::string t(trim(text));
  for (char& c : t) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (t == "actual") return WarningStatus::kActual;
  if (t == "exercise") return WarningStatus::kExercise;
  if (t == "test") return WarningStatus::kTest;
  return std::nullopt;
}

std::string_view to_string(WarningState state) {
  switch (state) {
    case WarningState::kNotYet:
      return "not-yet";
    case WarningState::kLifted:
      return "lifted";
    case WarningState::kExpired:
      return "expired";
    case WarningState::kVoid:
      return "void";
    case WarningState::kInForce:
      break;
  }
  return "in-force";
}

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kUpgraded:
      return "upgraded";
    case ChangeKind::kDowngraded:
      return "downgraded";
    case ChangeKind::kUpdated:
      return "updated";
    case ChangeKind::kLifted:
      return "lifted";
    case ChangeKind::kRenewed:
      return "renewed";
    case ChangeKind::kIssued:
      break;
  }
  return "issued";
}

bool Warning::in_force(Seconds t) const {
  return state(t) == WarningState::kInForce;
}

WarningState Warning::state(Seconds t) const {
  if (voided_at) return WarningState::kVoid;
  if (received_at > t) return WarningState::kNotYet;
  if (lifted_at && *lifted_at <= t) return WarningState::kLifted;
  std::optional<Seconds> expires = expires_at_time(t);
  if (expires && *expires <= t) return WarningState::kExpired;
  return WarningState::kInForce;
}

std::optional<Seconds> Warning::expires_at_time(Seconds t) const {
  std::optional<Seconds> out = history.empty() ? expires_at : history.front().expires_at;
  for (const auto& c : history) {
    if (c.at <= t && c.kind != ChangeKind::kLifted) out = c.expires_at;
  }
  return out;
}

std::optional<int> Warning::fire_rating_at(Seconds t) const {
  std::optional<int> out = history.empty() ? fire_rating : history.front().fire_rating;
  for (const auto& c : history) {
    if (c.at <= t && c.kind != ChangeKind::kLifted) out = c.fire_rating;
  }
  return out;
}

std::vector<Seconds> Warning::expirations(Seconds t) const {
  std::vector<Seconds> out;
  bool in_force_before = false;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const WarningChange& c = history[i];
    if (c.at > t || c.kind == ChangeKind::kLifted) break;
    if (c.expires_at && *c.expires_at <= c.at) {
      // Received already past its expiry: in force until then, expired from then.
      if (in_force_before) out.push_back(c.at);
      in_force_before = false;
      continue;
    }
    in_force_before = true;
    if (!c.expires_at) continue;
    // The change that follows (a renewal, an update or the lift) came too late when the expiry
    // is not after it.
    Seconds until = i + 1 < history.size() && history[i + 1].at <= t ? history[i + 1].at : t;
    if (*c.expires_at <= until) {
      out.push_back(*c.expires_at);
      in_force_before = false;
    }
  }
  return out;
}

WarningLevel Warning::level_at(Seconds t) const {
  WarningLevel out = history.empty() ? level : history.front().level;
  for (const auto& c : history) {
    if (c.at <= t && c.kind != ChangeKind::kLifted) out = c.level;
  }
  return out;
}

std::pair<std::string, WarningLevel> validate_new_warning(const Office& office, const NewWarning& w,
                                                          const Actor& actor) {
  const WarningSettings& settings = warning_settings(office);
  auto type = find_warning_type(settings, w.type);
  if (!type) throw FieldError("type", unknown_warning_type_message(settings, w.type));
  WarningLevel level = level_option(settings, *type, w.level);
  check_fire_rating(settings, *type, w.fire_rating);
  check_line("issuer", w.issuer, true);
  check_areas(w.area);
  check_line("headline", w.headline, false);
  check_text("text", w.text);
  check_text("instruction", w.instruction);
  Seconds received = w.received.value_or(actor.now);
  check_past("received", received, office, actor);
  Seconds issued = w.issued.value_or(received);
  if (issued > received) {
    throw FieldError("issued", trf("{0} is after the warning was received ({1})",
                                   local(office, issued), local(office, received)));
  }
  if (w.expires && *w.expires <= issued) {
    throw FieldError("expires", trf("{0} is not after the warning was issued ({1})",
                                    local(office, *w.expires), local(office, issued)));
  }
  return {*type, level};
}

Warning add_warning(StoreTransaction& tx, const Office& office, const NewWarning& w,
                    const Actor& actor) {
  auto checked = validate_new_warning(office, w, actor);
  Seconds received = w.received.value_or(actor.now);
  Seconds issued = w.issued.value_or(received);
  Event e = new_event(event_type::kWarning,
                      kPrefix + std::to_string(next_subject_number(tx, kPrefix)), received, actor);
  e.data["type"] = checked.first;
  e.data["level"] = std::string(to_string(checked.second));
  e.data["issuer"] = std::string(trim(w.issuer));
  if (!w.area.empty()) e.data["area"] = join_lines(w.area);
  e.data["issued_at"] = unix_seconds(issued);
  if (w.expires) e.data["expires_at"] = unix_seconds(*w.expires);
  if (!w.headline.empty()) e.data["headline"] = w.headline;
  if (!w.text.empty()) e.data["text"] = w.text;
  if (!w.instruction.empty()) e.data["instruction"] = w.instruction;
  e.data["status"] = std::string(to_string(w.status.value_or(WarningStatus::kActual)));
  if (w.fire_rating) e.data["fire_rating"] = static_cast<long long>(*w.fire_rating);
  if (!w.cap.empty()) e.data["cap"] = w.cap;
  return fold_warning({tx.append(std::move(e))});
}

Warning add_warning(Store& store, const Office& office, const NewWarning& w, const Actor& actor) {
  validate_new_warning(office, w, actor);
  Warning out;
  store.write([&](StoreTransaction& tx) { out = add_warning(tx, office, w, actor); });
  return out;
}

Warning update_warning(StoreTransaction& tx, const Office& office, const std::string& typed,
                       const WarningUpdate& u, const Actor& actor) {
  const std::string id = typed_subject_id(typed, "W-");
  Seconds when = u.at.value_or(actor.now);
  check_past("at", when, office, actor);
  if (u.area) check_areas(*u.area);
  if (u.headline) check_line("headline", *u.headline, false);
  check_text("text", u.text);
  check_text("instruction", u.instruction);
  const WarningSettings& settings = warning_settings(office);
  auto events = warning_events(tx, id);
  Warning before = fold_warning(events);
  check_not_voided(before, office);
  if (before.lifted_at) {
    throw FieldError(
        "id", trf("{0} was lifted at {1}; a lifted warning is not updated (record a new one with "
                  "'duty warning add')",
                  id, local(office, *before.lifted_at)));
  }
  if (when < before.history.back().at) {
    throw FieldError("at", trf("{0} is before the warning's last change ({1})", local(office, when),
                               local(office, before.history.back().at)));
  }
  check_fire_rating(settings, before.type, u.fire_rating);
  Event e = new_event(event_type::kWarningUpdate, id, when, actor);
  if (u.level) {
    WarningLevel level = level_option(settings, before.type, *u.level);
    e.data["level"] = std::string(to_string(level));
  }
  if (u.expires) {
    if (*u.expires <= before.issued_at) {
      throw FieldError("expires", trf("{0} is not after the warning was issued ({1})",
                                      local(office, *u.expires), local(office, before.issued_at)));
    }
    // Typed, an expiry already past would make the warning expired from before the update was
    // made; a warning that ends now is lifted. (A CAP message says what the station sent.)
    if (*u.expires <= when && u.cap.empty()) {
      throw FieldError("expires",
                       trf("{0} is not after the update ({1}); to end the warning now, use 'duty "
                           "warning lift'",
                           local(office, *u.expires), local(office, when)));
    }
    e.data["expires_at"] = unix_seconds(*u.expires);
  } else if (u.until_lifted && before.expires_at) {
    e.data["expires_at"] = std::monostate{};
  }
  // An expired warning is brought back by a renewal (续发) with a later expiry; a typed update
  // that leaves it expired would change a warning no longer in force.
  std::optional<Seconds> expiry = u.expires        ? u.expires
                                  : u.until_lifted ? std::nullopt
                                                   : before.expires_at;
  if (before.state(when) == WarningState::kExpired && expiry && *expiry <= when && u.cap.empty()) {
    throw FieldError(
        "expires",
        trf("{0} expired at {1}; to renew it (续发) give --expires after {2}, or record a new "
            "warning with 'duty warning add'",
            id, local(office, *before.expires_at), local(office, when)));
  }
  if (u.area) e.data["area"] = join_lines(*u.area);
  if (u.text) e.data["text"] = *u.text;
  if (u.headline) e.data["headline"] = *u.headline;
  if (u.instruction) e.data["instruction"] = *u.instruction;
  if (u.fire_rating) e.data["fire_rating"] = static_cast<long long>(*u.fire_rating);
  if (e.data.empty()) {
    throw FieldError(
        "id",
        trf("nothing to update for {0}: give --level, --expires, --area, --text or --rating", id));
  }
  // A typed update that repeats what is in force would show on the records as a change that
  // changed nothing.
  if (u.cap.empty()) {
    bool changes = false;
    if (u.level) changes |= level_option(settings, before.type, *u.level) != before.level_at(when);
    if (u.expires || u.until_lifted) changes |= u.expires != before.expires_at_time(when);
    if (u.area) changes |= *u.area != before.area;
    if (u.text) changes |= *u.text != before.text;
    if (u.headline) changes |= *u.headline != before.headline;
    if (u.instruction) changes |= *u.instruction != before.instruction;
    if (u.fire_rating) changes |= u.fire_rating != before.fire_rating_at(when);
    if (!changes) {
      throw FieldError("id", trf("nothing changes for {0}: what was given is what is in force "
                                 "already",
                                 id));
    }
  }
  if (!u.cap.empty()) e.data["cap"] = u.cap;
  events.push_back(tx.append(std::move(e)));
  return fold_warning(events);
}

Warning update_warning(Store& store, const Office& office, const std::string& id,
                       const WarningUpdate& u, const Actor& actor) {
  Warning out;
  store.write([&](StoreTransaction& tx) { out = update_warning(tx, office, id, u, actor); });
  return out;
}

Warning lift_warning(StoreTransaction& tx, const Office& office, const std::string& typed,
                     std::optional<Seconds> at, const std::string& note, const std::string& cap,
                     const Actor& actor) {
  const std::string id = typed_subject_id(typed, "W-");
  Seconds when = at.value_or(actor.now);
  check_past("at", when, office, actor);
  check_text("note", note);
  auto events = warning_events(tx, id);
  Warning before = fold_warning(events);
  check_not_voided(before, office);
  if (before.lifted_at) {
    throw FieldError("id",
                     trf("{0} is already lifted (at {1})", id, local(office, *before.lifted_at)));
  }
  if (when < before.history.back().at) {
    throw FieldError("at", trf("{0} is before the warning's last change ({1})", local(office, when),
                               local(office, before.history.back().at)));
  }
  // Typed, lifting a warning that already expired would put a 解除 on the records that never
  // happened; the station's own Cancel (CAP) is recorded as sent.
  if (cap.empty() && before.state(when) == WarningState::kExpired) {
    throw FieldError("id", trf("{0} expired at {1}: an expired warning is not lifted", id,
                               local(office, *before.expires_at_time(when))));
  }
  Event e = new_event(event_type::kWarningLift, id, when, actor);
  if (!note.empty()) e.data["note"] = note;
  if (!cap.empty()) e.data["cap"] = cap;
  events.push_back(tx.append(std::move(e)));
  return fold_warning(events);
}

Warning lift_warning(Store& store, const Office& office, const std::string& id,
                     std::optional<Seconds> at, const std::string& note, const std::string& cap,
                     const Actor& actor) {
  Warning out;
  store.write(
      [&](StoreTransaction& tx) { out = lift_warning(tx, office, id, at, note, cap, actor); });
  return out;
}

Warning void_warning(Store& store, const Office& office, const std::string& typed,
                     const std::string& reason, const Actor& actor) {
  const std::string id = typed_subject_id(typed, "W-");
  check_line("reason", reason, true);
  Warning out;
  store.write([&](StoreTransaction& tx) {
    auto events = warning_events(tx, id);
    Warning before = fold_warning(events);
    check_not_voided(before, office);
    Event e = new_event(event_type::kWarningVoid, id, actor.now, actor);
    e.data["reason"] = std::string(trim(reason));
    events.push_back(tx.append(std::move(e)));
    out = fold_warning(events);
  });
  return out;
}

Warning record_call(Store& store, const Office& office, const std::string& typed,
                    const std::string& unit, const std::string& person, const std::string& via,
                    std::optional<Seconds> at, const Actor& actor) {
  const std::string id = typed_subject_id(typed, "W-");
  const Contact* contact = contact_option(warning_settings(office), unit);
  check_line("person", person, false);
  std::string channel = via.empty() ? "phone" : via;
  if (channel == "电话") channel = "phone";
  if (channel == "短信") channel = "sms";
  if (channel == "微信") channel = "wechat";
  if (channel == "传真") channel = "fax";
  if (channel != "phone" && channel != "sms" && channel != "wechat" && channel != "fax") {
    throw FieldError(
        "via",
        trf("unknown channel '{0}'{1}; expected phone, sms, wechat or fax (电话, 短信, 微信, 传真)",
            printable(via), did_you_mean(via, {"phone", "sms", "wechat", "fax"})));
  }
  Seconds when = at.value_or(actor.now);
  check_past("at", when, office, actor);
  Warning out;
  store.write([&](StoreTransaction& tx) {
    auto events = warning_events(tx, id);
    Warning before = fold_warning(events);
    check_not_voided(before, office);
    if (when < before.received_at) {
      throw FieldError("at", trf("{0} is before the warning was received ({1})",
                                 local(office, when), local(office, before.received_at)));
    }
    Event e = new_event(event_type::kWarningCall, id, when, actor);
    e.data["unit"] = contact->unit;
    std::string who = person.empty() ? contact->person : std::string(trim(person));
    if (!who.empty()) e.data["person"] = who;
    e.data["via"] = channel;
    events.push_back(tx.append(std::move(e)));
    out = fold_warning(events);
  });
  return out;
}

Warning record_answer(Store& store, const Office& office, const std::string& typed,
                      const std::string& unit, const std::string& by, const std::string& note,
                      std::optional<Seconds> at, const Actor& actor) {
  const std::string id = typed_subject_id(typed, "W-");
  const WarningSettings& settings = warning_settings(office);
  const Contact* contact = contact_option(settings, unit);
  check_line("by", by, true);
  check_text("note", note);
  Seconds when = at.value_or(actor.now);
  check_past("at", when, office, actor);
  Warning out;
  store.write([&](StoreTransaction& tx) {
    auto events = warning_events(tx, id);
    Warning before = fold_warning(events);
    check_not_voided(before, office);
    std::vector<Round> rounds = rounds_of(before, settings, actor.now);
    const Round* owed = nullptr;
    const Round* next = nullptr;
    for (const auto& r : rounds) {
      if (r.unit != contact->unit) continue;
      if (r.start <= when) {
        owed = &r;
      } else if (!next) {
        next = &r;
      }
    }
    if (!owed) {
      if (next) {
        throw FieldError(
            "at",
            trf("{0} owes {1} an answer only from {2} (the round that started then); an answer "
                "at {3} is before it",
                contact->unit, id, local(office, next->start), local(office, when)));
      }
      throw FieldError(
          "unit", trf("{0} is owed no answer for {1}: no response rule of office.yaml calls it for "
                      "this warning",
                      contact->unit, id));
    }
    if (owed->ended && when >= *owed->ended) {
      throw FieldError(
          "at", trf("{0} was owed an answer for {1} only until {2}, when its round ended (the "
                    "warning was lifted, expired or changed so that no rule calls the unit); an "
                    "answer at {3} comes after it",
                    contact->unit, id, local(office, *owed->ended), local(office, when)));
    }
    if (owed->answer) {
      throw FieldError("unit", trf("{0} already answered {1} at {2} ({3})", contact->unit, id,
                                   local(office, owed->answer->at), owed->answer->by));
    }
    Event e = new_event(event_type::kWarningAnswer, id, when, actor);
    e.data["unit"] = contact->unit;
    e.data["by"] = std::string(trim(by));
    if (!note.empty()) e.data["note"] = note;
    events.push_back(tx.append(std::move(e)));
    out = fold_warning(events);
  });
  return out;
}

Warning fold_warning(const std::vector<Event>& events) {
  if (events.empty() || events.front().type != event_type::kWarning) {
    std::string what =
        events.empty() ? "no events" : events.front().type + " " + events.front().subject;
    throw StoreError("the events of a warning do not start with a warning (" + what +
                     "); run 'duty log verify'");
  }
  const Event& first = events.front();
  Warning w;
  w.id = first.subject;
  w.number = warning_number(first.subject);
  w.type = first.text("type").value_or("");
  w.level = parse_warning_level(first.text("level").value_or("")).value_or(WarningLevel::kBlue);
  w.issuer = first.text("issuer").value_or("");
  w.area = split_lines(first.text("area").value_or(""));
  w.received_at = first.at;
  w.issued_at = time_field(first, "issued_at").value_or(first.at);
  w.expires_at = time_field(first, "expires_at");
  w.headline = first.text("headline").value_or("");
  w.text = first.text("text").value_or("");
  w.instruction = first.text("instruction").value_or("");
  w.status =
      parse_warning_status(first.text("status").value_or("")).value_or(WarningStatus::kActual);
  w.cap = first.text("cap").value_or("");
  if (auto r = first.integer("fire_rating")) w.fire_rating = static_cast<int>(*r);
  w.by = first.by;
  w.seq = first.seq;
  w.last_seq = first.seq;
  w.history.push_back({ChangeKind::kIssued, first.at, w.level, w.expires_at, w.fire_rating, "",
                       w.cap, first.by, first.seq});
  for (std::size_t i = 1; i < events.size(); ++i) {
    const Event& e = events[i];
    w.last_seq = e.seq;
    if (e.type == event_type::kWarningUpdate) {
      WarningLevel before = w.level;
      bool was_expired = w.expires_at && *w.expires_at <= e.at;
      if (auto l = e.text("level")) w.level = parse_warning_level(*l).value_or(w.level);
      // A null expires_at takes the expiry away (in force until lifted).
      if (e.data.count("expires_at")) w.expires_at = time_field(e, "expires_at");
      if (auto r = e.integer("fire_rating")) w.fire_rating = static_cast<int>(*r);
      if (auto a = e.text("area")) w.area = split_lines(*a);
      if (auto t = e.text("text")) w.text = *t;
      if (auto h = e.text("headline")) w.headline = *h;
      if (auto in = e.text("instruction")) w.instruction = *in;
      bool renewed = was_expired && (!w.expires_at || *w.expires_at > e.at);
      ChangeKind kind = renewed            ? ChangeKind::kRenewed
                        : w.level > before ? ChangeKind::kUpgraded
                        : w.level < before ? ChangeKind::kDowngraded
                                           : ChangeKind::kUpdated;
      w.history.push_back({kind, e.at, w.level, w.expires_at, w.fire_rating, "",
                           e.text("cap").value_or(""), e.by, e.seq});
    } else if (e.type == event_type::kWarningLift) {
      w.lifted_at = e.at;
      w.history.push_back({ChangeKind::kLifted, e.at, w.level, w.expires_at, w.fire_rating,
                           e.text("note").value_or(""), e.text("cap").value_or(""), e.by, e.seq});
    } else if (e.type == event_type::kWarningCall) {
      w.calls.push_back({e.text("unit").value_or(""), e.text("person").value_or(""),
                         e.text("via").value_or("phone"), e.at, e.by});
    } else if (e.type == event_type::kWarningAnswer) {
      w.answers.push_back({e.text("unit").value_or(""), e.text("by").value_or(""),
                           e.text("note").value_or(""), e.at});
    } else if (e.type == event_type::kWarningVoid) {
      w.voided_at = e.at;
      w.void_reason = e.text("reason").value_or("");
    }
  }
  return w;
}

Warning load_warning(Store& store, const std::string& typed) {
  auto events = store.events(typed_subject_id(typed, "W-"));
  if (events.empty() || events.front().type != event_type::kWarning)
    throw FieldError("id", unknown_warning(typed));
  return fold_warning(events);
}

std::vector<Warning> fold_warnings(std::vector<Event> events) {
  std::map<std::string, std::vector<Event>> by_subject;
  for (auto& e : events) by_subject[e.subject].push_back(std::move(e));
  std::vector<Warning> out;
  for (auto& entry : by_subject) {
    auto& list = entry.second;
    // The fold takes events in chain order; the index gives them by type and time.
    std::sort(list.begin(), list.end(),
              [](const Event& a, const Event& b) { return a.seq < b.seq; });
    if (list.front().type != event_type::kWarning) continue;
    out.push_back(fold_warning(list));
  }
  std::stable_sort(out.begin(), out.end(), [](const Warning& a, const Warning& b) {
    return a.received_at != b.received_at ? a.received_at < b.received_at : a.number < b.number;
  });
  return out;
}

std::vector<Warning> list_warnings(Store& store, std::optional<Seconds> as_of) {
  Seconds to = as_of ? *as_of + std::chrono::seconds{1} : Seconds::max();
  // A void is read whenever it was recorded: a warning entered by mistake never was one.
  std::vector<Event> events =
      store.events_of_type(event_type::kWarningVoid, Seconds::min(), Seconds::max());
  for (const char* type :
       {event_type::kWarning, event_type::kWarningUpdate, event_type::kWarningLift,
        event_type::kWarningCall, event_type::kWarningAnswer}) {
    auto more = store.events_of_type(type, Seconds::min(), to);
    events.insert(events.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  }
  return fold_warnings(std::move(events));
}

std::string find_by_cap(const std::vector<Warning>& warnings, const std::string& cap) {
  if (cap.empty()) return "";
  for (const auto& w : warnings) {
    for (const auto& c : w.history) {
      if (c.cap == cap) return w.id;
    }
  }
  return "";
}

}  // namespace duty::reports
