// SPDX-License-Identifier: Apache-2.0
#include "reports/publishing/balance.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "reports/roster_record.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

namespace {

// One cover as the balance counts it.
struct Cover {
  std::string out;
  std::string in;
  std::int64_t seconds = 0;
};

std::optional<Days> shift_date(const std::string& subject) {
  constexpr std::string_view kPrefix = "roster:";
  if (!subject.starts_with(kPrefix)) return std::nullopt;
  return parse_date(std::string_view(subject).substr(kPrefix.size()));
}

// The time a cover takes over: the part it names, else the shift as published before it.
std::int64_t covered_seconds(const Event& cover, const std::vector<Event>& shift_events) {
  auto from = cover.integer("from");
  auto to = cover.integer("to");
  if (from && to) return std::max<long long>(0, *to - *from);
  std::optional<long long> start, end;
  for (const auto& e : shift_events) {
    if (e.seq >= cover.seq) break;
    if (e.type != kRosterPublished) continue;
    start = e.integer("start");
    end = e.integer("end");
  }
  if (!start || !end) {
    throw StoreError(
        trf("cover event {0} ({1}) has no published shift before it; run 'duty log verify'",
            cover.seq, cover.subject));
  }
  return std::max<long long>(0, *end - *start);
}

// Whether a cover still stands: a later publication of the shift keeps a whole-shift cover only
// when it lists it among the covers it kept; a partial cover stands while the shift's row holds it
// (it goes when the person covered leaves the place). A cover a publication undid never happened.
bool in_force(const Event& cover, const std::vector<Event>& shift_events,
              const RosterShiftRecord* row) {
  const std::string slot = cover.text("slot").value_or("");
  const std::string in = cover.text("in").value_or("");
  if (auto from = cover.integer("from")) {
    if (!row) return false;
    auto to = cover.integer("to").value_or(0);
    return std::any_of(
        row->partial_covers.begin(), row->partial_covers.end(), [&](const PartialCover& c) {
          return c.slot == slot && c.in == in && c.out == cover.text("out").value_or("") &&
                 c.from == Seconds{std::chrono::seconds{*from}} &&
                 c.to == Seconds{std::chrono::seconds{to}};
        });
  }
  for (const auto& e : shift_events) {
    if (e.seq <= cover.seq || e.type != kRosterPublished) continue;
    bool kept = false;
    for (const auto& a : decode_assignments(e.text("kept_cover").value_or(""))) {
      if (a.slot == slot && std::find(a.people.begin(), a.people.end(), in) != a.people.end())
        kept = true;
    }
    if (!kept) return false;
  }
  return true;
}

}  // namespace

BalanceRequest balance_year(int year) {
  date::year y{year};
  return {Days{y / date::January / 1}, Days{y / date::December / 31}};
}

std::vector<CoverBalance> roster_balance(Store& store, const BalanceRequest& request) {
  if (request.from > request.to) {
    throw UsageError(trf("the period starts ({0}) after it ends ({1})", format_date(request.from),
                         format_date(request.to)));
  }
  std::map<std::string, CoverBalance> by_id;
  store.read([&] {
    // Every cover ever recorded (few), then those of shifts in the period: a cover may be recorded
    // long before or after its shift, so the time it was recorded says nothing here.
    std::map<std::string, std::vector<Event>> by_subject;
    for (auto& e : store.events_of_type(kRosterCover, Seconds::min(), Seconds::max())) {
      auto date = shift_date(e.subject);
      if (!date) {
        throw StoreError(
            trf("cover event {0} names no shift ('{1}'); run 'duty log verify'", e.seq, e.subject));
      }
      if (*date < request.from || *date > request.to) continue;
      by_subject[e.subject].push_back(std::move(e));
    }
    std::map<std::string, RosterShiftRecord> rows;
    if (!by_subject.empty()) {
      for (auto& r : store.roster().shifts(request.from, request.to))
        rows[roster_subject(r.date)] = std::move(r);
    }
    for (const auto& [subject, covers] : by_subject) {
      const std::vector<Event> shift_events = store.events(subject);
      auto row = rows.find(subject);
      for (const auto& c : covers) {
        auto out = c.text("out");
        auto in = c.text("in");
        if (!out || !in || out->empty() || in->empty()) {
          throw StoreError(
              trf("cover event {0} ({1}) names nobody; run 'duty log verify'", c.seq, subject));
        }
        if (!in_force(c, shift_events, row == rows.end() ? nullptr : &row->second)) continue;
        const std::int64_t seconds = covered_seconds(c, shift_events);
        CoverBalance& doer = by_id[*in];
        doer.id = *in;
        ++doer.done;
        doer.seconds_done += seconds;
        CoverBalance& owner = by_id[*out];
        owner.id = *out;
        ++owner.received;
        owner.seconds_received += seconds;
      }
    }
    for (const auto& p : store.roster().people()) {
      auto it = by_id.find(p.id);
      if (it != by_id.end()) it->second.name = p.name;
    }
  });
  std::vector<CoverBalance> out;
  out.reserve(by_id.size());
  for (auto& [id, balance] : by_id) out.push_back(std::move(balance));
  return out;
}

}  // namespace duty::reports
