// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace {

// The deepest subcommand the command line reached, and the names it offers.
const CLI::App* deepest(const CLI::App& app) {
  const CLI::App* cur = &app;
  for (;;) {
    auto subs = cur->get_subcommands();
    if (subs.empty()) return cur;
    cur = subs.front();
  }
}

// CLI11 reports a misspelt subcommand as "A subcommand is required"; name the word instead.
std::string explain_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* cur = deepest(app);
  std::vector<std::string> names;
  for (const auto* sub : cur->get_subcommands(nullptr)) names.push_back(sub->get_name());
  std::string where = cur->get_parent() ? "'" + cur->get_name() + "'" : "duty";
  std::string message = e.what();
  if (!names.empty() && message.find("subcommand") != std::string::npos) {
    // With fallthrough, words the subcommand did not take may be left with any of its parents.
    for (const CLI::App* a = cur; a; a = a->get_parent()) {
      for (const auto& word : a->remaining()) {
        if (!word.empty() && word[0] != '-') {
          return "unknown command '" + word + "' for " + where + duty::did_you_mean(word, names) +
                 "; expected one of: " + duty::join(names, ", ");
        }
      }
    }
    return "missing command for " + where + "; expected one of: " + duty::join(names, ", ");
  }
  return message;
}

std::string help_hint(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = deepest(app); a && a->get_parent(); a = a->get_parent()) path = " " + a->get_name() + path;
  return "run 'duty" + path + " --help' for usage";
}

// Messages quote what the user gave (an id, a file's line); printable() keeps bytes from it that
// would drive the terminal out of the message.
void print_error(std::ostream& err, const duty::Error& e) {
  using duty::printable;
  constexpr std::size_t kMaxShown = 50;
  if (const auto* input = dynamic_cast<const duty::InputError*>(&e)) {
    const auto& ds = input->diagnostics();
    for (std::size_t i = 0; i < ds.size() && i < kMaxShown; ++i) err << "duty: error: " << printable(ds[i].str()) << '\n';
    if (ds.size() > kMaxShown) err << "duty: ... and " << ds.size() - kMaxShown << " more\n";
    if (ds.size() > 1) err << "duty: " << ds.size() << " problems found; nothing was written\n";
    return;
  }
  if (const auto* field = dynamic_cast<const duty::FieldError*>(&e)) {
    // Fields are named as the options that set them; an id speaks for itself.
    std::string option = field->field() == "id" ? "" : "--" + field->field() + ": ";
    std::replace(option.begin(), option.end(), '_', '-');
    err << "duty: error: " << option << printable(e.what()) << '\n';
    return;
  }
  err << "duty: error: " << printable(e.what()) << '\n';
  if (const auto* unsat = dynamic_cast<const duty::UnsatisfiableError*>(&e)) {
    for (const auto& r : unsat->reasons()) err << "  " << printable(r) << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  // duty writes through iostreams only, so C stdio need not be kept in step: big listings go
  // several times faster.
  std::ios::sync_with_stdio(false);
  duty::cli::Context ctx{std::cout, std::cerr, ::isatty(STDOUT_FILENO) != 0, duty::ExitCode::kOk, {}};

  CLI::App app{"duty: duty rosters, incident log and bulletins for emergency duty offices (值班室)", "duty"};
  app.set_version_flag("--version", std::string("duty ") + duty::cli::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success; 1 problems found; 2 bad usage or input; 3 request cannot be satisfied;\n"
      "4 environment or storage failure. See docs/exit-codes.md.");

  app.add_option("--office", ctx.global.office, "Office workspace folder (default: $DUTY_OFFICE, else the nearest "
                                               "folder upward holding office.yaml)");
  app.add_option("--db", ctx.global.db, "Store to use instead of the office's (database: in office.yaml)");
  app.add_option("--by-user", ctx.global.by_user, "Who is making this entry (default: the login name)");
  // Global options may also follow the command: `duty incident list --office DIR`.
  app.fallthrough();

  using namespace duty::cli;
  register_init(app, ctx);

  CLI::App* roster = app.add_subcommand("roster", "Build, check and measure duty rosters; publish them, swaps and cover");
  roster->require_subcommand(1);
  register_roster_build(*roster, ctx);
  register_roster_check(*roster, ctx);
  register_roster_stats(*roster, ctx);
  register_roster_publish(*roster, ctx);
  register_roster_show(*roster, ctx);
  register_roster_next(*roster, ctx);
  register_roster_swap(*roster, ctx);
  register_roster_cover(*roster, ctx);
  register_roster_history(*roster, ctx);
  register_roster_replan(*roster, ctx);

  CLI::App* incident = app.add_subcommand("incident", "Record incidents, follow-ups, escalations and final reports");
  incident->require_subcommand(1);
  register_incident_add(*incident, ctx);
  register_incident_update(*incident, ctx);
  register_incident_escalate(*incident, ctx);
  register_incident_close(*incident, ctx);
  register_incident_list(*incident, ctx);
  register_incident_show(*incident, ctx);
  register_incident_overdue(*incident, ctx);
  register_incident_import(*incident, ctx);
  register_incident_export(*incident, ctx);
  register_incident_categories(*incident, ctx);
  register_incident_instruct(*incident, ctx);

  register_bulletin(app, ctx);
  register_daily(app, ctx);
  register_handover(app, ctx);

  CLI::App* note = app.add_subcommand("note", "Handover notes carried to the shift's handover record");
  note->require_subcommand(1);
  register_note_add(*note, ctx);

  CLI::App* todo = app.add_subcommand("todo", "Pending items (待办事项) and leaders' instructions carried across shifts");
  todo->require_subcommand(1);
  register_todo_add(*todo, ctx);
  register_todo_done(*todo, ctx);
  register_todo_list(*todo, ctx);

  CLI::App* log = app.add_subcommand("log", "Check the tamper-evident duty log");
  log->require_subcommand(1);
  register_log_verify(*log, ctx);

  register_who(app, ctx);

  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::ParseError& e) {
      std::cerr << "duty: error: " << duty::printable(explain_parse_error(app, e)) << "\n" << help_hint(app) << '\n';
      return static_cast<int>(duty::ExitCode::kBadInput);
    }
  } catch (const duty::Error& e) {
    print_error(std::cerr, e);
    return static_cast<int>(e.code());
  } catch (const YAML::Exception& e) {
    // Validators check node kinds before reading them; this is a last line of defence.
    std::cerr << "duty: error: invalid input: " << duty::printable(e.what()) << '\n';
    return static_cast<int>(duty::ExitCode::kBadInput);
  } catch (const std::bad_alloc&) {
    std::cerr << "duty: error: out of memory\n";
    return static_cast<int>(duty::ExitCode::kEnvironment);
  } catch (const std::exception& e) {
    std::cerr << "duty: error: " << duty::printable(e.what()) << '\n';
    return static_cast<int>(duty::ExitCode::kEnvironment);
  }
  return static_cast<int>(ctx.exit_code);
}
