// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace duty::reports {

namespace postgres {

class Connection;

/// The schema version this build reads and writes (PostgreSQL's own numbering, kept in
/// duty.meta); a database at another version is refused with what to run.
inline constexpr int kSchemaVersion = 1;

/// The advisory lock classes (the first key of pg_advisory_xact_lock): an office's chain (second
/// key hashtext(office)) and the schema itself (second key 0), "DUTY" and "DUTS" in ASCII.
inline constexpr int kOfficeLockClass = 0x44555459;
inline constexpr int kSchemaLockClass = 0x44555453;

/// The channel of pg_notify: its payload is the office whose log grew.
inline constexpr const char* kNotifyChannel = "duty_events";

/// UsageError when `office` cannot name an office in a shared database (empty, or not an office
/// id: valid_office_id in office.hpp).
void check_office_id(const std::string& office);

/// The office a command works for: `office_id` (office.yaml's office.id), else the database's own
/// setting duty.office (ALTER DATABASE ... SET duty.office = 'zeku', for a database of one office).
/// UsageError when neither names one.
std::string office_of(Connection& conn, const std::string& office_id);

/// What every command does on a fresh connection, in one round trip: sets lock_timeout (the busy
/// timeout) and, for a read-only command, default_transaction_read_only; finds the office
/// (office_of); checks the schema version and that the office is set up (and visible to this
/// role). Returns the office. StoreError saying what to run when the database is not ready (`duty
/// db init`, `duty db migrate`, a newer duty); UsageError when no office is named.
std::string prepare_session(Connection& conn, const std::string& office_id, bool read_only,
                            std::chrono::milliseconds busy_timeout);

}  // namespace postgres

/// Sets up `office_id` (when empty, the database's duty.office: office_of) in the database
/// `conninfo` names, as the database owner: creates the
/// schema `duty` (tables, row-level security, the append-only triggers) when absent; registers
/// the office; creates the NOLOGIN role duty_desk_<id> unless desk roles are given (or the office
/// already has some); records the roles as the office's desk or reader roles and grants what they
/// need (desks: SELECT and INSERT on events, everything on the office's projections; readers:
/// SELECT). One transaction. Idempotent: run again for a set-up office it changes nothing and says
/// so. Tells `log` (when given) what it did, a line each. UsageError for a bad office id or a role
/// that does not exist; StoreError when the server refuses (not the owner, no CREATEROLE, a schema
/// of another version).
void postgres_init(const std::string& conninfo, const std::string& office_id,
                   const std::vector<std::string>& desk_roles, const std::vector<std::string>& reader_roles,
                   std::ostream* log);

/// Moves the database's duty schema forward to this build's version, under the schema's advisory
/// lock, in one transaction; returns the version reached. StoreError when there is no schema (run
/// `duty db init`) or it is newer than this build.
int postgres_migrate(const std::string& conninfo, std::ostream* log = nullptr);

}  // namespace duty::reports
