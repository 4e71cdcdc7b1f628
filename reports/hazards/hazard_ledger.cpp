// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_ledger.hpp"

#include <algorithm>
#include <map>

#include "common/i18n.hpp"
#include "common/identity.hpp"
#include "common/text.hpp"
#include "reports/calls/call_log.hpp"
#include "reports/hazards/hazard_import.hpp"
#include "reports/journal/subject_numbers.hpp"

namespace duty::reports {

namespace {

template <class E>
struct Name {
  E value;
  std::string_view en;
  std::string_view zh;                 // the label
  std::vector<std::string_view> also;  // other names people type
};

const std::vector<Name<HazardGrade>> kGrades = {
    {HazardGrade::kGeneral, "general", "一般", {"一般隐患", "一般事故隐患"}},
    {HazardGrade::kMajor, "major", "重大", {"重大隐患", "重大事故隐患"}},
};
const std::vector<Name<HazardSource>> kSources = {
    {HazardSource::kSelfCheck, "self-check", "自查", {"企业自查", "自查自纠"}},
    {HazardSource::kInspection, "inspection", "检查", {"监督检查", "执法检查", "督查检查"}},
    {HazardSource::kTipOff, "tip-off", "举报", {"群众举报"}},
    {HazardSource::kMeeting, "meeting", "会议", {"会议交办"}},
    {HazardSource::kAssigned, "assigned", "交办", {"上级交办"}},
    {HazardSource::kDrill, "drill", "演练", {"应急演练"}},
    {HazardSource::kOther, "other", "其他", {}},
};
const std::vector<Name<HazardStatus>> kStatuses = {
    {HazardStatus::kOpen, "open", "整改中", {}},
    {HazardStatus::kAwaitingAcceptance, "awaiting-acceptance", "待验收", {}},
    {HazardStatus::kClosed, "closed", "已销号", {}},
    {HazardStatus::kVoid, "void", "已撤销", {}},
};
const std::vector<Name<SupervisionLevel>> kLevels = {
    {SupervisionLevel::kCounty, "county", "县级", {"县"}},
    {SupervisionLevel::kPrefecture, "prefecture", "市级", {"市", "州级", "州"}},
    {SupervisionLevel::kProvince, "province", "省级", {"省"}},
};

template <class E>
const Name<E>& find_name(const std::vector<Name<E>>& names, E value) {
  for (const auto& n : names) {
    if (n.value == value) return n;
  }
  return names.back();
}

template <class E>
std::string_view label_of(const std::vector<Name<E>>& names, E value, bool zh) {
  const auto& n = find_name(names, value);
  return zh ? n.zh : n.en;
}

template <class E>
std::optional<E> parse_name(const std::vector<Name<E>>& names, std::string_view text) {
  std::string_view exact = trim(text);
  for (const auto& n : names) {
    if (exact == n.en || exact == n.zh) return n.value;
  }
  // Then as identity keys: "Major", "ＭＡＪＯＲ" and "重 大" are all typed for major.
  const std::string t = identity_key(text);
  if (t.empty()) return std::nullopt;
  for (const auto& n : names) {
    if (t == identity_key(n.en) || t == identity_key(n.zh)) return n.value;
    for (auto a : n.also) {
      if (t == identity_key(a)) return n.value;
    }
  }
  return std::nullopt;
}

std::string local(const Office& office, Seconds t) {
  return format_local_minute(*office.zone, t);
}

// Nothing a reader could see: spaces of every kind (a no-break space, 　), zero-width characters
// and a BOM make no owner, title or measure.
bool blank(const std::string& v) {
  return identity_key(v).empty();
}

constexpr std::size_t kMaxLineCharacters = 200;

void check_line(const char* field, const std::string& v, bool required) {
  if (required && blank(v)) throw FieldError(field, tr("cannot be empty"));
  check_text(field, v, TextKind::kLine);
  if (std::size_t n = character_count(v); n > kMaxLineCharacters) {
    throw FieldError(field,
                     trf("is too long ({0} characters; the limit is {1})", n, kMaxLineCharacters));
  }
}

void check_note(const char* field, const std::string& v) {
  if (blank(v)) throw FieldError(field, tr("cannot be empty"));
  check_text(field, v);
}

// The entry of `listed` that `v` names, compared as identity keys (" 泽曲镇", "zequ" for
// "Zequ"); nullptr when none does.
const std::string* listed_entry(const std::string& v, const std::vector<std::string>& listed) {
  const std::string key = identity_key(v);
  for (const auto& l : listed) {
    if (identity_key(l) == key) return &l;
  }
  return nullptr;
}

// A name that must be among `listed` when office.yaml lists any.
void check_listed(const char* field, const std::string& v, const std::vector<std::string>& listed,
                  const char* message) {
  if (listed.empty() || listed_entry(v, listed)) return;
  throw FieldError(field, trf(message, v, did_you_mean(v, listed)));
}

// The name as stored: the listed spelling when office.yaml lists it, else `v` trimmed.
std::string stored_name(const std::string& v, const std::vector<std::string>& listed) {
  if (const std::string* l = listed_entry(v, listed)) return *l;
  return std::string(trim(v));
}

std::optional<Days> date_field(const Event& e, const char* key) {
  auto t = e.text(key);
  if (!t || t->empty()) return std::nullopt;
  return parse_date(*t);
}

Days required_date(const Event& e, const char* key) {
  auto d = date_field(e, key);
  if (!d) {
    throw StoreError("event " + std::to_string(e.seq) + " (" + e.type + " " + e.subject +
                     ") has no valid '" + key + "'; run 'duty log verify'");
  }
  return *d;
}

std::vector<Event> hazard_events(StoreTransaction& tx, const std::string& id) {
  auto events = tx.events(id);
  if (events.empty() || events.front().type != event_type::kHazard) {
    throw FieldError("id", trf("no hazard '{0}'; 'duty hazard list' shows them", id));
  }
  return events;
}

// What each step is called in messages, and the statuses it may follow.
struct StepRule {
  HazardStep::Kind kind;
  const char* type;
  const char* name;
  std::vector<HazardStatus> from;
};

const std::vector<StepRule> kStepRules = {
    {HazardStep::Kind::kProgress,
     event_type::kHazardProgress,
     N_("progress"),
     {HazardStatus::kOpen, HazardStatus::kAwaitingAcceptance}},
    {HazardStep::Kind::kExtend,
     event_type::kHazardExtend,
     N_("an extension"),
     {HazardStatus::kOpen}},
    {HazardStep::Kind::kSubmit,
     event_type::kHazardSubmit,
     N_("a submission for acceptance"),
     {HazardStatus::kOpen}},
    {HazardStep::Kind::kAccept,
     event_type::kHazardAccept,
     N_("acceptance"),
     {HazardStatus::kAwaitingAcceptance}},
    {HazardStep::Kind::kReject,
     event_type::kHazardReject,
     N_("a rejection"),
     {HazardStatus::kAwaitingAcceptance}},
    {HazardStep::Kind::kSupervise,
     event_type::kHazardSupervise,
     N_("supervision"),
     {HazardStatus::kOpen, HazardStatus::kAwaitingAcceptance}},
    {HazardStep::Kind::kVoid,
     event_type::kHazardVoid,
     N_("voiding"),
     {HazardStatus::kOpen, HazardStatus::kAwaitingAcceptance}},
    {HazardStep::Kind::kReopen,
     event_type::kHazardReopen,
     N_("reopening"),
     {HazardStatus::kClosed}},
};

const StepRule& rule_of(HazardStep::Kind kind) {
  return *std::find_if(kStepRules.begin(), kStepRules.end(),
                       [&](const StepRule& r) { return r.kind == kind; });
}

void check_step_text(const HazardStep& step) {
  using K = HazardStep::Kind;
  switch (step.kind) {
    case K::kProgress:
    case K::kSubmit:
    case K::kReopen:
      check_note("note", step.note);
      break;
    case K::kExtend:
      check_note("reason", step.reason);
      check_line("approved_by", step.person, true);
      if (!step.date) throw FieldError("to", tr("a date is required"));
      break;
    case K::kAccept:
      check_line("by", step.person, true);
      check_line("unit", step.unit, true);
      if (!step.note.empty()) check_text("note", step.note);
      break;
    case K::kReject:
      check_line("by", step.person, true);
      check_note("reason", step.reason);
      break;
    case K::kSupervise:
      check_line("by", step.unit, true);
      check_line("doc", step.doc, true);
      break;
    case K::kVoid:
      check_note("reason", step.reason);
      break;
  }
}

// The names a name field gives, as identity keys: "王刚、李明" is two owners, "王刚（厂长）" and
// "王刚(县住建局)" are 王刚, and the whole (without its brackets) is one too. Spaces do not
// separate: "Wang Gang" is one name.
std::vector<std::string> name_keys(std::string_view text) {
  // NFKC has made full-width brackets, commas, semicolons and slashes ASCII.
  std::string key = identity_key(text);
  std::string bare;
  int depth = 0;
  for (char c : key) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      bare += c;
    }
  }
  std::vector<std::string> out;
  if (!bare.empty()) out.push_back(bare);
  std::string part;
  auto flush = [&] {
    if (!part.empty() && part != bare) out.push_back(part);
    part.clear();
  };
  const std::string_view ideographic_comma = "\u3001";  // 、
  for (std::size_t i = 0; i < bare.size(); ++i) {
    if (bare[i] == ',' || bare[i] == ';' || bare[i] == '/') {
      flush();
    } else if (std::string_view(bare).substr(i, ideographic_comma.size()) == ideographic_comma) {
      flush();
      i += ideographic_comma.size() - 1;
    } else {
      part += bare[i];
    }
  }
  flush();
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  auto x = name_keys(a);
  auto y = name_keys(b);
  return std::any_of(x.begin(), x.end(), [&](const std::string& k) {
    return std::find(y.begin(), y.end(), k) != y.end();
  });
}

// Exit 3 with the rule an acceptance breaks; nothing is written.
void check_acceptor(const Hazard& h, const HazardStep& step) {
  // Names are compared as identity keys: a space, a zero-width character or full-width letters
  // must not make the owner or the responsible unit look like someone else; nor may a second
  // name beside the owner ("王刚、李明") or a title in brackets ("王刚（厂长）").
  std::vector<std::string> broken;
  const std::string unit = identity_key(step.unit);
  if (same_name(step.person, h.owner)) {
    broken.push_back(
        trf("{0} is the rectification owner of {1}; the owner may not accept their "
            "own rectification",
            step.person, h.id));
  }
  if (same_name(step.unit, h.unit)) {
    broken.push_back(
        trf("{0} is the responsible unit of {1}; acceptance must come from another "
            "unit",
            step.unit, h.id));
  }
  // The supervising unit itself, and no other: compared whole.
  if (h.grade == HazardGrade::kMajor && h.supervision && unit != identity_key(h.supervision->by)) {
    broken.push_back(
        trf("{0} is a major hazard under supervision by {1}; only {1} may accept "
            "it",
            h.id, h.supervision->by));
  }
  if (!broken.empty()) {
    throw UnsatisfiableError(trf("acceptance of {0} refused; nothing was written", h.id),
                             std::move(broken));
  }
}

}  // namespace

bool is_hazard_event(std::string_view type) {
  return type == event_type::kHazard ||
         std::any_of(kStepRules.begin(), kStepRules.end(),
                     [&](const StepRule& r) { return type == r.type; });
}

std::string_view to_string(HazardGrade g) {
  return find_name(kGrades, g).en;
}
std::string_view to_string(HazardSource s) {
  return find_name(kSources, s).en;
}
std::string_view to_string(HazardStatus s) {
  return find_name(kStatuses, s).en;
}
std::string_view to_string(SupervisionLevel l) {
  return find_name(kLevels, l).en;
}
std::optional<HazardGrade> parse_hazard_grade(std::string_view t) {
  return parse_name(kGrades, t);
}
std::optional<HazardSource> parse_hazard_source(std::string_view t) {
  return parse_name(kSources, t);
}
std::optional<HazardStatus> parse_hazard_status(std::string_view t) {
  return parse_name(kStatuses, t);
}
std::optional<SupervisionLevel> parse_supervision_level(std::string_view t) {
  return parse_name(kLevels, t);
}
std::string_view label(HazardGrade g, bool zh) {
  return label_of(kGrades, g, zh);
}
std::string_view label(HazardSource s, bool zh) {
  return label_of(kSources, s, zh);
}
std::string_view label(HazardStatus s, bool zh) {
  return label_of(kStatuses, s, zh);
}
std::string_view label(SupervisionLevel l, bool zh) {
  return label_of(kLevels, l, zh);
}

namespace {

// The status as a message names it, in the messages' language (整改中 ... in Chinese).
std::string status_word(HazardStatus s) {
  switch (s) {
    case HazardStatus::kAwaitingAcceptance:
      return trc("hazard status", "awaiting-acceptance");
    case HazardStatus::kClosed:
      return trc("hazard status", "closed");
    case HazardStatus::kVoid:
      return trc("hazard status", "void");
    case HazardStatus::kOpen:
      break;
  }
  return trc("hazard status", "open");
}

}  // namespace

bool Hazard::overdue(Seconds at) const {
  return status != HazardStatus::kClosed && status != HazardStatus::kVoid && at > due_at;
}

Seconds end_of_day(const TimeZone& zone, Days day) {
  return at_local(zone, day + date::days{1}, std::chrono::minutes{0}) - std::chrono::seconds{1};
}

Hazard fold_hazard(const std::vector<Event>& events, const TimeZone& zone,
                   std::optional<Seconds> as_of) {
  if (events.empty() || events.front().type != event_type::kHazard) {
    std::string what =
        events.empty() ? "no events" : events.front().type + " " + events.front().subject;
    throw StoreError("the events of a hazard do not start with a hazard (" + what +
                     "); run 'duty log verify'");
  }
  const Event& first = events.front();
  Hazard h;
  h.id = first.subject;
  h.number = subject_number(first.subject, "H-");
  h.title = first.text("title").value_or("");
  h.township = first.text("township").value_or("");
  h.location = first.text("location").value_or("");
  h.category = first.text("category").value_or("");
  h.grade = parse_hazard_grade(first.text("grade").value_or("")).value_or(HazardGrade::kGeneral);
  h.source = parse_hazard_source(first.text("source").value_or("")).value_or(HazardSource::kOther);
  h.found = first.at;
  h.found_by = first.text("found_by").value_or("");
  h.unit = first.text("unit").value_or("");
  h.owner = first.text("owner").value_or("");
  h.owner_phone = first.text("owner_phone").value_or("");
  h.measures = first.text("measures").value_or("");
  h.supervisor = first.text("supervisor").value_or("");
  h.basis = first.text("basis").value_or("");
  h.original_due = h.due = required_date(first, "due");
  for (const Event& e : events) {
    if (as_of && e.at > *as_of) continue;
    h.events.push_back(e);
    const std::string& t = e.type;
    if (t == event_type::kHazardExtend) {
      HazardExtension x{required_date(e, "to"), e.text("reason").value_or(""),
                        e.text("approved_by").value_or(""), e.at};
      h.due = x.to;
      h.extensions.push_back(std::move(x));
    } else if (t == event_type::kHazardSubmit) {
      h.status = HazardStatus::kAwaitingAcceptance;
      h.submitted_at = e.at;
    } else if (t == event_type::kHazardReject) {
      h.status = HazardStatus::kOpen;
      h.submitted_at.reset();
    } else if (t == event_type::kHazardAccept) {
      h.status = HazardStatus::kClosed;
      h.closed_at = e.at;
      h.accepted_by = e.text("acceptor").value_or("");
      h.accepted_unit = e.text("unit").value_or("");
      // The submission under acceptance judges on_time.
      h.on_time =
          h.submitted_at.has_value() && h.submitted_at->time_since_epoch().count() <=
                                            end_of_day(zone, h.due).time_since_epoch().count();
    } else if (t == event_type::kHazardSupervise) {
      Supervision s;
      s.level =
          parse_supervision_level(e.text("level").value_or("")).value_or(SupervisionLevel::kCounty);
      s.by = e.text("unit").value_or("");
      s.doc = e.text("doc").value_or("");
      s.due = date_field(e, "due");
      s.at = e.at;
      h.supervision = std::move(s);
    } else if (t == event_type::kHazardVoid) {
      h.status = HazardStatus::kVoid;
      h.voided_at = e.at;
      h.void_reason = e.text("reason").value_or("");
    } else if (t == event_type::kHazardReopen) {
      h.status = HazardStatus::kOpen;
      ++h.reopened;
      h.submitted_at.reset();
      h.closed_at.reset();
      h.on_time.reset();
      h.accepted_by.clear();
      h.accepted_unit.clear();
      if (auto d = date_field(e, "due")) h.due = *d;
    }
  }
  h.due_at = end_of_day(zone, h.due);
  return h;
}

std::vector<FieldError> new_hazard_problems(const Office& office, const HazardSettings& settings,
                                            const NewHazard& n, const Actor& actor) {
  std::vector<FieldError> out;
  // One check a field: a field's first problem is its problem, and every field is checked.
  auto check = [&](auto&& fn) {
    try {
      fn();
    } catch (const FieldError& e) {
      out.push_back(e);
    }
  };
  check([&] {
    if (blank(n.title)) throw FieldError("title", tr("cannot be empty"));
    check_title(n.title);
  });
  check([&] {
    check_line("township", n.township, true);
    check_listed("township", n.township, settings.townships,
                 N_("unknown township '{0}'{1}; office.yaml lists them under 'hazards.townships'"));
  });
  check([&] { check_line("location", n.location, true); });
  check([&] { check_line("category", n.category, true); });
  check([&] {
    if (!n.grade)
      throw FieldError("grade", tr("a grade is required: general or major (一般, 重大)"));
  });
  check([&] {
    if (!n.source) {
      throw FieldError("source", tr("a source is required: self-check, inspection, tip-off, "
                                    "meeting, assigned, drill or other"));
    }
  });
  check([&] {
    if (!n.found) throw FieldError("found", tr("a time is required"));
    if (*n.found > actor.now) {
      throw FieldError("found", trf("{0} is in the future (now is {1})", local(office, *n.found),
                                    local(office, actor.now)));
    }
  });
  check([&] { check_line("found_by", n.found_by, true); });
  check([&] {
    check_line("unit", n.unit, true);
    check_listed("unit", n.unit, settings.units,
                 N_("unknown unit '{0}'{1}; office.yaml lists them under 'hazards.units'"));
  });
  check([&] { check_line("owner", n.owner, true); });
  check([&] {
    if (n.owner_phone.empty()) return;
    check_text("owner_phone", n.owner_phone, TextKind::kLine);
    try {
      normalise_phone(n.owner_phone);
    } catch (const FieldError& e) {
      // normalise_phone names its own field "phone"; here it is --owner-phone.
      throw FieldError("owner_phone", e.what());
    }
  });
  check([&] { check_note("measures", n.measures); });
  check([&] {
    if (n.supervisor.empty()) return;
    check_line("supervisor", n.supervisor, false);
    check_listed("supervisor", n.supervisor, settings.units,
                 N_("unknown unit '{0}'{1}; office.yaml lists them under 'hazards.units'"));
  });
  check([&] { check_text("basis", n.basis); });
  check([&] {
    if (!n.due) throw FieldError("due", tr("a date is required"));
    if (!n.found) return;
    Days found_day = local_day(*office.zone, *n.found);
    if (*n.due < found_day) {
      throw FieldError("due", trf("{0} is before the day the hazard was found ({1})",
                                  format_date(*n.due), format_date(found_day)));
    }
  });
  return out;
}

void validate_new_hazard(const Office& office, const HazardSettings& settings, const NewHazard& n,
                         const Actor& actor) {
  auto problems = new_hazard_problems(office, settings, n, actor);
  if (!problems.empty()) throw problems.front();
}

Hazard add_hazard(Store& store, const Office& office, const HazardSettings& settings,
                  const NewHazard& n, const Actor& actor) {
  return add_hazards(store, office, settings, {n}, actor).front();
}

std::vector<Hazard> add_hazards(Store& store, const Office& office, const HazardSettings& settings,
                                const std::vector<NewHazard>& hazards, const Actor& actor) {
  for (const auto& n : hazards) validate_new_hazard(office, settings, n, actor);
  std::vector<Hazard> out;
  store.write([&](StoreTransaction& tx) {
    out.clear();
    long long next = next_subject_number(tx, "H-");
    for (const auto& n : hazards) {
      Event e = new_event(event_type::kHazard, "H-" + std::to_string(next++), *n.found, actor);
      e.data["title"] = std::string(trim(n.title));
      e.data["township"] = stored_name(n.township, settings.townships);
      e.data["location"] = n.location;
      e.data["category"] = std::string(trim(n.category));
      e.data["grade"] = std::string(to_string(*n.grade));
      e.data["source"] = std::string(to_string(*n.source));
      e.data["found_by"] = n.found_by;
      e.data["unit"] = stored_name(n.unit, settings.units);
      e.data["owner"] = std::string(trim(n.owner));
      if (!n.owner_phone.empty()) e.data["owner_phone"] = normalise_phone(n.owner_phone);
      e.data["measures"] = n.measures;
      e.data["due"] = format_date(*n.due);
      if (!n.supervisor.empty()) e.data["supervisor"] = stored_name(n.supervisor, settings.units);
      if (!n.basis.empty()) e.data["basis"] = n.basis;
      out.push_back(fold_hazard({tx.append(std::move(e))}, *office.zone));
    }
  });
  return out;
}

std::string hazard_id(std::string_view text) {
  return typed_subject_id(text, "H-");
}

Hazard record_hazard_step(Store& store, const Office& office, std::string_view typed,
                          const HazardStep& step, const Actor& actor) {
  const std::string id = hazard_id(typed);
  using K = HazardStep::Kind;
  check_step_text(step);
  const StepRule& rule = rule_of(step.kind);
  Seconds when = step.at.value_or(actor.now);
  if (when > actor.now) {
    throw FieldError("at", trf("{0} is in the future (now is {1})", local(office, when),
                               local(office, actor.now)));
  }
  Hazard out;
  store.write([&](StoreTransaction& tx) {
    auto events = hazard_events(tx, id);
    Hazard h = fold_hazard(events, *office.zone);
    if (std::find(rule.from.begin(), rule.from.end(), h.status) == rule.from.end()) {
      std::vector<std::string> allowed;
      for (HazardStatus s : rule.from) allowed.emplace_back(status_word(s));
      throw FieldError("id", trf("{0} is {1}: {2} is allowed only while it is {3}", id,
                                 status_word(h.status), tr(rule.name), join(allowed, tr(" or "))));
    }
    if (when < h.found) {
      throw FieldError("at", trf("{0} is before the hazard was found ({1})", local(office, when),
                                 local(office, h.found)));
    }
    if ((step.kind == K::kAccept || step.kind == K::kReject) && h.submitted_at &&
        when < *h.submitted_at) {
      throw FieldError("at", trf("{0} is before the rectification was submitted ({1})",
                                 local(office, when), local(office, *h.submitted_at)));
    }
    if (step.kind != K::kProgress) {
      // Steps that change the state, the deadline or the listing are recorded in the order they
      // happened: one dated before the latest of them (a reopening before the closing it undoes)
      // would fold into a history that never was, and a listing --at would show it.
      const Event* latest = nullptr;
      for (const Event& e : events) {
        if (e.type == event_type::kHazard || e.type == event_type::kHazardProgress) continue;
        if (!latest || e.at > latest->at) latest = &e;
      }
      if (latest && latest->at > when) {
        const StepRule& r =
            *std::find_if(kStepRules.begin(), kStepRules.end(),
                          [&](const StepRule& x) { return latest->type == x.type; });
        throw FieldError(
            "at", trf("{0} is before the latest step recorded for {1} ({2} at {3}); steps are "
                      "recorded in the order they happened",
                      local(office, when), id, tr(r.name), local(office, latest->at)));
      }
    }
    if (step.kind == K::kSupervise && h.grade == HazardGrade::kMajor &&
        same_name(step.unit, h.unit)) {
      // Only the supervising unit may accept a supervised major hazard and never the responsible
      // unit: such a listing could never be closed.
      throw FieldError("by", trf("{0} is the responsible unit of {1}; a major hazard is listed for "
                                 "supervision by another unit, which alone may then accept it",
                                 trim(step.unit), id));
    }
    if (step.kind == K::kExtend && *step.date <= h.due) {
      throw FieldError("to", trf("{0} is not later than the due date in force ({1}); an extension "
                                 "moves the deadline later",
                                 format_date(*step.date), format_date(h.due)));
    }
    if (step.kind == K::kSupervise && step.date && *step.date < local_day(*office.zone, when)) {
      throw FieldError("due", trf("{0} is before the listing ({1})", format_date(*step.date),
                                  local(office, when)));
    }
    if (step.kind == K::kReopen && step.date && *step.date < local_day(*office.zone, when)) {
      throw FieldError("due", trf("{0} is before the reopening ({1})", format_date(*step.date),
                                  local(office, when)));
    }
    if (step.kind == K::kAccept) check_acceptor(h, step);
    Event e = new_event(rule.type, id, when, actor);
    switch (step.kind) {
      case K::kProgress:
      case K::kSubmit:
        e.data["note"] = step.note;
        break;
      case K::kReopen:
        e.data["note"] = step.note;
        if (step.date) e.data["due"] = format_date(*step.date);
        break;
      case K::kExtend:
        e.data["to"] = format_date(*step.date);
        e.data["from"] = format_date(h.due);
        e.data["reason"] = step.reason;
        e.data["approved_by"] = step.person;
        break;
      case K::kAccept:
        e.data["acceptor"] = std::string(trim(step.person));
        e.data["unit"] = std::string(trim(step.unit));
        if (!step.note.empty()) e.data["note"] = step.note;
        break;
      case K::kReject:
        e.data["acceptor"] = std::string(trim(step.person));
        e.data["reason"] = step.reason;
        break;
      case K::kSupervise:
        e.data["level"] = std::string(to_string(step.level));
        e.data["unit"] = std::string(trim(step.unit));
        e.data["doc"] = step.doc;
        if (step.date) e.data["due"] = format_date(*step.date);
        break;
      case K::kVoid:
        e.data["reason"] = step.reason;
        break;
    }
    events.push_back(tx.append(std::move(e)));
    out = fold_hazard(events, *office.zone);
  });
  return out;
}

Hazard load_hazard(Store& store, const Office& office, std::string_view typed,
                   std::optional<Seconds> as_of) {
  const std::string id = hazard_id(typed);
  auto events = store.events(id);
  if (events.empty() || events.front().type != event_type::kHazard ||
      (as_of && events.front().at > *as_of)) {
    throw FieldError("id", trf("no hazard '{0}'; 'duty hazard list' shows them", id));
  }
  return fold_hazard(events, *office.zone, as_of);
}

std::vector<Hazard> all_hazards(Store& store, const Office& office, std::optional<Seconds> as_of) {
  // Steps of every hazard, grouped by hazard; a register of a few thousand entries a year.
  std::map<std::string, std::vector<Event>> steps;
  for (const auto& r : kStepRules) {
    for (auto& e : store.events_of_type(r.type, Seconds::min(), Seconds::max())) {
      steps[e.subject].push_back(std::move(e));
    }
  }
  Seconds to = as_of ? *as_of + std::chrono::seconds{1} : Seconds::max();
  std::vector<Hazard> out;
  std::vector<Event> events;
  for (auto& e : store.events_of_type(event_type::kHazard, Seconds::min(), to)) {
    events.clear();
    std::string subject = e.subject;
    events.push_back(std::move(e));
    if (auto it = steps.find(subject); it != steps.end()) {
      events.insert(events.end(), it->second.begin(), it->second.end());
      // The fold takes events in chain order; the index gives them by type and time.
      std::sort(events.begin() + 1, events.end(),
                [](const Event& a, const Event& b) { return a.seq < b.seq; });
    }
    out.push_back(fold_hazard(events, *office.zone, as_of));
  }
  std::sort(out.begin(), out.end(),
            [](const Hazard& a, const Hazard& b) { return a.number < b.number; });
  return out;
}

void check_query_names(const HazardQuery& q, const HazardSettings& settings,
                       const std::vector<Hazard>& all) {
  auto check = [&](const char* field, const std::string& name,
                   const std::vector<std::string>& listed, std::string Hazard::*member,
                   const char* message) {
    if (name.empty() || listed.empty() || listed_entry(name, listed)) return;
    const std::string key = identity_key(name);
    for (const auto& h : all) {
      if (identity_key(h.*member) == key) return;
    }
    throw FieldError(field, trf(message, name, did_you_mean(name, listed)));
  };
  check("township", q.township, settings.townships, &Hazard::township,
        N_("unknown township '{0}'{1}; office.yaml lists them under 'hazards.townships'"));
  check("unit", q.unit, settings.units, &Hazard::unit,
        N_("unknown unit '{0}'{1}; office.yaml lists them under 'hazards.units'"));
}

}  // namespace duty::reports
