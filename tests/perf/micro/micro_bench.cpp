// SPDX-License-Identifier: Apache-2.0
// In-process benchmarks (Google Benchmark) for what a whole-process timing blurs with start-up:
// the roster solver, the hash chain and the incident fold. Inputs come from tests/perf/bench.sh:
//   duty_micro --spec-year=FILE --spec-rotation=FILE --spec-month=FILE --office=DIR [benchmark flags]
#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "reports/journal/event.hpp"
#include "reports/incident.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/office.hpp"
#include "roster/model.hpp"
#include "roster/solver.hpp"
#include "roster/spec.hpp"

namespace {

std::map<std::string, std::string> g_inputs;

void solve_spec(benchmark::State& state, const std::string& key) {
  auto it = g_inputs.find(key);
  if (it == g_inputs.end()) {
    state.SkipWithError(("--" + key + "=FILE not given").c_str());
    return;
  }
  duty::roster::Spec spec = duty::roster::load_spec(it->second);
  duty::roster::Model model = duty::roster::build_model(spec);
  for (auto _ : state) {
    duty::roster::Solution s = duty::roster::solve(model);
    benchmark::DoNotOptimize(s);
  }
  state.counters["days"] = static_cast<double>(model.n_days);
}

void BM_SolveBalancedYear(benchmark::State& state) { solve_spec(state, "spec-year"); }
void BM_SolveBalancedMonth(benchmark::State& state) { solve_spec(state, "spec-month"); }
void BM_SolveRotationYear(benchmark::State& state) { solve_spec(state, "spec-rotation"); }

// A store with `n` incidents of five events each, built through the public API.
struct Store {
  duty::reports::Office office;
  duty::reports::MemoryStore store;
  std::vector<std::string> ids;
};

// Through the public API, as the commands do; MemoryStore is built for tests, so keep n small.
std::unique_ptr<Store> make_store(int n) {
  auto s = std::make_unique<Store>();
  s->office = duty::reports::load_office(g_inputs.at("office"));
  duty::Seconds t0{std::chrono::seconds{1790000000}};
  for (int i = 0; i < n; ++i) {
    duty::reports::Actor actor{"bench", t0 + std::chrono::minutes{10 * i + 5}};
    duty::reports::NewIncident in;
    in.fields.title = "事件" + std::to_string(i);
    in.fields.category = "fire";
    in.fields.deaths = i % 7 == 0 ? 1 : 0;
    in.received = t0 + std::chrono::minutes{10 * i};
    auto inc = duty::reports::add_incident(s->store, s->office, in, actor);
    for (int k = 1; k <= 3; ++k) {
      duty::reports::IncidentFields change;
      change.injured = k;
      change.note = "续报";
      duty::reports::update_incident(s->store, s->office, inc.id, change, std::nullopt, actor);
    }
    s->ids.push_back(inc.id);
  }
  return s;
}

void BM_HashChain(benchmark::State& state) {
  // Events shaped like the store's (a created event and its follow-ups), built directly.
  std::vector<duty::reports::Event> events(static_cast<std::size_t>(state.range(0)));
  duty::Seconds t0{std::chrono::seconds{1790000000}};
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto& e = events[i];
    e.seq = static_cast<std::int64_t>(i + 1);
    e.type = i % 5 == 0 ? "created" : "update";
    e.subject = "2026-" + std::to_string(i / 5 + 1);
    e.at = e.recorded_at = t0 + std::chrono::minutes{static_cast<int>(i)};
    e.by = "bench";
    e.data["title"] = std::string("泽曲镇事件") + std::to_string(i);
    e.data["note"] = std::string("现场情况正在核实");
    e.payload = duty::reports::fields_json(e.data);
  }
  for (auto _ : state) {
    duty::reports::ChainHasher hasher;
    std::string prev = duty::reports::kGenesisHash;
    for (const auto& e : events) prev = hasher.hash(prev, e);
    benchmark::DoNotOptimize(prev);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void BM_FoldIncident(benchmark::State& state) {
  if (!g_inputs.count("office")) {
    state.SkipWithError("--office=DIR not given");
    return;
  }
  auto s = make_store(1);
  std::vector<duty::reports::Event> events = s->store.events(s->ids.front());
  for (auto _ : state) {
    duty::reports::Incident inc = duty::reports::fold_incident(events, s->office);
    benchmark::DoNotOptimize(inc);
  }
}

}  // namespace

BENCHMARK(BM_SolveBalancedYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveBalancedMonth)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SolveRotationYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HashChain)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FoldIncident)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    const char* eq = std::strchr(a, '=');
    if (std::strncmp(a, "--", 2) != 0 || !eq) {
      std::cerr << "duty_micro: unknown argument " << a << '\n';
      return 2;
    }
    g_inputs[std::string(a + 2, eq)] = eq + 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
