// SPDX-License-Identifier: Apache-2.0
// The publishing guarantee as a property: random specs, random sequences of publish (random
// sub-ranges, with --replace), re-plan after new leave, swap and cover (some forced); after every
// step the whole published roster breaks no hard rule of the spec in force, except the rule
// breaks the user forced with a reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/office.hpp"
#include "reports/publishing/workflow.hpp"

namespace {

using duty::Days;
using duty::Seconds;
using namespace duty::reports;

constexpr int kSequences = 200;
constexpr int kSteps = 8;

const Days kStart = Days{date::year{2027} / 3 / 1};
const Actor kBefore{"prop", Seconds{Days{date::year{2027} / 1 / 1}}};

Office office() {
  Office o;
  o.file = "office.yaml";
  o.name = "Prop";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  return o;
}

// A random spec: one or two slot groups, a few people each, rest 0..2, sometimes a cap, and the
// leave added so far.
struct RandomSpec {
  int days = 0;
  int rest = 0;
  std::optional<int> cap;
  std::vector<std::pair<std::string, int>> slots;           // group, count
  std::map<std::string, std::vector<std::string>> members;  // group -> ids
  std::map<std::string, std::set<Days>> leave;
  std::uint64_t seed = 1;

  Days last() const { return kStart + date::days{days - 1}; }

  SpecInForce text() const {
    std::string t = "timezone: Asia/Shanghai\nperiod: {from: " + duty::format_date(kStart) +
                    ", to: " + duty::format_date(last()) + "}\nseed: " + std::to_string(seed) +
                    "\nslots:\n";
    for (std::size_t i = 0; i < slots.size(); ++i) {
      t += "  - {id: s" + std::to_string(i) + ", group: " + slots[i].first +
           ", count: " + std::to_string(slots[i].second) + "}\n";
    }
    t += "people:\n";
    for (const auto& [group, ids] : members) {
      for (const auto& id : ids) {
        t += "  - {id: " + id + ", groups: [" + group + "]";
        if (auto it = leave.find(id); it != leave.end() && !it->second.empty()) {
          t += ", unavailable: [";
          bool first = true;
          for (Days d : it->second) {
            t += (first ? "" : ", ") + duty::format_date(d);
            first = false;
          }
          t += "]";
        }
        t += "}\n";
      }
    }
    t += "rules: {min_rest_days: " + std::to_string(rest);
    if (cap) t += ", max_duties: " + std::to_string(*cap);
    t += "}\n";
    return {duty::YamlSource("roster.yaml", t)};
  }
};

RandomSpec random_spec(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  RandomSpec s;
  s.days = pick(10, 28);
  s.rest = pick(0, 2);
  s.seed = static_cast<std::uint64_t>(pick(1, 1000));
  int groups = pick(1, 2);
  int id = 0;
  for (int g = 0; g < groups; ++g) {
    std::string group = "g" + std::to_string(g);
    int count = pick(1, 2);
    s.slots.push_back({group, count});
    // Enough people for the rest rule with one or two to spare.
    int people = count * (s.rest + 1) + pick(1, 3);
    for (int p = 0; p < people; ++p) s.members[group].push_back("p" + std::to_string(id++));
  }
  if (pick(0, 2) == 0) {
    // A cap with room: the most anyone needs, plus some.
    int most = 0;
    for (const auto& [group, count] : s.slots) {
      int n = static_cast<int>(s.members[group].size());
      most = std::max(most, (s.days * count + n - 1) / n);
    }
    s.cap = most + pick(1, 3);
  }
  return s;
}

std::vector<std::string> unforced(MemoryStore& store, const SpecInForce& text) {
  std::vector<std::string> out;
  if (store.roster().shifts(std::nullopt, std::nullopt).empty()) return out;
  for (const auto& v : check_published_roster(store, office(), text, std::nullopt, std::nullopt)) {
    if (!v.forced) out.push_back(v.violation.message);
  }
  return out;
}

}  // namespace

TEST_SUITE("reports::publishing property") {
  TEST_CASE("after every step the published roster keeps every rule not forced") {
    std::mt19937_64 rng(20261206);
    int steps_written = 0, refused = 0;
    for (int seq = 0; seq < kSequences; ++seq) {
      RandomSpec spec = random_spec(rng);
      auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
      auto day = [&](int i) { return kStart + date::days{i}; };
      MemoryStore store;
      std::vector<std::string> log;
      for (int step = 0; step < kSteps; ++step) {
        int kind = step == 0 ? 0 : pick(0, 4);
        if (std::getenv("DUTY_PROPERTY_TRACE"))
          std::fprintf(stderr, "seq %d step %d kind %d\n", seq, step, kind);
        std::string what;
        try {
          if (kind == 0 || store.roster().shifts(std::nullopt, std::nullopt).empty()) {
            int a = pick(0, spec.days - 1), b = pick(a, spec.days - 1);
            if (step == 0 && pick(0, 1)) a = 0, b = spec.days - 1;
            PublishRosterRequest r;
            r.from = day(a);
            r.to = day(b);
            r.replace = true;
            r.reason = "property";
            spec.seed = static_cast<std::uint64_t>(pick(1, 1000));
            what = "publish " + duty::format_date(day(a)) + ".." + duty::format_date(day(b));
            steps_written += publish_roster_range(store, office(), spec.text(), r, kBefore).written;
          } else if (kind == 1) {
            // New leave for someone, then a re-plan from the first published date.
            auto& [group, ids] = *std::next(spec.members.begin(),
                                            pick(0, static_cast<int>(spec.members.size()) - 1));
            std::string id =
                ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
            Days d = day(pick(0, spec.days - 1));
            spec.leave[id].insert(d);
            auto rows = store.roster().shifts(std::nullopt, std::nullopt);
            ReplanRosterRequest r;
            r.from = rows.front().date;
            what = "leave " + id + " " + duty::format_date(d) + ", replan";
            if (std::getenv("DUTY_PROPERTY_TRACE")) {
              std::string history;
              for (const auto& l : log) history += "\n  " + l;
              std::fprintf(stderr, "%s\n%s\n", history.c_str(), what.c_str());
              YAML::Emitter out;
              out << spec.text().source.root();
              std::fprintf(stderr, "%s\n", out.c_str());
            }
            try {
              steps_written += replan_roster(store, office(), spec.text(), r, kBefore).written;
            } catch (const duty::UnsatisfiableError&) {
              spec.leave[id].erase(d);  // no roster exists with that leave: take it back
              throw;
            }
          } else if (kind == 2 || kind == 3) {
            auto rows = store.roster().shifts(std::nullopt, std::nullopt);
            const auto& ra =
                rows[static_cast<std::size_t>(pick(0, static_cast<int>(rows.size()) - 1))];
            const auto& rb =
                rows[static_cast<std::size_t>(pick(0, static_cast<int>(rows.size()) - 1))];
            const auto& slot = ra.assignments[static_cast<std::size_t>(
                pick(0, static_cast<int>(ra.assignments.size()) - 1))];
            std::string a = slot.people.front();
            bool force = pick(0, 3) == 0;
            if (kind == 2) {
              const auto* other = rb.people_in(slot.slot);
              std::string b = other->back();
              what = "swap " + duty::format_date(ra.date) + " " + duty::format_date(rb.date) + " " +
                     slot.slot + " " + a + " " + b + (force ? " forced" : "");
              swap_duties(store, office(), spec.text(),
                          {ra.date, rb.date, slot.slot, a, b, "property", force}, kBefore);
            } else {
              const auto& group =
                  spec.slots[static_cast<std::size_t>(std::stoi(slot.slot.substr(1)))].first;
              const auto& ids = spec.members[group];
              std::string by =
                  ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
              what = "cover " + duty::format_date(ra.date) + " " + slot.slot + " " + a + " by " +
                     by + (force ? " forced" : "");
              cover_duty(store, office(), spec.text(),
                         {ra.date, slot.slot, a, by, "property", force}, kBefore);
            }
            ++steps_written;
          } else {
            auto rows = store.roster().shifts(std::nullopt, std::nullopt);
            ReplanRosterRequest r;
            r.from =
                rows[static_cast<std::size_t>(pick(0, static_cast<int>(rows.size()) - 1))].date;
            what = "replan from " + duty::format_date(r.from);
            steps_written += replan_roster(store, office(), spec.text(), r, kBefore).written;
          }
        } catch (const duty::UsageError&) {
          ++refused;  // refused with nothing written: the roster is as it was
        } catch (const duty::UnsatisfiableError&) {
          ++refused;
        }
        log.push_back(what);
        auto problems = unforced(store, spec.text());
        if (!problems.empty()) {
          std::string history;
          for (const auto& l : log) history += "\n  " + l;
          INFO("sequence " << seq << ", steps:" << history << "\nspec:\n"
                           << spec.text().source.root() << "\nfirst problem: " << problems.front());
          CHECK(problems.empty());
          break;
        }
      }
    }
    MESSAGE(steps_written << " steps written, " << refused << " refused");
    CHECK(steps_written > kSequences * 2);
  }
}
