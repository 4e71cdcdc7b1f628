// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "cli/context.hpp"
#include "reports/incident_log.hpp"
#include "reports/office.hpp"
#include "reports/sqlite_store.hpp"

namespace duty::cli {

/// The folder of the office workspace: --office DIR, else $DUTY_OFFICE, else the nearest folder
/// upward from the current one holding office.yaml. UsageError saying how to make one when none.
std::string find_workspace(const Context& ctx);

/// An office and, when the command needs it, its store, opened as the command declared.
struct Session {
  reports::Office office;
  std::unique_ptr<reports::IncidentStore> store;
  reports::Actor actor;
};

/// How much of the workspace a command needs: main opens exactly that.
enum class Need { kOffice, kReadStore, kWriteStore };

/// Loads office.yaml and opens the store (--db, else `database:` in office.yaml, else duty.db in
/// the workspace). A read-only command on a workspace without a store yet sees an empty log.
Session open_session(const Context& ctx, Need need);

}  // namespace duty::cli
