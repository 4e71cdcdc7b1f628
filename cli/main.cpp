// SPDX-License-Identifier: Apache-2.0
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include "cli/commands.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace {

using duty::tr;
using duty::trf;
using duty::cli::error_prefix;

// The deepest subcommand the command line reached, and the names it offers.
const CLI::App* deepest(const CLI::App& app) {
  const CLI::App* cur = &app;
  for (;;) {
    auto subs = cur->get_subcommands();
    if (subs.empty()) return cur;
    cur = subs.front();
  }
}

// "duty", or "'incident add'": the command a message is about.
std::string command_name(const CLI::App& cmd) {
  std::string path;
  for (const CLI::App* a = &cmd; a && a->get_parent(); a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " ") + path;
  // Quoted as the language quotes (“incident add”).
  return path.empty() ? "duty" : trf("'{0}'", path);
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = duty::closest_match(word, candidates);
  return m ? trf(" (did you mean '{0}'?)", *m) : std::string();
}

// Every option name the command takes, its parents' (global options fall through) included.
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::App* a = &cmd; a; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
  }
  return names;
}

const CLI::Option* find_option(const CLI::App& cmd, const std::string& name) {
  for (const CLI::App* a = &cmd; a; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      if (o->check_name(name)) return o;
    }
  }
  return nullptr;
}

// What a value of an option of this type must look like, in words.
std::string expected_value(const CLI::Option* o) {
  std::string type = o ? o->get_type_name() : "";
  // With a validator the type reads "INT:INT in [1 - 10000]".
  if (type.starts_with("INT")) return tr("a whole number");
  if (type.starts_with("UINT")) return tr("a whole number, 0 or more");
  if (type.starts_with("FLOAT")) return tr("a number");
  return type.empty() ? tr("a valid value") : type;
}

// The option a CLI11 message starts with ("--at: 1 required TEXT missing"), or "".
std::string leading_name(std::string_view message) {
  auto colon = message.find(": ");
  auto space = message.find(' ');
  if (colon == std::string_view::npos || (space != std::string_view::npos && space < colon))
    return {};
  return std::string(message.substr(0, colon));
}

std::string after(std::string_view message, std::string_view marker) {
  auto at = message.find(marker);
  return at == std::string_view::npos ? std::string()
                                      : std::string(message.substr(at + marker.size()));
}

// CLI11's own messages (English, and naming no way out) said as duty says things, in the language
// of messages: each names the option and, for a mistyped one, the option meant.
std::string explain_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* cur = deepest(app);
  // Words the command did not take, and with fallthrough, words left with any of its parents: a
  // mistyped option is the root of most errors (its value may be taken as a positional).
  std::vector<std::string> left;
  for (const CLI::App* a = cur; a; a = a->get_parent()) {
    for (const auto& word : a->remaining()) left.push_back(word);
  }
  for (const auto& word : left) {
    if (word.size() > 1 && word[0] == '-' && word != "-" && !(word[1] >= '0' && word[1] <= '9')) {
      std::string name = word.substr(0, word.find('='));
      return trf("unknown option '{0}' for {1}{2}", name, command_name(*cur),
                 suggestion(name, option_names(*cur)));
    }
  }
  std::vector<std::string> names;
  for (const auto* sub : cur->get_subcommands(nullptr)) names.push_back(sub->get_name());
  std::string message = e.what();
  if (!names.empty() && message.find("subcommand") != std::string::npos) {
    for (const auto& word : left) {
      if (!word.empty() && word[0] != '-') {
        return trf("unknown command '{0}' for {1}{2}; expected one of: {3}", word,
                   command_name(*cur), suggestion(word, names), duty::join(names, ", "));
      }
    }
    return trf("missing command for {0}; expected one of: {1}", command_name(*cur),
               duty::join(names, ", "));
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string word = left.empty() ? after(message, "expected: ") : left.front();
    return trf("unexpected argument '{0}' for {1}", word, command_name(*cur));
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    const std::string suffix = " is required";
    if (message.size() > suffix.size() && message.ends_with(suffix)) {
      return trf("{0} is required", message.substr(0, message.size() - suffix.size()));
    }
    return trf("a required option of {0} is missing ({1})", command_name(*cur), message);
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    std::string name = leading_name(message);
    if (name.empty())
      name = after(message, "arguments to ").substr(0, after(message, "arguments to ").find(','));
    if (message.find("flag override") != std::string::npos)
      return trf("{0} is a flag and takes no value", message.substr(0, message.find(' ')));
    if (message.find("missing") != std::string::npos) return trf("{0} needs a value", name);
    return trf("{0}: wrong number of values", name);
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    if (message.starts_with("Could not convert: ")) {
      std::string rest = after(message, "Could not convert: ");
      auto eq = rest.find(" = ");
      std::string name = rest.substr(0, eq);
      std::string value = eq == std::string::npos ? "" : rest.substr(eq + 3);
      return trf("{0}: '{1}' is not {2}", name, value, expected_value(find_option(*cur, name)));
    }
    if (message.starts_with("The value ")) {
      std::string rest = after(message, "The value ");
      auto at = rest.find(" is not an allowed value for ");
      std::string name = at == std::string::npos ? "" : rest.substr(at + 29);
      return trf("{0}: '{1}' is not {2}", name, rest.substr(0, at),
                 expected_value(find_option(*cur, name)));
    }
    return trf("{0} is a flag and takes no value", leading_name(message));
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    std::string name = leading_name(message);
    const CLI::Option* o = find_option(*cur, name);
    std::string value = o && !o->results().empty() ? o->results().front() : "";
    // Range is the only validator duty's commands use: "Value 0 not in range 1 to 10000".
    std::string range = after(message, "not in range ");
    auto to = range.find(" to ");
    bool number = !value.empty() && value.find_first_not_of("+-0123456789.eE") == std::string::npos;
    if (!number && to != std::string::npos)
      return trf("{0}: '{1}' is not {2}", name, value, expected_value(o));
    if (to != std::string::npos) {
      return trf("{0}: '{1}' is out of range; expected {2} to {3}", name, value,
                 range.substr(0, to), range.substr(to + 4));
    }
    return trf("{0}: '{1}' is not a valid value", name, value);
  }
  if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    auto at = message.find(" requires ");
    return trf("{0} needs {1} as well", message.substr(0, at),
               at == std::string::npos ? "" : message.substr(at + 10));
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    auto at = message.find(" excludes ");
    return trf("{0} cannot be used with {1}", message.substr(0, at),
               at == std::string::npos ? "" : message.substr(at + 10));
  }
  if (dynamic_cast<const CLI::FileError*>(&e)) {
    return trf("cannot read '{0}': no such file",
               message.substr(0, message.find(" was not readable")));
  }
  return trf("invalid command line: {0}", message);
}

std::string help_hint(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = deepest(app); a && a->get_parent(); a = a->get_parent()) path = " " + a->get_name() + path;
  return trf("run '{0} --help' for usage", "duty" + path);
}

// Messages quote what the user gave (an id, a file's line); printable() keeps bytes from it that
// would drive the terminal out of the message.
void print_error(std::ostream& err, const duty::Error& e) {
  using duty::printable;
  constexpr std::size_t kMaxShown = 50;
  if (const auto* input = dynamic_cast<const duty::InputError*>(&e)) {
    const auto& ds = input->diagnostics();
    for (std::size_t i = 0; i < ds.size() && i < kMaxShown; ++i)
      err << error_prefix() << printable(ds[i].str()) << '\n';
    if (ds.size() > kMaxShown)
      err << "duty: " << trf("... and {0} more", ds.size() - kMaxShown) << '\n';
    if (ds.size() > 1)
      err << "duty: "
          << duty::trn("{0} problem found; nothing was written",
                       "{0} problems found; nothing was written", ds.size(), ds.size())
          << '\n';
    return;
  }
  if (const auto* field = dynamic_cast<const duty::FieldError*>(&e)) {
    // Fields are named as the options that set them; an id speaks for itself.
    std::string option = field->field() == "id" ? "" : "--" + field->field() + ": ";
    std::replace(option.begin(), option.end(), '_', '-');
    err << error_prefix() << option << printable(e.what()) << '\n';
    return;
  }
  err << error_prefix() << printable(e.what()) << '\n';
  if (const auto* unsat = dynamic_cast<const duty::UnsatisfiableError*>(&e)) {
    for (const auto& r : unsat->reasons()) err << "  " << printable(r) << '\n';
  }
}

using Register = void (*)(CLI::App&, duty::cli::Context&);

// Every command in the order `duty --help` lists them; `group` is empty for a top-level command.
struct CommandEntry {
  std::string_view group;
  std::string_view name;
  Register reg;
};

struct GroupEntry {
  std::string_view name;
  const char* about;
};

// The descriptions are translated where they are shown (tr in register_commands).
constexpr GroupEntry kGroups[] = {
    {"roster", duty::N_("Build, check and measure duty rosters; publish them, swaps and cover")},
    {"incident", duty::N_("Record incidents, follow-ups, escalations and final reports")},
    {"note", duty::N_("Handover notes carried to the shift's handover record")},
    {"todo", duty::N_("Pending items (待办事项) and leaders' instructions carried across shifts")},
    {"call", duty::N_("The call log (来电登记): calls to the duty room, and the incidents they became")},
    {"warning", duty::N_("Warnings received (预警): in force, changes, and the 叫应 (call and answer) they require")},
    {"hazard", duty::N_("The hazard ledger (隐患台账): owners, measures, deadlines, supervision and acceptance")},
    {"log", duty::N_("Check, sign and rebuild the tamper-evident duty log")},
    {"key", duty::N_("The office's signing key for log checkpoints")},
    {"db", duty::N_("The office's store: set an office up in a shared PostgreSQL database, move its schema forward, copy a whole log to another store")},
};

using namespace duty::cli;
constexpr CommandEntry kCommands[] = {
    {"", "init", register_init},
    {"roster", "build", register_roster_build},
    {"roster", "check", register_roster_check},
    {"roster", "stats", register_roster_stats},
    {"roster", "publish", register_roster_publish},
    {"roster", "show", register_roster_show},
    {"roster", "next", register_roster_next},
    {"roster", "swap", register_roster_swap},
    {"roster", "cover", register_roster_cover},
    {"roster", "history", register_roster_history},
    {"roster", "replan", register_roster_replan},
    {"roster", "holidays", register_roster_holidays},
    {"roster", "balance", register_roster_balance},
    {"incident", "add", register_incident_add},
    {"incident", "update", register_incident_update},
    {"incident", "escalate", register_incident_escalate},
    {"incident", "close", register_incident_close},
    {"incident", "correct", register_incident_correct},
    {"incident", "void", register_incident_void},
    {"incident", "supplement", register_incident_supplement},
    {"incident", "list", register_incident_list},
    {"incident", "show", register_incident_show},
    {"incident", "overdue", register_incident_overdue},
    {"incident", "import", register_incident_import},
    {"incident", "export", register_incident_export},
    {"incident", "categories", register_incident_categories},
    {"incident", "instruct", register_incident_instruct},
    {"", "bulletin", register_bulletin},
    {"", "daily", register_daily},
    {"", "handover", register_handover},
    {"note", "add", register_note_add},
    {"note", "void", register_note_void},
    {"note", "list", register_note_list},
    {"todo", "add", register_todo_add},
    {"todo", "done", register_todo_done},
    {"todo", "list", register_todo_list},
    {"todo", "void", register_todo_void},
    {"call", "add", register_call_add},
    {"call", "list", register_call_list},
    {"call", "link", register_call_link},
    {"warning", "add", register_warning_add},
    {"warning", "update", register_warning_update},
    {"warning", "lift", register_warning_lift},
    {"warning", "void", register_warning_void},
    {"warning", "list", register_warning_list},
    {"warning", "show", register_warning_show},
    {"warning", "call", register_warning_call},
    {"warning", "answered", register_warning_answered},
    {"warning", "overdue", register_warning_overdue},
    {"warning", "import", register_warning_import},
    {"hazard", "add", register_hazard_add},
    {"hazard", "progress", register_hazard_progress},
    {"hazard", "extend", register_hazard_extend},
    {"hazard", "submit", register_hazard_submit},
    {"hazard", "accept", register_hazard_accept},
    {"hazard", "reject", register_hazard_reject},
    {"hazard", "supervise", register_hazard_supervise},
    {"hazard", "void", register_hazard_void},
    {"hazard", "reopen", register_hazard_reopen},
    {"hazard", "list", register_hazard_list},
    {"hazard", "show", register_hazard_show},
    {"hazard", "overdue", register_hazard_overdue},
    {"hazard", "stats", register_hazard_stats},
    {"hazard", "import", register_hazard_import},
    {"hazard", "export", register_hazard_export},
    {"hazard", "report", register_hazard_report},
    {"log", "verify", register_log_verify},
    {"log", "rebuild", register_log_rebuild},
    {"log", "checkpoint", register_log_checkpoint},
    {"key", "init", register_key_init},
    {"db", "init", register_db_init},
    {"db", "migrate", register_db_migrate},
    {"db", "copy", register_db_copy},
    {"", "backup", register_backup},
    {"", "watch", register_watch},
    {"", "who", register_who},
};

// The first two words of the command line that are not options or values of the global options:
// the command (and its group's command) the user asked for.
std::pair<std::string_view, std::string_view> command_words(int argc, char** argv) {
  std::string_view words[2];
  int found = 0;
  for (int i = 1; i < argc && found < 2; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--office" || arg == "--db" || arg == "--by-user") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    words[found++] = arg;
  }
  return {words[0], words[1]};
}

// Registers the one command the command line names, or every command when it names none or one
// that does not exist (so that help and "did you mean" list them all). Building the options of
// every command cost every run about as much as the work of a quick command.
void register_commands(CLI::App& app, Context& ctx, std::pair<std::string_view, std::string_view> words,
                       bool version) {
  // `duty --version` needs no command at all.
  if (version && words.first.empty()) return;
  auto named = [&](const CommandEntry& e) {
    return e.group.empty() ? e.name == words.first : (e.group == words.first && e.name == words.second);
  };
  bool one = std::any_of(std::begin(kCommands), std::end(kCommands), named);
  CLI::App* group = nullptr;
  for (const auto& e : kCommands) {
    if (one && !named(e)) continue;
    if (e.group.empty()) {
      group = nullptr;
      e.reg(app, ctx);
      continue;
    }
    if (!group || group->get_name() != e.group) {
      const auto* g = std::find_if(std::begin(kGroups), std::end(kGroups), [&](const GroupEntry& x) { return x.name == e.group; });
      group = app.add_subcommand(std::string(g->name), tr(g->about));
      group->require_subcommand(1);
    }
    e.reg(*group, ctx);
  }
}

// The names a word may be at the top (a group or a command), or under a group.
std::vector<std::string> commands_under(std::string_view group) {
  std::vector<std::string> names;
  for (const auto& e : kCommands) {
    std::string_view name = group.empty() && !e.group.empty() ? e.group : e.name;
    if ((group.empty() || e.group == group) &&
        std::find(names.begin(), names.end(), name) == names.end()) {
      names.emplace_back(name);
    }
  }
  return names;
}

// A command word that names no command (`duty archive init`), said before CLI11 takes the next word
// that does as the command and complains about this one; "" when the words name a command.
std::string unknown_command(std::pair<std::string_view, std::string_view> words) {
  if (words.first.empty()) return {};
  std::vector<std::string> top = commands_under("");
  if (std::find(top.begin(), top.end(), words.first) == top.end()) {
    return trf("unknown command '{0}'{1}; expected one of: {2}", words.first,
               suggestion(words.first, top), duty::join(top, ", "));
  }
  bool group = std::any_of(std::begin(kGroups), std::end(kGroups),
                           [&](const GroupEntry& g) { return g.name == words.first; });
  if (!group || words.second.empty()) return {};
  std::vector<std::string> under = commands_under(words.first);
  if (std::find(under.begin(), under.end(), words.second) != under.end()) return {};
  return trf("unknown command '{0}' for {1}{2}; expected one of: {3}", words.second,
             trf("'{0}'", words.first), suggestion(words.second, under),
             duty::join(under, ", "));
}

// The office's locale, looked up only when a help text or a parse error is to be shown (a
// command that runs sets it when it loads office.yaml): the `locale:` under `office:` of the
// office.yaml that --office, $DUTY_OFFICE or the folders upward name, found line by line without
// reading the YAML; "" when there is none.
std::string office_locale(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--office" && i + 1 < argc) dir = argv[i + 1];
    if (arg.starts_with("--office=")) dir = std::string(arg.substr(9));
  }
  if (dir.empty()) {
    if (const char* env = std::getenv("DUTY_OFFICE"); env && *env) dir = env;
  }
  std::error_code ec;
  fs::path file;
  if (!dir.empty()) {
    file = fs::path(dir) / "office.yaml";
  } else {
    for (fs::path d = fs::current_path(ec); !d.empty(); d = d.parent_path()) {
      if (fs::exists(d / "office.yaml", ec)) {
        file = d / "office.yaml";
        break;
      }
      if (d == d.parent_path()) break;
    }
  }
  std::ifstream in(file);
  std::string line;
  bool in_office = false;
  for (int n = 0; n < 2000 && std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] != ' ') {
      in_office = line.starts_with("office:");
      continue;
    }
    std::string_view rest = duty::trim(line);
    if (!in_office || !rest.starts_with("locale:")) continue;
    rest = duty::trim(rest.substr(7));
    rest = rest.substr(0, rest.find('#'));
    rest = duty::trim(rest);
    if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\''))
      rest = rest.substr(1, rest.size() - 2);
    return std::string(rest);
  }
  return {};
}

// Switches the language of messages to the office's for help and parse errors; true when it
// changed (the commands' texts must be registered again).
bool use_office_language(int argc, char** argv) {
  if (const char* d = std::getenv("DUTY_LANG"); d && *d) return false;
  std::string locale = office_locale(argc, argv);
  if (locale.empty()) return false;
  std::string before = duty::cli::message_language();
  duty::cli::set_message_language(locale);
  return duty::cli::message_language() != before;
}

// CLI11's help in the language of messages: its headings are labels of the formatter, shared by
// every command; the help flag's description and the group names are inherited when a command is
// added, so they are set before.
void translate_help(CLI::App& app) {
  auto f = app.get_formatter();
  for (const char* label : {duty::N_("Usage"), duty::N_("OPTIONS"), duty::N_("SUBCOMMAND"),
                            duty::N_("SUBCOMMANDS"), duty::N_("REQUIRED"), duty::N_("Positionals"),
                            duty::N_("Needs"), duty::N_("Excludes"), duty::N_("Env")}) {
    f->label(label, tr(label));
  }
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  app.option_defaults()->group(tr("Options"));
  app.group(tr("Commands"));
}

std::unique_ptr<CLI::App> make_app(Context& ctx, int argc, char** argv) {
  auto app = std::make_unique<CLI::App>(
      tr("duty: duty rosters, incident log and bulletins for emergency duty offices (值班室)"),
      "duty");
  translate_help(*app);
  app->set_version_flag("--version", std::string("duty ") + duty::cli::kVersion,
                        tr("Display program version information and exit"));
  app->require_subcommand(1);
  app->footer(
      tr("Exit codes: 0 success; 1 problems found; 2 bad usage or input; 3 request cannot be "
         "satisfied;\n"
         "4 environment or storage failure. See docs/exit-codes.md."));

  app->add_option(
      "--office", ctx.global.office,
      tr("Office workspace folder (default: $DUTY_OFFICE, else the nearest folder upward holding "
         "office.yaml)"));
  app->add_option("--db", ctx.global.db,
                  tr("Store to use instead of the office's (database: in office.yaml)"));
  app->add_option("--by-user", ctx.global.by_user,
                  tr("Who is making this entry (default: the login name)"));
  // Global options may also follow the command: `duty incident list --office DIR`.
  app->fallthrough();

  register_commands(*app, ctx, command_words(argc, argv),
                    std::any_of(argv + 1, argv + argc,
                                [](const char* a) { return std::string_view(a) == "--version"; }));
  // A command's help flag is made before it inherits the option group's name: name it here.
  std::vector<CLI::App*> todo{app.get()};
  while (!todo.empty()) {
    CLI::App* a = todo.back();
    todo.pop_back();
    if (CLI::Option* help = a->get_help_ptr()) help->group(tr("Options"));
    for (CLI::App* sub : a->get_subcommands([](CLI::App*) { return true; })) todo.push_back(sub);
  }
  return app;
}

enum class Parsed { kRan, kHelp, kError };

// Parses the command line and runs the command; help and CLI11's errors are printed here.
Parsed parse(CLI::App& app, int argc, char** argv, int& code, bool print) {
  try {
    app.parse(argc, argv);
    return Parsed::kRan;
  } catch (const CLI::Success& e) {
    // Help (-h, --help) and --version.
    if (print) code = app.exit(e, std::cout, std::cerr);
    return Parsed::kHelp;
  } catch (const CLI::ParseError& e) {
    if (print) {
      std::cerr << error_prefix() << duty::printable(explain_parse_error(app, e)) << "\n"
                << help_hint(app) << '\n';
      code = static_cast<int>(duty::ExitCode::kBadInput);
    }
    return Parsed::kError;
  }
}

// A first touch of each new heap page costs a page fault, and on a virtual machine a fault costs
// tens of microseconds: a quick command touching a megabyte of heap spent more time in faults than
// in its own work. Reserve the heap up front and fill in its page tables with one system call
// (MADV_POPULATE_WRITE, Linux 5.14; elsewhere this only sets the malloc parameters).
void prefault_heap() {
  constexpr std::size_t kReserve = std::size_t{2} << 20;
  mallopt(M_TOP_PAD, static_cast<int>(kReserve));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(4 * kReserve));
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(4 * kReserve));
  auto low = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Grows the heap by the reserve (and M_TOP_PAD beyond it); freeing keeps it (M_TRIM_THRESHOLD).
  // (volatile: the compiler may otherwise drop a malloc that is freed unused.)
  void* volatile block = malloc(kReserve);
  free(block);
  auto high = std::min(reinterpret_cast<std::uintptr_t>(sbrk(0)), low + kReserve);
  auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  auto begin = (low + page - 1) & ~(page - 1);
  if (high > begin) madvise(reinterpret_cast<void*>(begin), high - begin, MADV_POPULATE_WRITE);
}

}  // namespace

int main(int argc, char** argv) {
  prefault_heap();
  duty::cli::init_messages();
  // duty writes through iostreams only, so C stdio need not be kept in step: big listings go
  // several times faster.
  std::ios::sync_with_stdio(false);
  // Past the file size limit (ulimit -f) a write fails with EFBIG instead of killing the process,
  // so a store transaction rolls back and an -o FILE's temporary file is removed.
  ::signal(SIGXFSZ, SIG_IGN);
  // Started with stdin, stdout or stderr closed, the next file duty opened would take its number,
  // and output meant for the terminal would go into it. Hold each closed one with /dev/null opened
  // read-only: nothing else gets the number, and writing to a closed stdout still fails (EBADF).
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      int held = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (held >= 0 && held != fd) ::close(held);
    }
  }
  // Commands write their data through a buffer that keeps the reason a write failed; the check at
  // the end turns a lost output (a full disk, a closed stdout) into exit 4.
  duty::cli::FdOutputBuffer out_buffer(STDOUT_FILENO);
  std::ostream out(&out_buffer);
  duty::cli::Context ctx{out, std::cerr, ::isatty(STDOUT_FILENO) != 0, duty::ExitCode::kOk, {}};

  auto words = command_words(argc, argv);
  if (std::string unknown = unknown_command(words); !unknown.empty()) {
    use_office_language(argc, argv);
    unknown = unknown_command(words);
    bool in_group = std::any_of(std::begin(kGroups), std::end(kGroups),
                                [&](const GroupEntry& g) { return g.name == words.first; });
    std::string path = in_group ? "duty " + std::string(words.first) : "duty";
    std::cerr << error_prefix() << duty::printable(unknown) << '\n'
              << trf("run '{0} --help' for usage", path) << '\n';
    return static_cast<int>(duty::ExitCode::kBadInput);
  }
  std::unique_ptr<CLI::App> app = make_app(ctx, argc, argv);

  try {
    int code = 0;
    Parsed parsed = parse(*app, argc, argv, code, false);
    if (parsed != Parsed::kRan) {
      // Nothing has run: parsing stopped before any command's callback. In an office whose
      // language differs from the environment's, the help and the error are said in its language.
      if (use_office_language(argc, argv)) app = make_app(ctx, argc, argv);
      parse(*app, argc, argv, code, true);
      return code;
    }
    duty::cli::finish_stdout(ctx.out);
  } catch (const duty::cli::OutputReaderGone&) {
    // The reader stopped reading (`duty ... | head` with SIGPIPE ignored): end as SIGPIPE would
    // have, quietly, as git and the shell's own tools do.
    ::signal(SIGPIPE, SIG_DFL);
    ::raise(SIGPIPE);
    return static_cast<int>(duty::ExitCode::kEnvironment);
  } catch (const duty::Error& e) {
    print_error(std::cerr, e);
    return static_cast<int>(e.code());
  } catch (const YAML::Exception& e) {
    // Validators check node kinds before reading them; this is a last line of defence.
    std::cerr << error_prefix() << trf("invalid input: {0}", duty::printable(e.what())) << '\n';
    return static_cast<int>(duty::ExitCode::kBadInput);
  } catch (const std::bad_alloc&) {
    std::cerr << error_prefix() << tr("out of memory") << '\n';
    return static_cast<int>(duty::ExitCode::kEnvironment);
  } catch (const std::exception& e) {
    std::cerr << error_prefix() << duty::printable(e.what()) << '\n';
    return static_cast<int>(duty::ExitCode::kEnvironment);
  }
  return static_cast<int>(ctx.exit_code);
}
