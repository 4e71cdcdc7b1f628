// SPDX-License-Identifier: Apache-2.0
#include "reports/publishing/workflow.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/office.hpp"

namespace {

using duty::Days;
using duty::Seconds;
using namespace duty::reports;

Days jan(unsigned d) {
  return Days{date::year{2027} / 1 / date::day{d}};
}

Office office() {
  Office o;
  o.file = "office.yaml";
  o.name = "Zeku";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  return o;
}

// January 2027: one leader from three, two officers from seven, a duty-free day between duties.
// `extra` adds YAML to a person's entry (", unavailable: [...]"), `rules` to the rules.
SpecInForce spec(const std::map<std::string, std::string>& extra = {},
                 const std::string& rules = "", const std::string& seed = "1") {
  std::string text =
      "timezone: Asia/Shanghai\nperiod: {from: 2027-01-01, to: 2027-01-31}\n"
      "seed: " +
      seed +
      "\n"
      "slots:\n  - {id: leader, group: leaders}\n"
      "  - {id: officer, group: staff, count: 2}\npeople:\n";
  for (const std::string id : {"ann", "bob", "cal"}) {
    auto it = extra.find(id);
    text += "  - {id: " + id + ", name: N" + id + ", groups: [leaders]" +
            (it == extra.end() ? "" : it->second) + "}\n";
  }
  for (const std::string id : {"dan", "eve", "fay", "gus", "hal", "ivy", "joe"}) {
    auto it = extra.find(id);
    text += "  - {id: " + id + ", name: N" + id + ", groups: [staff]" +
            (it == extra.end() ? "" : it->second) + "}\n";
  }
  return {duty::YamlSource("roster.yaml", text + "rules: {min_rest_days: 1" + rules + "}\n")};
}

const Actor kDecember{"ann", Seconds{Days{date::year{2026} / 12 / 1}}};

RosterStep publish(MemoryStore& store, const SpecInForce& s, std::optional<Days> from = {},
                   std::optional<Days> to = {}, bool replace = false) {
  PublishRosterRequest r;
  r.from = from;
  r.to = to;
  r.replace = replace;
  if (replace) r.reason = "spec edited";
  return publish_roster_range(store, office(), s, r, kDecember);
}

std::vector<std::string> who(MemoryStore& store, Days d, const std::string& slot) {
  auto rows = store.roster().shifts(d, d);
  REQUIRE(rows.size() == 1);
  return *rows.front().people_in(slot);
}

// Every unforced violation of the whole published January.
std::vector<std::string> broken(MemoryStore& store, const SpecInForce& s) {
  std::vector<std::string> out;
  for (const auto& v : check_published_roster(store, office(), s, std::nullopt, std::nullopt)) {
    if (!v.forced) out.push_back(v.violation.message);
  }
  return out;
}

// A date and an officer on it who could serve on `other` and vice versa is not needed: the first
// officer of `d`.
std::string officer(MemoryStore& store, Days d) {
  return who(store, d, "officer").front();
}

}  // namespace

TEST_SUITE("reports::publishing") {
  TEST_CASE("publications are numbered 1, 2, 3 per store, re-plans included") {
    MemoryStore store;
    CHECK(publish(store, spec(), jan(1), jan(10)).publication == 1);
    CHECK(publish(store, spec(), jan(11), jan(20)).publication == 2);
    // Leave for whoever is first officer on the 15th: a re-plan is the third publication.
    std::string away = officer(store, jan(15));
    ReplanRosterRequest r;
    r.from = jan(11);
    RosterStep step =
        replan_roster(store, office(), spec({{away, ", unavailable: [2027-01-15]"}}), r, kDecember);
    CHECK(step.written);
    CHECK(step.publication == 3);
    CHECK(publish(store, spec(), jan(21), jan(31)).publication == 4);
  }

  TEST_CASE("a range published inside a published month keeps the rest rule on both sides") {
    MemoryStore store;
    publish(store, spec());
    CHECK(broken(store, spec()).empty());
    // Another seed builds other rosters: republishing two days must fit the days around them.
    for (const std::string seed : {"2", "3", "4", "5", "6"}) {
      CAPTURE(seed);
      RosterStep step = publish(store, spec({}, "", seed), jan(1), jan(2), true);
      CHECK(step.written);
      CHECK(broken(store, spec()).empty());
      step = publish(store, spec({}, "", seed), jan(14), jan(16), true);
      CHECK(step.written);
      CHECK(broken(store, spec()).empty());
    }
  }

  TEST_CASE("max_duties counts the published duties outside the range") {
    MemoryStore store;
    // 31 leader duties over 3 people with a duty-free day between: a cap of 11 binds.
    const std::string cap = ", max_duties: 11";
    publish(store, spec({}, cap));
    REQUIRE(broken(store, spec({}, cap)).empty());
    for (const std::string seed : {"7", "8", "9"}) {
      publish(store, spec({}, cap, seed), jan(10), jan(12), true);
      CHECK(broken(store, spec({}, cap)).empty());
    }
  }

  TEST_CASE("publishing over published days without --replace writes nothing and lists the diff") {
    MemoryStore store;
    publish(store, spec());
    auto events = store.raw_events().size();
    RosterStep step = publish(store, spec({}, "", "42"));
    CHECK_FALSE(step.written);
    CHECK(step.needs_replace);
    CHECK_FALSE(step.changes.empty());
    CHECK(step.shifts_changed > 0);
    CHECK(store.raw_events().size() == events);
    // The same build again changes nothing: it needs no --replace.
    RosterStep same = publish(store, spec());
    CHECK(same.written);
    CHECK(same.changes.empty());
    CHECK(same.unchanged == 31);
  }

  TEST_CASE("a dry run works the step out and writes nothing") {
    MemoryStore store;
    PublishRosterRequest r;
    r.dry_run = true;
    RosterStep step = publish_roster_range(store, office(), spec(), r, kDecember);
    CHECK_FALSE(step.written);
    CHECK(step.added == 31);
    CHECK(step.changes.size() == 31 * 3);
    CHECK(store.raw_events().empty());
  }

  TEST_CASE("recorded swaps and covers are kept when the roster is published again") {
    MemoryStore store;
    publish(store, spec());
    // A cover by someone free that day, the day before and the day after.
    Days day{};
    std::string out, by;
    for (unsigned d = 2; d <= 30 && by.empty(); ++d) {
      for (const std::string id : {"dan", "eve", "fay", "gus", "hal", "ivy", "joe"}) {
        bool busy = false;
        for (unsigned e : {d - 1, d, d + 1}) {
          auto people = who(store, jan(e), "officer");
          busy = busy || std::find(people.begin(), people.end(), id) != people.end();
        }
        if (!busy) {
          by = id;
          day = jan(d);
          out = officer(store, day);
        }
      }
    }
    REQUIRE(!by.empty());
    CoverRequest c{day, "officer", out, "N" + by, "sick", false};  // named by name
    RosterStep covered = cover_duty(store, office(), spec(), c, kDecember);
    REQUIRE(covered.changes.size() == 1);
    CHECK(covered.changes[0].in == by);
    RosterStep again = publish(store, spec({}, "", "42"), std::nullopt, std::nullopt, true);
    CHECK(again.written);
    auto people = who(store, day, "officer");
    CHECK(std::find(people.begin(), people.end(), by) != people.end());
    CHECK(broken(store, spec()).empty());
    // Once the coverer is on leave that day, the cover cannot be kept: the diff says it is lost.
    RosterStep lost =
        publish(store, spec({{by, ", unavailable: [" + duty::format_date(day) + "]"}}));
    CHECK(lost.needs_replace);
    auto it = std::find_if(lost.changes.begin(), lost.changes.end(),
                           [&](const PlaceChange& p) { return p.date == day && p.out == by; });
    REQUIRE(it != lost.changes.end());
    CHECK(it->lost == "cover");
  }

  TEST_CASE("a re-plan for officers on leave never moves a leader and counts places and shifts") {
    MemoryStore store;
    publish(store, spec());
    std::map<std::string, std::string> leave;
    std::string a = officer(store, jan(12)), b = who(store, jan(20), "officer").back();
    if (a == b) {
      leave[a] = ", unavailable: [2027-01-12, 2027-01-20]";
    } else {
      leave[a] = ", unavailable: [2027-01-12]";
      leave[b] = ", unavailable: [2027-01-20]";
    }
    std::vector<std::vector<std::string>> leaders;
    for (unsigned d = 1; d <= 31; ++d) leaders.push_back(who(store, jan(d), "leader"));
    ReplanRosterRequest r;
    r.from = jan(5);
    RosterStep step = replan_roster(store, office(), spec(leave), r, kDecember);
    CHECK(step.written);
    for (unsigned d = 1; d <= 31; ++d) CHECK(who(store, jan(d), "leader") == leaders[d - 1]);
    std::set<Days> dates;
    for (const auto& c : step.changes) {
      CHECK(c.slot == "officer");
      dates.insert(c.date);
    }
    CHECK(step.changes.size() >= dates.size());
    CHECK(step.shifts_changed + step.added == static_cast<int>(dates.size()));
    CHECK(dates.contains(jan(12)));
    CHECK(dates.contains(jan(20)));
    CHECK(broken(store, spec(leave)).empty());
  }

  TEST_CASE("a re-plan keeps a forced cover, and check lists its rule break as forced") {
    MemoryStore store;
    publish(store, spec());
    // The officer of the 11th also covers the 10th: no duty-free day between, forced.
    std::string twice = officer(store, jan(11));
    std::string out = officer(store, jan(10));
    if (out == twice) out = who(store, jan(10), "officer").back();
    CoverRequest c{jan(10), "officer", out, twice, "nobody else", false};
    CHECK_THROWS_AS(cover_duty(store, office(), spec(), c, kDecember), duty::UsageError);
    c.force = true;
    RosterStep covered = cover_duty(store, office(), spec(), c, kDecember);
    CHECK_FALSE(covered.forced.empty());
    CHECK(broken(store, spec()).empty());
    auto all = check_published_roster(store, office(), spec(), std::nullopt, std::nullopt);
    CHECK_FALSE(all.empty());
    // New leave elsewhere: the re-plan leaves the forced cover where it is.
    std::string away = who(store, jan(25), "officer").front();
    ReplanRosterRequest r;
    r.from = jan(1);
    auto now = spec({{away, ", unavailable: [2027-01-25]"}});
    RosterStep step;
    try {
      step = replan_roster(store, office(), now, r, kDecember);
    } catch (const duty::UnsatisfiableError& e) {
      for (const auto& reason : e.reasons()) MESSAGE(reason);
      throw;
    }
    CHECK(step.written);
    auto people = who(store, jan(10), "officer");
    CHECK(std::find(people.begin(), people.end(), twice) != people.end());
    CHECK(broken(store, now).empty());
  }

  TEST_CASE("nothing to change: a re-plan writes nothing and reports nothing") {
    MemoryStore store;
    publish(store, spec());
    auto events = store.raw_events().size();
    ReplanRosterRequest r;
    r.from = jan(3);
    RosterStep step = replan_roster(store, office(), spec(), r, kDecember);
    CHECK(step.changes.empty());
    CHECK_FALSE(step.written);
    CHECK(store.raw_events().size() == events);
  }

  TEST_CASE("swaps name people by id or name; unknown names suggest the closest") {
    MemoryStore store;
    publish(store, spec());
    std::string a = who(store, jan(3), "leader").front();
    std::string b;
    Days db{};
    for (unsigned d = 20; d <= 31 && b.empty(); ++d) {
      std::string l = who(store, jan(d), "leader").front();
      if (l != a) {
        b = l;
        db = jan(d);
      }
    }
    SwapRequest s{jan(3), db, "leader", "N" + a, b, "family", false};
    try {
      RosterStep step = swap_duties(store, office(), spec(), s, kDecember);
      CHECK(step.changes.size() == 2);
      CHECK(who(store, jan(3), "leader") == std::vector<std::string>{b});
    } catch (const duty::UsageError& e) {
      // The swap may break the rest rule for this seed; it must then say so.
      CHECK(std::string(e.what()).find("breaks the roster's rules") != std::string::npos);
    }
    SwapRequest bad{jan(3), db, "leader", "Nam", b, "family", false};
    try {
      swap_duties(store, office(), spec(), bad, kDecember);
      FAIL("an unknown person was accepted");
    } catch (const duty::UsageError& e) {
      CHECK(std::string(e.what()).find("unknown person 'Nam'") != std::string::npos);
    }
  }
}
