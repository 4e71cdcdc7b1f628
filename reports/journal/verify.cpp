// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "common/i18n.hpp"
#include "reports/journal/checkpoint.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

std::optional<ChainPoint> chain_head(Store& store) { return store.chain_point(std::nullopt); }

std::optional<ChainPoint> chain_at(Store& store, std::int64_t seq) { return store.chain_point(seq); }

VerifyResult verify_chain(Store& store, const std::vector<std::int64_t>& remember) {
  VerifyResult result;
  std::vector<std::int64_t> wanted = remember;
  std::sort(wanted.begin(), wanted.end());
  std::string prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  ChainHasher hasher;
  store.for_each_event(
      [&](const Event& e) {
        auto where = [&] {
          return trf("event {0} ({1})", e.seq, e.type + (e.subject.empty() ? "" : " " + e.subject));
        };
        if (e.seq != expected_seq) {
          result.first_bad = expected_seq;
          result.problem =
              e.seq > expected_seq
                  ? trf("event {0} is missing: the chain jumps to {1}", expected_seq, where())
                  : trf("{0} is out of order", where());
          return false;
        }
        if (e.prev_hash != prev) {
          result.first_bad = e.seq;
          result.problem =
              trf("{0} does not follow the event before it (an event was removed, inserted or "
                  "reordered)",
                  where());
          return false;
        }
        if (hasher.hash(prev, e) != e.hash) {
          result.first_bad = e.seq;
          result.problem =
              trf("{0} was changed after it was written (its hash does not match its content)",
                  where());
          return false;
        }
        prev = e.hash;
        if (std::binary_search(wanted.begin(), wanted.end(), e.seq))
          result.remembered[e.seq] = e.hash;
        if (e.type == kCheckpoint) result.checkpoints.push_back(e);
        ++expected_seq;
        ++result.checked;
        return true;
      },
      false);
  if (result.checked > 0) result.head = ChainPoint{result.checked, prev};
  if (!result.ok()) return result;
  for (const auto& [id, head] : store.subject_heads()) {
    if (head >= expected_seq) {
      result.first_bad = expected_seq;
      result.problem =
          id.size() > 1 && id[1] == '-'
              ? trf("event {0} and later are missing: pending item {1} was last changed by event "
                    "{2}",
                    expected_seq, id, head)
              : trf("event {0} and later are missing: incident {1} was last changed by event {2}",
                    expected_seq, id, head);
      return result;
    }
  }
  // The published roster's projection rows name the events they were built from, as incidents do.
  std::vector<std::pair<std::string, std::int64_t>> heads;
  for (const auto& s : store.roster().shifts(std::nullopt, std::nullopt)) heads.emplace_back(roster_subject(s.date), s.last_seq);
  for (const auto& p : store.roster().people()) heads.emplace_back("person:" + p.id, p.last_seq);
  for (const auto& [subject, head] : heads) {
    if (head >= expected_seq) {
      result.first_bad = expected_seq;
      result.problem = trf("event {0} and later are missing: {1} was last changed by event {2}",
                           expected_seq, subject, head);
      return result;
    }
  }
  return result;
}

}  // namespace duty::reports
