// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "cli/context.hpp"
#include "cli/workspace.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// What `roster cover` was given for a cover of part of a shift (--from/--to).
struct CoverPartOptions {
  Days date;
  std::string slot;
  std::string person;  ///< PERSON, on duty
  std::string by;      ///< OTHER, who covers
  std::string reason;
  std::string from;  ///< --from TIME, as given
  std::string to;    ///< --to TIME, as given
  bool force = false;
};

/// `roster cover DATE SLOT PERSON --by OTHER --from TIME --to TIME`: OTHER covers PERSON for part
/// of the shift of DATE, recorded in one write transaction and printed. A TIME is read as `--at` is
/// (the office's zone), except that a bare HH:MM is that clock time within the shift. UsageError
/// (exit 2, nothing written) when only one of --from/--to is given (naming the missing one), a
/// time is outside the shift or --to is not after --from, the date is not published, the slot or
/// OTHER is unknown, PERSON is not in the slot that day, or the window overlaps another partial
/// cover of the place or of OTHER; and, unless `force`, when OTHER is not in the slot's group, is
/// on leave that date in the office's roster spec, or is already on the shift. Returns false,
/// writing nothing, when the times span the whole shift: the caller records an ordinary cover.
bool record_cover_part(Context& ctx, Session& session, const CoverPartOptions& options);

}  // namespace duty::cli
