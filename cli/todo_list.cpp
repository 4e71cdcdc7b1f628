// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct TodoListOptions {
  std::string format;
  bool all = false;
  bool include_void = false;
};
}  // namespace

void register_todo_list(CLI::App& todo, Context& ctx) {
  auto opt = std::make_shared<TodoListOptions>();
  CLI::App* cmd =
      todo.add_subcommand("list", "List pending items and leaders' instructions not yet done");
  cmd->add_option("--format", opt->format, "table (default) or json");
  cmd->add_flag("--all", opt->all, "Also those already done");
  cmd->add_flag("--include-void", opt->include_void, tr("Also those voided as entered in error (作废)"));
  cmd->callback([opt, &ctx] {
    Format f = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    const reports::Office& o = s.office;
    std::vector<reports::PendingItem> items;
    for (auto& p : s.store->pending().items(opt->include_void)) {
      if (opt->all || !p.done_at) items.push_back(std::move(p));
    }
    if (f == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& p : items) {
        w.begin_object();
        w.key("id").value(p.id);
        w.key("kind").value(p.instruction ? "instruction" : "todo");
        w.key("text").value(p.text);
        w.key("owner").value(p.owner);
        w.key("from").value(p.leader);
        w.key("incident").value(p.incident);
        write_time(w, "created_at", o, p.created_at);
        w.key("created_by").value(p.created_by);
        write_time(w, "due", o, p.due);
        w.key("overdue").value(!p.done_at && p.due && s.actor.now > *p.due);
        write_time(w, "done_at", o, p.done_at);
        w.key("done_note").value(p.done_note);
        w.key("void").value(p.voided);
        w.key("void_reason").value(p.void_reason);
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
      return;
    }
    Labels l(o.locale);
    Table t({l("ID", "编号"), l("KIND", "类型"), l("TEXT", "事项"),
             l("OWNER/FROM", "责任人/批示领导"), l("INCIDENT", "事件"), l("DUE", "时限"),
             l("STATUS", "状态")});
    for (const auto& p : items) {
      std::string status =
          p.voided ? trf("void: {0}", p.void_reason)
          : p.done_at ? std::string(l("done ", "已办结 ")) + local(o, *p.done_at)
          : (p.due && s.actor.now > *p.due)
              ? spoken_deadline(s.actor.now - *p.due, DeadlineSense::kOverdue, l.zh)
              : l("open", "办理中");
      if (!p.voided && !p.done_at && p.due && s.actor.now <= *p.due)
        status += l(", ", "，") + spoken_deadline(*p.due - s.actor.now, DeadlineSense::kLeft, l.zh);
      t.add({p.id, p.instruction ? l("instruction", "领导批示") : l("todo", "待办"), p.text,
             p.instruction ? p.leader : p.owner, p.incident, p.due ? local(o, *p.due) : "",
             status});
    }
    t.print(ctx.out);
  });
}

}  // namespace duty::cli
