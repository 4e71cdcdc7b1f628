// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/schema.hpp"

#include <array>
#include <ostream>

#include "common/i18n.hpp"
#include "reports/journal/postgres/connection.hpp"
#include "reports/office.hpp"

namespace duty::reports {

namespace postgres {

namespace {

// Version 1. One schema for every office of the database: each table keyed by office first. Text
// is compared byte by byte (COLLATE "C"), as SQLite does, so listings come in the same order; the
// events' columns are text and bigint, so payloads and hashes come back byte for byte.
const char* kSchemaV1 = R"sql(
CREATE SCHEMA duty;
CREATE TABLE duty.meta (version integer NOT NULL);
CREATE TABLE duty.offices (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE duty.office_roles (
  office text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL,
  access text COLLATE "C" NOT NULL CHECK (access IN ('desk', 'reader')),
  PRIMARY KEY (office, role)
);
CREATE TABLE duty.events (
  office text COLLATE "C" NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  type text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  recorded_at bigint NOT NULL,
  by text COLLATE "C" NOT NULL,
  data text COLLATE "C" NOT NULL,
  prev_hash text COLLATE "C" NOT NULL,
  hash text COLLATE "C" NOT NULL,
  PRIMARY KEY (office, seq),
  UNIQUE (office, prev_hash)
);
CREATE INDEX events_subject ON duty.events (office, subject, seq);
CREATE INDEX events_type_at ON duty.events (office, type, at);
CREATE TABLE duty.incidents (
  office text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  year bigint NOT NULL,
  number bigint NOT NULL,
  title text COLLATE "C" NOT NULL,
  category text COLLATE "C" NOT NULL,
  location text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,
  received_by text COLLATE "C" NOT NULL,
  stated text COLLATE "C" NOT NULL,
  graded text COLLATE "C" NOT NULL,
  severity text COLLATE "C" NOT NULL,
  occurred_at bigint,
  received_at bigint NOT NULL,
  recorded_at bigint NOT NULL,
  deaths bigint NOT NULL,
  injured bigint NOT NULL,
  seriously_injured bigint NOT NULL,
  missing bigint NOT NULL,
  trapped bigint NOT NULL,
  loss double precision NOT NULL,
  closed bigint NOT NULL,
  closed_at bigint,
  followups bigint NOT NULL,
  last_seq bigint NOT NULL,
  description text COLLATE "C" NOT NULL,
  actions text COLLATE "C" NOT NULL,
  leaders_on_scene text COLLATE "C" NOT NULL,
  voided bigint NOT NULL,
  void_reason text COLLATE "C" NOT NULL,
  corrections text COLLATE "C" NOT NULL,
  supplements bigint NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, year, number)
);
CREATE INDEX incidents_received ON duty.incidents (office, received_at, id);
CREATE INDEX incidents_open ON duty.incidents (office, received_at) WHERE closed = 0;
CREATE INDEX incidents_closed_at ON duty.incidents (office, closed_at, received_at, id) WHERE closed = 1;
-- ord: the report's place in its incident's list, which SQLite keeps as rowid order: reports due
-- at the same moment are listed in the order the rules made them in.
CREATE TABLE duty.requirements (
  office text COLLATE "C" NOT NULL,
  incident text COLLATE "C" NOT NULL,
  org text COLLATE "C" NOT NULL,
  via text COLLATE "C" NOT NULL,
  arose_at bigint NOT NULL,
  due bigint NOT NULL,
  made_at bigint,
  made_seq bigint,
  basis text COLLATE "C" NOT NULL,
  ord bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (office, incident, org, via)
);
CREATE INDEX requirements_unmade_due ON duty.requirements (office, due, incident, ord)
  INCLUDE (org, via, arose_at, basis) WHERE made_at IS NULL;
CREATE INDEX requirements_made ON duty.requirements (office, made_at) WHERE made_at IS NOT NULL;
CREATE TABLE duty.pending (
  office text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  instruction bigint NOT NULL,
  number bigint NOT NULL,
  text text COLLATE "C" NOT NULL,
  owner text COLLATE "C" NOT NULL,
  leader text COLLATE "C" NOT NULL,
  incident text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  due bigint,
  done_at bigint,
  done_note text COLLATE "C" NOT NULL,
  done_by text COLLATE "C" NOT NULL,
  last_seq bigint NOT NULL,
  voided bigint NOT NULL,
  void_reason text COLLATE "C" NOT NULL,
  PRIMARY KEY (office, id)
);
CREATE INDEX pending_created ON duty.pending (office, created_at, id);
CREATE TABLE duty.roster_shifts (
  office text COLLATE "C" NOT NULL,
  date bigint NOT NULL,
  start bigint NOT NULL,
  "end" bigint NOT NULL,
  day_type text COLLATE "C" NOT NULL,
  holiday text COLLATE "C" NOT NULL,
  assignments text COLLATE "C" NOT NULL,
  slot_names text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  changes bigint NOT NULL,
  last_seq bigint NOT NULL,
  partial_covers text COLLATE "C" NOT NULL,
  PRIMARY KEY (office, date)
);
CREATE INDEX roster_shifts_start ON duty.roster_shifts (office, start);
CREATE TABLE duty.roster_people (
  office text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  phone text COLLATE "C" NOT NULL,
  last_seq bigint NOT NULL,
  PRIMARY KEY (office, id)
);

-- Row-level security, as a second line behind the queries' own office filters: the schema's owner
-- sees every office; members of an office's desk roles read and append to its events and write its
-- projections; members of its reader roles read them. Both functions run once per statement (the
-- policies call them through a sub-select).
CREATE FUNCTION duty.is_owner() RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_has_role((SELECT nspowner FROM pg_namespace WHERE nspname = 'duty'), 'MEMBER')
$$;
CREATE FUNCTION duty.my_offices(writing boolean) RETURNS text[] LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(DISTINCT r.office), '{}') FROM duty.office_roles r
   WHERE (r.access = 'desk' OR NOT writing)
     AND EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = r.role AND pg_has_role(g.oid, 'MEMBER'))
$$;
ALTER TABLE duty.office_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE duty.office_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON duty.office_roles USING ((SELECT duty.is_owner())) WITH CHECK ((SELECT duty.is_owner()));
CREATE POLICY member_read ON duty.office_roles FOR SELECT
  USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname = role AND pg_catalog.pg_has_role(g.oid, 'MEMBER')));
ALTER TABLE duty.offices ENABLE ROW LEVEL SECURITY;
ALTER TABLE duty.offices FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON duty.offices USING ((SELECT duty.is_owner())) WITH CHECK ((SELECT duty.is_owner()));
CREATE POLICY office_read ON duty.offices FOR SELECT USING (id = ANY ((SELECT duty.my_offices(false))::text[]));

-- The log is append-only for everyone, superusers included (and in replica mode too).
CREATE FUNCTION duty.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'duty.events is append-only: % refused', TG_OP
    USING HINT = 'events are never changed or removed; a correction is a new event';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON duty.events
  FOR EACH ROW EXECUTE FUNCTION duty.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON duty.events
  FOR EACH STATEMENT EXECUTE FUNCTION duty.refuse_change();
ALTER TABLE duty.events ENABLE ALWAYS TRIGGER events_append_only;
ALTER TABLE duty.events ENABLE ALWAYS TRIGGER events_no_truncate;
)sql";

// The tables with an office column besides office_roles, and whether desks write them whole
// (projections) or only append (events).
struct OfficeTable {
  const char* name;
  bool projection;
};
constexpr OfficeTable kOfficeTables[] = {{"events", false},       {"incidents", true},     {"requirements", true},
                                         {"pending", true},       {"roster_shifts", true}, {"roster_people", true}};

std::string policies_sql() {
  std::string sql;
  for (const auto& t : kOfficeTables) {
    const std::string name = std::string("duty.") + t.name;
    sql += "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY;\n";
    sql += "ALTER TABLE " + name + " FORCE ROW LEVEL SECURITY;\n";
    sql += "CREATE POLICY owner_all ON " + name +
           " USING ((SELECT duty.is_owner())) WITH CHECK ((SELECT duty.is_owner()));\n";
    sql += "CREATE POLICY office_read ON " + name +
           " FOR SELECT USING (office = ANY ((SELECT duty.my_offices(false))::text[]));\n";
    const char* desk = "office = ANY ((SELECT duty.my_offices(true))::text[])";
    if (t.projection) {
      sql += "CREATE POLICY desk_write ON " + name + " USING (" + desk + ") WITH CHECK (" + desk + ");\n";
    } else {
      sql += "CREATE POLICY desk_append ON " + name + " FOR INSERT WITH CHECK (" + desk + ");\n";
    }
  }
  return sql;
}

// kMigrations[n - 1] takes a database from version n to n + 1 (none yet).
constexpr std::array<const char*, kSchemaVersion - 1> kMigrations{};

std::string lock_sql(Connection& conn, int key_class, const std::string& office) {
  return "SELECT pg_advisory_xact_lock(" + std::to_string(key_class) + ", " +
         (office.empty() ? std::string("0") : "hashtext(" + conn.literal(office) + ")") + ")";
}

// The schema version in the database; 0 when there is no duty schema.
int schema_version(Connection& conn) {
  // Two statements: one naming duty.meta fails to parse where there is no such table.
  if (conn.exec("SELECT to_regclass('duty.meta') IS NULL", N_("reading the schema version")).view(0, 0) == "t") {
    return 0;
  }
  return static_cast<int>(conn.exec("SELECT version FROM duty.meta", N_("reading the schema version")).integer(0, 0));
}

[[noreturn]] void wrong_version(const Connection& conn, int version) {
  if (version < kSchemaVersion) {
    throw StoreError(trf("{0} holds duty's schema version {1}, older than this duty's {2}; run 'duty db migrate' "
                         "(as the database owner) to bring it forward",
                         conn.describe(), version, kSchemaVersion));
  }
  throw StoreError(trf("{0} holds duty's schema version {1}, newer than this duty's {2}; upgrade duty to use it",
                       conn.describe(), version, kSchemaVersion));
}


}  // namespace

std::string office_of(Connection& conn, const std::string& office_id) {
  std::string office = office_id;
  if (office.empty()) {
    office = conn.exec("SELECT coalesce(current_setting('duty.office', true), '')", N_("opening the office's log"))
                 .text(0, 0);
  }
  check_office_id(office);
  return office;
}

void check_office_id(const std::string& office) {
  if (office.empty()) {
    throw UsageError(tr("a PostgreSQL database holds the logs of several offices: set office.id in office.yaml "
                        "(a short stable id, e.g. zeku) to say which is this office's (or, for a database of one "
                        "office, ALTER DATABASE ... SET duty.office = 'zeku')"));
  }
  if (!valid_office_id(office)) {
    throw UsageError(trf("office.id '{0}' cannot name an office in a shared database: use 1 to 32 lower-case "
                         "letters, digits, '-' or '_', starting with a letter (e.g. zeku)",
                         office));
  }
}

std::string prepare_session(Connection& conn, const std::string& office_id, bool read_only,
                            std::chrono::milliseconds busy_timeout) {
  // lock_timeout 0 would wait for ever; a busy timeout of 0 means not to wait.
  const long long ms = std::max<long long>(1, busy_timeout.count());
  Params p;
  p.text(office_id).text(std::to_string(ms)).text(read_only ? "on" : "off");
  Result r;
  try {
    r = conn.exec("SELECT set_config('lock_timeout', $2, false), "
                  "set_config('default_transaction_read_only', $3, false), "
                  "(SELECT version FROM duty.meta), o.id, EXISTS (SELECT 1 FROM duty.offices WHERE id = o.id), "
                  "current_setting('server_encoding') "
                  "FROM (SELECT coalesce(nullif($1, ''), current_setting('duty.office', true), '') AS id) o",
                  p, N_("opening the office's log"));
  } catch (const ServerError& e) {
    // No schema, or none this role may see.
    if (e.sqlstate() == "42P01" || e.sqlstate() == "3F000") {
      throw StoreError(trf("{0} has no duty schema; the database owner creates it with 'duty db init'",
                           conn.describe()));
    }
    throw;
  }
  const std::string office = r.text(0, 3);
  check_office_id(office);
  const int version = static_cast<int>(r.integer(0, 2));
  if (version != kSchemaVersion) wrong_version(conn, version);
  if (r.view(0, 5) != "UTF8") {
    throw StoreError(trf("{0} uses the encoding {1}; duty needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8')",
                         conn.describe(), r.view(0, 5)));
  }
  if (r.view(0, 4) != "t") {
    throw StoreError(trf("office '{0}' is not set up in {1} (or this role is none of its desk or reader roles); "
                         "the database owner sets it up with 'duty db init'",
                         office, conn.describe()));
  }
  return office;
}

}  // namespace postgres

using postgres::Connection;
using postgres::Params;
using postgres::Result;

void postgres_init(const std::string& conninfo, const std::string& office_given,
                   const std::vector<std::string>& desk_roles, const std::vector<std::string>& reader_roles,
                   std::ostream* log) {
  if (!office_given.empty()) postgres::check_office_id(office_given);
  Connection conn(conninfo);
  const std::string office_id = postgres::office_of(conn, office_given);
  const char* doing = N_("setting up the office in the database");
  // Said once committed: a failure later in the transaction undoes everything before it.
  std::vector<std::string> said;
  auto say = [&](std::ostream*, std::string line) { said.push_back(std::move(line)); };
  conn.exec("BEGIN", doing);
  try {
    conn.exec(postgres::lock_sql(conn, postgres::kSchemaLockClass, ""), doing);
    Result enc = conn.exec("SELECT current_setting('server_encoding')", doing);
    if (enc.view(0, 0) != "UTF8") {
      throw StoreError(trf("{0} uses the encoding {1}; duty needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8')",
                           conn.describe(), enc.view(0, 0)));
    }
    bool changed = false;
    int version = postgres::schema_version(conn);
    if (version == 0) {
      conn.exec(std::string(postgres::kSchemaV1) + postgres::policies_sql() +
                    "INSERT INTO duty.meta (version) VALUES (" + std::to_string(postgres::kSchemaVersion) + ");",
                doing);
      say(log, trf("created the duty schema (version {0}) in {1}", postgres::kSchemaVersion, conn.describe()));
      changed = true;
    } else if (version != postgres::kSchemaVersion) {
      postgres::wrong_version(conn, version);
    }
    Result office = conn.exec("INSERT INTO duty.offices (id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id",
                              Params().text(office_id), doing);
    if (office.rows() > 0) {
      say(log, trf("set up office '{0}'", office_id));
      changed = true;
    }
    auto role_exists = [&](const std::string& role) {
      return conn.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", Params().text(role), doing).rows() > 0;
    };
    std::vector<std::string> desks = desk_roles;
    if (desks.empty()) {
      Result have = conn.exec("SELECT 1 FROM duty.office_roles WHERE office = $1 AND access = 'desk'",
                              Params().text(office_id), doing);
      if (have.rows() == 0) {
        std::string role = "duty_desk_" + office_id;
        if (!role_exists(role)) {
          conn.exec("CREATE ROLE " + conn.identifier(role) + " NOLOGIN", doing);
          say(log, trf("created role {0} (NOLOGIN); give it to the desks' login roles with GRANT {0} TO name",
                       role));
          changed = true;
        }
        desks.push_back(role);
      }
    }
    auto add = [&](const std::string& role, const char* access) {
      if (!role_exists(role)) {
        throw UsageError(trf("role '{0}' does not exist in {1}; create it first (createuser {0}) or leave out "
                             "--{2}-role",
                             role, conn.describe(), access));
      }
      Result before = conn.exec("SELECT access FROM duty.office_roles WHERE office = $1 AND role = $2",
                                Params().text(office_id).text(role), doing);
      if (before.rows() > 0 && before.view(0, 0) == access) return;
      conn.exec("INSERT INTO duty.office_roles (office, role, access) VALUES ($1, $2, $3) "
                "ON CONFLICT (office, role) DO UPDATE SET access = EXCLUDED.access",
                Params().text(office_id).text(role).text(access), doing);
      const std::string q = conn.identifier(role);
      // Grants are per table, for every office; row-level security keeps each role to its offices.
      std::string grants = "GRANT USAGE ON SCHEMA duty TO " + q + ";" +
                           "GRANT SELECT ON ALL TABLES IN SCHEMA duty TO " + q + ";";
      if (std::string_view(access) == "desk") {
        grants += "GRANT INSERT ON duty.events TO " + q + ";";
        grants += "GRANT INSERT, UPDATE, DELETE ON duty.incidents, duty.requirements, duty.pending, "
                  "duty.roster_shifts, duty.roster_people TO " +
                  q + ";";
      }
      conn.exec(grants, doing);
      say(log, std::string_view(access) == "desk"
                   ? trf("{0} is a desk role of office '{1}': it reads the office's log and appends to it", role,
                         office_id)
                   : trf("{0} is a reader role of office '{1}': it reads the office's log", role, office_id));
      changed = true;
    };
    for (const auto& role : desks) add(role, "desk");
    for (const auto& role : reader_roles) add(role, "reader");
    conn.exec("COMMIT", doing);
    if (!changed) said.push_back(trf("office '{0}' is already set up in {1}; nothing changed", office_id, conn.describe()));
    if (log) {
      for (const auto& line : said) *log << line << '\n';
    }
  } catch (...) {
    if (conn.ok()) {
      try {
        conn.exec("ROLLBACK", doing);
      } catch (...) {
      }
    }
    throw;
  }
}

int postgres_migrate(const std::string& conninfo, std::ostream* log) {
  Connection conn(conninfo);
  const char* doing = N_("moving the duty schema forward");
  conn.exec("BEGIN", doing);
  try {
    conn.exec(postgres::lock_sql(conn, postgres::kSchemaLockClass, ""), doing);
    int version = postgres::schema_version(conn);
    if (version == 0) {
      throw StoreError(trf("{0} has no duty schema; the database owner creates it with 'duty db init'",
                           conn.describe()));
    }
    if (version > postgres::kSchemaVersion) postgres::wrong_version(conn, version);
    const int from = version;
    for (; version < postgres::kSchemaVersion; ++version) {
      conn.exec(postgres::kMigrations[static_cast<std::size_t>(version - 1)], doing);
    }
    conn.exec("UPDATE duty.meta SET version = " + std::to_string(version), doing);
    conn.exec("COMMIT", doing);
    if (log) *log << (from == version
                 ? trf("the duty schema in {0} is at version {1}; nothing to do", conn.describe(), version)
                 : trf("moved the duty schema in {0} from version {1} to {2}", conn.describe(), from, version))
                 << '\n';
    return version;
  } catch (...) {
    if (conn.ok()) {
      try {
        conn.exec("ROLLBACK", doing);
      } catch (...) {
      }
    }
    throw;
  }
}

}  // namespace duty::reports
