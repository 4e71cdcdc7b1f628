// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "reports/incident_import.hpp"
#include "reports/memory_store.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace duty::fuzz {

/// An office with a chain and rules on casualties, so imported records reach the deadline logic.
inline const reports::Office& import_office() {
  static const reports::Office office = reports::parse_office(YamlSource("office.yaml", R"(office:
  name: Fuzz County
  timezone: Asia/Shanghai
  handover: "08:30"
  locale: en
chain:
  - {id: prefecture, name: Prefecture}
  - {id: province, name: Province}
escalation:
  - {match: {}, to: [prefecture], via: written, within: 2h}
  - {match: {deaths_at_least: 1}, to: [prefecture, province], via: phone, within: 30m}
  - {match: {severity: [I, II]}, to: [province], via: system, within: 1h}
)"), "/nonexistent/ws");
  return office;
}

/// Parses with `parse` (YAML or CSV) the way `incident import` does: every problem collected, and
/// when there is none, the records written all or nothing into an in-memory store whose chain must
/// then verify.
template <typename Parse>
void import_like_the_cli(Parse&& parse) {
  const reports::Office& office = import_office();
  const reports::Actor actor{"fuzz", Seconds{std::chrono::seconds{1795000000}}};
  refusing_is_fine([&] {
    DiagnosticSink sink;
    std::vector<reports::ImportRecord> records = parse(office, actor.now, sink);
    if (!sink.empty()) {
      reports::check_import(records, office, actor, sink);
      sink.throw_if_any();
    }
    reports::MemoryStore store;
    auto ids = reports::import_incidents(store, office, records, actor);
    if (ids.size() != records.size()) __builtin_trap();
    if (!reports::verify_chain(store).ok()) __builtin_trap();
    for (const auto& id : ids) (void)reports::load_incident(store, office, id);
  });
}

}  // namespace duty::fuzz
