// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <doctest/doctest.h>

#include "reports/office.hpp"

namespace duty::test {

/// An English office in Asia/Shanghai (UTC+8 all year: local times convert by a fixed offset)
/// for the hazard ledger's tests.
inline reports::Office hazard_office() {
  reports::Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.locale = "en";
  return o;
}

}  // namespace duty::test
