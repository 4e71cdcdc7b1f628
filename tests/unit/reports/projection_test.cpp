// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/projection.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "reports/carry.hpp"
#include "reports/journal/checkpoint.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Days;
using duty::Seconds;
using namespace duty::reports;

Seconds cst(unsigned d, int h, int mi) {
  return Seconds{date::sys_days{date::year{2027} / 3 / date::day{d}}} + std::chrono::hours{h - 8} +
         std::chrono::minutes{mi};
}

Office office() {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}};
  o.categories = builtin_categories();
  EscalationRule written;
  written.to = {"prefecture"};
  written.via = Channel::kWritten;
  written.within = 2h;
  written.basis = "Art. 11";
  EscalationRule phone = written;
  phone.via = Channel::kPhone;
  phone.within = 30min;
  phone.match.deaths_at_least = 1;
  o.escalation = {written, phone};
  return o;
}

const Actor kActor{"ann", cst(10, 23, 0)};

struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> n{0};
    path = (std::filesystem::temp_directory_path() /
            ("duty-projection-" + std::to_string(::getpid()) + "-" + std::to_string(n++)))
               .string();
  }
  ~TempPath() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".pub"}) std::filesystem::remove(path + suffix, ec);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
};

// Two incidents (one with a death, one closed), two pending items (one done), a note and a
// published roster with a swap: a row in every projection table.
void fill(Store& store, const Office& o) {
  NewIncident a;
  a.fields.title = "Fire at the market";
  a.fields.category = "fire";
  a.received = cst(10, 8, 0);
  add_incident(store, o, a, kActor);
  NewIncident b = a;
  b.fields.title = "Bus crash";
  b.received = cst(10, 9, 0);
  add_incident(store, o, b, kActor);
  IncidentFields death;
  death.deaths = 1;
  update_incident(store, o, "2027-0001", death, cst(10, 10, 0), kActor);
  escalate_incident(store, o, "2027-0001", "prefecture", Channel::kPhone, cst(10, 10, 15), "", kActor);
  close_incident(store, o, "2027-0002", {}, cst(10, 12, 0), kActor);
  NewTodo todo;
  todo.text = "Call back";
  todo.owner = "Wang";
  todo.at = cst(10, 9, 30);
  add_todo(store, o, todo, kActor);
  add_instruction(store, o, "2027-0001", "County head", "Report hourly", std::nullopt, cst(10, 9, 40), kActor);
  complete_pending(store, o, "T-1", "done", cst(10, 11, 0), kActor);
  add_note(store, o, "Pump 3 is out", cst(10, 11, 30), kActor);
  PublishRequest req;
  for (unsigned d = 20; d < 23; ++d) {
    RosterShiftRecord s;
    s.date = Days{date::year{2027} / 3 / date::day{d}};
    s.start = Seconds{s.date} + 30min;
    s.end = s.start + 24h;
    s.day_type = "workday";
    s.assignments = {{"leader", {"dorje"}}, {"officer", {d % 2 ? "tashi" : "lhamo"}}};
    s.slot_names = {{"leader", "带班领导"}, {"officer", "值班员"}};
    req.shifts.push_back(s);
  }
  req.people = {{"dorje", "多杰", "139", 0}, {"tashi", "扎西", "138", 0}, {"lhamo", "拉毛", "", 0}};
  store.write([&](StoreTransaction& tx) {
    publish_roster(tx, req, kActor);
    record_roster_change(tx, kRosterCover, {{Days{date::year{2027} / 3 / date::day{21}}, "officer", "tashi", "lhamo"}},
                         "ill", false, kActor);
  });
}

std::vector<std::string> problems(Store& store, const Office& o) {
  std::vector<std::string> out;
  for (const auto& p : verify_projections(store, o).problems) {
    out.push_back(std::string(projection_table(p.table).name) + " " + p.key + ": " + p.what);
  }
  return out;
}

void each_store(const std::function<void(Store&)>& fn) {
  SUBCASE("memory") {
    MemoryStore store;
    fn(store);
  }
  SUBCASE("sqlite") {
    TempPath tmp;
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    fn(store);
  }
}

// Changes the file behind duty's back, through a connection of its own.
void tamper(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_SUITE("reports::projection") {
  TEST_CASE("the rows written are the rows the events give, in every table") {
    each_store([](Store& store) {
      Office o = office();
      fill(store, o);
      ProjectionReport r = verify_projections(store, o);
      CHECK(r.ok());
      // 2 incidents, 3 requirements, 2 pending items, 3 shifts, 3 people.
      CHECK(r.rows == 13);
      RebuildResult rebuilt = rebuild_projections(store, o);
      CHECK(rebuilt.before.ok());
      CHECK(rebuilt.rows == 13);
      CHECK(verify_projections(store, o).ok());
    });
  }

  TEST_CASE("a changed, missing or extra row is named with its table, key and columns") {
    Office o = office();
    MemoryStore store;
    fill(store, o);
    store.raw_incidents()["2027-0001"].closed = true;
    store.raw_incidents()["2027-0002"].requirements.clear();
    store.raw_pending().erase("P-1");
    store.raw_shifts().begin()->second.assignments[1].people = {"mallory"};
    store.raw_people()["zz"] = {"zz", "Nobody", "", 1};
    auto found = problems(store, o);
    REQUIRE(found.size() == 5);
    CHECK(found[0] == "incidents 2027-0001: closed: stored 1, events give 0");
    CHECK(found[1] == "requirements 2027-0002 prefecture written: missing: the events give this row and the table "
                      "does not hold it");
    CHECK(found[2] == "pending P-1: missing: the events give this row and the table does not hold it");
    CHECK(found[3] == "roster_shifts 2027-03-20: assignments: stored 'leader=dorje;officer=mallory', events give "
                      "'leader=dorje;officer=lhamo'");
    CHECK(found[4] == "roster_people zz: extra: the table holds this row and no events give it");
    RebuildResult r = rebuild_projections(store, o);
    CHECK(r.before.problem_count == 5);
    CHECK(verify_projections(store, o).ok());
    CHECK_FALSE(store.raw_incidents()["2027-0001"].closed);
  }

  TEST_CASE("rows changed in SQLite behind duty's back are found and rebuilt") {
    Office o = office();
    TempPath tmp;
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    fill(store, o);
    tamper(tmp.path, "DELETE FROM requirements; UPDATE incidents SET closed = 1 WHERE id = '2027-0001'; "
                     "UPDATE roster_people SET phone = '110' WHERE id = 'tashi'");
    auto found = problems(store, o);
    REQUIRE(found.size() == 5);
    CHECK(found[0] == "incidents 2027-0001: closed: stored 1, events give 0");
    CHECK(found[1].rfind("requirements 2027-0001 prefecture phone: missing", 0) == 0);
    CHECK(found[4] == "roster_people tashi: phone: stored '110', events give '138'");
    CHECK(rebuild_projections(store, o).before.problem_count == 5);
    CHECK(verify_projections(store, o).ok());
  }

  TEST_CASE("rebuild refuses a chain that does not verify and changes nothing") {
    Office o = office();
    MemoryStore store;
    fill(store, o);
    store.raw_incidents()["2027-0001"].closed = true;
    store.raw_events()[2].by = "mallory";
    CHECK_THROWS_AS(rebuild_projections(store, o), ChainBrokenError);
    CHECK(store.raw_incidents()["2027-0001"].closed);
  }

  TEST_CASE("the chain head and any event's hash") {
    each_store([](Store& store) {
      CHECK_FALSE(chain_head(store));
      Office o = office();
      fill(store, o);
      auto head = chain_head(store);
      REQUIRE(head);
      VerifyResult v = verify_chain(store, {3, head->seq, head->seq + 1});
      REQUIRE(v.ok());
      CHECK(v.head->seq == head->seq);
      CHECK(v.head->hash == head->hash);
      CHECK(v.remembered.at(head->seq) == head->hash);
      CHECK(v.remembered.at(3) == chain_at(store, 3)->hash);
      CHECK(v.remembered.count(head->seq + 1) == 0);
      CHECK_FALSE(chain_at(store, head->seq + 1));
    });
  }

  TEST_CASE("a checkpoint signs the head; a rehashed rewrite or another key does not verify") {
    TempPath key, other;
    std::string fingerprint = create_key_pair(key.path, key.path + ".pub", false);
    struct stat st {};
    REQUIRE(::stat(key.path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_THROWS_AS(create_key_pair(key.path, key.path + ".pub", false), duty::UsageError);
    Key secret = Key::load(key.path, true, "key");
    Key pub = Key::load(key.path + ".pub", false, "key");
    CHECK(secret.fingerprint() == fingerprint);
    CHECK(pub.fingerprint() == fingerprint);
    CHECK_THROWS_AS(Key::load(key.path + ".pub", true, "key"), duty::UsageError);

    Office o = office();
    MemoryStore store;
    fill(store, o);
    Event cp = append_checkpoint(store, secret, kActor);
    CHECK(cp.type == kCheckpoint);
    VerifyResult v = verify_chain(store);
    REQUIRE(v.ok());
    REQUIRE(v.checkpoints.size() == 1);
    auto checks = check_checkpoints(v.checkpoints, {});
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].problem.find("not among the public keys") != std::string::npos);
    std::vector<Key> keys;
    keys.push_back(Key::load(key.path + ".pub", false, "key"));
    checks = check_checkpoints(v.checkpoints, keys);
    CHECK(checks[0].problem.empty());
    CHECK(checks[0].seq == cp.seq - 1);
    CHECK(verify_projections(store, o).ok());

    // Rewrite event 1 and recompute every hash after it, as an attacker without the key can.
    auto& events = store.raw_events();
    events[0].by = "mallory";
    std::string prev = kGenesisHash;
    for (auto& e : events) {
      e.prev_hash = prev;
      e.hash = chain_hash(prev, e);
      prev = e.hash;
    }
    v = verify_chain(store);
    REQUIRE(v.ok());
    checks = check_checkpoints(v.checkpoints, keys);
    CHECK(checks[0].problem.find("events up to it were changed after it was signed") != std::string::npos);

    create_key_pair(other.path, other.path + ".pub", false);
    CHECK(Key::load(other.path + ".pub", false, "key").fingerprint() != fingerprint);
  }

  TEST_CASE("a backup is a whole, verified copy and never replaces a file unasked") {
    Office o = office();
    TempPath tmp, dest;
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    fill(store, o);
    VerifyResult r = store.backup(dest.path, false);
    CHECK(r.ok());
    CHECK(r.checked == chain_head(store)->seq);
    struct stat st {};
    REQUIRE(::stat(dest.path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    {
      SqliteStore copy(dest.path, StoreAccess::kReadOnly);
      CHECK(verify_chain(copy).checked == r.checked);
      CHECK(verify_projections(copy, o).ok());
    }
    CHECK_THROWS_AS(store.backup(dest.path, false), duty::UsageError);
    CHECK_THROWS_AS(store.backup(tmp.path, true), duty::UsageError);
    CHECK(store.backup(dest.path, true).ok());
  }
}
