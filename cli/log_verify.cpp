// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/text.hpp"
#include "reports/checkpoint.hpp"
#include "reports/projection.hpp"

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
  auto bad = [&](const std::string& why) {
    return UsageError("--expect: '" + text + "' " + why + "; expected N:HASH, the event number and at least " +
                      std::to_string(kMinHashDigits) + " hex digits of its hash (as printed on a record: 第N条 HASH)");
  };
  auto colon = text.find(':');
  if (colon == std::string::npos) throw bad("has no ':'");
  Expectation e;
  e.given = text;
  std::string_view n(text.data(), colon);
  auto r = std::from_chars(n.data(), n.data() + n.size(), e.seq);
  if (n.empty() || r.ec != std::errc{} || r.ptr != n.data() + n.size() || e.seq < 1) {
    throw bad("does not start with an event number (1 or more)");
  }
  for (char c : text.substr(colon + 1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) throw bad("has a hash that is not hexadecimal");
    e.hash += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (e.hash.size() < kMinHashDigits) throw bad("has fewer than 12 hex digits of the hash");
  if (e.hash.size() > 64) throw bad("has more hex digits than a SHA-256 hash (64)");
  return e;
}

std::string short_hash(const std::string& hash) { return hash.substr(0, kMinHashDigits); }

}  // namespace

void register_log_verify(CLI::App& log, Context& ctx) {
  auto opt = std::make_shared<VerifyOptions>();
  CLI::App* cmd = log.add_subcommand(
      "verify",
      "Recompute the hash chain, every projection table and every signed checkpoint; exit 1 naming each problem");
  cmd->add_option("--expect", opt->expect,
                  "N:HASH: event N must exist with a hash starting with HASH (at least 12 hex digits, as printed "
                  "on records); repeatable")
      ->type_name("N:HASH");
  cmd->add_option("--public-key", opt->public_keys,
                  "Check checkpoints with this public key file (default: public_key: in office.yaml); repeatable")
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
    auto plural = [](std::int64_t n, const char* word) {
      return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    if (!chain.ok()) {
      ctx.err << "duty: error: the log does not verify: " << printable(chain.problem) << '\n'
              << "duty: " << plural(chain.checked, "event") << " before it verified; keep this store as evidence and "
              << "restore from a backup\n";
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    bool ok = true;
    std::vector<std::string> lines;
    for (const auto& e : expectations) {
      auto it = chain.remembered.find(e.seq);
      if (it == chain.remembered.end()) {
        ctx.err << "duty: error: --expect " << printable(e.given) << ": event " << e.seq << " is missing: the log ends at "
                << (chain.head ? "event " + std::to_string(chain.head->seq) + " " + short_hash(chain.head->hash)
                               : std::string("its start (no events)"))
                << "; it was shortened after that record was made, or this is not the office's store\n";
        ok = false;
      } else if (it->second.compare(0, e.hash.size(), e.hash) != 0) {
        ctx.err << "duty: error: --expect " << printable(e.given) << ": event " << e.seq << " has hash "
                << short_hash(it->second) << ", not " << e.hash
                << ": the log was rewritten after that record was made, or this is not the office's store\n";
        ok = false;
      } else {
        lines.push_back("ok: event " + std::to_string(e.seq) + " has hash " + it->second);
      }
    }

    if (!chain.checkpoints.empty() && keys.empty()) {
      ctx.err << "duty: error: the log holds " << plural(static_cast<std::int64_t>(chain.checkpoints.size()), "signed checkpoint")
              << " but no public key to check them with; set public_key: in office.yaml or pass --public-key FILE\n";
      ok = false;
    } else if (!keys.empty()) {
      const reports::CheckpointCheck* last_good = nullptr;
      auto checks = reports::check_checkpoints(chain.checkpoints, keys);
      for (const auto& c : checks) {
        if (!c.problem.empty()) {
          ctx.err << "duty: error: the checkpoint at event " << c.event << " does not verify: " << printable(c.problem)
                  << '\n';
          ok = false;
        } else {
          last_good = &c;
        }
      }
      if (last_good) {
        lines.push_back("signed: event " + std::to_string(last_good->seq) + " " + last_good->hash + " (checkpoint at event " +
                        std::to_string(last_good->event) + ", key " + last_good->key + ")");
        if (chain.head && chain.head->seq > last_good->event) {
          lines.push_back("not yet signed: " + plural(chain.head->seq - last_good->event, "event") + " after it");
        }
      } else if (checks.empty()) {
        ctx.err << "duty: warning: the log holds no checkpoint signed with the public key " << keys.front().fingerprint()
                << " yet, so a rewrite with recomputed hashes would go unnoticed; 'duty log checkpoint' signs its head\n";
      }
    }

    for (const auto& p : projections.problems) {
      ctx.err << "duty: error: " << reports::projection_table(p.table).name << " " << printable(p.key) << ": "
              << printable(p.what) << '\n';
    }
    if (projections.problem_count > static_cast<std::int64_t>(projections.problems.size())) {
      ctx.err << "duty: ... and " << projections.problem_count - static_cast<std::int64_t>(projections.problems.size())
              << " more\n";
    }
    if (!projections.ok()) {
      ctx.err << "duty: " << plural(projections.problem_count, "projection row")
              << " differ from what the events give (changed behind duty's back); keep this store as evidence, then "
                 "'duty log rebuild' rewrites the tables from the events\n";
      ok = false;
    }
    if (!ok) {
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    ctx.out << "ok: " << plural(chain.checked, "event") << " verified\n";
    for (const auto& l : lines) ctx.out << l << '\n';
  });
}

}  // namespace duty::cli
