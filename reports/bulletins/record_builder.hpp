// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to reports/bulletins/: what the incident reports, the daily bulletin and the handover
// record have in common.

#include <optional>
#include <string>

#include "common/time.hpp"
#include "reports/bulletins/bulletin.hpp"
#include "reports/context_tree.hpp"
#include "reports/incident.hpp"
#include "reports/journal/store.hpp"
#include "reports/office.hpp"
#include "reports/official_style.hpp"
#include "reports/pending.hpp"
#include "reports/taxonomy.hpp"

namespace duty::reports {

/// Builds context nodes in the office's language; every time is local, to the minute.
class RecordBuilder {
 public:
  RecordBuilder(Store& store, const Office& office, Seconds now)
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

  ContextNode office_node() const;

  std::string casualties_text(const Incident& i) const;

  std::string category_label(const std::string& id) const {
    const Category* c = office_.find_category(id);
    return c ? (zh_ ? c->zh : c->en) : id;
  }

  std::string class_label_of(const std::string& id) const {
    const Category* c = office_.find_category(id);
    return c ? std::string(class_label(c->klass, zh_)) : "";
  }

  ContextNode incident_node(const Incident& i) const;

  std::string report_label(BulletinKind k, int number) const;

  /// How late, overdue or how long left, as people say it (common/duration.hpp); "" when made on
  /// time.
  std::string time_text(const Requirement& r, Seconds at) const;

  std::string status_label(const Requirement& r, Seconds at) const;

  /// "12月6日14时20分电话报告黄南州应急管理局" / "6 December 14:20 by phone to Prefecture EMB".
  std::string sent_phrase(std::optional<Channel> via, const std::string& to, Seconds at) const;

  /// A required report as seen at `at`.
  ContextNode requirement_node(const Requirement& r, Seconds at) const;

  /// The incident's own reports (initial, follow-ups, final) and the escalations up the chain.
  void add_report_status(ContextNode& n, const Incident& i, Seconds at) const;

  /// The chain's head when the record is printed, so that a paper copy exposes a log shortened or
  /// rewritten later ('duty log verify --expect N:HASH').
  ContextNode log_check() const;

  ContextNode shift_node(const std::optional<DutyShift>& shift, Seconds from, Seconds to) const;

  /// The 签发人 on a report's header line: the leader on duty (the first slot of a shift of several
  /// slots; whoever covers them at `at`), else office.yaml's signer.
  void set_signer(ContextNode& doc, const std::optional<DutyShift>& shift,
                  std::optional<Seconds> at) const;

  ContextNode pending_node(const PendingItem& p, Seconds at) const;

 private:
  Store& store_;
  const Office& office_;
  bool zh_;
  Seconds now_;
  OfficialStyle official_;
};

}  // namespace duty::reports
