// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "reports/incident_log.hpp"
#include "reports/pending.hpp"

namespace duty::reports {

/// A correction (更正) of an incident's recorded facts: the fields set are the corrected values.
struct CorrectionRequest {
  IncidentFields fields;            ///< `note` corrects the description (简要经过)
  std::optional<Seconds> received;  ///< corrected received time
  std::string reason;               ///< required: why the record was wrong
  std::optional<Seconds> at;        ///< when the correction was made (default now)
};

/// What a correction recorded.
struct CorrectionResult {
  Incident incident;                   ///< after the correction
  Correction correction;               ///< the values changed, old and new
  std::vector<Requirement> made_late;  ///< reports made on time before it and late after it
};

/// Records a correction of the incident's facts: its own event (type correction), never a
/// follow-up; values equal to the recorded ones are left out. Allowed on closed incidents.
/// FieldError (exit 2, nothing written) for an unknown or voided incident, a missing or empty
/// reason, a bad value, a correction that changes nothing, a received time in the future, before
/// the occurrence or after the incident's first later entry, an occurrence after the receipt.
CorrectionResult correct_incident(Store& store, const Office& office, const std::string& id,
                                  const CorrectionRequest& request, const Actor& actor);

/// The reports that correction `seq` of the incident made late: made on time as the log stood
/// before it, late as it stood after it (reports made after the correction are not counted).
std::vector<Requirement> made_late_by(const Incident& incident, std::int64_t seq,
                                      const Office& office);

/// Marks the incident as entered in error (作废): it stays in the log and in `show`, and leaves
/// lists, counts, overdue reports, the daily bulletin, the handover and exports. FieldError for an
/// unknown incident, an empty reason or an incident voided already.
Incident void_incident(Store& store, const Office& office, const std::string& id,
                       const std::string& reason, const Actor& actor);

/// Voids a pending item (T-n) or an instruction (P-n), done or not. FieldError for an unknown id,
/// an empty reason or an item voided already.
PendingItem void_pending(Store& store, const Office& office, const std::string& id,
                         const std::string& reason, const Actor& actor);

/// Voids the handover note recorded as event `seq` (its handle, as `note list` and the handover
/// print it). FieldError for an event that is not a note, an empty reason or a note voided already.
Note void_note(Store& store, const Office& office, std::int64_t seq,
               const std::string& reason, const Actor& actor);

/// The handles (event seqs) of every voided note.
std::set<std::int64_t> voided_notes(Store& store);

/// Days after the accident a supplementary report (补报) is accepted for `category`: office.yaml's
/// `supplement_days:` on the category, else 7 for road-traffic and fire and 30 for the others
/// (《生产安全事故报告和调查处理条例》 Art. 13).
int supplement_days(const Office& office, const std::string& category);

/// The end of the incident's supplement window: its occurrence (else its receipt) plus
/// supplement_days of its category.
Seconds supplement_deadline(const Office& office, const Incident& incident);

/// Records a supplementary report (补报) on a closed incident at `at` (default now) with changed
/// figures and a note (required); the fold applies the figures. FieldError (exit 2, nothing
/// written) for an open or voided incident, a missing note, a time in the future or before the
/// final report, or a time after the window (naming it).
Incident supplement_incident(Store& store, const Office& office, const std::string& id,
                             const IncidentFields& fields, std::optional<Seconds> at,
                             const Actor& actor);

}  // namespace duty::reports
