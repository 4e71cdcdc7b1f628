// SPDX-License-Identifier: Apache-2.0
#include "reports/calls/call_log.hpp"

#include <algorithm>
#include <map>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/subject_numbers.hpp"

namespace duty::reports {

namespace {

struct KindName {
  CallKind kind;
  std::string_view en;
  std::string_view zh;
};

constexpr KindName kKindNames[] = {
    {CallKind::kInquiry, "inquiry", "咨询"},
    {CallKind::kNotice, "notice", "通知"},
    {CallKind::kReport, "report", "报告"},
    {CallKind::kOther, "other", "其他"},
};

constexpr std::size_t kMinPhoneDigits = 3;
constexpr std::size_t kMaxPhoneDigits = 20;

std::string local(const Office& office, Seconds t) {
  return format_local_minute(*office.zone, t);
}

// A one-line field a person typed: required when asked, checked as the incident log checks text,
// and at most kMaxCallerCharacters.
void check_line(const char* field, const std::string& v, bool required) {
  if (required && trim(v).empty()) throw FieldError(field, tr("cannot be empty"));
  check_text(field, v, TextKind::kLine);
  if (std::size_t n = character_count(v); n > kMaxCallerCharacters) {
    throw FieldError(
        field, trf("is too long ({0} characters; the limit is {1})", n, kMaxCallerCharacters));
  }
}

bool is_incident(StoreTransaction& tx, const std::string& id) {
  auto events = tx.events(id);
  return !events.empty() && events.front().type == event_type::kCreated;
}

std::vector<Event> call_events(StoreTransaction& tx, const std::string& id) {
  auto events = tx.events(id);
  if (events.empty() || events.front().type != event_type::kCall) {
    throw FieldError("id", trf("no call '{0}'; 'duty call list' shows them", id));
  }
  return events;
}

}  // namespace

std::string_view to_string(CallKind kind) {
  for (const auto& k : kKindNames) {
    if (k.kind == kind) return k.en;
  }
  return "other";
}

std::optional<CallKind> parse_call_kind(std::string_view text) {
  for (const auto& k : kKindNames) {
    if (text == k.en || text == k.zh) return k.kind;
  }
  return std::nullopt;
}

std::vector<std::string> call_kind_names() {
  std::vector<std::string> out;
  for (const auto& k : kKindNames) out.emplace_back(k.en);
  for (const auto& k : kKindNames) out.emplace_back(k.zh);
  return out;
}

std::string_view call_kind_label(CallKind kind, bool zh) {
  for (const auto& k : kKindNames) {
    if (k.kind == kind) return zh ? k.zh : k.en;
  }
  return zh ? "其他" : "other";
}

std::string normalise_phone(std::string_view phone) {
  // Full-width forms a Chinese input method types: digits U+FF10..FF19, （ ） ＋ － and the
  // ideographic space.
  static const std::pair<std::string_view, char> kWide[] = {{"\xEF\xBC\x88", '('},
                                                            {"\xEF\xBC\x89", ')'},
                                                            {"\xEF\xBC\x8B", '+'},
                                                            {"\xEF\xBC\x8D", '-'},
                                                            {"\xE3\x80\x80", ' '}};
  static constexpr std::string_view kExtension = "转";
  std::string out;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size();) {
    std::string_view rest = phone.substr(i);
    char c = phone[i];
    if (rest.size() >= 3 && rest.substr(0, 2) == "\xEF\xBC" &&
        static_cast<unsigned char>(rest[2]) >= 0x90 &&
        static_cast<unsigned char>(rest[2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(rest[2]) - 0x90));
      ++digits;
      i += 3;
      continue;
    }
    auto wide = std::find_if(std::begin(kWide), std::end(kWide), [&](const auto& w) {
      return rest.substr(0, w.first.size()) == w.first;
    });
    if (wide != std::end(kWide)) {
      out += wide->second;
      i += wide->first.size();
      continue;
    }
    if (rest.substr(0, kExtension.size()) == kExtension) {
      out += kExtension;
      i += kExtension.size();
      continue;
    }
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')' && c != '#') {
      throw FieldError(
          "phone",
          trf("'{0}' is not a phone number: use digits, with spaces, '-', '+', parentheses, "
              "and 转 before an extension (e.g. 0371-12345678转8001)",
              phone));
    }
    out += c;
    ++i;
  }
  if (digits < kMinPhoneDigits || digits > kMaxPhoneDigits) {
    throw FieldError(
        "phone",
        trf("'{0}' is not a phone number: it has {1} digits (from {2} to {3} are accepted)", phone,
            digits, kMinPhoneDigits, kMaxPhoneDigits));
  }
  return std::string(trim(out));
}

void validate_new_call(const Office& office, const NewCall& call, const Actor& actor) {
  check_line("from", call.from, true);
  check_line("unit", call.unit, false);
  if (trim(call.summary).empty()) throw FieldError("summary", tr("cannot be empty"));
  check_text("summary", call.summary);
  if (!call.phone.empty()) {
    check_text("phone", call.phone, TextKind::kLine);
    normalise_phone(call.phone);
  }
  if (call.at && *call.at > actor.now) {
    throw FieldError("at",
                     trf("{0} is in the future (now is {1}); calls are logged when they come in",
                         local(office, *call.at), local(office, actor.now)));
  }
}

Call add_call(Store& store, const Office& office, const NewCall& call, const Actor& actor) {
  validate_new_call(office, call, actor);
  std::string phone = call.phone.empty() ? "" : normalise_phone(call.phone);
  Call out;
  store.write([&](StoreTransaction& tx) {
    Event e = new_event(event_type::kCall, "C-" + std::to_string(next_subject_number(tx, "C-")),
                        call.at.value_or(actor.now), actor);
    e.data["from"] = call.from;
    if (!phone.empty()) e.data["phone"] = phone;
    if (!call.unit.empty()) e.data["unit"] = call.unit;
    e.data["kind"] = std::string(to_string(call.kind.value_or(CallKind::kOther)));
    e.data["summary"] = call.summary;
    out = fold_call({tx.append(std::move(e))});
  });
  return out;
}

Call link_call(Store& store, const Office& office, const std::string& id,
               const std::string& incident, std::optional<Seconds> at, const Actor& actor) {
  Seconds when = at.value_or(actor.now);
  if (when > actor.now) {
    throw FieldError("at",
                     trf("{0} is in the future (now is {1}); a link is recorded when it is made",
                         local(office, when), local(office, actor.now)));
  }
  Call out;
  store.write([&](StoreTransaction& tx) {
    auto events = call_events(tx, id);
    Call before = fold_call(events);
    if (!is_incident(tx, incident)) {
      throw FieldError("id", trf("no incident '{0}'; 'duty incident list' shows them", incident));
    }
    if (before.incident == incident) {
      throw FieldError("id", trf("{0} is already linked to {1} (since {2})", id, incident,
                                 local(office, *before.linked_at)));
    }
    if (!before.incident.empty()) {
      throw FieldError(
          "id", trf("{0} is already linked to incident {1} (since {2}); a call is linked to one "
                    "incident only",
                    id, before.incident, local(office, *before.linked_at)));
    }
    if (when < before.at) {
      throw FieldError("at", trf("{0} is before the call came in ({1})", local(office, when),
                                 local(office, before.at)));
    }
    Event e = new_event(event_type::kCallLink, id, when, actor);
    e.data["incident"] = incident;
    events.push_back(tx.append(std::move(e)));
    out = fold_call(events);
  });
  return out;
}

Call fold_call(const std::vector<Event>& events) {
  if (events.empty() || events.front().type != event_type::kCall) {
    std::string what =
        events.empty() ? "no events" : events.front().type + " " + events.front().subject;
    throw StoreError("the events of a call do not start with a call (" + what +
                     "); run 'duty log verify'");
  }
  const Event& first = events.front();
  Call c;
  c.id = first.subject;
  c.number = subject_number(first.subject, "C-");
  c.at = first.at;
  c.from = first.text("from").value_or("");
  c.phone = first.text("phone").value_or("");
  c.unit = first.text("unit").value_or("");
  c.kind = parse_call_kind(first.text("kind").value_or("")).value_or(CallKind::kOther);
  c.summary = first.text("summary").value_or("");
  c.by = first.by;
  c.recorded_at = first.recorded_at;
  c.seq = first.seq;
  c.last_seq = first.seq;
  for (std::size_t i = 1; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.type == event_type::kCallLink) {
      auto incident = e.text("incident");
      if (!incident || incident->empty()) {
        throw StoreError("event " + std::to_string(e.seq) + " (" + e.type + " " + e.subject +
                         ") names no incident; run 'duty log verify'");
      }
      c.incident = *incident;
      c.linked_at = e.at;
    }
    c.last_seq = e.seq;
  }
  return c;
}

Call load_call(Store& store, const std::string& id) {
  auto events = store.events(id);
  if (events.empty() || events.front().type != event_type::kCall) {
    throw FieldError("id", trf("no call '{0}'; 'duty call list' shows them", id));
  }
  return fold_call(events);
}

std::vector<Call> list_calls(Store& store, const CallQuery& query) {
  Seconds from = query.from.value_or(Seconds::min());
  Seconds to = query.to ? *query.to + std::chrono::seconds{1} : Seconds::max();
  std::vector<Call> out;
  if (query.to && from >= to) return out;
  // A link comes after its call; links are few, so all of them are read.
  std::map<std::string, std::vector<Event>> links;
  for (auto& e : store.events_of_type(event_type::kCallLink, Seconds::min(), Seconds::max())) {
    links[e.subject].push_back(std::move(e));
  }
  std::vector<Event> events;
  for (auto& e : store.events_of_type(event_type::kCall, from, to)) {
    events.clear();
    std::string subject = e.subject;
    events.push_back(std::move(e));
    if (auto it = links.find(subject); it != links.end()) {
      events.insert(events.end(), it->second.begin(), it->second.end());
      // The fold takes events in chain order; the index gives them by time.
      std::sort(events.begin() + 1, events.end(),
                [](const Event& a, const Event& b) { return a.seq < b.seq; });
    }
    Call c = fold_call(events);
    if (query.kind && c.kind != *query.kind) continue;
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const Call& a, const Call& b) {
    return a.at != b.at ? a.at < b.at : a.number < b.number;
  });
  return out;
}

}  // namespace duty::reports
