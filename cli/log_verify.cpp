// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/language.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/checkpoint.hpp"
#include "reports/journal/projection.hpp"

namespace duty::cli {

namespace {

struct VerifyOptions {
  std::vector<std::string> expect;
  std::vector<std::string> public_keys;
};

struct Expectation {
  std::int64_t seq = 0;
  std::string hash;  ///< a prefix of at least 12 hex digits, lower case
  std::string given;
};

constexpr std::size_t kMinHashDigits = 12;

Expectation parse_expectation(const std::string& text) {
  auto bad = [&](const char* why) {
    return UsageError(trf(
        "--expect: '{0}' {1}; expected N:HASH, the event number and at least {2} hex digits of its "
        "hash (as printed on a record: 第N条 HASH)",
        text, tr(why), kMinHashDigits));
  };
  auto colon = text.find(':');
  if (colon == std::string::npos) throw bad(N_("has no ':'"));
  Expectation e;
  e.given = text;
  std::string_view n(text.data(), colon);
  auto r = std::from_chars(n.data(), n.data() + n.size(), e.seq);
  if (n.empty() || r.ec != std::errc{} || r.ptr != n.data() + n.size() || e.seq < 1) {
    throw bad(N_("does not start with an event number (1 or more)"));
  }
  for (char c : text.substr(colon + 1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      throw bad(N_("has a hash that is not hexadecimal"));
    e.hash += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (e.hash.size() < kMinHashDigits) throw bad(N_("has fewer than 12 hex digits of the hash"));
  if (e.hash.size() > 64) throw bad(N_("has more hex digits than a SHA-256 hash (64)"));
  return e;
}

std::string short_hash(const std::string& hash) { return hash.substr(0, kMinHashDigits); }

}  // namespace

void register_log_verify(CLI::App& log, Context& ctx) {
  auto opt = std::make_shared<VerifyOptions>();
  CLI::App* cmd =
      log.add_subcommand("verify", tr("Recompute the hash chain, every projection table and every "
                                      "signed checkpoint; exit 1 naming each problem"));
  cmd->add_option(
         "--expect", opt->expect,
         tr("N:HASH: event N must exist with a hash starting with HASH (at least 12 hex digits, as "
            "printed on records); repeatable"))
      ->type_name("N:HASH");
  cmd->add_option("--public-key", opt->public_keys,
                  tr("Check checkpoints with this public key file (default: public_key: in "
                     "office.yaml); repeatable"))
      ->type_name("FILE");
  cmd->callback([opt, &ctx] {
    std::vector<Expectation> expectations;
    for (const auto& text : opt->expect) expectations.push_back(parse_expectation(text));
    Session s = open_session(ctx, Need::kReadStore);
    std::vector<reports::Key> keys;
    if (!opt->public_keys.empty()) {
      for (const auto& path : opt->public_keys) keys.push_back(reports::Key::load(path, false, "--public-key"));
    } else if (!s.office.public_key.empty()) {
      keys.push_back(reports::Key::load(s.office.resolve(s.office.public_key), false, "office.yaml public_key"));
    }
    std::vector<std::int64_t> seqs;
    for (const auto& e : expectations) seqs.push_back(e.seq);

    reports::VerifyResult chain;
    reports::ProjectionReport projections;
    // One snapshot: the projections compared are those of the chain verified.
    s.store->read([&] {
      chain = reports::verify_chain(*s.store, seqs);
      if (chain.ok()) projections = reports::verify_projections(*s.store, s.office);
    });
    auto count = [](std::int64_t n) { return static_cast<unsigned long>(n); };
    if (!chain.ok()) {
      ctx.err << error_prefix() << trf("the log does not verify: {0}", printable(chain.problem))
              << '\n'
              << "duty: "
              << trn("{0} event before it verified; keep this store as evidence and restore from a "
                     "backup",
                     "{0} events before it verified; keep this store as evidence and restore from "
                     "a backup",
                     count(chain.checked), chain.checked)
              << '\n';
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    bool ok = true;
    std::vector<std::string> lines;
    for (const auto& e : expectations) {
      auto it = chain.remembered.find(e.seq);
      if (it == chain.remembered.end()) {
        std::string end = chain.head
                              ? trf("event {0} {1}", chain.head->seq, short_hash(chain.head->hash))
                              : std::string(tr("its start (no events)"));
        ctx.err << error_prefix()
                << trf("--expect {0}: event {1} is missing: the log ends at {2}; it was shortened "
                       "after that record "
                       "was made, or this is not the office's store",
                       printable(e.given), e.seq, end)
                << '\n';
        ok = false;
      } else if (it->second.compare(0, e.hash.size(), e.hash) != 0) {
        ctx.err << error_prefix()
                << trf("--expect {0}: event {1} has hash {2}, not {3}: the log was rewritten after "
                       "that record was "
                       "made, or this is not the office's store",
                       printable(e.given), e.seq, short_hash(it->second), e.hash)
                << '\n';
        ok = false;
      } else {
        lines.push_back(trf("ok: event {0} has hash {1}", e.seq, it->second));
      }
    }

    if (!chain.checkpoints.empty() && keys.empty()) {
      ctx.err << error_prefix()
              << trn("the log holds {0} signed checkpoint but no public key to check them with; "
                     "set public_key: in "
                     "office.yaml or pass --public-key FILE",
                     "the log holds {0} signed checkpoints but no public key to check them with; "
                     "set public_key: in "
                     "office.yaml or pass --public-key FILE",
                     chain.checkpoints.size(), chain.checkpoints.size())
              << '\n';
      ok = false;
    } else if (!keys.empty()) {
      const reports::CheckpointCheck* last_good = nullptr;
      auto checks = reports::check_checkpoints(chain.checkpoints, keys);
      for (const auto& c : checks) {
        if (!c.problem.empty()) {
          ctx.err << error_prefix()
                  << trf("the checkpoint at event {0} does not verify: {1}", c.event,
                         printable(c.problem))
                  << '\n';
          ok = false;
        } else {
          last_good = &c;
        }
      }
      if (last_good) {
        lines.push_back(trf("signed: event {0} {1} (checkpoint at event {2}, key {3})",
                            last_good->seq, last_good->hash, last_good->event, last_good->key));
        if (chain.head && chain.head->seq > last_good->event) {
          std::int64_t n = chain.head->seq - last_good->event;
          lines.push_back(trn("not yet signed: {0} event after it",
                              "not yet signed: {0} events after it", count(n), n));
        }
      } else if (checks.empty()) {
        ctx.err << warning_prefix()
                << trf("the log holds no checkpoint signed with the public key {0} yet, so a "
                       "rewrite with recomputed "
                       "hashes would go unnoticed; 'duty log checkpoint' signs its head",
                       keys.front().fingerprint())
                << '\n';
      }
    }

    for (const auto& p : projections.problems) {
      ctx.err << error_prefix() << reports::projection_table(p.table).name << " "
              << printable(p.key) << ": " << printable(p.what) << '\n';
    }
    if (projections.problem_count > static_cast<std::int64_t>(projections.problems.size())) {
      ctx.err << "duty: "
              << trf("... and {0} more", projections.problem_count -
                                             static_cast<std::int64_t>(projections.problems.size()))
              << '\n';
    }
    if (!projections.ok()) {
      ctx.err
          << "duty: "
          << trn("{0} projection row differ from what the events give (changed behind duty's "
                 "back); keep this "
                 "store as evidence, then 'duty log rebuild' rewrites the tables from the events",
                 "{0} projection rows differ from what the events give (changed behind duty's "
                 "back); keep this "
                 "store as evidence, then 'duty log rebuild' rewrites the tables from the events",
                 count(projections.problem_count), projections.problem_count)
          << '\n';
      ok = false;
    }
    if (!ok) {
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    ctx.out << trn("ok: {0} event verified", "ok: {0} events verified", count(chain.checked),
                   chain.checked)
            << '\n';
    for (const auto& l : lines) ctx.out << l << '\n';
  });
}

}  // namespace duty::cli
