// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/incident_log.hpp"
#include "reports/office.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

/// Event type and subject of a recorded change of the reporting rules.
inline constexpr const char* kRulesEventType = "rules";
inline constexpr const char* kRulesSubject = "rules";

/// The rules as canonical text (compact JSON, one object per rule in office.yaml's order, keys
/// sorted): equal rules give equal text whatever the layout, comments or key order of office.yaml.
std::string canonical_rules_text(const std::vector<EscalationRule>& rules);

/// SHA-256 (hex) of canonical_rules_text(rules).
std::string rules_hash(const std::vector<EscalationRule>& rules);

/// Reads canonical_rules_text's output back. StoreError when the text is not such a list (a
/// recorded rules event that does not parse means the log was damaged).
std::vector<EscalationRule> parse_rules_text(const std::string& text);

/// The versions the `rules` events of `events` record, oldest first. StoreError on a malformed one.
RulesHistory rules_history(const std::vector<Event>& events);

/// The versions recorded in the store's log.
RulesHistory load_rules_history(Store& store);

/// Inside a write transaction: brings `history` up to date with the log (another desk may have
/// recorded a change since it was loaded) and, when `current` (office.yaml's rules now) differ
/// from the latest recorded version or none is recorded, appends a `rules` event recording them,
/// in force from the actor's now. Returns that event, or nullopt when nothing changed.
std::optional<Event> record_rules(StoreTransaction& tx, RulesHistory& history,
                                  const std::vector<EscalationRule>& current, const Actor& actor);

}  // namespace duty::reports
