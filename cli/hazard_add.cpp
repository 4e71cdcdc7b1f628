// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/hazards/hazard_settings.hpp"

namespace duty::cli {

namespace {
struct HazardAddOptions {
  std::string title, township, location, category, grade, source, found, found_by, unit, owner,
      owner_phone, measures, due, supervisor, basis, format;
};
}  // namespace

void register_hazard_add(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardAddOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "add", tr("Register a hazard in the ledger (隐患登记); prints its id H-n"));
  cmd->add_option("--title", opt->title, tr("What the hazard is (隐患描述)"))->required();
  cmd->add_option("--township", opt->township, tr("The township it is in (属地乡镇)"))->required();
  cmd->add_option("--location", opt->location, tr("The site or part (部位/场所)"))->required();
  cmd->add_option("--category", opt->category, tr("Industry or category (行业/类别)"))->required();
  cmd->add_option("--grade", opt->grade, tr("general or major (一般, 重大)"))->required();
  cmd->add_option("--source", opt->source,
                  tr("self-check, inspection, tip-off, meeting, assigned, drill or other (自查, "
                     "检查, 举报, 会议, 交办, 演练, 其他)"))
      ->required();
  cmd->add_option("--found", opt->found, tr("When it was found (TIME)"))->required();
  cmd->add_option("--found-by", opt->found_by, tr("Who found it (排查人/单位)"))->required();
  cmd->add_option("--unit", opt->unit, tr("The responsible unit (整改责任单位)"))->required();
  cmd->add_option("--owner", opt->owner, tr("The rectification owner (整改责任人)"))->required();
  cmd->add_option("--owner-phone", opt->owner_phone, tr("The owner's phone number"));
  cmd->add_option("--measures", opt->measures, tr("The rectification measures (整改措施)"))
      ->required();
  cmd->add_option("--due", opt->due,
                  tr("The deadline (整改时限): DATE, the end of that day in the office's zone"))
      ->required();
  cmd->add_option("--supervisor", opt->supervisor, tr("The supervising department (监管部门)"));
  cmd->add_option("--basis", opt->basis,
                  tr("The criteria clause that makes it major (重大隐患判定依据)"));
  cmd->add_option("--format", opt->format, tr("text (the id, default) or json (the whole hazard)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    check_text_or_json(opt->format);
    reports::HazardSettings settings = reports::load_hazard_settings(s.office);
    reports::NewHazard n;
    n.title = opt->title;
    n.township = opt->township;
    n.location = opt->location;
    n.category = opt->category;
    n.grade = grade_option(opt->grade);
    n.source = source_option(opt->source);
    n.found = time_option("--found", opt->found, s.office, s.actor.now, ClockReading::kPast);
    n.found_by = opt->found_by;
    n.unit = opt->unit;
    n.owner = opt->owner;
    n.owner_phone = opt->owner_phone;
    n.measures = opt->measures;
    n.due = date_option("due", opt->due, s.office, s.actor.now);
    n.supervisor = opt->supervisor;
    n.basis = opt->basis;
    // Checked before the store is opened, so bad input writes nothing (not even a new store).
    reports::validate_new_hazard(s.office, settings, n, s.actor);
    open_store(ctx, s, Need::kWriteStore);
    reports::Hazard h = reports::add_hazard(*s.store, s.office, settings, n, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_hazard_json(w, h, s.office, s.actor.now, true);
      ctx.out << '\n';
    } else {
      ctx.out << h.id << '\n';
    }
  });
}

}  // namespace duty::cli
