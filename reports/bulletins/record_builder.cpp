// SPDX-License-Identifier: Apache-2.0
#include "reports/bulletins/record_builder.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/csv.hpp"
#include "common/duration.hpp"
#include "common/text.hpp"

namespace duty::reports {

ContextNode RecordBuilder::office_node() const {
  ContextNode o = ContextNode::object();
  o.set("name", office_.name);
  o.set("unit", office_.unit.empty() ? office_.name : office_.unit);
  o.set("signer", office_.signer);
  o.set("contact", office_.contact);
  o.set("locale", office_.locale);
  return o;
}

std::string RecordBuilder::casualties_text(const Incident& i) const {
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

ContextNode RecordBuilder::incident_node(const Incident& i) const {
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
  n.set("status_label", i.closed ? l("closed (final report made)", "已终报") : l("open", "处置中"));
  n.set("location", i.location);
  n.set("source", i.source);
  n.set("received_by", i.received_by);
  set_time(n, "occurred_at", i.occurred_at);
  set_time(n, "received_at", i.received_at);
  set_time(n, "closed_at", i.closed_at);
  // A title names the place (DOMAIN 3.1), so a report does not write it twice.
  n.set("location_in_title", !i.location.empty() && i.title.find(i.location) != std::string::npos);
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

std::string RecordBuilder::report_label(BulletinKind k, int number) const {
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

std::string RecordBuilder::time_text(const Requirement& r, Seconds at) const {
  if (r.made_at && *r.made_at <= at) {
    if (r.minutes_late() == 0) return "";
    return spoken_deadline(*r.made_at - r.due, DeadlineSense::kLate, zh_);
  }
  if (at > r.due) return spoken_deadline(at - r.due, DeadlineSense::kOverdue, zh_);
  return spoken_deadline(r.due - at, DeadlineSense::kLeft, zh_);
}

std::string RecordBuilder::status_label(const Requirement& r, Seconds at) const {
  if (r.made_at && *r.made_at <= at) {
    return r.minutes_late() > 0 ? time_text(r, at) : l("on time", "按时");
  }
  if (at > r.due) return (zh_ ? "未报，" : "not made, ") + time_text(r, at);
  return l("not yet made", "尚未报送");
}

std::string RecordBuilder::sent_phrase(std::optional<Channel> via, const std::string& to,
                                       Seconds at) const {
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

ContextNode RecordBuilder::requirement_node(const Requirement& r, Seconds at) const {
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

void RecordBuilder::add_report_status(ContextNode& n, const Incident& i, Seconds at) const {
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
    set_text(r, "text", e.text(k == BulletinKind::kInitial ? "description" : "note").value_or(""));
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

ContextNode RecordBuilder::log_check() const {
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

ContextNode RecordBuilder::shift_node(const std::optional<DutyShift>& shift, Seconds from,
                                      Seconds to) const {
  ContextNode n = ContextNode::object();
  set_time(n, "from", from);
  set_time(n, "to", to);
  n.set("published", shift.has_value());
  n.set("not_published_text", l("not on the published roster (no roster published for this shift)",
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

void RecordBuilder::set_signer(ContextNode& doc, const std::optional<DutyShift>& shift,
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

ContextNode RecordBuilder::pending_node(const PendingItem& p, Seconds at) const {
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

}  // namespace duty::reports
