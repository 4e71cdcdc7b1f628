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
#include <iostream>
#include <iterator>
#include <string_view>
#include <utility>

#include "cli/commands.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
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

constexpr GroupEntry kGroups[] = {
    {"roster", "Build, check and measure duty rosters; publish them, swaps and cover"},
    {"incident", "Record incidents, follow-ups, escalations and final reports"},
    {"note", "Handover notes carried to the shift's handover record"},
    {"todo", "Pending items (待办事项) and leaders' instructions carried across shifts"},
    {"call", "The call log (来电登记): calls to the duty room, and the incidents they became"},
    {"log", "Check, sign and rebuild the tamper-evident duty log"},
    {"key", "The office's signing key for log checkpoints"},
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
    {"log", "verify", register_log_verify},
    {"log", "rebuild", register_log_rebuild},
    {"log", "checkpoint", register_log_checkpoint},
    {"key", "init", register_key_init},
    {"", "backup", register_backup},
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
      group = app.add_subcommand(std::string(g->name), g->about);
      group->require_subcommand(1);
    }
    e.reg(*group, ctx);
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

  register_commands(app, ctx, command_words(argc, argv),
                    std::any_of(argv + 1, argv + argc, [](const char* a) { return std::string_view(a) == "--version"; }));

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
