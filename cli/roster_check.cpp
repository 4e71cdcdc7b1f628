// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "common/json_writer.hpp"
#include "roster/check.hpp"

namespace duty::cli {

namespace {
struct CheckOptions {
  std::string spec;
  std::string plan;
  bool published = false;
  std::string from;
  std::string to;
  std::string format;
};

void write_violations(Context& ctx, const std::string& format,
                      const std::vector<reports::PublishedViolation>& violations) {
  if (format == "json") {
    JsonWriter w(ctx.out, 2);
    w.begin_array();
    for (const auto& pv : violations) {
      const auto& v = pv.violation;
      w.begin_object();
      if (v.date) {
        w.key("date").value(format_date(*v.date));
      } else {
        w.key("date").null();
      }
      w.key("slot").value(v.slot).key("person").value(v.person);
      w.key("rule").value(v.rule).key("message").value(v.message);
      w.key("forced").value(pv.forced);
      w.end_object();
    }
    w.end_array();
    ctx.out << '\n';
  } else {
    for (const auto& v : violations)
      ctx.out << v.violation.message << (v.forced ? tr(" (forced)") : "") << '\n';
  }
}

// The office's spec when no SPEC is given: only inside an office workspace.
Session office_for_spec(const Context& ctx) {
  try {
    return open_session(ctx, Need::kOffice);
  } catch (const UsageError& e) {
    throw UsageError(trf("SPEC is required outside an office workspace ({0})", e.what()));
  }
}
}  // namespace

void register_roster_check(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "check",
      tr("Check a plan, or the published roster (--published), against the roster spec's hard "
         "rules; exit 1 if any is broken"));
  cmd->add_option(
      "SPEC", opt->spec,
      tr("Roster spec (YAML); default: the office's (roster: in office.yaml). Given alone "
         "without --published, a plan is taken as PLAN"));
  cmd->add_option(
      "PLAN", opt->plan,
      tr("Plan to check (JSON or YAML, as written by 'roster build'); not with --published"));
  cmd->add_flag("--published", opt->published,
                tr("Check the roster published in the office's store (swaps and covers applied), "
                   "counting the duties published on either side of the dates checked"));
  cmd->add_option("--from", opt->from,
                  tr("With --published: first date to check (default: the spec's period, within "
                     "what is published)"));
  cmd->add_option("--to", opt->to, tr("With --published: last date to check"));
  cmd->add_option("--format", opt->format, tr("text (one violation per line, default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    // With one positional, CLI11 fills SPEC: a plan given alone is the PLAN.
    std::vector<std::string> files;
    for (const auto* f : {&opt->spec, &opt->plan}) {
      if (!f->empty()) files.push_back(*f);
    }
    std::vector<reports::PublishedViolation> violations;
    std::string what;
    if (opt->published) {
      if (files.size() > 1)
        throw UsageError(
            tr("--published checks the published roster: give at most a SPEC, no PLAN"));
      std::optional<Days> from = option_date("--from", opt->from);
      std::optional<Days> to = option_date("--to", opt->to);
      if (from && to && *from > *to)
        throw UsageError(trf("--from {0} is after --to {1}", opt->from, opt->to));
      Session s = open_session(ctx, Need::kReadStore);
      reports::SpecInForce spec = spec_in_force(s, files.empty() ? std::string() : files.front());
      violations = reports::check_published_roster(*s.store, s.office, spec, from, to);
      what = tr("the published roster");
    } else {
      if (!opt->from.empty() || !opt->to.empty())
        throw UsageError(tr("--from/--to: only with --published (a plan's own dates are checked)"));
      if (files.empty() || (files.size() == 1 && !looks_like_plan(files.front())))
        throw UsageError(
            tr("PLAN is required: give SPEC PLAN, or PLAN alone inside an office workspace (its "
               "roster spec is used), or --published to check the published roster"));
      std::string plan_path = files.back();
      roster::Plan plan = roster::load_plan(plan_path);
      // The plan's own dates decide the period checked, so a month cut from a quarter checks
      // cleanly.
      roster::PeriodOverride period;
      if (!plan.shifts.empty()) period = {plan.from, plan.to};
      roster::Spec spec = files.size() == 2 ? roster::load_spec(files.front(), period)
                                            : load_roster_spec(office_for_spec(ctx), "", period);
      roster::Model model = roster::build_model(spec);
      for (auto& v : roster::check_plan(model, plan)) violations.push_back({std::move(v), false});
      what = plan_path;
    }
    write_violations(ctx, opt->format, violations);
    std::size_t broken = 0;
    for (const auto& v : violations) broken += v.forced ? 0 : 1;
    if (!violations.empty()) {
      std::string forced = broken != violations.size()
                               ? trf(" (and {0} forced with a reason)", violations.size() - broken)
                               : std::string();
      ctx.err << "duty: "
              << trn("{0} violation in {1}{2}", "{0} violations in {1}{2}", broken, broken, what,
                     forced)
              << '\n';
    }
    if (broken) ctx.exit_code = ExitCode::kProblems;
  });
}

}  // namespace duty::cli
