// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
struct WarningListOptions {
  bool in_force = false;
  bool include_exercise = false;
  bool include_void = false;
  std::string at, format;
};
}  // namespace

void register_warning_list(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningListOptions>();
  CLI::App* cmd = warning.add_subcommand("list", tr("List warnings received, oldest first"));
  cmd->add_flag("--in-force", opt->in_force,
                tr("Only warnings in force (exercise and test ones left out)"));
  cmd->add_flag("--include-exercise", opt->include_exercise,
                tr("With --in-force, keep exercise and test warnings"));
  cmd->add_flag("--include-void", opt->include_void,
                tr("Also warnings voided as entered by mistake (作废)"));
  cmd->add_option("--at", opt->at,
                  tr("As of TIME (default now): what was known and in force then"));
  cmd->add_option("--format", opt->format, tr("table (default) or json"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    const reports::Office& o = s.office;
    Seconds at = time_option("--at", opt->at, o, s.actor.now).value_or(s.actor.now);
    std::vector<reports::Warning> shown;
    for (auto& w : reports::list_warnings(*s.store, at)) {
      if (opt->in_force && (!w.in_force(at) || (w.exercise() && !opt->include_exercise))) continue;
      if (w.voided_at && !opt->include_void) continue;
      shown.push_back(std::move(w));
    }
    if (format == Format::kJson) {
      JsonWriter jw(ctx.out, 2);
      jw.begin_array();
      for (const auto& w : shown) write_warning_json(jw, w, o, at, false);
      jw.end_array();
      ctx.out << '\n';
      return;
    }
    if (shown.empty()) {
      ctx.out << (opt->in_force ? tr("No warning is in force.") : tr("No warning recorded."))
              << '\n';
      return;
    }
    // The fire-danger rating gets a column only when a warning shown has one.
    bool ratings = std::any_of(shown.begin(), shown.end(), [&](const reports::Warning& w) {
      return w.fire_rating_at(at).has_value();
    });
    std::vector<std::string> head = {tr("ID"),       tr("Warning"), tr("Issuer"), tr("Area"),
                                     tr("Received"), tr("Expires"), tr("State")};
    if (ratings) head.insert(head.begin() + 2, tr("Fire rating"));
    Table t(head);
    for (const auto& w : shown) {
      std::string title = warning_title(o, w, w.level_at(at));
      if (w.exercise()) title += " [" + std::string(reports::to_string(w.status)) + "]";
      std::vector<std::string> row = {w.id,
                                      title,
                                      w.issuer,
                                      join(w.area, ", "),
                                      local(o, w.received_at),
                                      w.expires_at ? local(o, *w.expires_at) : tr("until lifted"),
                                      state_label(w.state(at))};
      if (ratings) {
        auto r = w.fire_rating_at(at);
        row.insert(row.begin() + 2, r ? std::to_string(*r) : std::string());
      }
      t.add(row);
    }
    t.print(ctx.out);
  });
}

}  // namespace duty::cli
