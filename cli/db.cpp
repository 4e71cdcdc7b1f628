// SPDX-License-Identifier: Apache-2.0
#include "cli/db.hpp"

#include <cstdlib>

#include "cli/workspace.hpp"

namespace duty::cli {

DbTarget db_target(const Context& ctx, bool need_office) {
  DbTarget t;
  const char* env = std::getenv("DUTY_DB");
  t.source = !ctx.global.db.empty() ? "--db" : env && *env ? "DUTY_DB" : "office.yaml";
  if (!need_office && t.source != "office.yaml") {
    t.where = !ctx.global.db.empty() ? ctx.global.db : env;
    return t;
  }
  Session s = open_session(ctx, Need::kOffice);
  t.where = store_location(ctx, s.office).where;
  // An office.yaml without office.id may still name the office of a database that says which it
  // is (duty.office): postgres_init decides.
  t.office_id = s.office.id;
  return t;
}

}  // namespace duty::cli
