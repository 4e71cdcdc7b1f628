// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/copy.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "reports/carry.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "reports/roster_record.hpp"
#include "reports/rules_record.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Days;
using duty::Seconds;
using namespace duty::reports;

Seconds cst(unsigned d, int h, int mi) {
  return Seconds{date::sys_days{date::year{2027} / 3 / date::day{d}}} + std::chrono::hours{h - 8} +
         std::chrono::minutes{mi};
}

EscalationRule rule(std::chrono::minutes within) {
  EscalationRule r;
  r.to = {"prefecture"};
  r.via = Channel::kWritten;
  r.within = within;
  r.basis = "Art. 11";
  return r;
}

Office office() {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}};
  o.categories = builtin_categories();
  o.escalation = {rule(2h)};
  return o;
}

const Actor kActor{"ann", cst(10, 23, 0)};

struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> n{0};
    path = (std::filesystem::temp_directory_path() /
            ("duty-copy-" + std::to_string(::getpid()) + "-" + std::to_string(n++)))
               .string();
  }
  ~TempPath() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path + suffix, ec);
    }
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
};

// The rules as recorded, incidents with a follow-up, a report and a final report, pending items
// and a note, and a published roster with a cover: a row in every projection table.
void fill(Store& store, const Office& o) {
  store.write([&](StoreTransaction& tx) {
    RulesHistory history;
    record_rules(tx, history, o.escalation, {"ann", cst(1, 8, 0)});
  });
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
  escalate_incident(store, o, "2027-0001", "prefecture", Channel::kWritten, cst(10, 10, 15), "",
                    kActor);
  close_incident(store, o, "2027-0002", {}, cst(10, 12, 0), kActor);
  NewTodo todo;
  todo.text = "Call back";
  todo.owner = "Wang";
  todo.at = cst(10, 9, 30);
  add_todo(store, o, todo, kActor);
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
    record_roster_change(tx, kRosterCover,
                         {{Days{date::year{2027} / 3 / date::day{21}}, "officer", "tashi", "lhamo"}},
                         "ill", false, kActor);
  });
}

using Stored = std::tuple<std::int64_t, std::string, std::string, Seconds, Seconds, std::string,
                          std::string, std::string, std::string>;

std::vector<Stored> stored(Store& store) {
  std::vector<Stored> out;
  store.for_each_event(
      [&](const Event& e) {
        out.emplace_back(e.seq, e.type, e.subject, e.at, e.recorded_at, e.by, e.payload,
                         e.prev_hash, e.hash);
        return true;
      },
      false);
  return out;
}

// Runs `fn` with a source and a destination of each kind: SQLite to SQLite, memory to SQLite and
// SQLite to memory.
void each_pair(const std::function<void(Store&, Store&)>& fn) {
  SUBCASE("sqlite to sqlite") {
    TempPath a, b;
    SqliteStore from(a.path, StoreAccess::kReadWrite);
    SqliteStore to(b.path, StoreAccess::kReadWrite);
    fn(from, to);
  }
  SUBCASE("memory to sqlite") {
    TempPath b;
    MemoryStore from;
    SqliteStore to(b.path, StoreAccess::kReadWrite);
    fn(from, to);
  }
  SUBCASE("sqlite to memory") {
    TempPath a;
    SqliteStore from(a.path, StoreAccess::kReadWrite);
    MemoryStore to;
    fn(from, to);
  }
}

}  // namespace

TEST_SUITE("reports::journal copy") {
  TEST_CASE("the copy holds every event as stored and projections that verify") {
    each_pair([](Store& from, Store& to) {
      const Office o = office();
      fill(from, o);
      CopyResult r = copy_journal(from, to, o);
      auto head = chain_head(from);
      REQUIRE(head);
      CHECK(r.events == head->seq);
      REQUIRE(r.head);
      CHECK(r.head->seq == head->seq);
      CHECK(r.head->hash == head->hash);
      // 2 incidents + 1 requirement each, 1 pending item, 3 shifts, 3 people.
      CHECK(r.rows == 11);
      CHECK(stored(to) == stored(from));
      CHECK(verify_chain(to).ok());
      CHECK(verify_projections(to, o).ok());
      CHECK_FALSE(copy_problem(to, o, r));
      CHECK(to.incidents().list({}).size() == 2);
      CHECK(load_incident(to, o, "2027-0001").requirements.front().made_at.has_value());
    });
  }

  TEST_CASE("projections fold by the rules the log recorded, not the office's current ones") {
    each_pair([](Store& from, Store& to) {
      const Office o = office();
      fill(from, o);
      Office changed = o;
      changed.escalation = {rule(15min)};
      CopyResult r = copy_journal(from, to, changed);
      CHECK(verify_projections(to, o).ok());
      CHECK_FALSE(copy_problem(to, changed, r));
      const Incident inc = load_incident(to, o, "2027-0002");
      REQUIRE(inc.requirements.size() == 1);
      CHECK(inc.requirements.front().due == cst(10, 11, 0));
    });
  }

  TEST_CASE("a destination holding events is refused and left as it is") {
    each_pair([](Store& from, Store& to) {
      const Office o = office();
      fill(from, o);
      NewIncident a;
      a.fields.title = "Already here";
      a.fields.category = "fire";
      a.received = cst(10, 8, 0);
      add_incident(to, o, a, kActor);
      auto before = stored(to);
      CHECK_THROWS_AS(copy_journal(from, to, o), duty::UsageError);
      CHECK(stored(to) == before);
      CHECK_THROWS_WITH(require_empty(to),
                        (to.location() +
                         " already holds 1 event of this office; nothing was written. Copy into a "
                         "new file or an empty database")
                            .c_str());
    });
  }

  TEST_CASE("a source that does not verify copies nothing") {
    const Office o = office();
    MemoryStore from;
    fill(from, o);
    from.raw_events()[3].payload = from.raw_events()[3].payload + " ";
    TempPath b;
    SqliteStore to(b.path, StoreAccess::kReadWrite);
    CHECK_THROWS_AS(copy_journal(from, to, o), ChainBrokenError);
    CHECK_FALSE(chain_head(to));
  }

  TEST_CASE("events that do not fold abort the whole copy: no event is left behind") {
    each_pair([](Store& from, Store& to) {
      const Office o = office();
      fill(from, o);
      // A follow-up of a pending item: the chain verifies, the fold does not.
      from.write([&](StoreTransaction& tx) {
        Event todo = new_event(duty::reports::event_type::kTodo, "T-9", cst(10, 13, 0), kActor);
        todo.data["text"] = std::string("Check the dam");
        tx.append(todo);
        tx.append(new_event(duty::reports::event_type::kUpdate, "T-9", cst(10, 13, 5), kActor));
      });
      REQUIRE(verify_chain(from).ok());
      CHECK_THROWS_AS(copy_journal(from, to, o), duty::StoreError);
      CHECK_FALSE(chain_head(to));
      CHECK(to.incidents().list({}).empty());
    });
  }

  TEST_CASE("an empty log copies to an empty log") {
    each_pair([](Store& from, Store& to) {
      CopyResult r = copy_journal(from, to, office());
      CHECK(r.events == 0);
      CHECK_FALSE(r.head);
      CHECK_FALSE(copy_problem(to, office(), r));
    });
  }

  TEST_CASE("a copy whose head differs from the one copied is a problem") {
    const Office o = office();
    MemoryStore from, to;
    fill(from, o);
    CopyResult r = copy_journal(from, to, o);
    add_note(to, o, "written after the copy", cst(10, 14, 0), kActor);
    auto problem = copy_problem(to, o, r);
    REQUIRE(problem);
    CHECK(problem->find("its last event is") != std::string::npos);
  }
}
