// SPDX-License-Identifier: Apache-2.0
// The SQLite store's schema: version 1 and the forward migrations, one per version.
#include <iterator>

#include "reports/journal/sqlite/sqlite_internal.hpp"

namespace duty::reports::sqlite_detail {

const char* const kSchemaV1 = R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  by TEXT NOT NULL,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX events_subject ON events(subject, seq);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  location TEXT NOT NULL,
  source TEXT NOT NULL,
  received_by TEXT NOT NULL,
  stated TEXT NOT NULL,
  graded TEXT NOT NULL,
  severity TEXT NOT NULL,
  occurred_at INTEGER,
  received_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  deaths INTEGER NOT NULL,
  injured INTEGER NOT NULL,
  seriously_injured INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  trapped INTEGER NOT NULL,
  loss REAL NOT NULL,
  closed INTEGER NOT NULL,
  closed_at INTEGER,
  followups INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX incidents_received ON incidents(received_at, id);
CREATE TABLE requirements (
  incident TEXT NOT NULL,
  org TEXT NOT NULL,
  via TEXT NOT NULL,
  arose_at INTEGER NOT NULL,
  due INTEGER NOT NULL,
  made_at INTEGER,
  made_seq INTEGER,
  basis TEXT NOT NULL,
  PRIMARY KEY (incident, org, via)
);
CREATE INDEX requirements_due ON requirements(due);
)sql";

// Version 2: pending items and leaders' instructions (a projection of their events, so handovers
// list the open ones without reading the chain), and indexes for the daily bulletin and the
// handover record: notes by time, incidents still open, incidents closed after a moment.
const char* const kMigrationV2 = R"sql(
CREATE TABLE pending (
  id TEXT PRIMARY KEY,
  instruction INTEGER NOT NULL,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  leader TEXT NOT NULL,
  incident TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  due INTEGER,
  done_at INTEGER,
  done_note TEXT NOT NULL,
  done_by TEXT NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE INDEX pending_created ON pending(created_at, id);
CREATE INDEX events_type_at ON events(type, at);
CREATE INDEX incidents_open ON incidents(received_at) WHERE closed = 0;
CREATE INDEX incidents_closed_at ON incidents(closed_at) WHERE closed = 1;
CREATE INDEX requirements_unmade ON requirements(arose_at) WHERE made_at IS NULL;
CREATE INDEX requirements_made_at ON requirements(made_at);
)sql";

// Version 3: the published roster (roster_record.hpp). Its events share the one hash chain; these
// tables are projections of them for fast queries (`duty who` is one indexed lookup).
const char* const kMigrationV3 = R"sql(
CREATE TABLE roster_shifts (
  date INTEGER PRIMARY KEY,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  day_type TEXT NOT NULL,
  holiday TEXT NOT NULL,
  assignments TEXT NOT NULL,
  slot_names TEXT NOT NULL,
  version INTEGER NOT NULL,
  changes INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE INDEX roster_shifts_start ON roster_shifts(start);
CREATE TABLE roster_people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  last_seq INTEGER NOT NULL
);
)sql";

// Version 4: incidents still open at a past moment (the handover record of an earlier shift) were
// found by scanning every incident closed since, reading each row; the index now holds what that
// test needs, so the scan stays in the index.
const char* const kMigrationV4 = R"sql(
DROP INDEX incidents_closed_at;
CREATE INDEX incidents_closed_at ON incidents(closed_at, received_at, id) WHERE closed = 1;
)sql";

// Version 5: the indexes of required reports fitted to the one query that reads them (the
// reports owed at a moment, `incident overdue`). The reports not made, in deadline order and
// holding every column it reads, so it reads them from this index alone in the order it prints
// them: no sort and no visit to the table per report (made_at, always NULL here, is in it only so
// that SQLite sees that). The reports made, by when, for looking back: reports not made are no
// longer entries of it. The index by deadline alone served only that query and goes. Together
// they keep an import of reports not yet made from writing index entries nobody reads.
const char* const kMigrationV5 = R"sql(
DROP INDEX requirements_unmade;
DROP INDEX requirements_due;
DROP INDEX requirements_made_at;
CREATE INDEX requirements_unmade_due ON requirements(due, incident, org, via, arose_at, basis, made_at)
  WHERE made_at IS NULL;
CREATE INDEX requirements_made ON requirements(made_at) WHERE made_at IS NOT NULL;
)sql";

// Version 6: the incident's free text (the description, the measures taken, the leaders at the
// scene) in its row, as the fold has them, so `incident list --format json` carries every field of
// `incident show` without reading any incident's events. A field's value is the one of the last
// event (in time, then chain order) that set it, as fold_incident applies them.
const char* const kMigrationV6 = R"sql(
ALTER TABLE incidents ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN actions TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN leaders_on_scene TEXT NOT NULL DEFAULT '';
UPDATE incidents SET
  description = coalesce((SELECT json_extract(e.data, '$.description') FROM events e
                          WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                            AND json_valid(e.data) AND json_type(e.data, '$.description') = 'text'
                          ORDER BY e.at DESC, e.seq DESC LIMIT 1), ''),
  actions = coalesce((SELECT json_extract(e.data, '$.actions') FROM events e
                      WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                        AND json_valid(e.data) AND json_type(e.data, '$.actions') = 'text'
                      ORDER BY e.at DESC, e.seq DESC LIMIT 1), ''),
  leaders_on_scene = coalesce((SELECT json_extract(e.data, '$.leaders_on_scene') FROM events e
                               WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                                 AND json_valid(e.data) AND json_type(e.data, '$.leaders_on_scene') = 'text'
                               ORDER BY e.at DESC, e.seq DESC LIMIT 1), '');
)sql";

// Version 7: the covers of part of a shift (roster cover --from --to) in the shift's row, one
// canonical JSON object a line (encode_partial_covers). No store before it holds such a cover.
const char* const kMigrationV7 = R"sql(
ALTER TABLE roster_shifts ADD COLUMN partial_covers TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: corrections (更正), supplements (补报) and voided entries (作废): an incident's row says
// whether it was voided and why, holds its corrections (encode_corrections) and counts its
// supplements; a pending item's row says whether it was voided. No store before it holds such an
// event, so the defaults are what the events give.
const char* const kMigrationV8 = R"sql(
ALTER TABLE incidents ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN corrections TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN supplements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pending ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pending ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
)sql";

// kMigrations[n - 1] takes a store from version n to n + 1.
const char* const kMigrations[] = {kMigrationV2, kMigrationV3, kMigrationV4, kMigrationV5,
                                   kMigrationV6, kMigrationV7, kMigrationV8};
const std::size_t kMigrationCount = std::size(kMigrations);
static_assert(std::size(kMigrations) + 1 == SqliteStore::kSchemaVersion, "one migration per schema version");

}  // namespace duty::reports::sqlite_detail
