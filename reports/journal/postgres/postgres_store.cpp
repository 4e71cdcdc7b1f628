// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/postgres_store.hpp"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <thread>

#include "common/i18n.hpp"
#include "reports/journal/postgres/connection.hpp"
#include "reports/journal/postgres/libpq.hpp"
#include "reports/journal/postgres/registers.hpp"

namespace duty::reports {

namespace postgres {

namespace {

const char* kEventColumns = "seq, type, subject, at, recorded_at, by, data, prev_hash, hash";

// Rows read per statement when walking the whole log: each chunk is one indexed range, and the
// connection is free between chunks for whatever the caller does with the events.
constexpr int kChunk = 10000;

// A transaction is run again after these (serialization failure, deadlock, a unique key taken
// meanwhile), at most kAttempts times in all.
constexpr int kAttempts = 5;
bool retryable(const std::string& sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "23505";
}

void read_event_into(const Result& r, int row, bool parse_data, Event& e) {
  e.seq = r.integer(row, 0);
  e.type.assign(r.view(row, 1));
  e.subject.assign(r.view(row, 2));
  e.at = Seconds{std::chrono::seconds{r.integer(row, 3)}};
  e.recorded_at = Seconds{std::chrono::seconds{r.integer(row, 4)}};
  e.by.assign(r.view(row, 5));
  e.payload.assign(r.view(row, 6));
  if (parse_data) e.data = parse_fields_json(e.payload);
  e.prev_hash.assign(r.view(row, 7));
  e.hash.assign(r.view(row, 8));
}

std::vector<Event> read_events(const Result& r) {
  std::vector<Event> out(static_cast<std::size_t>(r.rows()));
  for (int row = 0; row < r.rows(); ++row) read_event_into(r, row, true, out[static_cast<std::size_t>(row)]);
  return out;
}

void copy_integer(std::string& line, long long v) { copy_field(line, Value{v}); }

}  // namespace

class PgTransaction : public StoreTransaction {
 public:
  explicit PgTransaction(PostgresStore& store)
      : store_(store),
        conn_(*store.conn_),
        office_(store.office_),
        writer_(conn_, office_),
        incidents_(conn_, office_, writer_),
        pending_(conn_, office_, writer_),
        roster_(conn_, office_, writer_) {
    // Rows saved in a batch are written before anything else runs, so every read sees them.
    conn_.set_before_statement([this] { writer_.flush(); });
  }
  ~PgTransaction() override { conn_.set_before_statement({}); }
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;

  std::vector<Event> events(const std::string& subject) override { return store_.events(subject); }

  std::vector<Event> events_of_type(const std::string& type) override {
    return store_.events_of_type(type, Seconds::min(), Seconds::max());
  }

  std::optional<Event> event_at(std::int64_t seq) override {
    Result r = conn_.exec_prepared(std::string("SELECT ") + kEventColumns +
                                       " FROM duty.events WHERE office = $1 AND seq = $2",
                                   Params().text(office_).integer(seq), N_("reading the log"));
    if (r.rows() == 0) return std::nullopt;
    Event e;
    read_event_into(r, 0, true, e);
    return e;
  }

  Event append(Event e) override {
    load_head();
    e.seq = head_seq_ + 1;
    e.prev_hash = head_hash_;
    e.payload = fields_json(e.data);
    e.hash = hasher_.hash(e.prev_hash, e);
    conn_.exec_prepared(
        "INSERT INTO duty.events (office, seq, type, subject, at, recorded_at, by, data, prev_hash, hash) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        Params()
            .text(office_)
            .integer(e.seq)
            .text(e.type)
            .text(e.subject)
            .time(e.at)
            .time(e.recorded_at)
            .text(e.by)
            .text(e.payload)
            .text(e.prev_hash)
            .text(e.hash),
        N_("appending to the log"));
    head_seq_ = e.seq;
    head_hash_ = e.hash;
    appended_ = true;
    return e;
  }

  void append_copied(const Event& e) override {
    load_head();
    if (e.seq <= head_seq_) {
      throw StoreError(trf("{0} already holds event {1}; a whole log is copied only into an empty one",
                           store_.location(), e.seq));
    }
    writer_.start_batch();
    copied_ = true;
    ++copied_events_;
    // One COPY for the events, kept open while only events come; any other statement ends it.
    if (!conn_.copying()) {
      conn_.copy_begin("COPY duty.events (office, seq, type, subject, at, recorded_at, by, data, prev_hash, hash) "
                       "FROM STDIN",
                       N_("copying events"));
    }
    std::string& line = conn_.copy_buffer();
    copy_text(line, office_);
    line += '\t';
    copy_integer(line, e.seq);
    line += '\t';
    copy_text(line, e.type);
    line += '\t';
    copy_text(line, e.subject);
    line += '\t';
    copy_integer(line, static_cast<long long>(e.at.time_since_epoch().count()));
    line += '\t';
    copy_integer(line, static_cast<long long>(e.recorded_at.time_since_epoch().count()));
    line += '\t';
    copy_text(line, e.by);
    line += '\t';
    copy_text(line, e.payload.empty() ? fields_json(e.data) : e.payload);
    line += '\t';
    copy_text(line, e.prev_hash);
    line += '\t';
    copy_text(line, e.hash);
    line += '\n';
    conn_.copy_sent();
    head_seq_ = e.seq;
    head_hash_ = e.hash;
    appended_ = true;
  }

  void clear_projections() override {
    writer_.discard();
    const std::string office = conn_.literal(office_);
    std::string sql;
    for (Projection p : kProjections) {
      sql += "DELETE FROM duty." + std::string(projection_table(p).name) + " WHERE office = " + office + ";";
    }
    conn_.exec(sql, N_("emptying the projection tables"));
    incidents_.forget();
  }

  IncidentRows& incidents() override { return incidents_; }
  PendingRows& pending() override { return pending_; }
  RosterRows& roster() override { return roster_; }

  /// Sends what is buffered; the transaction is ready to commit.
  void finish() {
    writer_.flush();
    conn_.copy_end();
    // After a bulk write the planner's statistics would describe the tables as they were (empty,
    // for a copy) until autovacuum came by; the owner refreshes them now (for anyone else ANALYZE
    // only warns, which nobody sees).
    constexpr std::size_t kAnalyzeAfter = 10000;
    if (copied_events_ + writer_.batched_rows() >= kAnalyzeAfter) {
      conn_.exec("ANALYZE duty.events, duty.incidents, duty.requirements, duty.pending, duty.roster_shifts, "
                 "duty.roster_people",
                 N_("updating the planner's statistics"));
    }
  }
  bool appended() const { return appended_; }
  bool copied() const { return copied_; }

 private:
  void load_head() {
    if (head_loaded_) return;
    // Read under the office's lock, in a statement of its own: READ COMMITTED gives it a snapshot
    // taken after the lock, so it sees the last desk's commit.
    Result r = conn_.exec("SELECT seq, hash FROM duty.events WHERE office = $1 ORDER BY seq DESC LIMIT 1",
                          Params().text(office_), N_("reading the head of the log"));
    if (r.rows() > 0) {
      head_seq_ = r.integer(0, 0);
      head_hash_ = r.text(0, 1);
    }
    head_loaded_ = true;
  }

  PostgresStore& store_;
  Connection& conn_;
  const std::string& office_;
  ProjectionWriter writer_;
  PgIncidentRows incidents_;
  PgPendingRows pending_;
  PgRosterRows roster_;
  bool head_loaded_ = false;
  std::int64_t head_seq_ = 0;
  std::string head_hash_ = kGenesisHash;
  bool appended_ = false;
  bool copied_ = false;
  std::size_t copied_events_ = 0;
  ChainHasher hasher_;
};

}  // namespace postgres

using postgres::Connection;
using postgres::Params;
using postgres::Result;

PostgresStore::PostgresStore(const std::string& conninfo, const std::string& office_id, StoreAccess access,
                             std::chrono::milliseconds busy_timeout)
    : office_(office_id), access_(access) {
  postgres::check_location(conninfo);
  if (!office_id.empty()) postgres::check_office_id(office_id);
  conn_ = std::make_unique<Connection>(conninfo);
  office_ = postgres::prepare_session(*conn_, office_id, access == StoreAccess::kReadOnly, busy_timeout);
  incidents_ = std::make_unique<postgres::PgIncidentIndex>(*conn_, office_);
  pending_ = std::make_unique<postgres::PgPendingIndex>(*conn_, office_);
  roster_ = std::make_unique<postgres::PgRosterIndex>(*conn_, office_);
}

PostgresStore::~PostgresStore() = default;

std::string PostgresStore::location() const { return trf("{0}, office {1}", conn_->describe(), office_); }

void PostgresStore::rollback() {
  conn_->copy_abort();
  in_transaction_ = false;
  if (!conn_->ok()) return;
  try {
    conn_->exec("ROLLBACK", N_("rolling back"));
  } catch (const Error&) {
    // The server ends a transaction whose connection fails; nothing more to undo.
  }
}

void PostgresStore::write(const std::function<void(StoreTransaction&)>& fn) {
  if (access_ != StoreAccess::kReadWrite) throw StoreError("internal: the store was opened read-only");
  if (in_transaction_) throw StoreError("internal: a write inside another transaction");
  const std::string begin = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
                            std::to_string(postgres::kOfficeLockClass) + ", hashtext(" + conn_->literal(office_) +
                            "))";
  const std::string notify =
      "SELECT pg_notify(" + conn_->literal(postgres::kNotifyChannel) + ", " + conn_->literal(office_) + "); ";
  std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    bool committing = false;
    bool copied = false;
    try {
      conn_->exec(begin, N_("waiting for the office's log"));
      in_transaction_ = true;
      {
        postgres::PgTransaction tx(*this);
        try {
          run_prelude(tx);
          fn(tx);
          tx.finish();
        } catch (...) {
          copied = tx.copied();
          throw;
        }
        copied = tx.copied();
        committing = true;
        conn_->exec((tx.appended() ? notify : std::string()) + "COMMIT", N_("committing"));
      }
      in_transaction_ = false;
      return;
    } catch (const postgres::ServerError& e) {
      rollback();
      if (!postgres::retryable(e.sqlstate())) throw;
      // A copy is never run twice: its rows were the problem, not another desk.
      if (copied && e.sqlstate() == "23505") {
        throw StoreError(trf("{0} already holds events that the copy would add ({1}); a whole log is copied only "
                             "into an empty one",
                             location(), e.what()));
      }
      if (copied) throw;
      if (attempt == postgres::kAttempts) {
        throw StoreError(trf("could not write to {0}: {1} attempts in a row met other desks' writes ({2}); run the "
                             "command again",
                             location(), postgres::kAttempts, e.what()));
      }
      std::uniform_int_distribution<int> ms(5, 20 * attempt);
      std::this_thread::sleep_for(std::chrono::milliseconds{ms(jitter)});
    } catch (const StoreError&) {
      const bool lost = !conn_->ok();
      rollback();
      if (committing && lost) {
        throw StoreError(trf("lost the connection to the database server ({0}) while committing: the change may "
                             "or may not have been recorded. Look (a listing, 'duty log verify') before entering "
                             "it again",
                             conn_->describe()));
      }
      throw;
    } catch (...) {
      rollback();
      throw;
    }
  }
}

void PostgresStore::read(const std::function<void()>& fn) {
  if (in_transaction_) {
    fn();
    return;
  }
  conn_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", N_("reading the office's log"));
  in_transaction_ = true;
  try {
    fn();
    conn_->exec("COMMIT", N_("reading the office's log"));
    in_transaction_ = false;
  } catch (...) {
    rollback();
    throw;
  }
}

std::vector<Event> PostgresStore::events(const std::string& subject) {
  Result r = conn_->exec_prepared(std::string("SELECT ") + postgres::kEventColumns +
                                      " FROM duty.events WHERE office = $1 AND subject = $2 ORDER BY seq",
                                  Params().text(office_).text(subject), N_("reading the log"));
  return postgres::read_events(r);
}

void PostgresStore::for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data,
                                   std::int64_t after) {
  const std::string sql = std::string("SELECT ") + postgres::kEventColumns +
                          " FROM duty.events WHERE office = $1 AND seq > $2 ORDER BY seq LIMIT " +
                          std::to_string(postgres::kChunk);
  // One Event reused for the whole walk: verifying 500,000 events should not allocate 500,000 times.
  Event e;
  for (;;) {
    Result r = conn_->exec_prepared(sql, Params().text(office_).integer(after), N_("reading the log"));
    for (int row = 0; row < r.rows(); ++row) {
      postgres::read_event_into(r, row, parse_data, e);
      after = e.seq;
      if (!fn(e)) return;
    }
    if (r.rows() < postgres::kChunk) return;
  }
}

std::vector<Event> PostgresStore::events_of_type(const std::string& type, Seconds from, Seconds to) {
  Result r = conn_->exec_prepared(
      std::string("SELECT ") + postgres::kEventColumns +
          " FROM duty.events WHERE office = $1 AND type = $2 AND at >= $3 AND at < $4 ORDER BY at, seq",
      Params().text(office_).text(type).time(from).time(to), N_("reading the log"));
  return postgres::read_events(r);
}

void PostgresStore::for_each_event_by_subject(const std::function<bool(const Event&)>& fn) {
  // The index by (office, subject, seq) gives this order without a sort, a chunk at a time.
  const std::string sql = std::string("SELECT ") + postgres::kEventColumns +
                          " FROM duty.events WHERE office = $1 AND (office, subject, seq) > ($1, $2, $3) "
                          "ORDER BY office, subject, seq LIMIT " +
                          std::to_string(postgres::kChunk);
  std::string subject;
  std::int64_t seq = 0;
  Event e;
  for (;;) {
    Result r = conn_->exec_prepared(sql, Params().text(office_).text(subject).integer(seq), N_("reading the log"));
    for (int row = 0; row < r.rows(); ++row) {
      postgres::read_event_into(r, row, true, e);
      subject = e.subject;
      seq = e.seq;
      if (!fn(e)) return;
    }
    if (r.rows() < postgres::kChunk) return;
  }
}

std::unique_ptr<ProjectionCursor> PostgresStore::projection_rows(Projection table) {
  return postgres::projection_cursor(*conn_, office_, table, in_transaction_);
}

std::optional<ChainPoint> PostgresStore::chain_point(std::optional<std::int64_t> seq) {
  Result r = seq ? conn_->exec("SELECT seq, hash FROM duty.events WHERE office = $1 AND seq = $2",
                               Params().text(office_).integer(*seq), N_("reading the log"))
                 : conn_->exec("SELECT seq, hash FROM duty.events WHERE office = $1 ORDER BY seq DESC LIMIT 1",
                               Params().text(office_), N_("reading the log"));
  if (r.rows() == 0) return std::nullopt;
  return ChainPoint{r.integer(0, 0), r.text(0, 1)};
}

std::vector<std::pair<std::string, std::int64_t>> PostgresStore::subject_heads() {
  Result r = conn_->exec("SELECT id, last_seq FROM duty.incidents WHERE office = $1 "
                         "UNION ALL SELECT id, last_seq FROM duty.pending WHERE office = $1",
                         Params().text(office_), N_("reading the log"));
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int row = 0; row < r.rows(); ++row) out.emplace_back(r.text(row, 0), r.integer(row, 1));
  return out;
}

bool PostgresStore::wait_for_change(std::chrono::milliseconds timeout) {
  const char* doing = N_("waiting for new events");
  if (!listening_) {
    conn_->exec(std::string("LISTEN ") + postgres::kNotifyChannel, doing);
    listening_ = true;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (postgres::pq().PQconsumeInput(conn_->raw()) == 0) conn_->fail(nullptr, doing);
    bool ours = false;
    while (PGnotify* n = postgres::pq().PQnotifies(conn_->raw())) {
      if (n->extra && office_ == n->extra) ours = true;
      postgres::pq().PQfreemem(n);
    }
    if (ours) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{conn_->socket(), POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    // A signal (SIGINT to `duty watch`): the caller decides whether to go on.
    if (rc < 0 && errno == EINTR) return true;
    if (rc < 0) throw StoreError(trf("cannot wait for new events from {0}: {1}", location(), std::strerror(errno)));
  }
}

IncidentIndex& PostgresStore::incidents() { return *incidents_; }
PendingIndex& PostgresStore::pending() { return *pending_; }
RosterIndex& PostgresStore::roster() { return *roster_; }

}  // namespace duty::reports
