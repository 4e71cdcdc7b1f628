// SPDX-License-Identifier: Apache-2.0
#include <map>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "cli/roster_render.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "reports/incident_log.hpp"
#include "roster/prior.hpp"
#include "roster/solver.hpp"

namespace duty::cli {

namespace {
struct PublishOptions {
  std::string input;
  std::string from;
  std::string to;
  bool force = false;
  std::string reason;
  std::string format;
  PlanRenderFlags render;
};

// A plan has shifts; a spec has slots and people. Decided from the text without parsing it twice.
// (read_regular_file: a FIFO or device given as INPUT is refused, not waited on.)
bool looks_like_plan(const std::string& path) {
  std::istringstream in(read_regular_file(path, kMaxConfigBytes, "a roster spec or plan"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("shifts:", 0) == 0 || line.find("\"shifts\"") != std::string::npos) return true;
  }
  return false;
}
}  // namespace

void register_roster_publish(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<PublishOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "publish",
      "Make a roster official: build it (or take a plan) and record it in the office's store");
  cmd->add_option(
      "INPUT", opt->input,
      "Roster spec to build from, or a plan (JSON/YAML) to publish as it is; default: the office's "
      "roster spec (roster: in office.yaml). The spec's timezone and handover must be office.yaml's");
  cmd->add_option("--from", opt->from,
                  "First date to publish (YYYY-MM-DD); default the spec's or plan's first");
  cmd->add_option("--to", opt->to, "Last date to publish (YYYY-MM-DD), inclusive");
  cmd->add_flag("--force", opt->force,
                "Rewrite shifts that have already started (needs --reason; recorded)");
  cmd->add_option("--reason", opt->reason,
                  "Why this version is published (recorded with every shift)");
  cmd->add_option("--format", opt->format,
                  std::string("How to print the published roster: ") + kPlanFormatHelp);
  add_plan_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, kPlanFormats);
    check_reason(opt->force, opt->reason);
    roster::PeriodOverride period{option_date("--from", opt->from), option_date("--to", opt->to)};
    if (period.from && period.to && *period.from > *period.to) {
      throw UsageError("--from " + opt->from + " is after --to " + opt->to);
    }
    Session s = open_session(ctx, Need::kOffice);
    std::optional<roster::Plan> given;
    if (!opt->input.empty() && looks_like_plan(opt->input)) {
      given = roster::load_plan(opt->input);
      if (given->shifts.empty())
        throw UsageError(opt->input + ": the plan has no shifts to publish");
      if (!period.from || *period.from < given->from) period.from = given->from;
      if (!period.to || *period.to > given->to) period.to = given->to;
      if (*period.from > *period.to)
        throw UsageError("--from/--to: the plan " + opt->input + " has no dates there");
    }
    roster::Spec spec = load_publishing_spec(s, given ? std::string() : opt->input, period);
    std::optional<roster::Plan> checked;
    if (given) {
      // The plan's own frame is not trusted: start, end and day types come from the spec.
      roster::Plan plan = roster::make_empty_plan(spec);
      std::map<Days, const roster::Shift*> by_date;
      for (const auto& shift : given->shifts) by_date[shift.date] = &shift;
      for (auto& shift : plan.shifts) {
        if (auto it = by_date.find(shift.date); it != by_date.end())
          shift.assignments = it->second->assignments;
      }
      roster::Model model = roster::build_model(spec);
      auto violations = roster::check_plan(model, plan);
      if (!violations.empty() && !opt->force) {
        throw UsageError(opt->input + " breaks " + std::to_string(violations.size()) +
                         " rule(s) of the roster spec; nothing was published (--force --reason "
                         "TEXT publishes it "
                         "anyway):" +
                         violation_lines(violations));
      }
      checked = std::move(plan);
    }
    // Checked before anything is written: a bad --person or --bom publishes nothing.
    plan_export_options(ctx, format, opt->render, spec);
    open_store(ctx, s, Need::kWriteStore);
    roster::Plan published;
    reports::PublishResult result;
    s.store->write([&](reports::StoreTransaction& tx) {
      if (!checked) {
        Days window = roster::fairness_window_start(spec, spec.from);
        Days rest_from = spec.from - date::days{spec.rules.min_rest_days + 1};
        auto before = shifts_from_record(
            tx.roster_shifts(std::min(window, rest_from), spec.from - date::days{1}));
        roster::mark_rest_after(spec, before);
        roster::Model model = roster::build_model(spec);
        roster::count_prior_duties(model, before);
        published = roster::solve(model).plan;
      } else {
        published = *checked;
      }
      reports::PublishRequest request;
      request.shifts = records_from_plan(published, spec);
      request.people = people_from_spec(spec);
      request.reason = opt->reason;
      request.force = opt->force;
      result = reports::publish_roster(tx, request, s.actor);
    });
    roster::ExportOptions options = published_export_options(ctx, s, format, opt->render, spec);
    render_plan(ctx.out, format, spec, published, options);
    ctx.err << "duty: published " << format_date(spec.from) << " .. " << format_date(spec.to)
            << " as publication " << result.publication << ": " << result.added << " new, "
            << result.changed << " changed, " << result.unchanged << " unchanged\n";
  });
}

}  // namespace duty::cli
