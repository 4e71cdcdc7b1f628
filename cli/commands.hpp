// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "cli/language.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

// One function per subcommand, each in its own file; main.cpp lists them all. Descriptions,
// option help and messages go through tr/trf/trn (common/i18n.hpp); errors printed by a command
// itself start with error_prefix() (cli/language.hpp).
void register_init(CLI::App& app, Context& ctx);
void register_roster_build(CLI::App& roster, Context& ctx);
void register_roster_check(CLI::App& roster, Context& ctx);
void register_roster_stats(CLI::App& roster, Context& ctx);
void register_roster_publish(CLI::App& roster, Context& ctx);
void register_roster_show(CLI::App& roster, Context& ctx);
void register_roster_next(CLI::App& roster, Context& ctx);
void register_roster_swap(CLI::App& roster, Context& ctx);
void register_roster_cover(CLI::App& roster, Context& ctx);
void register_roster_history(CLI::App& roster, Context& ctx);
void register_roster_replan(CLI::App& roster, Context& ctx);
void register_roster_holidays(CLI::App& roster, Context& ctx);
void register_roster_balance(CLI::App& roster, Context& ctx);
void register_who(CLI::App& app, Context& ctx);
void register_incident_add(CLI::App& incident, Context& ctx);
void register_incident_update(CLI::App& incident, Context& ctx);
void register_incident_correct(CLI::App& incident, Context& ctx);
void register_incident_void(CLI::App& incident, Context& ctx);
void register_incident_supplement(CLI::App& incident, Context& ctx);
void register_incident_escalate(CLI::App& incident, Context& ctx);
void register_incident_close(CLI::App& incident, Context& ctx);
void register_incident_list(CLI::App& incident, Context& ctx);
void register_incident_show(CLI::App& incident, Context& ctx);
void register_incident_overdue(CLI::App& incident, Context& ctx);
void register_incident_import(CLI::App& incident, Context& ctx);
void register_incident_export(CLI::App& incident, Context& ctx);
void register_incident_categories(CLI::App& incident, Context& ctx);
void register_incident_instruct(CLI::App& incident, Context& ctx);
void register_log_verify(CLI::App& log, Context& ctx);
void register_log_rebuild(CLI::App& log, Context& ctx);
void register_log_checkpoint(CLI::App& log, Context& ctx);
void register_key_init(CLI::App& key, Context& ctx);
void register_db_init(CLI::App& db, Context& ctx);
void register_db_migrate(CLI::App& db, Context& ctx);
void register_backup(CLI::App& app, Context& ctx);
void register_db_copy(CLI::App& db, Context& ctx);
void register_watch(CLI::App& app, Context& ctx);
void register_bulletin(CLI::App& app, Context& ctx);
void register_daily(CLI::App& app, Context& ctx);
void register_handover(CLI::App& app, Context& ctx);
void register_note_add(CLI::App& note, Context& ctx);
void register_note_void(CLI::App& note, Context& ctx);
void register_note_list(CLI::App& note, Context& ctx);
void register_todo_add(CLI::App& todo, Context& ctx);
void register_todo_done(CLI::App& todo, Context& ctx);
void register_todo_list(CLI::App& todo, Context& ctx);
void register_todo_void(CLI::App& todo, Context& ctx);
void register_call_add(CLI::App& call, Context& ctx);
void register_call_list(CLI::App& call, Context& ctx);
void register_call_link(CLI::App& call, Context& ctx);
void register_warning_add(CLI::App& warning, Context& ctx);
void register_warning_update(CLI::App& warning, Context& ctx);
void register_warning_lift(CLI::App& warning, Context& ctx);
void register_warning_void(CLI::App& warning, Context& ctx);
void register_warning_list(CLI::App& warning, Context& ctx);
void register_warning_show(CLI::App& warning, Context& ctx);
void register_warning_call(CLI::App& warning, Context& ctx);
void register_warning_answered(CLI::App& warning, Context& ctx);
void register_warning_overdue(CLI::App& warning, Context& ctx);
void register_warning_import(CLI::App& warning, Context& ctx);
void register_hazard_add(CLI::App& hazard, Context& ctx);
void register_hazard_progress(CLI::App& hazard, Context& ctx);
void register_hazard_extend(CLI::App& hazard, Context& ctx);
void register_hazard_submit(CLI::App& hazard, Context& ctx);
void register_hazard_accept(CLI::App& hazard, Context& ctx);
void register_hazard_reject(CLI::App& hazard, Context& ctx);
void register_hazard_supervise(CLI::App& hazard, Context& ctx);
void register_hazard_void(CLI::App& hazard, Context& ctx);
void register_hazard_reopen(CLI::App& hazard, Context& ctx);
void register_hazard_list(CLI::App& hazard, Context& ctx);
void register_hazard_show(CLI::App& hazard, Context& ctx);
void register_hazard_overdue(CLI::App& hazard, Context& ctx);
void register_hazard_stats(CLI::App& hazard, Context& ctx);
void register_hazard_export(CLI::App& hazard, Context& ctx);
void register_hazard_import(CLI::App& hazard, Context& ctx);
void register_hazard_report(CLI::App& hazard, Context& ctx);

}  // namespace duty::cli
