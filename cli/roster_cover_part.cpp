// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_cover_part.hpp"

#include <algorithm>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/incident_common.hpp"
#include "cli/roster_record_io.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/roster_record.hpp"
#include "reports/journal/store.hpp"

namespace duty::cli {

namespace {

// A TIME of --from/--to: a bare HH:MM is that clock time within the shift (the first instant of
// the shift showing it, or for the end of the window the first after the start), anything else
// as --at reads it.
Seconds cover_time(const std::string& option, const std::string& text,
                   const reports::RosterShiftRecord& row, const Session& session, bool end) {
  if (auto clock = parse_clock(text)) {
    const TimeZone& zone = *session.office.zone;
    Seconds t = at_local(zone, row.date, *clock);
    if (t < row.start || (end && t == row.start))
      t = at_local(zone, row.date + date::days{1}, *clock);
    return t;
  }
  return *time_option(option, text, session.office, session.actor.now);
}

}  // namespace

bool record_cover_part(Context& ctx, Session& s, const CoverPartOptions& opt) {
  if (opt.from.empty() != opt.to.empty()) {
    throw UsageError(
        opt.from.empty()
            ? tr("--from: required with --to (OTHER covers PERSON from --from until --to)")
            : tr("--to: required with --from (OTHER covers PERSON from --from until --to)"));
  }
  const TimeZone& zone = *s.office.zone;
  const std::string date = format_date(opt.date);
  reports::PartialCover cover{opt.slot, opt.person, opt.by, {}, {}, opt.reason};
  bool whole_shift = false;
  s.store->write([&](reports::StoreTransaction& tx) {
    auto rows = tx.roster().shifts(opt.date, opt.date);
    if (rows.empty()) {
      auto all = tx.roster().shifts(std::nullopt, std::nullopt);
      if (all.empty())
        throw UsageError(tr("no roster is published yet; publish one with 'duty roster publish'"));
      throw UsageError(trf("{0} is not in the published roster (published: {1} .. {2})", date,
                           format_date(all.front().date), format_date(all.back().date)));
    }
    const reports::RosterShiftRecord& row = rows.front();
    const std::string shift =
        trf("the shift of {0} ({1} – {2})", date, format_local_minute(zone, row.start),
            format_local_minute(zone, row.end));
    cover.from = cover_time("--from", opt.from, row, s, false);
    cover.to = cover_time("--to", opt.to, row, s, true);
    if (cover.from < row.start || cover.from >= row.end) {
      throw UsageError(
          trf("--from: {0} is not within {1}", format_local_minute(zone, cover.from), shift));
    }
    if (cover.to <= cover.from) {
      throw UsageError(trf("--to: {0} is not after --from {1}", format_local_minute(zone, cover.to),
                           format_local_minute(zone, cover.from)));
    }
    if (cover.to > row.end) {
      throw UsageError(
          trf("--to: {0} is after the end of {1}", format_local_minute(zone, cover.to), shift));
    }
    if (cover.from == row.start && cover.to == row.end) {
      whole_shift = true;
      return;
    }
    roster::Spec spec = spec_in_force(s).load(s.office, {opt.date, opt.date});
    std::vector<std::string> ids, slots;
    for (const auto& p : spec.people) ids.push_back(p.id);
    for (const auto& sl : spec.slots) slots.push_back(sl.id);
    const roster::Slot* slot = spec.find_slot(opt.slot);
    if (!slot) {
      throw UsageError(trf("SLOT: unknown slot '{0}'{1}; expected one of: {2}", opt.slot,
                           did_you_mean(opt.slot, slots), join(slots, ", ")));
    }
    const roster::Person* other = spec.find_person(opt.by);
    if (!other) {
      throw UsageError(trf("--by: unknown person '{0}'{1} in {2}", opt.by,
                           did_you_mean(opt.by, ids), spec.source));
    }
    // The rules a cover keeps for the person who takes the place (as `roster check` words them);
    // rest, max_duties and fairness stay with PERSON, whose duty it remains.
    const std::string where = date + " " + opt.slot + ": " + other->name + " (" + other->id + ")";
    std::vector<roster::Violation> violations;
    auto add = [&](const char* rule, const std::string& what) {
      violations.push_back({opt.date, opt.slot, other->id, rule, where + what, std::nullopt});
    };
    for (const auto& a : row.assignments) {
      if (std::find(a.people.begin(), a.people.end(), other->id) != a.people.end()) {
        add("twice", a.slot == opt.slot ? std::string(tr(" is already on this shift"))
                                        : trf(" is already on this shift as {0}", a.slot));
      }
    }
    if (!other->in_group(slot->group)) add("group", trf(" is not in group '{0}'", slot->group));
    if (!other->available(opt.date)) add("unavailable", tr(" is unavailable"));
    if (!violations.empty() && !opt.force) {
      throw UsageError(tr("the cover breaks the roster's rules; nothing was changed (--force "
                          "records it anyway):") +
                       roster::violation_lines(violations));
    }
    reports::record_partial_cover(tx, {opt.date, cover, opt.force}, s.actor);
  });
  if (whole_shift) return false;
  ctx.out << date << ' ' << opt.slot << ": " << opt.person << " -> " << opt.by << ' '
          << format_local_minute(zone, cover.from) << " – " << format_local_minute(zone, cover.to)
          << '\n';
  return true;
}

}  // namespace duty::cli
