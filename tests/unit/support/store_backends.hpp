// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/postgres/postgres_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "tests/unit/support/postgres_test_store.hpp"

// The three stores under one interface, so a store contract test (a doctest TEST_CASE_TEMPLATE
// over InMemory, InSqlite, InPostgres) runs against each:
//   TEST_CASE_TEMPLATE("...", B, InMemory, InSqlite, InPostgres) {
//     B b;
//     if (!b.ready()) return;   // PostgreSQL without a test server (DUTY_TEST_PG): skipped
//     ... b.store() ... b.reopen() ...
namespace duty::test {

// A unique file in the system's temporary folder, removed with SQLite's side files afterwards:
// tests never write to the source tree or the current directory.
struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = (std::filesystem::temp_directory_path() /
            ("duty-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd()) + ".db"))
               .string();
  }
  ~TempPath() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path + suffix, ec);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
};

struct InMemory {
  reports::MemoryStore store_;
  bool ready() const { return true; }
  reports::Store& store() { return store_; }
  // Nothing to reopen: the same object is the whole store.
  reports::Store& reopen() { return store_; }
};

struct InSqlite {
  TempPath file;
  std::unique_ptr<reports::SqliteStore> store_ =
      std::make_unique<reports::SqliteStore>(file.path, reports::StoreAccess::kReadWrite);
  bool ready() const { return true; }
  reports::Store& store() { return *store_; }
  // Closes the connection and opens the file again, so reads come from disk, not from a cache.
  reports::Store& reopen() {
    store_.reset();
    store_ = std::make_unique<reports::SqliteStore>(file.path, reports::StoreAccess::kReadWrite);
    return *store_;
  }
};

// An office "test" in a database of its own on the DUTY_TEST_PG server, dropped afterwards.
struct InPostgres {
  std::optional<TestDatabase> db;
  std::unique_ptr<reports::Store> store_;  // declared after db: closed before the database goes
  InPostgres() {
    if (auto server = test_pg_server()) {
      db.emplace(*server);
      init_test_office(db->conninfo(), "test");
      store_ = open();
    }
  }
  bool ready() const {
    if (!store_) MESSAGE("skipped on PostgreSQL: DUTY_TEST_PG names no test server");
    return store_ != nullptr;
  }
  reports::Store& store() { return *store_; }
  // A new connection: reads come from the server, not from anything this one kept.
  reports::Store& reopen() {
    store_.reset();
    store_ = open();
    return *store_;
  }

 private:
  std::unique_ptr<reports::Store> open() {
    return std::make_unique<reports::PostgresStore>(db->conninfo(), "test", reports::StoreAccess::kReadWrite);
  }
};

}  // namespace duty::test

TYPE_TO_STRING(duty::test::InMemory);
TYPE_TO_STRING(duty::test::InSqlite);
TYPE_TO_STRING(duty::test::InPostgres);
