// SPDX-License-Identifier: Apache-2.0
#include "cli/event_labels.hpp"

#include "cli/labels.hpp"
#include "common/i18n.hpp"
#include "reports/calls/call_log.hpp"
#include "reports/hazards/hazard_ledger.hpp"
#include "reports/incident.hpp"
#include "reports/journal/checkpoint.hpp"
#include "reports/pending.hpp"
#include "reports/roster_record.hpp"
#include "reports/rules_record.hpp"
#include "reports/warnings/warning_log.hpp"

namespace duty::cli {

std::string event_label(const reports::Event& e, const reports::Office& office) {
  using namespace reports;
  const Labels l(office.locale);
  const std::string& t = e.type;
  if (t == event_type::kCreated) return l("created (initial report received)", "接报（首报）");
  if (t == event_type::kUpdate) {
    return std::string(l("follow-up ", "续报")) + std::to_string(e.integer("number").value_or(0));
  }
  if (t == event_type::kClosed) return l("closed (final report)", "终报");
  if (t == event_type::kCorrection) return tr("correction (not a report)");
  if (t == event_type::kVoid) return tr("voided");
  if (t == event_type::kSupplement) {
    return trf("supplementary report {0} (补报)", e.integer("number").value_or(0));
  }
  if (t == event_type::kEscalation) {
    std::string to = e.text("to").value_or("");
    const Organisation* org = office.find_org(to);
    auto via = parse_channel(e.text("via").value_or(""));
    return std::string(l("reported to ", "上报 ")) + (org ? org->name : to) + " (" +
           std::string(via ? label(*via, office.zh()) : "?") + ")";
  }
  if (t == event_type::kNote) return l("handover note", "交班备注");
  if (t == event_type::kTodo) return l("pending item", "待办事项");
  if (t == event_type::kInstruction) return l("leader's instruction", "领导批示");
  if (t == event_type::kDone) return l("done", "办结");
  if (t == event_type::kCall) return l("call", "来电登记");
  if (t == event_type::kCallLink) return l("call linked to an incident", "来电关联事件");
  if (t == event_type::kWarning) return l("warning received", "收到预警");
  if (t == event_type::kWarningUpdate) return l("warning updated", "预警变更");
  if (t == event_type::kWarningLift) return l("warning lifted", "预警解除");
  if (t == event_type::kWarningCall) return l("叫应 call", "叫应呼叫");
  if (t == event_type::kWarningAnswer) return l("叫应 answered", "叫应到位");
  if (t == event_type::kWarningVoid) return l("warning voided", "预警作废");
  if (t == event_type::kHazard) return l("hazard registered", "隐患登记");
  if (t == event_type::kHazardProgress) return l("rectification progress", "整改进展");
  if (t == event_type::kHazardExtend) return l("deadline extended", "延期");
  if (t == event_type::kHazardSubmit) return l("acceptance requested", "申请验收");
  if (t == event_type::kHazardAccept) return l("accepted and closed", "验收销号");
  if (t == event_type::kHazardReject) return l("acceptance rejected", "验收不通过");
  if (t == event_type::kHazardSupervise) return l("listed for supervision", "挂牌督办");
  if (t == event_type::kHazardVoid) return l("hazard voided", "隐患撤销");
  if (t == event_type::kHazardReopen) return l("hazard reopened", "隐患重新打开");
  if (t == kRosterPublished) return l("roster published", "值班表发布");
  if (t == kRosterSwap) return l("shift swap", "换班");
  if (t == kRosterCover) return l("cover", "替班");
  if (t == kRosterPerson) return l("on-duty person's details", "值班人员信息");
  if (t == kCheckpoint) return l("log checkpoint signed", "日志校验点签名");
  if (t == kRulesEventType) return l("reporting rules recorded", "报送规则记录");
  return t;
}

std::string event_gist(const reports::Event& e) {
  using namespace reports;
  const std::string& t = e.type;
  const char* key = nullptr;
  if (t == event_type::kCreated) key = "title";
  if (t == event_type::kUpdate || t == event_type::kClosed || t == event_type::kEscalation ||
      t == event_type::kSupplement || t == event_type::kDone) {
    key = "note";
  }
  if (t == event_type::kCorrection || t == event_type::kVoid || t == kRosterSwap ||
      t == kRosterCover) {
    key = "reason";
  }
  if (t == event_type::kNote || t == event_type::kTodo || t == event_type::kInstruction)
    key = "text";
  if (t == event_type::kCall) key = "summary";
  if (t == event_type::kCallLink) key = "incident";
  if (t == event_type::kWarning || t == event_type::kWarningUpdate) key = "level";
  if (t == event_type::kWarningLift) key = "note";
  if (t == event_type::kWarningVoid) key = "reason";
  if (t == event_type::kWarningCall || t == event_type::kWarningAnswer) key = "unit";
  if (t == kRosterPerson) key = "name";
  if (t == event_type::kHazard) key = "title";
  if (t == event_type::kHazardProgress || t == event_type::kHazardSubmit ||
      t == event_type::kHazardReopen || t == event_type::kHazardAccept) {
    key = "note";
  }
  if (t == event_type::kHazardExtend) key = "to";
  if (t == event_type::kHazardReject || t == event_type::kHazardVoid) key = "reason";
  if (t == event_type::kHazardSupervise) key = "doc";
  return key ? e.text(key).value_or("") : std::string();
}

}  // namespace duty::cli
