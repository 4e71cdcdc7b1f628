// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/json_writer.hpp"
#include "roster/check.hpp"

namespace duty::cli {

namespace {
struct CheckOptions {
  std::string spec;
  std::string plan;
  std::string format;
};
}  // namespace

void register_roster_check(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = roster.add_subcommand("check", "Check a plan against a spec's hard rules; exit 1 if any is broken");
  cmd->add_option("SPEC", opt->spec, "Roster spec (YAML)")->required();
  cmd->add_option("PLAN", opt->plan, "Plan to check (JSON or YAML, as written by 'roster build')")->required();
  cmd->add_option("--format", opt->format, "text (one violation per line, default) or json");
  cmd->callback([opt, &ctx] {
    if (!opt->format.empty() && opt->format != "text" && opt->format != "json") {
      throw UsageError("--format: unknown format '" + opt->format + "'; expected text or json");
    }
    roster::Plan plan = roster::load_plan(opt->plan);
    // The plan's own dates decide the period checked, so a month cut from a quarter checks cleanly.
    roster::PeriodOverride period;
    if (!plan.shifts.empty()) period = {plan.from, plan.to};
    roster::Spec spec = roster::load_spec(opt->spec, period);
    roster::Model model = roster::build_model(spec);
    auto violations = roster::check_plan(model, plan);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& v : violations) {
        w.begin_object();
        if (v.date) {
          w.key("date").value(format_date(*v.date));
        } else {
          w.key("date").null();
        }
        w.key("slot").value(v.slot).key("person").value(v.person);
        w.key("rule").value(v.rule).key("message").value(v.message);
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
    } else {
      for (const auto& v : violations) ctx.out << v.message << '\n';
    }
    if (!violations.empty()) {
      ctx.err << "duty: " << violations.size() << " violation" << (violations.size() == 1 ? "" : "s") << " in "
              << opt->plan << '\n';
      ctx.exit_code = ExitCode::kProblems;
    }
  });
}

}  // namespace duty::cli
