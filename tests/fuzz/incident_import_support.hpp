// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "reports/incident_import.hpp"
#include "reports/journal/memory/memory_store.hpp"
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

/// Imports through the reader `open` makes (YAML or CSV) the way `incident import` does: checked
/// and written record by record in one transaction, all or nothing, into an in-memory store whose
/// chain must then verify. A refused file must leave the store empty; an accepted one must hold
/// every incident the import counted, each loadable.
template <typename Open>
void import_like_the_cli(Open&& open) {
  const reports::Office& office = import_office();
  const reports::Actor actor{"fuzz", Seconds{std::chrono::seconds{1795000000}}};
  reports::MemoryStore store;
  refusing_is_fine([&] {
    DiagnosticSink sink;
    std::unique_ptr<reports::ImportReader> reader = open(office, actor.now, sink);
    try {
      auto result = reports::import_incidents(*reader, office, actor, sink,
                                              [&]() -> reports::Store& { return store; });
      auto incidents = store.incidents().list({});
      if (incidents.size() != result.count) __builtin_trap();
      for (const auto& inc : incidents) (void)reports::load_incident(store, office, inc.id);
    } catch (const InputError&) {
      if (!store.incidents().list({}).empty()) __builtin_trap();
      throw;
    }
    if (!reports::verify_chain(store).ok()) __builtin_trap();
  });
}

}  // namespace duty::fuzz
