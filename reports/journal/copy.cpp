// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/copy.hpp"

#include <memory>
#include <vector>

#include "common/i18n.hpp"
#include "reports/journal/projection.hpp"
#include "reports/rules_record.hpp"

namespace duty::reports {

namespace {

// The events a store holds; 0 when it holds none. Seqs run 1, 2, 3 ... in a journal.
std::int64_t events_held(Store& store) {
  auto head = chain_head(store);
  return head ? head->seq : 0;
}

UsageError not_empty(const Store& to, std::int64_t n) {
  return UsageError(
      trn("{0} already holds {1} event of this office; nothing was written. Copy into "
          "a new file or an empty database",
          "{0} already holds {1} events of this office; nothing was written. Copy "
          "into a new file or an empty database",
          static_cast<unsigned long>(n), to.location(), n));
}

StoreError changed_while_read(const Store& from, std::int64_t seq) {
  return StoreError(
      trf("event {0} of {1} does not continue the chain that verified a moment ago; "
          "nothing was copied. Run 'duty log verify' on it",
          seq, from.location()));
}

}  // namespace

void require_empty(Store& to) {
  if (std::int64_t n = events_held(to); n > 0) throw not_empty(to, n);
}

CopyResult copy_journal(Store& from, Store& to, Office office) {
  require_empty(to);
  CopyResult result;
  from.read([&] {
    VerifyResult chain = verify_chain(from);
    if (!chain.ok()) throw ChainBrokenError(chain.problem, chain.checked);
    const std::int64_t last = chain.head ? chain.head->seq : 0;
    // The projections fold by the rules the log recorded, as every command reads them.
    office.recorded_rules = std::make_shared<RulesHistory>(load_rules_history(from));
    Projector projector(office);
    to.write([&](StoreTransaction& tx) {
      // A backend may run this again after a conflict: nothing is kept from a run before.
      result = CopyResult{};
      // Another process may have written to `to` since it was looked at.
      if (tx.event_at(1)) throw not_empty(to, events_held(to));
      std::string prev = kGenesisHash;
      ChainHasher hasher;
      from.for_each_event(
          [&](const Event& e) {
            if (e.seq > last) return false;
            if (e.seq != result.events + 1 || e.prev_hash != prev ||
                hasher.hash(prev, e) != e.hash) {
              throw changed_while_read(from, e.seq);
            }
            tx.append_copied(e);
            prev = e.hash;
            ++result.events;
            return true;
          },
          false);
      if (result.events != last) throw changed_while_read(from, result.events + 1);
      if (last > 0) result.head = ChainPoint{last, prev};
      std::vector<Event> upto;
      for_each_subject(from, [&](const std::vector<Event>& events) {
        // Events after the verified head (none within one snapshot) are not part of the copy.
        if (events.back().seq <= last) {
          result.rows += save_projected(tx, projector.project(events));
          return;
        }
        upto.clear();
        for (const auto& e : events) {
          if (e.seq <= last) upto.push_back(e);
        }
        if (!upto.empty()) result.rows += save_projected(tx, projector.project(upto));
      });
    });
  });
  return result;
}

std::optional<std::string> copy_problem(Store& to, Office office, const CopyResult& copied) {
  std::optional<std::string> problem;
  to.read([&] {
    VerifyResult chain = verify_chain(to);
    if (!chain.ok()) {
      problem = chain.problem;
      return;
    }
    const bool same_head = chain.head.has_value() == copied.head.has_value() &&
                           (!chain.head || (chain.head->seq == copied.head->seq &&
                                            chain.head->hash == copied.head->hash));
    if (!same_head) {
      problem = trf("its last event is {0}, the copied log's is {1}",
                    chain.head ? std::to_string(chain.head->seq) : "0",
                    copied.head ? std::to_string(copied.head->seq) : "0");
      return;
    }
    office.recorded_rules = std::make_shared<RulesHistory>(load_rules_history(to));
    ProjectionReport rows = verify_projections(to, office);
    if (!rows.ok()) {
      const auto& first = rows.problems.front();
      problem = trf("{0} projection rows differ from its events (first: {1} {2}: {3})",
                    rows.problem_count, projection_table(first.table).name, first.key, first.what);
    }
  });
  return problem;
}

}  // namespace duty::reports
