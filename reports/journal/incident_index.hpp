// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "reports/incident.hpp"

namespace duty::reports {

/// Filters for listing incidents; unset members do not filter.
struct ListQuery {
  std::optional<bool> closed;
  std::optional<Seconds> from;  ///< received at or after
  std::optional<Seconds> to;    ///< received at or before
  std::optional<std::string> category;
  std::optional<Severity> severity;  ///< effective severity
  /// Received at or before this moment and not closed by it (still open then).
  std::optional<Seconds> open_at;
  /// Voided incidents (作废) are left out unless this is set.
  bool include_void = false;
};

/// A required report with the incident it belongs to.
struct DueReport {
  std::string incident;
  std::string title;
  Requirement requirement;
};

/// The incident register's listing tables as the journal keeps them (projections of the incidents'
/// events), read side.
class IncidentIndex {
 public:
  virtual ~IncidentIndex() = default;
  /// Incidents matching the query, by received time then id; events and requirements left empty.
  virtual std::vector<Incident> list(const ListQuery& query) = 0;
  /// Calls `fn` for each required report not made by `at` whose deadline is before `at` (with
  /// `upcoming`, also those still due), by deadline, then incident id, then the order the rules
  /// made them in; one at a time, so a long list never sits in memory whole.
  virtual void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) = 0;
  /// The same reports, collected.
  std::vector<DueReport> due_reports(Seconds at, bool upcoming) {
    std::vector<DueReport> out;
    for_each_due_report(at, upcoming, [&](const DueReport& d) { out.push_back(d); });
    return out;
  }
};

/// The incident register's tables inside a write transaction.
class IncidentRows {
 public:
  virtual ~IncidentRows() = default;
  /// The highest incident number used in `year`, 0 when none.
  virtual int max_number(int year) = 0;
  /// Writes the incident's listing row and its requirements (a projection of its events).
  virtual void save(const Incident& incident) = 0;
};

}  // namespace duty::reports
