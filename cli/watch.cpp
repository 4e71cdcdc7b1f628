// SPDX-License-Identifier: Apache-2.0
#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <limits>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/event_labels.hpp"
#include "cli/incident_common.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "reports/journal/event_json.hpp"

namespace duty::cli {

namespace {

struct WatchOptions {
  std::string format;
  std::string since;
};

// How long one wait for another desk's commit lasts before the stop flag is looked at again.
constexpr std::chrono::milliseconds kWait{500};

volatile std::sig_atomic_t g_stop = 0;

void request_stop(int) {
  g_stop = 1;
}

// For as long as it lives, SIGINT and SIGTERM ask the watch to stop instead of ending the process
// (so it ends as a command ends: output flushed, store closed, exit 0). Without SA_RESTART, so a
// wait in progress returns early.
class StopOnSignals {
 public:
  StopOnSignals() {
    g_stop = 0;
    struct sigaction sa {};
    sa.sa_handler = request_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopOnSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// The file an SQLite store is, by device and inode: a store removed, or replaced by another file
// (a restore), is no longer the one the open connection reads.
struct FileId {
  dev_t dev = 0;
  ino_t ino = 0;
};

std::optional<FileId> file_id(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileId{st.st_dev, st.st_ino};
}

// One event as a line a duty officer reads: when (office time, to the minute), which entry of the
// log, what kind of entry, about what, by whom, and its gist.
void write_line(std::ostream& out, const reports::Event& e, const reports::Office& office) {
  const Labels l(office.locale);
  std::string line = format_local_minute(*office.zone, e.at);
  line += "  " + (l.zh ? "第" + std::to_string(e.seq) + "条" : "#" + std::to_string(e.seq));
  line += "  " + event_label(e, office);
  if (!e.subject.empty()) line += "  " + e.subject;
  line += "  " + e.by;
  std::string gist = event_gist(e);
  for (char& c : gist) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  if (!gist.empty()) line += "  " + gist;
  out << printable(line) << '\n';
}

void write_json(std::ostream& out, const reports::Event& e, const reports::Office& office) {
  JsonWriter w(out);
  w.begin_object();
  w.key("seq").value(static_cast<std::int64_t>(e.seq));
  w.key("type").value(e.type);
  w.key("subject").value(e.subject);
  write_time(w, "at", office, e.at);
  write_time(w, "recorded_at", office, e.recorded_at);
  w.key("by").value(e.by);
  w.key("data").begin_object();
  for (const auto& [k, v] : e.data) {
    w.key(k);
    reports::write_value(w, v);
  }
  w.end_object();
  w.key("hash").value(e.hash);
  w.end_object();
  out << '\n';
}

}  // namespace

void register_watch(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "watch", tr("Follow the office's log live: print each new event as any desk commits it, "
                  "until Ctrl-C (SIGINT) or SIGTERM"));
  cmd->add_option("--format", opt->format,
                  tr("text (default: one line per event) or json (one JSON object per line)"));
  cmd->add_option("--since", opt->since,
                  tr("Print the events after event SEQ first (0: the whole log), then follow; "
                     "default: only events committed from now on"))
      ->type_name("SEQ");
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    std::optional<std::int64_t> since;
    if (!opt->since.empty()) {
      std::string problem;
      auto n = parse_whole_number(opt->since, 0, std::numeric_limits<long long>::max(), problem);
      if (!n)
        throw UsageError(
            trf("--since: {0} (the number of an event of the log; 0 replays them all)", problem));
      since = *n;
    }
    Session s = open_session(ctx, Need::kReadStore);
    const reports::StoreLocation where = store_location(ctx, s.office);
    const bool file = !reports::is_server_location(where.where);
    const std::optional<FileId> store_file = file ? file_id(where.where) : std::nullopt;
    auto head = reports::chain_head(*s.store);
    std::int64_t last = head ? head->seq : 0;
    if (since) {
      if (*since > last) {
        throw UsageError(trn("--since: the log holds {0} event; give a number from 0 to {0}",
                             "--since: the log holds {0} events; give a number from 0 to {0}",
                             static_cast<unsigned long>(last), last));
      }
      last = *since;
    }
    const bool json = opt->format == "json";
    StopOnSignals signals;
    while (g_stop == 0) {
      s.store->for_each_event(
          [&](const reports::Event& e) {
            if (json) {
              write_json(ctx.out, e, s.office);
            } else {
              write_line(ctx.out, e, s.office);
            }
            // Each event reaches a pipe as soon as it is read, not when a buffer fills.
            finish_stdout(ctx.out);
            last = e.seq;
            return g_stop == 0;
          },
          true, last);
      if (g_stop != 0) break;
      if (file) {
        auto now = file_id(where.where);
        if (!now || !store_file || now->dev != store_file->dev || now->ino != store_file->ino) {
          throw StoreError(
              trf("the store {0} was removed or replaced while it was watched; run "
                  "'duty watch' again once it is back (--since {1} goes on from here)",
                  where.where, last));
        }
      }
      s.store->wait_for_change(kWait);
    }
  });
}

}  // namespace duty::cli
