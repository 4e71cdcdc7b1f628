// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "reports/incident.hpp"
#include "reports/office.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

/// Who is writing and the system clock at the time: recorded_at comes from here, never from input.
struct Actor {
  std::string by;
  Seconds now;
};

/// The most one text field may hold: 64 KiB.
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;
/// The most characters (not bytes: 泽 counts one) a title may hold.
inline constexpr std::size_t kMaxTitleCharacters = 500;

/// Checks text a person typed: valid UTF-8, at most kMaxTextBytes, no character that
/// forbidden_character refuses for `kind` (free text keeps tabs and line breaks; one-line fields
/// such as a place or a name do not). FieldError naming `field` and the character as U+XXXX
/// otherwise; an unset value passes.
void check_text(const char* field, const std::optional<std::string>& v, TextKind kind = TextKind::kMultiLine);

/// check_text for a title (one line), which is also not empty and at most kMaxTitleCharacters.
void check_title(const std::optional<std::string>& title);

/// An event of `type` about `subject` at `at`, recorded now by the actor (seq and hashes are set
/// when it is appended).
Event new_event(const char* type, const std::string& subject, Seconds at, const Actor& actor);

/// Fields of the incident model a command may set; unset ones are left as they are.
struct IncidentFields {
  std::optional<std::string> title;
  std::optional<std::string> category;
  std::optional<Severity> severity;
  std::optional<Seconds> occurred;
  std::optional<std::string> location;
  std::optional<std::string> source;
  std::optional<std::string> received_by;
  std::optional<int> deaths;
  std::optional<int> injured;
  std::optional<int> seriously_injured;
  std::optional<int> missing;
  std::optional<int> trapped;
  std::optional<double> loss;  ///< 万元
  std::optional<std::string> actions;
  std::optional<std::string> leaders_on_scene;  ///< leaders at the scene (领导到位情况)
  std::optional<std::string> note;  ///< description on add; the follow-up or final text otherwise
  std::optional<std::string> next_steps;  ///< the final report's 下一步工作 (close only)
};

/// Checks every field against the office (known category, figures in range, text allowed):
/// FieldError naming the field on the first problem.
void validate_fields(const Office& office, const IncidentFields& fields);

/// The payload keys of the fields that are set (the free text under `note_key`).
Fields incident_payload(const IncidentFields& fields, const char* note_key);

/// The events of incident `id` in chain order; FieldError("id") when there is no such incident.
std::vector<Event> incident_history(StoreTransaction& tx, const std::string& id);

/// FieldError("id") naming when and why the incident was voided, when it was.
void check_not_voided(const Incident& incident, const Office& office);

/// A new incident (首报 received): `received` defaults to the actor's now.
struct NewIncident {
  IncidentFields fields;
  std::optional<Seconds> received;
};

/// Checks a new incident against the office and the clock without writing anything: FieldError
/// naming the field on the first problem (add_incident calls it too).
void validate_new_incident(const Office& office, const NewIncident& in, const Actor& actor);

/// Records a new incident and returns it with its id (YYYY-NNNN by the received date in the
/// office's zone, never reused). FieldError (exit 2, nothing written) for an unknown category,
/// negative figures, a received time in the future or before the occurrence.
Incident add_incident(Store& store, const Office& office, const NewIncident& in, const Actor& actor);

/// Records a follow-up (续报 n) at `at` (default now). FieldError for an unknown id, a closed
/// incident, bad fields, or a time in the future or before the incident was received.
Incident update_incident(Store& store, const Office& office, const std::string& id,
                         const IncidentFields& change, std::optional<Seconds> at, const Actor& actor);

/// Records that the incident was reported to `to` via `via` at `at` (default now); allowed after
/// closing, so a missed report can still be recorded, late. `before_commit`, when given, runs
/// inside the same transaction once the escalation is recorded (a bulletin is written out there):
/// when it throws, nothing is recorded.
Incident escalate_incident(Store& store, const Office& office, const std::string& id, const std::string& to,
                           Channel via, std::optional<Seconds> at, const std::string& note, const Actor& actor,
                           const std::function<void(const Incident&)>& before_commit = {});

/// Records the final report (终报) with final figures; no updates are accepted afterwards.
Incident close_incident(Store& store, const Office& office, const std::string& id,
                        const IncidentFields& final_fields, std::optional<Seconds> at, const Actor& actor);

/// The incident with its whole timeline and requirements; FieldError("id") when there is none.
Incident load_incident(Store& store, const Office& office, const std::string& id);

/// One incident of an import file, with where it was read from for messages.
struct ImportRecord {
  NewIncident incident;
  struct Escalation {
    std::string to;
    Channel via = Channel::kPhone;
    Seconds at;
    std::string note;
  };
  struct Update {
    Seconds at;
    IncidentFields fields;
  };
  std::vector<Update> updates;
  std::vector<Escalation> escalations;
  std::optional<Seconds> closed_at;
  IncidentFields closed_fields;  ///< final figures and the final note
  SourcePos pos;
  /// A problem was reported while the record was read (at its place): the record is not checked
  /// again, which would only add "title: is required" for a title that was refused.
  bool reported = false;
};

/// Checks one record of an import (fields, and the times of follow-ups, escalations and the final
/// report), adding a diagnostic at the record's position when there is a problem.
void check_import_record(const ImportRecord& record, const Office& office, const Actor& actor,
                         DiagnosticSink& sink);

/// check_import_record for every record.
void check_import(const std::vector<ImportRecord>& records, const Office& office, const Actor& actor,
                  DiagnosticSink& sink);

/// Records every incident of an import in one transaction: all or nothing. Problems in any
/// record are collected and thrown together as InputError at each record's position.
std::vector<std::string> import_incidents(Store& store, const Office& office,
                                          const std::vector<ImportRecord>& records, const Actor& actor);

class ImportReader;

/// What a streamed import recorded: how many incidents and the first and last id.
struct ImportResult {
  std::size_t count = 0;
  std::string first;
  std::string last;
};

/// Imports every record `reader` yields in one transaction, all or nothing, holding one record at a
/// time: each is checked as it is read and written while nothing has been wrong. Every problem in
/// the file (the reader's and the checks') is collected in `sink` and thrown together as
/// InputError, which rolls back whatever was written. `open_store` is called when the first record
/// is to be written, so that a file wrong from its first record leaves the store unopened.
ImportResult import_incidents(ImportReader& reader, const Office& office, const Actor& actor,
                              DiagnosticSink& sink, const std::function<Store&()>& open_store);

}  // namespace duty::reports
