// SPDX-License-Identifier: Apache-2.0
#include "reports/bulletins/bulletin.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/bulletins/record_builder.hpp"
#include "reports/incident_log.hpp"

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

// The incident as it stood just after the event with sequence `seq` (events after it left out).
Incident state_after(const Incident& full, std::int64_t seq, const Office& office) {
  std::vector<Event> prefix;
  for (const auto& e : full.events) {
    if (e.seq <= seq) prefix.push_back(e);
  }
  return fold_incident(prefix, office);
}

}  // namespace

Bulletin build_bulletin(Store& store, const Office& office, const BulletinRequest& req, Seconds now,
                        const ShiftAt& on_duty_at) {
  RecordBuilder b(store, office, now);
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
      throw FieldError("kind",
                       trf("incident {0} has no supplement (补报); record one with 'duty incident "
                           "supplement {0}'",
                           inc.id));
    }
    out.number = req.number.value_or(inc.supplements);
    for (const auto& e : inc.events) {
      if (e.type == event_type::kSupplement && e.integer("number").value_or(0) == out.number)
        supplement = &e;
    }
    if (!supplement) {
      throw FieldError(
          "number", trf("incident {0} has supplements 1 to {1}; there is no supplement {2}", inc.id,
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
    supplement_node.set(
        "changed", before.casualties.deaths != after.casualties.deaths ||
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
