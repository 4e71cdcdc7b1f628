// SPDX-License-Identifier: Apache-2.0
#include "reports/bulletin.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/csv.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/calls/call_log.hpp"
#include "reports/warnings/warning_context.hpp"
#include "reports/carry.hpp"
#include "reports/official_style.hpp"
#include "reports/taxonomy.hpp"

namespace duty::reports {

std::string_view to_string(BulletinKind k) {
  switch (k) {
    case BulletinKind::kFollowup:
      return "followup";
    case BulletinKind::kFinal:
      return "final";
    case BulletinKind::kSupplement:
      return "supplement";
    case BulletinKind::kInitial:
      break;
  }
  return "initial";
}

std::optional<BulletinKind> parse_bulletin_kind(std::string_view text) {
  if (text == "initial") return BulletinKind::kInitial;
  if (text == "followup") return BulletinKind::kFollowup;
  if (text == "final") return BulletinKind::kFinal;
  if (text == "supplement") return BulletinKind::kSupplement;
  return std::nullopt;
}

std::string chinese_number(int n) {
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n > 99) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string s = n / 10 == 1 ? "" : kDigits[n / 10];
  s += "十";
  if (n % 10) s += kDigits[n % 10];
  return s;
}

std::pair<Seconds, Seconds> duty_day(const Office& office, Days date) {
  return {at_local(*office.zone, date, office.handover),
          at_local(*office.zone, date + date::days{1}, office.handover)};
}

Days duty_date(const Office& office, Seconds t) {
  Days d = local_day(*office.zone, t);
  if (duty_day(office, d).first > t) d -= date::days{1};
  return d;
}

Seconds handover_before(const Office& office, Seconds t) {
  return duty_day(office, duty_date(office, t)).first;
}

namespace {

// Builds context nodes in the office's language; every time is local, to the minute.
class Builder {
 public:
  Builder(Store& store, const Office& office, Seconds now)
      : store_(store),
        office_(office),
        zh_(office.zh()),
        now_(now),
        official_(*office.zone, office.zh(), now) {}

  const char* l(const char* en, const char* zh) const { return zh_ ? zh : en; }

  std::string time(Seconds t) const { return format_local_minute(*office_.zone, t); }
  /// "14:00": the local clock time, for times within one shift.
  std::string clock(Seconds t) const { return time(t).substr(11); }
  ContextNode time(const std::optional<Seconds>& t) const {
    return t ? ContextNode(time(*t)) : ContextNode("");
  }
  /// Sets `key` ("2026-12-06 14:05") and `key`_official ("12月6日14时05分"), both "" when unset.
  void set_time(ContextNode& n, const std::string& key, const std::optional<Seconds>& t) const {
    n.set(key, t ? time(*t) : "");
    n.set(key + "_official", t ? official_.time(*t) : "");
  }
  const OfficialStyle& official() const { return official_; }
  /// Times in the year of `t` (what the record is about) are written without their year.
  void set_reference(Seconds t) { official_ = OfficialStyle(*office_.zone, zh_, t); }
  /// Sets `key` to the text as typed and `key`_official to it as a sentence ending with "。".
  void set_text(ContextNode& n, const std::string& key, const std::string& text) const {
    n.set(key, text);
    n.set(key + "_official", official_.sentence(text));
  }

  std::string org_name(const std::string& id) const {
    const Organisation* org = office_.find_org(id);
    return org ? org->name : id;
  }

  std::string count_unit(int n, const char* en_word) const {
    return zh_ ? std::to_string(n) + "人" : std::to_string(n) + " " + en_word;
  }

  ContextNode office_node() const {
    ContextNode o = ContextNode::object();
    o.set("name", office_.name);
    o.set("unit", office_.unit.empty() ? office_.name : office_.unit);
    o.set("signer", office_.signer);
    o.set("contact", office_.contact);
    o.set("locale", office_.locale);
    return o;
  }

  std::string casualties_text(const Incident& i) const {
    const Casualties& c = i.casualties;
    std::vector<std::string> parts;
    auto add = [&](int n, const char* en, const char* zh) {
      if (n > 0)
        parts.push_back(zh_ ? std::string(zh) + std::to_string(n) + "人"
                            : std::to_string(n) + " " + en);
    };
    add(c.deaths, "dead", "死亡");
    add(c.seriously_injured, "seriously injured", "重伤");
    add(c.injured, "injured", "受伤");
    add(c.missing, "missing", "失踪");
    add(c.trapped, "trapped", "被困");
    if (parts.empty()) return l("no casualties", "无人员伤亡");
    return join(parts, zh_ ? "，" : ", ");
  }

  std::string category_label(const std::string& id) const {
    const Category* c = office_.find_category(id);
    return c ? (zh_ ? c->zh : c->en) : id;
  }

  std::string class_label_of(const std::string& id) const {
    const Category* c = office_.find_category(id);
    return c ? std::string(class_label(c->klass, zh_)) : "";
  }

  ContextNode incident_node(const Incident& i) const {
    ContextNode n = ContextNode::object();
    n.set("id", i.id);
    n.set("title", i.title);
    n.set("category", i.category);
    n.set("category_label", category_label(i.category));
    n.set("class_label", class_label_of(i.category));
    n.set("severity", std::string(to_string(i.severity())));
    n.set("severity_label", std::string(label(i.severity(), zh_)));
    n.set("stated_severity", std::string(to_string(i.stated)));
    n.set("stated_label", std::string(label(i.stated, zh_)));
    n.set("graded_severity", std::string(to_string(i.graded)));
    n.set("graded_label", std::string(label(i.graded, zh_)));
    n.set("closed", i.closed);
    n.set("status_label",
          i.closed ? l("closed (final report made)", "已终报") : l("open", "处置中"));
    n.set("location", i.location);
    n.set("source", i.source);
    n.set("received_by", i.received_by);
    set_time(n, "occurred_at", i.occurred_at);
    set_time(n, "received_at", i.received_at);
    set_time(n, "closed_at", i.closed_at);
    // A title names the place (DOMAIN 3.1), so a report does not write it twice.
    n.set("location_in_title",
          !i.location.empty() && i.title.find(i.location) != std::string::npos);
    n.set("deaths", i.casualties.deaths);
    n.set("injured", i.casualties.injured);
    n.set("seriously_injured", i.casualties.seriously_injured);
    n.set("missing", i.casualties.missing);
    n.set("trapped", i.casualties.trapped);
    n.set("loss", format_number(i.loss));
    n.set("has_loss", i.loss > 0);
    n.set("loss_known", i.loss_known);
    n.set("casualties_text", casualties_text(i));
    n.set("casualties_known", i.casualties_known);
    n.set("casualties_official", official_.casualties(i.casualties, i.casualties_known, i.closed));
    set_text(n, "description", i.description);
    set_text(n, "actions", i.actions);
    set_text(n, "leaders_on_scene", i.leaders_on_scene);
    set_text(n, "next_steps", i.next_steps);
    n.set("followups", i.followups);
    return n;
  }

  std::string report_label(BulletinKind k, int number) const {
    switch (k) {
      case BulletinKind::kFollowup:
        return zh_ ? "续报" + chinese_number(number) : "Follow-up report " + std::to_string(number);
      case BulletinKind::kFinal:
        return l("Final report", "终报");
      case BulletinKind::kSupplement:
        return zh_ ? (number > 1 ? "补报" + chinese_number(number) : std::string("补报"))
                   : (number > 1 ? "Supplementary report " + std::to_string(number)
                                 : std::string("Supplementary report"));
      case BulletinKind::kInitial:
        break;
    }
    return l("Initial report", "首报");
  }

  /// How late, overdue or how long left, as people say it (common/duration.hpp); "" when made on
  /// time.
  std::string time_text(const Requirement& r, Seconds at) const {
    if (r.made_at && *r.made_at <= at) {
      if (r.minutes_late() == 0) return "";
      return spoken_deadline(*r.made_at - r.due, DeadlineSense::kLate, zh_);
    }
    if (at > r.due) return spoken_deadline(at - r.due, DeadlineSense::kOverdue, zh_);
    return spoken_deadline(r.due - at, DeadlineSense::kLeft, zh_);
  }

  std::string status_label(const Requirement& r, Seconds at) const {
    if (r.made_at && *r.made_at <= at) {
      return r.minutes_late() > 0 ? time_text(r, at) : l("on time", "按时");
    }
    if (at > r.due) return (zh_ ? "未报，" : "not made, ") + time_text(r, at);
    return l("not yet made", "尚未报送");
  }

  // "12月6日14时20分电话报告黄南州应急管理局" / "6 December 14:20 by phone to Prefecture EMB".
  std::string sent_phrase(std::optional<Channel> via, const std::string& to, Seconds at) const {
    std::string how;
    switch (via.value_or(Channel::kWritten)) {
      case Channel::kPhone:
        how = l("by phone to ", "电话报告");
        break;
      case Channel::kFax:
        how = l("by fax to ", "传真报告");
        break;
      case Channel::kSystem:
        how = l("through the reporting system to ", "通过系统报送");
        break;
      case Channel::kWritten:
        how = l("in writing to ", "书面报告");
        break;
    }
    if (!via) how = l("to ", "报告");
    return official_.time(at) + (zh_ ? "" : " ") + how + to;
  }

  // A required report as seen at `at`.
  ContextNode requirement_node(const Requirement& r, Seconds at) const {
    bool made = r.made_at && *r.made_at <= at;
    ContextNode n = ContextNode::object();
    n.set("to", r.to);
    n.set("to_name", org_name(r.to));
    n.set("via", std::string(to_string(r.via)));
    n.set("via_label", std::string(label(r.via, zh_)));
    set_time(n, "due", r.due);
    n.set("made", made);
    set_time(n, "made_at", made ? r.made_at : std::nullopt);
    n.set("late", made && r.minutes_late() > 0);
    n.set("overdue", !made && at > r.due);
    n.set("minutes_late", static_cast<long long>(made ? r.minutes_late() : r.minutes_overdue(at)));
    n.set("status",
          made ? (r.minutes_late() > 0 ? "late" : "made") : (at > r.due ? "overdue" : "due"));
    n.set("status_label", status_label(r, at));
    n.set("time_text", time_text(r, at));
    n.set("basis", r.basis);
    return n;
  }

  // The incident's own reports (initial, follow-ups, final) and the escalations up the chain.
  void add_report_status(ContextNode& n, const Incident& i, Seconds at) const {
    ContextNode reports = ContextNode::list();
    ContextNode sent = ContextNode::list();
    // Both in one timeline (the event's time, then its place in the chain), for the final report.
    std::vector<std::pair<std::pair<Seconds, std::int64_t>, ContextNode>> course;
    // The same as sentences for reports sent up: what was made and when, never how late.
    std::vector<std::string> reports_official, sent_official;
    for (const auto& e : i.events) {
      if (e.at > at) continue;
      if (e.type == event_type::kEscalation) {
        std::string to = e.text("to").value_or("");
        auto via = parse_channel(e.text("via").value_or(""));
        long late = 0;
        for (const auto& r : i.requirements) {
          if (r.made_seq == e.seq) late = r.minutes_late();
        }
        ContextNode s = ContextNode::object();
        set_time(s, "at", e.at);
        s.set("to_name", org_name(to));
        s.set("via_label", via ? std::string(label(*via, zh_)) : "");
        sent_official.push_back(sent_phrase(via, org_name(to), e.at));
        s.set("late", late > 0);
        s.set("minutes_late", static_cast<long long>(late));
        s.set("note", e.text("note").value_or(""));
        ContextNode step = s;
        step.set("is_report", false);
        step.set("is_sent", true);
        course.push_back({{e.at, e.seq}, std::move(step)});
        sent.push(std::move(s));
        continue;
      }
      BulletinKind k;
      int number = 0;
      if (e.type == event_type::kCreated) {
        k = BulletinKind::kInitial;
      } else if (e.type == event_type::kUpdate) {
        k = BulletinKind::kFollowup;
        number = static_cast<int>(e.integer("number").value_or(0));
      } else if (e.type == event_type::kClosed) {
        k = BulletinKind::kFinal;
      } else if (e.type == event_type::kSupplement) {
        k = BulletinKind::kSupplement;
        number = static_cast<int>(e.integer("number").value_or(0));
      } else {
        continue;
      }
      ContextNode r = ContextNode::object();
      r.set("kind", std::string(to_string(k)));
      r.set("label", report_label(k, number));
      set_time(r, "at", e.at);
      set_text(r, "text",
               e.text(k == BulletinKind::kInitial ? "description" : "note").value_or(""));
      reports_official.push_back(zh_ ? report_label(k, number) + official_.time(e.at)
                                     : report_label(k, number) + " " + official_.time(e.at));
      ContextNode step = r;
      step.set("is_report", true);
      step.set("is_sent", false);
      course.push_back({{e.at, e.seq}, std::move(step)});
      reports.push(std::move(r));
    }
    std::stable_sort(course.begin(), course.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    ContextNode course_list = ContextNode::list();
    for (auto& c : course) course_list.push(std::move(c.second));
    ContextNode reqs = ContextNode::list();
    int late = 0, overdue = 0;
    for (const auto& r : i.requirements) {
      if (r.arose_at > at) continue;
      ContextNode q = requirement_node(r, at);
      if (*q.get("late")->flag()) ++late;
      if (*q.get("overdue")->flag()) ++overdue;
      reqs.push(std::move(q));
    }
    n.set("reports", std::move(reports));
    n.set("reports_official", official_.clauses(reports_official));
    n.set("sent", std::move(sent));
    n.set("sent_official", official_.clauses(sent_official));
    n.set("course", std::move(course_list));
    n.set("has_sent",
          !i.events.empty() && std::any_of(i.events.begin(), i.events.end(), [&](const Event& e) {
            return e.type == event_type::kEscalation && e.at <= at;
          }));
    n.set("requirements", std::move(reqs));
    n.set("late_count", late);
    n.set("overdue_count", overdue);
    n.set("all_on_time", late == 0 && overdue == 0);
  }

  // The chain's head when the record is printed, so that a paper copy exposes a log shortened or
  // rewritten later ('duty log verify --expect N:HASH').
  ContextNode log_check() const {
    ChainPoint head = chain_head(store_).value_or(ChainPoint{0, kGenesisHash});
    std::string hash12 = head.hash.substr(0, 12);
    ContextNode n = ContextNode::object();
    n.set("seq", static_cast<long long>(head.seq));
    n.set("hash", head.hash);
    n.set("hash12", hash12);
    n.set("line", zh_ ? "日志校验：第" + std::to_string(head.seq) + "条 " + hash12
                      : "Log check: event " + std::to_string(head.seq) + " " + hash12);
    return n;
  }

  ContextNode shift_node(const std::optional<DutyShift>& shift, Seconds from, Seconds to) const {
    ContextNode n = ContextNode::object();
    set_time(n, "from", from);
    set_time(n, "to", to);
    n.set("published", shift.has_value());
    n.set("not_published_text",
          l("not on the published roster (no roster published for this shift)",
            "值班表未发布（本班次无已发布的值班安排）"));
    ContextNode slots = ContextNode::list();
    if (shift) {
      for (const auto& slot : shift->slots) {
        ContextNode s = ContextNode::object();
        s.set("name", slot.name);
        ContextNode people = ContextNode::list();
        std::vector<std::string> names;
        for (const auto& p : slot.people) {
          ContextNode person = ContextNode::object();
          person.set("name", p.name);
          person.set("phone", p.phone);
          people.push(std::move(person));
          names.push_back(p.phone.empty() ? p.name : p.name + " " + p.phone);
        }
        s.set("people", std::move(people));
        s.set("people_text", join(names, zh_ ? "、" : ", "));
        ContextNode covers = ContextNode::list();
        std::vector<std::string> texts;
        for (const auto& c : slot.covers) {
          ContextNode cover = ContextNode::object();
          cover.set("name", c.out.name);
          cover.set("by", c.in.name);
          cover.set("by_phone", c.in.phone);
          cover.set("from", time(c.from));
          cover.set("to", time(c.to));
          std::string since = clock(c.from), until = clock(c.to);
          // The covered person is named only when the slot has several people.
          std::string who = slot.people.size() > 1 ? c.out.name + " " : "";
          std::string text = zh_ ? who + since + "—" + until + " 由" + c.in.name + "代班"
                                 : who + "covered by " + c.in.name + " " + since + "–" + until;
          cover.set("text", text);
          texts.push_back(std::move(text));
          covers.push(std::move(cover));
        }
        s.set("covers", std::move(covers));
        s.set("covers_text", join(texts, zh_ ? "；" : "; "));
        slots.push(std::move(s));
      }
    }
    n.set("slots", std::move(slots));
    return n;
  }

  // The 签发人 on a report's header line: the leader on duty (the first slot of a shift of several
  // slots; whoever covers them at `at`), else office.yaml's signer.
  void set_signer(ContextNode& doc, const std::optional<DutyShift>& shift,
                  std::optional<Seconds> at) const {
    std::vector<std::string> names;
    if (shift && shift->slots.size() > 1) {
      const DutySlot& lead = shift->slots.front();
      for (const auto& p : lead.people) {
        std::string who = p.name;
        for (const auto& c : lead.covers) {
          if (at && c.out.name == p.name && c.from <= *at && *at < c.to) who = c.in.name;
        }
        names.push_back(who);
      }
    }
    const bool from_roster = !names.empty();
    doc.set("signer", from_roster ? join(names, zh_ ? "、" : ", ") : office_.signer);
    doc.set("signer_source", from_roster ? "roster" : (office_.signer.empty() ? "" : "office"));
  }

  ContextNode pending_node(const PendingItem& p, Seconds at) const {
    bool done = p.done_at && *p.done_at <= at;
    ContextNode n = ContextNode::object();
    n.set("id", p.id);
    n.set("text", p.text);
    n.set("owner", p.owner);
    n.set("leader", p.leader);
    n.set("incident", p.incident);
    std::string title;
    if (!p.incident.empty()) {
      auto events = store_.events(p.incident);
      if (!events.empty()) title = events.front().text("title").value_or("");
    }
    n.set("incident_title", title);
    set_time(n, "created_at", p.created_at);
    n.set("created_by", p.created_by);
    set_time(n, "due", p.due);
    n.set("done", done);
    set_time(n, "done_at", done ? p.done_at : std::nullopt);
    n.set("done_note", done ? p.done_note : "");
    n.set("overdue", !done && p.due && at > *p.due);
    n.set("status_label",
          done ? l("done", "已办结")
               : (p.due && at > *p.due ? l("overdue", "已超期") : l("in progress", "办理中")));
    std::string time_text;
    if (!done && p.due) {
      time_text = at > *p.due ? spoken_deadline(at - *p.due, DeadlineSense::kOverdue, zh_)
                              : spoken_deadline(*p.due - at, DeadlineSense::kLeft, zh_);
    }
    n.set("time_text", time_text);
    return n;
  }

  Store& store_;
  const Office& office_;
  bool zh_;
  Seconds now_;
  OfficialStyle official_;
};

// The incident as it stood just after the event with sequence `seq` (events after it left out).
Incident state_after(const Incident& full, std::int64_t seq, const Office& office) {
  std::vector<Event> prefix;
  for (const auto& e : full.events) {
    if (e.seq <= seq) prefix.push_back(e);
  }
  return fold_incident(prefix, office);
}

}  // namespace

Bulletin build_bulletin(Store& store, const Office& office, const BulletinRequest& req,
                        Seconds now, const ShiftAt& on_duty_at) {
  Builder b(store, office, now);
  auto events = store.events(req.id);
  if (events.empty() || events.front().type != event_type::kCreated) {
    throw FieldError("id", trf("no incident '{0}'; 'duty incident list' shows them", req.id));
  }
  Bulletin out;
  out.incident = fold_incident(events, office);
  const Incident& inc = out.incident;
  check_not_voided(inc, office);
  out.kind = req.kind.value_or(
      inc.supplements > 0 ? BulletinKind::kSupplement
      : inc.closed        ? BulletinKind::kFinal
                          : (inc.followups > 0 ? BulletinKind::kFollowup : BulletinKind::kInitial));
  if (req.number && out.kind != BulletinKind::kFollowup && out.kind != BulletinKind::kSupplement) {
    throw FieldError("number", tr("only follow-up reports are numbered; use --kind followup"));
  }
  // A supplement (补报) after the final report: the latest unless --number names another.
  const Event* supplement = nullptr;
  if (out.kind == BulletinKind::kSupplement) {
    if (inc.supplements == 0) {
      throw FieldError("kind", trf("incident {0} has no supplement (补报); record one with 'duty incident "
                                   "supplement {0}'",
                                   inc.id));
    }
    out.number = req.number.value_or(inc.supplements);
    for (const auto& e : inc.events) {
      if (e.type == event_type::kSupplement && e.integer("number").value_or(0) == out.number) supplement = &e;
    }
    if (!supplement) {
      throw FieldError("number", trf("incident {0} has supplements 1 to {1}; there is no supplement {2}", inc.id,
                                     inc.supplements, out.number));
    }
  }
  if (out.kind == BulletinKind::kFinal && !inc.closed) {
    throw FieldError("kind", trf("incident {0} is still open: its final report is recorded with "
                                 "'duty incident close {0}' first",
                                 inc.id));
  }
  const Event* update = nullptr;
  if (out.kind == BulletinKind::kFollowup) {
    if (inc.followups == 0) {
      throw FieldError("kind", trf("incident {0} has no follow-up yet; record one with 'duty "
                                   "incident update {0}'",
                                   inc.id));
    }
    out.number = req.number.value_or(inc.followups);
    if (out.number < 1 || out.number > inc.followups) {
      throw FieldError(
          "number", trf("incident {0} has follow-ups 1 to {1}; there is no follow-up {2}", inc.id,
                        inc.followups, out.number));
    }
    for (const auto& e : inc.events) {
      if (e.type == event_type::kUpdate && e.integer("number").value_or(0) == out.number)
        update = &e;
    }
    if (!update)
      throw StoreError(
          trf("incident {0}: follow-up {1} is missing; run 'duty log verify'", inc.id, out.number));
  }
  if (req.to && !office.find_org(*req.to)) {
    throw FieldError(
        "to", trf("unknown organisation '{0}'{1}; the chain in office.yaml has: {2}", *req.to,
                  did_you_mean(*req.to, office.org_ids()), join(office.org_ids(), ", ")));
  }
  out.to = req.to.value_or(office.chain.empty() ? std::string() : office.chain.front().id);

  b.set_reference(inc.received_at);
  ContextNode c = ContextNode::object();
  ContextNode doc = ContextNode::object();
  doc.set("kind", std::string(to_string(out.kind)));
  doc.set("is_initial", out.kind == BulletinKind::kInitial);
  doc.set("is_followup", out.kind == BulletinKind::kFollowup);
  doc.set("is_final", out.kind == BulletinKind::kFinal);
  doc.set("is_supplement", out.kind == BulletinKind::kSupplement);
  doc.set("number", out.number);
  doc.set("number_zh", out.number > 0 ? chinese_number(out.number) : "");
  doc.set("label", b.report_label(out.kind, out.number));
  b.set_time(doc, "generated_at", now);
  doc.set("date", format_date(local_day(*office.zone, now)));
  doc.set("date_official", b.official().date(local_day(*office.zone, now)));
  c.set("office", b.office_node());
  ContextNode to = ContextNode::object();
  if (const Organisation* org = office.find_org(out.to)) {
    to.set("id", org->id);
    to.set("name", org->name);
    to.set("phone", org->phone);
  } else {
    to.set("id", "");
    to.set("name", "");
    to.set("phone", "");
  }
  c.set("to", std::move(to));

  // The initial report states what was known when it came in; later reports the state they record.
  Incident shown = inc;
  Seconds as_of = now;
  if (out.kind == BulletinKind::kInitial) {
    shown = state_after(inc, inc.events.front().seq, office);
    as_of = inc.received_at;
  } else if (out.kind == BulletinKind::kFollowup) {
    shown = state_after(inc, update->seq, office);
    as_of = update->at;
  }
  // Signed by whoever led the duty when the report was made: the same report printed again later
  // names the same person.
  Seconds made_at = out.kind == BulletinKind::kFinal ? *inc.closed_at : as_of;
  b.set_signer(doc, on_duty_at ? on_duty_at(made_at) : std::nullopt, made_at);
  c.set("report", std::move(doc));
  c.set("incident", b.incident_node(shown));

  ContextNode followup;
  if (update) {
    Incident before = state_after(inc, update->seq - 1, office);
    // The state before this follow-up: every event earlier in the chain than it.
    followup = ContextNode::object();
    followup.set("number", out.number);
    b.set_time(followup, "at", update->at);
    b.set_text(followup, "progress", update->text("note").value_or(""));
    ContextNode changes = ContextNode::list();
    auto change = [&](const char* field, const char* en, const char* zh, const std::string& was,
                      const std::string& now_is) {
      if (was == now_is) return;
      ContextNode ch = ContextNode::object();
      ch.set("field", field);
      ch.set("label", b.l(en, zh));
      ch.set("before", was);
      ch.set("after", now_is);
      changes.push(std::move(ch));
    };
    auto num = [](int n) { return std::to_string(n); };
    change("title", "Title", "标题", before.title, shown.title);
    change("category", "Category", "类别", b.category_label(before.category),
           b.category_label(shown.category));
    change("severity", "Severity", "级别", std::string(label(before.severity(), office.zh())),
           std::string(label(shown.severity(), office.zh())));
    change("location", "Location", "地点", before.location, shown.location);
    change("occurred_at", "Occurred", "事发时间",
           before.occurred_at ? b.time(*before.occurred_at) : "",
           shown.occurred_at ? b.time(*shown.occurred_at) : "");
    change("deaths", "Deaths", "死亡", num(before.casualties.deaths), num(shown.casualties.deaths));
    change("seriously_injured", "Seriously injured", "重伤",
           num(before.casualties.seriously_injured), num(shown.casualties.seriously_injured));
    change("injured", "Injured", "受伤", num(before.casualties.injured),
           num(shown.casualties.injured));
    change("missing", "Missing", "失踪", num(before.casualties.missing),
           num(shown.casualties.missing));
    change("trapped", "Trapped", "被困", num(before.casualties.trapped),
           num(shown.casualties.trapped));
    change("loss", "Direct loss (10,000 yuan)", "直接经济损失（万元）",
           before.loss_known ? format_number(before.loss) : "",
           shown.loss_known ? format_number(shown.loss) : "");
    change("actions", "Measures", "处置措施", before.actions, shown.actions);
    change("leaders_on_scene", "Leaders on scene", "领导到位情况", before.leaders_on_scene,
           shown.leaders_on_scene);
    followup.set("has_changes", !changes.items()->empty());
    followup.set("changes", std::move(changes));
  }
  c.set("followup", std::move(followup));

  ContextNode final_node;
  if (out.kind == BulletinKind::kFinal) {
    final_node = ContextNode::object();
    b.set_time(final_node, "at", inc.closed_at);
    std::string summary;
    for (const auto& e : inc.events) {
      if (e.type == event_type::kClosed) summary = e.text("note").value_or("");
    }
    b.set_text(final_node, "summary", summary);
    // 下一步工作 comes from its own field (close --next-steps), never from the closing note.
    b.set_text(final_node, "next_steps", inc.next_steps);
  }
  c.set("final", std::move(final_node));

  ContextNode supplement_node;
  if (supplement) {
    Incident before = state_after(inc, supplement->seq - 1, office);
    Incident after = state_after(inc, supplement->seq, office);
    supplement_node = ContextNode::object();
    supplement_node.set("number", out.number);
    supplement_node.set("at", b.time(supplement->at));
    supplement_node.set("note", supplement->text("note").value_or(""));
    supplement_node.set("closed_at", b.time(inc.closed_at));
    supplement_node.set("casualties_before", b.casualties_text(before));
    supplement_node.set("casualties_after", b.casualties_text(after));
    supplement_node.set("loss_before", format_number(before.loss));
    supplement_node.set("loss_after", format_number(after.loss));
    supplement_node.set("changed", before.casualties.deaths != after.casualties.deaths ||
                                       before.casualties.injured != after.casualties.injured ||
                                       before.casualties.seriously_injured != after.casualties.seriously_injured ||
                                       before.casualties.missing != after.casualties.missing ||
                                       before.casualties.trapped != after.casualties.trapped ||
                                       before.loss != after.loss);
  }
  c.set("supplement", std::move(supplement_node));

  ContextNode status = ContextNode::object();
  b.add_report_status(status, inc, out.kind == BulletinKind::kFinal ? now : as_of);
  c.set("status", std::move(status));
  c.set("log_check", b.log_check());
  out.context = std::move(c);
  return out;
}

ContextNode build_daily(Store& store, const Office& office, Days date,
                        const std::optional<DutyShift>& on_duty, Seconds now) {
  Builder b(store, office, now);
  auto [from, to] = duty_day(office, date);
  if (from > now) {
    throw FieldError("date", trf("the duty day {0} has not begun yet (it starts {1}); there is "
                                 "nothing to report",
                                 format_date(date), b.time(from)));
  }
  // A day still running is reported as far as it has gone.
  Seconds until = std::min(to, now);
  b.set_reference(from);
  ContextNode c = ContextNode::object();
  date::year_month_day ymd{date};
  int year = static_cast<int>(ymd.year());
  int issue = static_cast<int>((date - Days{ymd.year() / date::January / 1}).count()) + 1;
  ContextNode doc = ContextNode::object();
  doc.set("date", format_date(date));
  doc.set("date_label", office.zh()
                            ? std::to_string(year) + "年" +
                                  std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
                                  std::to_string(static_cast<unsigned>(ymd.day())) + "日"
                            : format_date(date));
  doc.set("date_official", b.official().date(date));
  doc.set("year", year);
  doc.set("issue", issue);
  b.set_time(doc, "from", from);
  b.set_time(doc, "to", to);
  doc.set("complete", to <= now);
  b.set_time(doc, "generated_at", now);
  b.set_signer(doc, on_duty, std::nullopt);
  c.set("bulletin", std::move(doc));
  c.set("office", b.office_node());
  c.set("on_duty", b.shift_node(on_duty, from, to));
  ContextNode rec = ContextNode::object();
  ContextNode main = ContextNode::list(), copy = ContextNode::list();
  for (const auto& m : office.recipients_main) main.push(m);
  for (const auto& m : office.recipients_copy) copy.push(m);
  rec.set("main", std::move(main));
  rec.set("copy", std::move(copy));
  rec.set("main_text", join(office.recipients_main, office.zh() ? "、" : ", "));
  rec.set("copy_text", join(office.recipients_copy, office.zh() ? "、" : ", "));
  c.set("recipients", std::move(rec));

  ListQuery q;
  q.from = from;
  q.to = until - std::chrono::seconds{1};
  auto rows = store.incidents().list(q);
  std::map<std::string, int> by_category;
  std::map<Severity, int> by_severity;
  // Sums of figures in 64 bits: a day of many incidents at the largest figures never overflows.
  long long deaths = 0, injured = 0, missing = 0;
  Casualties all;  // the day's figures for the official sentence, saturating at the largest int
  bool all_known = !rows.empty();
  auto add_to = [](int& sum, int n) {
    sum = static_cast<int>(
        std::min<long long>(static_cast<long long>(sum) + n, std::numeric_limits<int>::max()));
  };
  int open = 0, late = 0;
  ContextNode incidents = ContextNode::list();
  for (const auto& row : rows) {
    Incident inc = fold_incident(store.events(row.id), office);
    ++by_category[inc.category];
    ++by_severity[inc.severity()];
    deaths += static_cast<long long>(inc.casualties.deaths);
    injured += static_cast<long long>(inc.casualties.injured) + inc.casualties.seriously_injured;
    missing += static_cast<long long>(inc.casualties.missing);
    add_to(all.deaths, inc.casualties.deaths);
    add_to(all.injured, inc.casualties.injured);
    add_to(all.seriously_injured, inc.casualties.seriously_injured);
    add_to(all.missing, inc.casualties.missing);
    add_to(all.trapped, inc.casualties.trapped);
    all_known = all_known && inc.casualties_known;
    bool open_then = !inc.closed_at || *inc.closed_at > until;
    if (open_then) ++open;
    ContextNode n = b.incident_node(inc);
    n.set("open_at_end", open_then);
    b.add_report_status(n, inc, until);
    if (*n.get("late_count")->number() > 0 || *n.get("overdue_count")->number() > 0) ++late;
    incidents.push(std::move(n));
  }
  ContextNode counts = ContextNode::object();
  counts.set("total", static_cast<int>(rows.size()));
  counts.set("open", open);
  counts.set("closed", static_cast<int>(rows.size()) - open);
  counts.set("with_late_reports", late);
  counts.set("deaths", deaths);
  counts.set("injured", injured);
  counts.set("missing", missing);
  counts.set("seriously_injured", static_cast<long long>(all.seriously_injured));
  counts.set("trapped", static_cast<long long>(all.trapped));
  const bool any_casualties =
      all.deaths || all.injured || all.seriously_injured || all.missing || all.trapped;
  counts.set("has_casualties", any_casualties);
  counts.set("casualties_official", b.official().casualties(all, all_known, false));
  ContextNode cats = ContextNode::list();
  std::vector<std::string> cat_texts, sev_texts;
  for (const auto& [id, n] : by_category) {
    ContextNode x = ContextNode::object();
    x.set("id", id);
    x.set("label", b.category_label(id));
    x.set("count", n);
    cats.push(std::move(x));
    cat_texts.push_back(office.zh() ? b.category_label(id) + std::to_string(n) + "起"
                                    : b.category_label(id) + " " + std::to_string(n));
  }
  counts.set("by_category", std::move(cats));
  counts.set("by_category_official", b.official().list(cat_texts));
  ContextNode sev = ContextNode::list();
  for (Severity s :
       {Severity::kI, Severity::kII, Severity::kIII, Severity::kIV, Severity::kUnknown}) {
    auto it = by_severity.find(s);
    if (it == by_severity.end()) continue;
    ContextNode x = ContextNode::object();
    x.set("id", std::string(to_string(s)));
    x.set("label", std::string(label(s, office.zh())));
    x.set("count", it->second);
    sev.push(std::move(x));
    sev_texts.push_back(office.zh()
                            ? std::string(label(s, true)) + std::to_string(it->second) + "起"
                            : std::string(label(s, false)) + " " + std::to_string(it->second));
  }
  counts.set("by_severity", std::move(sev));
  counts.set("by_severity_official", b.official().list(sev_texts));
  c.set("counts", std::move(counts));
  c.set("nil_report", rows.empty());
  c.set("nil_report_text", b.l("Nil report: no major emergencies.", "零报告：无重大突发事件。"));
  c.set("incidents", std::move(incidents));

  // Instructions in force during the day: given before its end and not done before its start.
  ContextNode instructions = ContextNode::list();
  for (const auto& p : store.pending().items()) {
    if (!p.instruction || p.created_at >= until || (p.done_at && *p.done_at < from)) continue;
    instructions.push(b.pending_node(p, until));
  }
  c.set("has_instructions", !instructions.items()->empty());
  c.set("instructions", std::move(instructions));
  c.set("calls", calls_context(store, office, from, until));
  // Warnings as they stood at the end of the day (or now, for a day still running).
  c.set("warnings", warnings_context(store, office, from, until == to ? to - std::chrono::seconds{1} : until));
  c.set("log_check", b.log_check());
  return c;
}

ContextNode build_handover(Store& store, const Office& office, Seconds at,
                           const std::optional<DutyShift>& outgoing,
                           const std::optional<DutyShift>& incoming, Seconds now) {
  Builder b(store, office, now);
  // Prepared before the handover, the record holds the facts up to now; after it, up to the
  // handover (the final record, the same whenever it is printed again).
  Seconds as_of = std::min(at, now);
  bool final_record = now >= at;
  // Events before `until` are the outgoing shift's: those up to the handover, or up to now.
  Seconds until = final_record ? at : now + std::chrono::seconds{1};
  auto out_day = duty_day(office, duty_date(office, at - std::chrono::seconds{1}));
  auto in_day = duty_day(office, duty_date(office, at));
  Seconds out_from = outgoing ? outgoing->start : out_day.first;
  Seconds out_to = outgoing ? outgoing->end : out_day.second;
  ContextNode c = ContextNode::object();
  ContextNode doc = ContextNode::object();
  doc.set("at", b.time(at));
  doc.set("date", format_date(local_day(*office.zone, at)));
  doc.set("generated_at", b.time(now));
  doc.set("as_of", b.time(as_of));
  doc.set("final", final_record);
  doc.set("preparing", !final_record);
  c.set("handover", std::move(doc));
  c.set("office", b.office_node());
  c.set("outgoing", b.shift_node(outgoing, out_from, out_to));
  c.set("incoming", b.shift_node(incoming, incoming ? incoming->start : in_day.first,
                                 incoming ? incoming->end : in_day.second));

  // Reports due: those of the incidents received during the shift or still open, not made by the
  // handover and due within 24 hours or overdue. Overdue reports of incidents closed before the
  // shift were on earlier records; 'duty incident overdue' lists them all.
  std::vector<std::pair<Requirement, std::pair<std::string, std::string>>> due_list;
  std::set<std::string> seen;
  auto collect_due = [&](const Incident& inc) {
    if (!seen.insert(inc.id).second) return;
    for (const auto& r : inc.requirements) {
      if (r.arose_at > as_of || (r.made_at && *r.made_at <= as_of) ||
          r.due > at + std::chrono::hours{24})
        continue;
      due_list.push_back({r, {inc.id, inc.title}});
    }
  };
  auto state_then = [&](const std::string& id) {
    std::vector<Event> upto;
    for (auto& e : store.events(id)) {
      if (e.at <= as_of) upto.push_back(std::move(e));
    }
    return fold_incident(upto, office);
  };

  ListQuery rq;
  rq.from = out_from;
  rq.to = until - std::chrono::seconds{1};
  ContextNode received = ContextNode::list();
  for (const auto& row : store.incidents().list(rq)) {
    Incident inc = state_then(row.id);
    ContextNode n = b.incident_node(inc);
    b.add_report_status(n, inc, as_of);
    received.push(std::move(n));
    collect_due(inc);
  }
  ListQuery oq;
  oq.open_at = as_of;
  ContextNode open = ContextNode::list();
  for (const auto& row : store.incidents().list(oq)) {
    // Figures as of the record: events dated later are left out.
    Incident then = state_then(row.id);
    ContextNode n = b.incident_node(then);
    ContextNode next;
    for (const auto& r : then.requirements) {
      if (r.made_at && *r.made_at <= as_of) continue;
      next = b.requirement_node(r, as_of);
      break;
    }
    n.set("next_due", std::move(next));
    n.set("last_report_at", b.time(then.events.back().at));
    open.push(std::move(n));
    collect_due(then);
  }
  std::stable_sort(due_list.begin(), due_list.end(), [](const auto& x, const auto& y) {
    return x.first.due != y.first.due ? x.first.due < y.first.due : x.second.first < y.second.first;
  });
  ContextNode due = ContextNode::list();
  for (const auto& [r, inc] : due_list) {
    ContextNode n = b.requirement_node(r, as_of);
    n.set("incident", inc.first);
    n.set("title", inc.second);
    due.push(std::move(n));
  }
  ContextNode pending = ContextNode::list(), instructions = ContextNode::list();
  for (const auto& p : store.pending().items()) {
    if (!p.open_at(as_of)) continue;
    (p.instruction ? instructions : pending).push(b.pending_node(p, as_of));
  }
  ContextNode notes = ContextNode::list();
  for (const auto& n : notes_between(store, out_from, until)) {
    ContextNode x = ContextNode::object();
    x.set("at", b.time(n.at));
    x.set("by", n.by);
    x.set("text", n.text);
    notes.push(std::move(x));
  }
  ContextNode counts = ContextNode::object();
  counts.set("received", static_cast<int>(received.items()->size()));
  counts.set("open", static_cast<int>(open.items()->size()));
  counts.set("due", static_cast<int>(due.items()->size()));
  counts.set("pending", static_cast<int>(pending.items()->size()));
  counts.set("instructions", static_cast<int>(instructions.items()->size()));
  counts.set("notes", static_cast<int>(notes.items()->size()));
  c.set("counts", std::move(counts));
  c.set("received", std::move(received));
  c.set("open_incidents", std::move(open));
  c.set("due_reports", std::move(due));
  c.set("pending", std::move(pending));
  c.set("instructions", std::move(instructions));
  c.set("notes", std::move(notes));
  // Calls and their links known when the record is printed (a prepared record is printed again
  // after the handover to become final).
  c.set("calls", calls_context(store, office, out_from, std::min(at, as_of + std::chrono::seconds{1})));
  c.set("warnings", warnings_context(store, office, out_from, as_of));
  c.set("log_check", b.log_check());
  return c;
}

std::string with_log_check(std::string rendered, const ContextNode& context, bool html) {
  const ContextNode* check = context.get("log_check");
  const ContextNode* line = check ? check->get("line") : nullptr;
  if (!line || !line->text()) return rendered;
  // The line holds only fixed words, digits and hex: nothing to escape in any format.
  const std::string& text = *line->text();
  if (rendered.find(text) != std::string::npos) return rendered;
  if (html) {
    std::string p = "<p class=\"log-check\">" + text + "</p>\n";
    auto body_end = rendered.rfind("</body>");
    rendered.insert(body_end == std::string::npos ? rendered.size() : body_end, p);
    return rendered;
  }
  if (!rendered.empty() && rendered.back() != '\n') rendered += '\n';
  return rendered + text + '\n';
}

}  // namespace duty::reports
