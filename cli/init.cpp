// SPDX-License-Identifier: Apache-2.0
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "reports/journal/checkpoint.hpp"
#include "reports/journal/open_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "reports/office.hpp"

namespace duty::cli {

namespace {

struct InitOptions {
  std::string dir = ".";
  std::string locale = "zh-CN";
  std::string id;
};

// Replaces the start `from` of a line of `text` with `to`, keeping the line's comment in its column.
void set_line(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) return;
  auto comment = text.find('#', at + from.size());
  auto eol = text.find('\n', at);
  if (comment == std::string::npos || comment > eol) comment = eol;
  std::string head = to;
  if (head.size() + 1 < comment - at) head.resize(comment - at, ' ');
  else if (comment != eol) head += ' ';
  text.replace(at, comment - at, head);
}

// A YAML double-quoted scalar.
std::string yaml_quoted(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (static_cast<unsigned char>(c) < 0x20) {
      static const char* kHex = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

const char* kOfficeZh = R"(# 值班室工作区配置（duty 工作区）。各项说明见 docs/office.md。
office:
  # id: zeku                       # 本值班室在共用数据库（PostgreSQL）中的标识：小写字母开头
  name: 某某县应急管理局值班室
  timezone: Asia/Shanghai          # IANA 时区
  handover: "08:30"                # 每日交接班时间
  locale: zh-CN                    # zh-CN 或 en：标签、星期名称、内置模板
  unit: 某某县应急管理局             # 报告单位（首报、续报、终报落款）
  signer: ""                       # 签发人
  contact: ""                      # 联系人及电话
roster: roster.yaml                # 本值班室的排班规则文件
# database: duty.db                # 值班日志数据库（默认在工作区内）
signing_key: signing-key.pem       # 日志签名私钥（duty log checkpoint 用；仅本人可读，勿外传）
public_key: public-key.pem         # 日志签名公钥（duty log verify 用；指纹抄存纸质备查）

chain:                             # 上报链条，由近及远
  - {id: prefecture, name: 某某州（市）应急管理局, phone: ""}
  - {id: province,   name: 某某省应急管理厅,     phone: ""}

escalation:                        # 报告时限规则；所有符合条件的规则同时适用，同一单位同一方式取最早时限
  # 《生产安全事故报告和调查处理条例》（国务院令第493号）第十一条：每级上报的时间不得超过2小时。
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "国务院令第493号第十一条"}
  # 省级通行规定：较大及以上事件30分钟内电话报告、1小时内书面报告。
  - {match: {severity: [I, II, III]}, to: [prefecture], via: phone,   within: 30m, basis: "省级规定：较大以上30分钟电话报告"}
  - {match: {severity: [I, II, III]}, to: [prefecture], via: written, within: 1h,  basis: "省级规定：较大以上1小时书面报告"}
  # 国务院令第493号第十条：较大事故上报至省级，重大、特别重大上报至国务院有关部门；必要时可越级上报。
  - {match: {severity: [I, II, III]}, to: [province],   via: phone,   within: 30m, basis: "国务院令第493号第十条；省级规定"}
  - {match: {severity: [I, II, III]}, to: [province],   via: written, within: 1h,  basis: "国务院令第493号第十条；省级规定"}
  # 有人员死亡的，30分钟内电话报告。
  - {match: {deaths_at_least: 1},     to: [prefecture], via: phone,   within: 30m, basis: "有人员死亡：30分钟电话报告"}

# categories:                      # 可选：扩充（列表）或替换（{replace: true, items: [...]}) 内置事件分类
#   - {id: grassland-rodent, class: natural-disaster, zh: 草原鼠害, en: Grassland rodent damage}

contacts:                          # 叫应联络组：单位、责任人、电话（请替换为本县实际，见 docs/warnings.md）
  townships:
    - {unit: 某某镇, person: "", phone: ""}
    - {unit: 某某乡, person: "", phone: ""}

warnings:
  # types:                         # 可选：扩充内置预警类型（如本省自定的预警）
  #   - {id: grassland-fire-risk, zh: 草原火险, en: Grassland fire risk, levels: [yellow, orange, red]}
  response:                        # 叫应规则；所有符合的规则同时适用，同一单位取最严时限
    # 国家防总（2023）：高级别预警由"推送"改为"叫应"，责任人须应答；长子县应急管理局（2025）：10分钟内电话报告带班领导。
    - {match: {level: [orange, red]}, call: [townships], within: 10m, leader_in_room: true}
    # 浙江等地：暴雨等黄色预警，乡镇在规定时间内回复（本例30分钟）。
    - {match: {level: [yellow], type: [rainstorm, flood, mountain-flood]}, call: [townships], within: 30m}

hazards:                           # 隐患台账（docs/hazards.md）
  # townships: [某某镇, 某某乡]      # 列出后，登记隐患的属地须为其中之一
  # units: [县应急管理局, 县住建局]   # 列出后，整改责任单位、监管部门须为其中之一
  upcoming_days: 3                 # 交接班记录、值班日报列出几日内到期的隐患

bulletin:                          # 值班日报主送、抄送
  main: [某某州（市）应急管理局]
  copy: [县委办公室, 县政府办公室]
)";

const char* kOfficeEn = R"(# Duty office workspace (duty). Every key is described in docs/office.md.
office:
  # id: zeku                       # this office's id in a shared (PostgreSQL) database
  name: Example County Emergency Management Bureau Duty Office
  timezone: Asia/Shanghai          # IANA zone
  handover: "08:30"                # daily shift change
  locale: en                       # zh-CN or en: labels, weekday names, built-in templates
  unit: Example County Emergency Management Bureau   # reporting unit on bulletins
  signer: ""                       # who signs reports off
  contact: ""                      # contact person and phone
roster: roster.yaml                # this office's roster spec
# database: duty.db                # the duty log (default: in the workspace)
signing_key: signing-key.pem       # signs log checkpoints (duty log checkpoint); owner-only, keep it secret
public_key: public-key.pem         # checks them (duty log verify); keep its fingerprint on paper

chain:                             # where reports go, nearest level first
  - {id: prefecture, name: Example Prefecture Emergency Management Bureau, phone: ""}
  - {id: province,   name: Example Provincial Emergency Management Department}

escalation:                        # reporting rules; every matching rule applies, earliest deadline per pair
  # Regulation on Reporting, Investigation and Handling of Production Safety Accidents
  # (State Council Order 493) Art. 11: each level reports up within 2 hours.
  - {match: {}, to: [prefecture], via: written, within: 2h, basis: "State Council Order 493, Art. 11"}
  # Widely used provincial rule: relatively serious (III) and above, phone within 30 minutes, written within 1 hour.
  - {match: {severity: [I, II, III]}, to: [prefecture], via: phone,   within: 30m, basis: "provincial rule: III+ phone in 30 min"}
  - {match: {severity: [I, II, III]}, to: [prefecture], via: written, within: 1h,  basis: "provincial rule: III+ written in 1 h"}
  # Order 493 Art. 10: III goes up to the province, II and I to the State Council; levels may be skipped.
  - {match: {severity: [I, II, III]}, to: [province],   via: phone,   within: 30m, basis: "Order 493, Art. 10; provincial rule"}
  - {match: {severity: [I, II, III]}, to: [province],   via: written, within: 1h,  basis: "Order 493, Art. 10; provincial rule"}
  # Any death: phone within 30 minutes.
  - {match: {deaths_at_least: 1},     to: [prefecture], via: phone,   within: 30m, basis: "deaths: phone in 30 min"}

# categories:                      # optional: extend (a list) or replace ({replace: true, items: [...]}) the built-in taxonomy
#   - {id: grassland-rodent, class: natural-disaster, zh: 草原鼠害, en: Grassland rodent damage}

contacts:                          # 叫应 groups: unit, responsible person, phone (replace with your county's; docs/warnings.md)
  townships:
    - {unit: Example Town, person: "", phone: ""}
    - {unit: Example Township, person: "", phone: ""}

warnings:
  # types:                         # optional: warning types beyond the built-in catalogue (a province's own)
  #   - {id: grassland-fire-risk, zh: 草原火险, en: Grassland fire risk, levels: [yellow, orange, red]}
  response:                        # 叫应 rules; every matching rule applies, the strictest deadline per unit
    # National flood-control HQ (2023): high-level warnings are "called and answered", not just pushed;
    # a county emergency bureau (长子县, 2025): phone the leader on duty within 10 minutes.
    - {match: {level: [orange, red]}, call: [townships], within: 10m, leader_in_room: true}
    # Zhejiang and others: on a yellow rainstorm warning townships answer within a set time (here 30 minutes).
    - {match: {level: [yellow], type: [rainstorm, flood, mountain-flood]}, call: [townships], within: 30m}

hazards:                           # the hazard ledger (docs/hazards.md)
  # townships: [Zequ, Heri]        # when listed, a hazard's township must be one of them
  # units: [County EMB, County housing bureau]  # when listed, --unit and --supervisor must be
  upcoming_days: 3                 # records list hazards due within this many days

bulletin:                          # recipients of the daily bulletin
  main: [Example Prefecture Emergency Management Bureau]
  copy: [County Party Committee Office, County Government Office]
)";

std::string roster_yaml(bool zh, Days from, Days to) {
  std::string s = zh ? "# 排班规则，格式见 docs/roster-spec.md。请替换为本值班室的人员。\n"
                     : "# Roster spec, see docs/roster-spec.md. Replace the people with your office's.\n";
  s += "timezone: Asia/Shanghai\nhandover: \"08:30\"\n";
  s += std::string("locale: ") + (zh ? "zh-CN" : "en") + "\n";
  s += "period: {from: " + format_date(from) + ", to: " + format_date(to) + "}\n";
  s += zh ? "slots:\n  - {id: leader,  name: 带班领导, group: leaders, count: 1}\n"
            "  - {id: officer, name: 值班员,   group: staff,   count: 2}\n"
          : "slots:\n  - {id: leader,  name: Leader on duty, group: leaders, count: 1}\n"
            "  - {id: officer, name: Duty officer,   group: staff,   count: 2}\n";
  s += "people:\n";
  const char* leaders_zh[] = {"领导甲", "领导乙", "领导丙", "领导丁"};
  const char* staff_zh[] = {"值班员一", "值班员二", "值班员三", "值班员四", "值班员五", "值班员六", "值班员七"};
  for (int i = 0; i < 4; ++i) {
    std::string name = zh ? leaders_zh[i] : "Leader " + std::string(1, static_cast<char>('A' + i));
    s += "  - {id: leader-" + std::to_string(i + 1) + ", name: " + name + ", groups: [leaders], phone: \"1390000000" +
         std::to_string(i + 1) + "\"}\n";
  }
  for (int i = 0; i < 7; ++i) {
    std::string name = zh ? staff_zh[i] : "Officer " + std::to_string(i + 1);
    s += "  - {id: officer-" + std::to_string(i + 1) + ", name: " + name + ", groups: [staff], phone: \"1380000000" +
         std::to_string(i + 1) + "\"}\n";
  }
  s += "holidays: []\nworkdays: []\nrules:\n  min_rest_days: 2\nstrategy: balanced\nseed: 1\n";
  return s;
}

const char* kTemplatesReadme = R"(# Templates of this office

This folder holds the office's own templates for reports, the daily bulletin and the handover
record: a file here with the name of a built-in template (e.g. daily.zh-CN.txt) replaces it for
this office, and other files here can be included as partials ({{> name}}). docs/templates.md
lists the names and every field of the context; `duty daily --context` prints the data.
)";

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<InitOptions>();
  CLI::App* cmd =
      app.add_subcommand("init", tr("Create an office workspace: office.yaml, roster.yaml, "
                                    "templates/ and an empty store (duty.db)"));
  cmd->add_option("DIR", opt->dir, tr("Folder to create it in (default: the current folder)"));
  cmd->add_option("--locale", opt->locale, tr("zh-CN (default) or en"));
  cmd->add_option("--id", opt->id,
                  tr("The office's id in a shared database (office.id), e.g. zeku: lower-case letters, digits, "
                     "'-' and '_'"));
  cmd->callback([opt, &ctx] {
    namespace fs = std::filesystem;
    if (opt->locale != "zh-CN" && opt->locale != "en") {
      throw UsageError(trf("--locale: unknown locale '{0}'; expected zh-CN or en", opt->locale));
    }
    if (!opt->id.empty() && !reports::valid_office_id(opt->id)) {
      throw UsageError(trf("--id: '{0}' is not a valid office id; expected 1 to 32 lower-case letters, digits, "
                           "'-' or '_', starting with a letter, such as zeku",
                           opt->id));
    }
    // A server given with --db is the office's database: office.yaml names it and no file store is made.
    const bool on_server = !ctx.global.db.empty() && reports::is_server_location(ctx.global.db);
    if (on_server && opt->id.empty()) {
      throw UsageError(tr("--id: an office in a shared database needs an id (office.id), e.g. --id zeku"));
    }
    fs::path dir(opt->dir);
    std::error_code ec;
    if (fs::exists(dir / "office.yaml", ec)) {
      throw UsageError(
          trf("{0} already exists; nothing was changed", (dir / "office.yaml").string()));
    }
    fs::create_directories(dir / "templates", ec);
    if (ec)
      throw EnvironmentError(
          trf("cannot create {0}: {1}", (dir / "templates").string(), ec.message()));
    bool zh = opt->locale == "zh-CN";
    // The example roster covers next month, so it can be built and published right away.
    Days today = local_day(*find_zone("Asia/Shanghai"), ctx.now());
    date::year_month_day ymd{today};
    date::year_month next = date::year_month{ymd.year(), ymd.month()} + date::months{1};
    Days from{next / date::day{1}};
    Days to{next / date::last};
    auto write = [&](const fs::path& p, const std::string& text) {
      if (fs::exists(p, ec)) return;
      emit(ctx, p.string(), [&](std::ostream& out) { out << text; });
    };
    write(dir / "roster.yaml", roster_yaml(zh, from, to));
    write(dir / "templates" / "README.md", kTemplatesReadme);
    // The office's key pair for signed checkpoints, never over key files already there.
    std::string fingerprint;
    if (!fs::exists(dir / "signing-key.pem", ec) && !fs::exists(dir / "public-key.pem", ec)) {
      fingerprint = reports::create_key_pair((dir / "signing-key.pem").string(), (dir / "public-key.pem").string(), false);
    }
    // The store (an empty log) before office.yaml, which marks the workspace as made: read-only
    // commands answer from the start, and a missing store is always a wrong path (exit 4).
    if (!on_server) reports::SqliteStore::create_empty((dir / "duty.db").string());
    std::string office_yaml = zh ? kOfficeZh : kOfficeEn;
    if (!opt->id.empty()) set_line(office_yaml, "  # id: zeku", "  id: " + opt->id);
    if (on_server) set_line(office_yaml, "# database: duty.db", "database: " + yaml_quoted(ctx.global.db));
    write(dir / "office.yaml", office_yaml);
    ctx.out << trf("created the office workspace {0}",
                   fs::absolute(dir).lexically_normal().string())
            << '\n';
    if (!fingerprint.empty())
      ctx.out << trf("log signing key fingerprint: {0}", fingerprint) << '\n';
    if (on_server) {
      ctx.out << tr("next: as the database's owner, run 'duty db init' in the workspace to set the office up "
                    "there (docs/storage.md)")
              << '\n';
    }
  });
}

}  // namespace duty::cli
