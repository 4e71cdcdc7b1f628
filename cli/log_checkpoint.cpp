// SPDX-License-Identifier: Apache-2.0
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
struct CheckpointOptions {
  std::string key;
};
}  // namespace

void register_log_checkpoint(CLI::App& log, Context& ctx) {
  auto opt = std::make_shared<CheckpointOptions>();
  CLI::App* cmd =
      log.add_subcommand("checkpoint", tr("Verify the chain and append a checkpoint signing its "
                                          "head with the office's Ed25519 key"));
  cmd->add_option("--key", opt->key, tr("Private key file (default: signing_key: in office.yaml)"))
      ->type_name("FILE");
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    std::string path = opt->key;
    std::string option = "--key";
    if (path.empty()) {
      if (s.office.signing_key.empty()) {
        throw UsageError(
            tr("no signing key: office.yaml names no signing_key: and no --key FILE was given; "
               "'duty key init' makes the office's key pair"));
      }
      path = s.office.resolve(s.office.signing_key);
      option = "office.yaml signing_key";
    }
    reports::Key key = reports::Key::load(path, true, option);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Event e;
    try {
      e = reports::append_checkpoint(*s.store, key, s.actor);
    } catch (const reports::ChainBrokenError& err) {
      ctx.err << error_prefix() << printable(err.what()) << '\n'
              << "duty: "
              << tr("nothing was signed: a checkpoint would vouch for a log that does not verify")
              << '\n';
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    const std::int64_t seq = e.integer("seq").value_or(0);
    const std::string hash = e.text("hash").value_or("");
    ctx.out << trf("signed: event {0} {1} (checkpoint at event {2}, key {3})", seq, hash, e.seq,
                   key.fingerprint())
            << '\n'
            << trf("Log check: event {0} {1}", seq, hash.substr(0, 12)) << '\n';
  });
}

}  // namespace duty::cli
