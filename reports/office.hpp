// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "common/yaml_source.hpp"
#include "reports/severity.hpp"
#include "reports/taxonomy.hpp"

namespace duty::reports {

struct WarningSettings;  // reports/warnings/warning_settings.hpp

/// An organisation up the reporting chain (prefecture, province ...).
struct Organisation {
  std::string id;
  std::string name;
  std::string phone;
};

/// How a report went up: by phone, in writing, by fax or through a reporting system.
enum class Channel { kPhone, kWritten, kFax, kSystem };
std::string_view to_string(Channel c);
std::string_view label(Channel c, bool zh);
std::optional<Channel> parse_channel(std::string_view text);

/// The conditions under which an escalation rule applies; every given condition must hold.
struct RuleMatch {
  std::vector<Severity> severity;      ///< effective severity is one of these (empty: any)
  std::vector<std::string> category;   ///< category id is one of these (empty: any)
  std::optional<int> deaths_at_least;
  std::optional<int> injured_at_least;
  std::optional<int> seriously_injured_at_least;
  std::optional<int> missing_at_least;
  std::optional<int> trapped_at_least;
  std::optional<double> loss_at_least;  ///< 万元
};

/// A reporting rule: when `match` holds, report to each of `to` via `via` within `within` of the
/// moment the office learned the facts that made it apply.
struct EscalationRule {
  RuleMatch match;
  std::vector<std::string> to;
  Channel via = Channel::kWritten;
  std::chrono::minutes within{120};
  std::string basis;  ///< the regulation the rule comes from, for people reading reports
  SourcePos pos;
};

/// One version of the reporting rules as recorded in the log by a `rules` event (rules_record.hpp).
struct RulesVersion {
  std::int64_t seq = 0;  ///< the event that recorded it
  Seconds at;            ///< from this moment on, facts learned are judged by these rules
  std::string hash;      ///< SHA-256 of the rules' canonical text
  std::vector<EscalationRule> rules;
};

/// Every version of the reporting rules the log has recorded, oldest first.
struct RulesHistory {
  std::vector<RulesVersion> versions;
};

/// A duty office workspace: office.yaml and what it names (docs/office.md).
struct Office {
  std::string dir;   ///< the workspace folder
  std::string file;  ///< path of office.yaml
  /// office.id: a short stable id (zeku), the office's identity in a shared database; "" when unset.
  std::string id;
  std::string name;
  std::string timezone;
  const TimeZone* zone = nullptr;
  std::chrono::minutes handover{8 * 60 + 30};
  std::string locale = "zh-CN";
  std::string roster = "roster.yaml";  ///< roster spec, relative to dir
  std::string database = "duty.db";    ///< store, relative to dir unless absolute
  std::string signing_key;  ///< the office's Ed25519 private key (PEM) for `log checkpoint`; "" when none
  std::string public_key;   ///< its public key, for `log verify` to check checkpoints; "" when none
  std::vector<Organisation> chain;
  std::vector<EscalationRule> escalation;  ///< the rules office.yaml states now
  /// The rules the log has recorded (shared by every copy of the office, and brought up to date
  /// inside a write transaction when that records a change); null when no log was opened.
  std::shared_ptr<RulesHistory> recorded_rules;
  std::vector<Category> categories;
  /// Days after the accident a supplementary report (补报) is accepted, per category id, as
  /// office.yaml sets them (`supplement_days:`); supplement_days() in incident_correct.hpp gives
  /// the law's defaults for the others.
  std::map<std::string, int> supplement_days;
  std::string unit;     ///< reporting unit named on bulletins (default: the office name)
  std::string signer;   ///< 签发人
  std::string contact;  ///< 联系人 and phone line printed on bulletins
  std::vector<std::string> recipients_main;  ///< 主送
  std::vector<std::string> recipients_copy;  ///< 抄送
  /// `users:` login name -> the person who enters under it (their name or id), so the log records
  /// 扎西 instead of root; see cli/context.hpp for what else sets who is entering.
  std::map<std::string, std::string> users;
  /// `contacts:` and `warnings:` (types beyond the built-in catalogue, 叫应 response rules);
  /// never null after parse_office.
  std::shared_ptr<const WarningSettings> warnings;

  bool zh() const { return locale == "zh-CN"; }
  const Category* find_category(std::string_view id) const;
  const Organisation* find_org(std::string_view id) const;
  std::vector<std::string> category_ids() const;
  std::vector<std::string> org_ids() const;
  /// The reporting rules that apply to a fact the office learned at `t`: the recorded version in
  /// force then (the oldest recorded one for facts learned before any was recorded), or
  /// office.yaml's rules when the log has recorded none.
  const std::vector<EscalationRule>& rules_at(Seconds t) const;
  /// Path of a file named in office.yaml: absolute as given, else relative to the workspace.
  std::string resolve(const std::string& path) const;
};

/// An office id as office.yaml may give it: 1 to 32 of a-z, 0-9, '-', '_', starting with a letter.
bool valid_office_id(std::string_view id);

/// Parses office.yaml, collecting every problem (InputError with file:line:column of each).
/// `dir` is the workspace folder paths are resolved against.
Office parse_office(const YamlSource& source, const std::string& dir);

/// Reads `<dir>/office.yaml`.
Office load_office(const std::string& dir);

}  // namespace duty::reports
