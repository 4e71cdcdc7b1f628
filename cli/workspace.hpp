// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "cli/context.hpp"
#include "reports/incident_log.hpp"
#include "reports/office.hpp"
#include "reports/journal/open_store.hpp"

namespace duty::cli {

/// The folder of the office workspace: --office DIR, else $DUTY_OFFICE, else the nearest folder
/// upward from the current one holding office.yaml. UsageError saying how to make one when none.
std::string find_workspace(const Context& ctx);

/// An office and, when the command needs it, its store, opened as the command declared.
struct Session {
  reports::Office office;
  std::unique_ptr<reports::Store> store;
  reports::Actor actor;
};

/// How much of the workspace a command needs: it opens exactly that. kWriteExisting writes to a
/// store only if there is one (updating an incident that cannot exist must not create a store).
enum class Need { kOffice, kReadStore, kWriteStore, kWriteExisting };

/// Where the office's journal is: --db, else $DUTY_DB, else `database:` in office.yaml (a path
/// relative to the workspace, or a PostgreSQL connection string), else duty.db in the workspace.
reports::StoreLocation store_location(const Context& ctx, const reports::Office& office);

/// Loads office.yaml and opens the store (store_location). StoreError (exit 4) naming the path when a command that only reads the store
/// (or writes only to what is in it, kWriteExisting) finds no store there.
Session open_session(const Context& ctx, Need need);

/// Opens the store of an open session as `need` says; commands that check their input against the
/// office first call this only once the input is known to be good, so bad input writes nothing.
void open_store(const Context& ctx, Session& session, Need need);

}  // namespace duty::cli
