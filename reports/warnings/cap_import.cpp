// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/cap_import.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <memory>

#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::reports {

namespace {

constexpr std::string_view kCapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";

std::string_view chars(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& message) {
  throw InputError(Diagnostic{SourcePos{file, line, 0}, message, ""});
}

int line_of(const xmlNode* node) {
  return node ? static_cast<int>(xmlGetLineNo(node)) : 0;
}

bool is_cap(const xmlNode* node, std::string_view name) {
  return node && node->type == XML_ELEMENT_NODE && chars(node->name) == name && node->ns &&
         chars(node->ns->href) == kCapNamespace;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (is_cap(c, name)) out.push_back(c);
  }
  return out;
}

const xmlNode* child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (is_cap(c, name)) return c;
  }
  return nullptr;
}

std::string content(const xmlNode* node) {
  // Only text and the predefined entities can be inside: documents with a DTD are refused.
  xmlChar* text = xmlNodeGetContent(node);
  std::string out(chars(text));
  xmlFree(text);
  return std::string(trim(out));
}

std::string text_of(const xmlNode* parent, std::string_view name) {
  const xmlNode* c = child(parent, name);
  return c ? content(c) : std::string();
}

std::string required(const std::string& file, const xmlNode* parent, std::string_view name) {
  const xmlNode* c = child(parent, name);
  std::string where = "<" + std::string(chars(parent->name)) + ">";
  if (!c)
    fail(file, line_of(parent),
         trf("{0} has no <{1}>, which CAP 1.2 requires", where, std::string(name)));
  std::string v = content(c);
  if (v.empty()) fail(file, line_of(c), trf("<{0}> is empty", std::string(name)));
  return v;
}

Seconds cap_time(const std::string& file, const xmlNode* node, std::string_view name) {
  std::string text = content(node);
  auto t = parse_iso_instant(text);
  if (!t) {
    fail(file, line_of(node),
         trf("<{0}>: '{1}' is not a CAP date-time such as 2024-07-12T21:31:38+08:00",
             std::string(name), printable(text)));
  }
  return *t;
}

std::optional<Seconds> optional_time(const std::string& file, const xmlNode* parent,
                                     std::string_view name) {
  const xmlNode* c = child(parent, name);
  if (!c) return std::nullopt;
  return cap_time(file, c, name);
}

// The identifiers of `references`: entries "sender,identifier,sent" separated by spaces.
std::vector<std::string> referenced(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t\r\n", start);
    if (end == std::string::npos) end = text.size();
    std::string entry = text.substr(start, end - start);
    if (!entry.empty()) {
      std::size_t a = entry.find(',');
      std::size_t b = a == std::string::npos ? std::string::npos : entry.find(',', a + 1);
      out.push_back(a == std::string::npos
                        ? entry
                        : entry.substr(a + 1, b == std::string::npos ? b : b - a - 1));
    }
    start = end + 1;
  }
  return out;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::optional<WarningLevel> colour_in(const std::string& text) {
  static const std::pair<std::string_view, WarningLevel> kColours[] = {
      {"红色", WarningLevel::kRed},      {"橙色", WarningLevel::kOrange},
      {"黄色", WarningLevel::kYellow},   {"蓝色", WarningLevel::kBlue},
      {"red", WarningLevel::kRed},       {"orange", WarningLevel::kOrange},
      {"yellow", WarningLevel::kYellow}, {"blue", WarningLevel::kBlue}};
  std::string l = lower(text);
  for (const auto& entry : kColours) {
    if (l.find(entry.first) != std::string::npos) return entry.second;
  }
  return std::nullopt;
}

std::vector<Warning> warnings_in(StoreTransaction& tx) {
  std::vector<Event> events;
  for (const char* type : {event_type::kWarning, event_type::kWarningUpdate,
                           event_type::kWarningLift, event_type::kWarningVoid}) {
    auto more = tx.events_of_type(type);
    events.insert(events.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  }
  return fold_warnings(std::move(events));
}

// 1 ... 5 or 一 ... 五: a fire-danger rating.
std::optional<int> rating_digit(const std::string& text) {
  static const std::string_view kDigits[] = {"1", "2", "3", "4", "5"};
  static const std::string_view kHan[] = {"一", "二", "三", "四", "五"};
  for (int i = 0; i < 5; ++i) {
    if (text == kDigits[i] || text == kHan[i]) return i + 1;
  }
  return std::nullopt;
}

// A message refused when applied is reported at the element the refusal is about: <sent> for the
// issue and receipt times, <expires> for the expiry, else its info block.
[[noreturn]] void fail_applying(const CapMessage& m, const FieldError& e) {
  const std::string& field = e.field();
  int line = m.info_line;
  std::string element = field;
  if ((field == "issued" || field == "received" || field == "at") && m.sent_line > 0) {
    line = m.sent_line;
    element = "<sent>";
  } else if (field == "expires" && m.expires_line > 0) {
    line = m.expires_line;
    element = "<expires>";
  }
  fail(m.file, line, trf("{0} ({1}): {2}", m.identifier, element, e.what()));
}

}  // namespace

CapMessage parse_cap(const std::string& file, const std::string& bytes) {
  if (bytes.size() > kMaxCapBytes) {
    fail(file, 0, trf("is {0} bytes; a CAP message is at most {1}", bytes.size(), kMaxCapBytes));
  }
  // CAP has no DTD: one in a message can only be there to expand entities or fetch files.
  if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos) {
    fail(file, 0, tr("<!DOCTYPE>: a CAP message has no document type declaration; refused unread"));
  }
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw EnvironmentError("out of memory starting the XML parser");
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), file.c_str(),
                        nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string message = e && e->message ? std::string(trim(e->message)) : "unreadable";
    fail(file, e ? e->line : 0, trf("not well-formed XML: '{0}'", printable(message)));
  }
  if (doc->intSubset || doc->extSubset) {
    fail(file, 0, tr("<!DOCTYPE>: a CAP message has no document type declaration; refused unread"));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!is_cap(root, "alert")) {
    fail(file, line_of(root),
         trf("<{0}>: not a CAP 1.2 alert (the root must be <alert> in the namespace {1})",
             root ? std::string(chars(root->name)) : std::string("?"), std::string(kCapNamespace)));
  }
  CapMessage m;
  m.file = file;
  m.identifier = required(file, root, "identifier");
  m.sender = required(file, root, "sender");
  required(file, root, "sent");
  m.sent = cap_time(file, child(root, "sent"), "sent");
  m.sent_line = line_of(child(root, "sent"));
  m.status = required(file, root, "status");
  m.msg_type = required(file, root, "msgType");
  required(file, root, "scope");
  static const std::vector<std::string> kStatuses = {"Actual", "Exercise", "System", "Test",
                                                     "Draft"};
  if (std::find(kStatuses.begin(), kStatuses.end(), m.status) == kStatuses.end()) {
    fail(file, line_of(child(root, "status")),
         trf("<status>: '{0}' is not a CAP status (Actual, Exercise, System, Test, Draft)",
             printable(m.status)));
  }
  static const std::vector<std::string> kMsgTypes = {"Alert", "Update", "Cancel", "Ack", "Error"};
  if (std::find(kMsgTypes.begin(), kMsgTypes.end(), m.msg_type) == kMsgTypes.end()) {
    fail(file, line_of(child(root, "msgType")),
         trf("<msgType>: '{0}' is not a CAP message type (Alert, Update, Cancel, Ack, Error)",
             printable(m.msg_type)));
  }
  // Valid CAP that is not a warning (a system message, a draft, an acknowledgement or an error
  // report) is passed over, saying so: a folder that holds one still imports the rest.
  if (m.status != "Actual" && m.status != "Exercise" && m.status != "Test") {
    m.not_a_warning =
        trf("a {0} message is not a warning to record (Actual, Exercise and Test are)", m.status);
    return m;
  }
  if (m.msg_type == "Ack" || m.msg_type == "Error") {
    m.not_a_warning =
        trf("an {0} message is not a warning to record (Alert, Update and Cancel are)", m.msg_type);
    return m;
  }
  if (const xmlNode* refs = child(root, "references")) {
    m.references = referenced(content(refs));
    m.references_line = line_of(refs);
  }
  if (m.msg_type != "Alert" && m.references.empty()) {
    fail(file, line_of(root),
         trf("<references>: an {0} message must reference the message it changes", m.msg_type));
  }
  auto infos = children(root, "info");
  if (infos.empty() && m.msg_type != "Cancel") {
    fail(file, line_of(root),
         tr("<alert> has no <info>: the warning's event, severity and area are missing"));
  }
  for (const xmlNode* info : infos) {
    for (std::string_view name : {"category", "event", "urgency", "severity", "certainty"})
      required(file, info, name);
  }
  const xmlNode* info = nullptr;
  for (const xmlNode* i : infos) {
    std::string language = text_of(i, "language");
    if (language == "zh-CN" || language == "zh") {
      info = i;
      break;
    }
  }
  if (!info && !infos.empty()) info = infos.front();
  if (info) {
    m.info_line = line_of(info);
    m.event = text_of(info, "event");
    m.headline = text_of(info, "headline");
    m.description = text_of(info, "description");
    m.instruction = text_of(info, "instruction");
    m.sender_name = text_of(info, "senderName");
    m.severity = text_of(info, "severity");
    m.effective = optional_time(file, info, "effective");
    m.expires = optional_time(file, info, "expires");
    if (const xmlNode* x = child(info, "expires")) m.expires_line = line_of(x);
    for (const xmlNode* p : children(info, "parameter")) {
      m.parameters.emplace_back(text_of(p, "valueName"), text_of(p, "value"));
    }
    for (const xmlNode* area : children(info, "area")) {
      // CAP requires areaDesc; some senders give only geocodes, which then name the area.
      std::string desc = text_of(area, "areaDesc");
      if (desc.empty()) {
        std::vector<std::string> codes;
        for (const xmlNode* g : children(area, "geocode")) {
          std::string v = text_of(g, "value");
          if (!v.empty()) codes.push_back(v);
        }
        desc = codes.empty() ? required(file, area, "areaDesc") : join(codes, ";");
      }
      // 泽曲镇、宁秀乡 or "A, B": one name each.
      for (std::string_view sep : {"、", "，", ","}) {
        for (std::size_t at = desc.find(sep); at != std::string::npos; at = desc.find(sep))
          desc.replace(at, sep.size(), ";");
      }
      std::size_t start = 0;
      while (start <= desc.size()) {
        std::size_t end = desc.find(';', start);
        if (end == std::string::npos) end = desc.size();
        std::string name(trim(std::string_view(desc).substr(start, end - start)));
        if (!name.empty() && std::find(m.areas.begin(), m.areas.end(), name) == m.areas.end())
          m.areas.push_back(name);
        start = end + 1;
      }
    }
  }
  return m;
}

std::pair<std::string, WarningLevel> cap_type_and_level(const CapMessage& m,
                                                        const WarningSettings& settings) {
  std::optional<std::string> type;
  // The event first as it is (雷电), then without its colour and 预警 (雷电黄色预警).
  std::string event = m.event;
  for (std::string_view colour : {"红色", "橙色", "黄色", "蓝色"}) {
    if (auto at = event.find(colour); at != std::string::npos) event.erase(at, colour.size());
  }
  type = find_warning_type(settings, m.event);
  if (!type) type = find_warning_type(settings, event);
  if (!type) {
    // The longest type name found in the event or the headline (山洪灾害气象风险 before 洪水).
    std::size_t best = 0;
    for (const auto& t : settings.types) {
      for (const std::string* text : {&m.event, &m.headline}) {
        bool zh_found = !t.zh.empty() && text->find(t.zh) != std::string::npos;
        bool en_found = !t.en.empty() && lower(*text).find(lower(t.en)) != std::string::npos;
        std::size_t size = zh_found ? t.zh.size() : en_found ? t.en.size() : 0;
        if (size > best) {
          best = size;
          type = t.id;
        }
      }
    }
  }
  if (!type) {
    fail(m.file, m.info_line,
         trf("<event>: '{0}' names no warning type; {1}", printable(m.event),
             unknown_warning_type_message(settings, m.event)));
  }
  std::optional<WarningLevel> level = colour_in(m.event);
  if (!level) level = colour_in(m.headline);
  if (!level) {
    if (m.severity == "Extreme") level = WarningLevel::kRed;
    if (m.severity == "Severe") level = WarningLevel::kOrange;
    if (m.severity == "Moderate") level = WarningLevel::kYellow;
    if (m.severity == "Minor") level = WarningLevel::kBlue;
  }
  if (!level) {
    fail(m.file, m.info_line,
         trf("<severity>: '{0}' gives no warning level and neither <event> nor <headline> names a "
             "colour",
             printable(m.severity)));
  }
  return {*type, *level};
}

std::optional<int> cap_fire_rating(const CapMessage& m, const std::string& type) {
  if (type != kFireDangerType) return std::nullopt;
  for (const auto& [name, value] : m.parameters) {
    std::string key = lower(std::string(trim(name)));
    if (key.find("火险等级") == std::string::npos && key != "fire-danger-rating") continue;
    std::string v(trim(value));
    if (v.size() > 3 && v.compare(v.size() - 3, 3, "级") == 0) v.resize(v.size() - 3);
    if (auto r = rating_digit(v)) return r;
  }
  for (const std::string* text : {&m.headline, &m.description}) {
    if (text->find("火险") == std::string::npos) continue;
    // The first "N级" with N from 1 to 5 (or 一 to 五).
    for (std::size_t at = text->find("级"); at != std::string::npos;
         at = text->find("级", at + 1)) {
      if (at >= 1) {
        if (auto r = rating_digit(text->substr(at - 1, 1))) return r;
      }
      if (at >= 3) {
        if (auto r = rating_digit(text->substr(at - 3, 3))) return r;
      }
    }
  }
  return std::nullopt;
}

std::vector<CapOutcome> import_cap(Store& store, const Office& office,
                                   std::vector<CapMessage> messages, Seconds received,
                                   const Actor& actor) {
  std::stable_sort(messages.begin(), messages.end(),
                   [](const CapMessage& a, const CapMessage& b) { return a.sent < b.sent; });
  const WarningSettings& settings = warning_settings(office);
  std::vector<CapOutcome> out;
  store.write([&](StoreTransaction& tx) {
    out.clear();
    std::vector<Warning> warnings = warnings_in(tx);
    auto remember = [&](const Warning& w) {
      auto it = std::find_if(warnings.begin(), warnings.end(),
                             [&](const Warning& x) { return x.id == w.id; });
      if (it == warnings.end()) {
        warnings.push_back(w);
      } else {
        *it = w;
      }
    };
    for (const auto& m : messages) {
      CapOutcome o{m.file, m.identifier, "", "", "", {}};
      if (std::string id = find_by_cap(warnings, m.identifier); !id.empty()) {
        o.action = "already-recorded";
        o.warning = id;
        out.push_back(o);
        continue;
      }
      std::string target;
      for (const auto& r : m.references) {
        if (target.empty()) target = find_by_cap(warnings, r);
      }
      // A message about a warning the office voided as entered by mistake changes nothing.
      auto known = std::find_if(warnings.begin(), warnings.end(),
                                [&](const Warning& x) { return x.id == target; });
      if (known != warnings.end() && known->voided_at) {
        o.action = "skipped";
        o.note =
            trf("it changes {0}, which was voided as entered by mistake: not recorded", target);
        out.push_back(o);
        continue;
      }
      try {
        if (m.msg_type == "Cancel") {
          // Nothing to lift: the warning never reached the office (or was never in force here).
          // Skipped, saying so, so that one such file does not stop a cron import for good.
          if (target.empty()) {
            o.action = "skipped";
            o.note = trf("it cancels a warning that is not recorded ({0}): nothing to lift",
                         join(m.references, " "));
            out.push_back(o);
            continue;
          }
          Warning w = lift_warning(tx, office, target, received, m.headline, m.identifier, actor);
          remember(w);
          o.action = "lifted";
          o.warning = w.id;
        } else if (m.msg_type == "Update" && !target.empty()) {
          const Warning& before = *std::find_if(warnings.begin(), warnings.end(),
                                                [&](const Warning& x) { return x.id == target; });
          WarningUpdate u;
          u.level = std::string(to_string(cap_type_and_level(m, settings).second));
          u.fire_rating = cap_fire_rating(m, before.type);
          if (m.expires) u.expires = m.expires;
          // The message stands on its own: received after the expiry and with none of its own, it
          // renews the warning until lifted.
          u.until_lifted = !m.expires && before.state(received) == WarningState::kExpired;
          if (!m.areas.empty()) u.area = m.areas;
          if (!m.headline.empty()) u.headline = m.headline;
          if (!m.description.empty()) u.text = m.description;
          if (!m.instruction.empty()) u.instruction = m.instruction;
          u.at = received;
          u.cap = m.identifier;
          Warning w = update_warning(tx, office, target, u, actor);
          remember(w);
          o.action = w.history.back().kind == ChangeKind::kRenewed ? "renewed" : "updated";
          o.warning = w.id;
        } else {
          auto [type, level] = cap_type_and_level(m, settings);
          NewWarning n;
          n.type = type;
          n.level = std::string(to_string(level));
          n.issuer = m.sender_name.empty() ? m.sender : m.sender_name;
          n.area = m.areas;
          n.issued = m.sent;
          n.received = received;
          n.expires = m.expires;
          n.headline = m.headline;
          n.text = m.description;
          n.instruction = m.instruction;
          n.status = parse_warning_status(m.status);
          n.fire_rating = cap_fire_rating(m, type);
          n.cap = m.identifier;
          Warning w = add_warning(tx, office, n, actor);
          remember(w);
          o.action = "added";
          // An Update of a warning the office never recorded: kept as new, and said so.
          if (m.msg_type == "Update") o.unrecorded_references = m.references;
          o.warning = w.id;
        }
      } catch (const FieldError& e) {
        fail_applying(m, e);
      }
      out.push_back(o);
    }
  });
  return out;
}

}  // namespace duty::reports
