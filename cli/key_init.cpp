// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/journal/checkpoint.hpp"

namespace duty::cli {

namespace {
struct KeyInitOptions {
  std::string private_key;
  std::string public_key;
  bool force = false;
};
}  // namespace

void register_key_init(CLI::App& key, Context& ctx) {
  auto opt = std::make_shared<KeyInitOptions>();
  CLI::App* cmd = key.add_subcommand("init", tr("Create the office's Ed25519 key pair for signed "
                                                "log checkpoints (private key mode 0600)"));
  cmd->add_option("--private", opt->private_key,
                  tr("Private key file (default: signing_key: in office.yaml, else signing-key.pem "
                     "in the workspace)"))
      ->type_name("FILE");
  cmd->add_option("--public", opt->public_key,
                  tr("Public key file (default: public_key: in office.yaml, else public-key.pem in "
                     "the workspace)"))
      ->type_name("FILE");
  cmd->add_flag("--force", opt->force,
                tr("Replace existing key files (checkpoints signed before then verify only with "
                   "the old public key)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto pick = [&](const std::string& option, const std::string& configured, const char* fallback) {
      if (!option.empty()) return option;
      return s.office.resolve(configured.empty() ? fallback : configured);
    };
    std::string private_path = pick(opt->private_key, s.office.signing_key, "signing-key.pem");
    std::string public_path = pick(opt->public_key, s.office.public_key, "public-key.pem");
    std::string fingerprint = reports::create_key_pair(private_path, public_path, opt->force);
    ctx.out << trf("created the private key {0} (keep it secret; mode 0600)", private_path) << '\n'
            << trf("created the public key {0}", public_path) << '\n'
            << trf("fingerprint: {0} (keep a copy on paper, away from this computer)", fingerprint)
            << '\n';
    if (s.office.signing_key.empty() || s.office.public_key.empty() || !opt->private_key.empty() ||
        !opt->public_key.empty()) {
      ctx.out << tr("add to office.yaml (unless it names them already):") << '\n'
              << "signing_key: " << private_path << "\npublic_key: " << public_path << '\n';
    }
  });
}

}  // namespace duty::cli
