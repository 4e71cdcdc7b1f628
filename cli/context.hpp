// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <iosfwd>

#include "common/error.hpp"

namespace duty::cli {

/// What every command may use from the process: its streams and terminal, and where its exit code
/// goes. main() owns the only instance; libraries never see it.
struct Context {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  ExitCode exit_code = ExitCode::kOk;
};

}  // namespace duty::cli
