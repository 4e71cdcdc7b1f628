// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <iosfwd>
#include <string>

#include "common/error.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// Options every command accepts (before or after the command name).
struct GlobalOptions {
  std::string office;   ///< --office DIR
  std::string db;       ///< --db PATH
  std::string by_user;  ///< --by-user NAME: who is entering this (default: the login name)
};

/// What every command may use from the process: its streams, terminal, clock, environment and
/// where its exit code goes. main() owns the only instance; libraries never see it.
struct Context {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  ExitCode exit_code = ExitCode::kOk;
  GlobalOptions global;

  /// The system clock, to the second.
  Seconds now() const;
  /// --by-user, else the login name, else $USER, else "unknown".
  std::string user() const;
};

}  // namespace duty::cli
