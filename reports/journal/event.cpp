// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/event.hpp"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but EVP's first use sets
// up the provider machinery (method stores, the name map of every algorithm): about 5 million
// instructions, more than a whole `incident add` needed otherwise. The low-level functions run the
// same assembly (SHA-NI where the CPU has it) with none of that.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <sstream>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/json_writer.hpp"
#include "reports/journal/event_json.hpp"

namespace duty::reports {

std::optional<std::string> Event::text(const std::string& key) const {
  auto it = data.find(key);
  if (it == data.end()) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return std::nullopt;
}

std::optional<long long> Event::integer(const std::string& key) const {
  auto it = data.find(key);
  if (it == data.end()) return std::nullopt;
  if (const auto* n = std::get_if<long long>(&it->second)) return *n;
  if (const auto* d = std::get_if<double>(&it->second)) return static_cast<long long>(*d);
  return std::nullopt;
}

std::optional<double> Event::number(const std::string& key) const {
  auto it = data.find(key);
  if (it == data.end()) return std::nullopt;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  if (const auto* n = std::get_if<long long>(&it->second)) return static_cast<double>(*n);
  return std::nullopt;
}

void write_value(JsonWriter& w, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    w.value(*s);
  } else if (const auto* n = std::get_if<long long>(&v)) {
    w.value(static_cast<std::int64_t>(*n));
  } else if (const auto* d = std::get_if<double>(&v)) {
    w.value(*d);
  } else {
    w.null();
  }
}

std::string fields_json(const Fields& fields) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_object();
  for (const auto& [k, v] : fields) {
    w.key(k);
    write_value(w, v);
  }
  w.end_object();
  return out.str();
}

namespace {

// Appends the UTF-8 form of a code point below U+D800 or from U+E000 (no surrogates).
void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads the compact, flat JSON that fields_json writes, without a general parser: every stored
// event is read through here, and a daily bulletin reads thousands. nullopt for anything else
// (the caller falls back to the general parser, which also explains what is wrong).
std::optional<Fields> parse_canonical(const std::string& json) {
  Fields fields;
  std::size_t i = 0, n = json.size();
  auto read_string = [&](std::string& out) -> bool {
    if (i >= n || json[i] != '"') return false;
    ++i;
    while (i < n && json[i] != '"') {
      char c = json[i++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= n) return false;
      char e = json[i++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (i + 4 > n) return false;
          unsigned cp = 0;
          auto r = std::from_chars(json.data() + i, json.data() + i + 4, cp, 16);
          if (r.ec != std::errc{} || r.ptr != json.data() + i + 4 || (cp >= 0xD800 && cp < 0xE000)) return false;
          append_utf8(out, cp);
          i += 4;
          break;
        }
        default: return false;
      }
    }
    if (i >= n) return false;
    ++i;
    return true;
  };
  if (n < 2 || json[0] != '{') return std::nullopt;
  i = 1;
  if (json[i] == '}') return i + 1 == n ? std::optional<Fields>(fields) : std::nullopt;
  for (;;) {
    std::string key;
    if (!read_string(key) || i >= n || json[i] != ':') return std::nullopt;
    ++i;
    if (i < n && json[i] == '"') {
      std::string v;
      if (!read_string(v)) return std::nullopt;
      fields[key] = std::move(v);
    } else {
      std::size_t end = i;
      while (end < n && json[end] != ',' && json[end] != '}') ++end;
      std::string_view token(json.data() + i, end - i);
      if (token == "null") {
        fields[key] = std::monostate{};
      } else {
        long long v = 0;
        auto r = std::from_chars(token.data(), token.data() + token.size(), v);
        if (r.ec == std::errc{} && r.ptr == token.data() + token.size()) {
          fields[key] = v;
        } else {
          double d = 0;
          auto rd = std::from_chars(token.data(), token.data() + token.size(), d);
          if (rd.ec != std::errc{} || rd.ptr != token.data() + token.size()) return std::nullopt;
          fields[key] = d;
        }
      }
      i = end;
    }
    if (i >= n) return std::nullopt;
    if (json[i] == '}') return i + 1 == n ? std::optional<Fields>(std::move(fields)) : std::nullopt;
    if (json[i] != ',') return std::nullopt;
    ++i;
  }
}

}  // namespace

Fields parse_fields_json(const std::string& json) {
  if (auto fast = parse_canonical(json)) return std::move(*fast);
  Fields fields;
  YAML::Node root;
  try {
    root = YAML::Load(json);
  } catch (const YAML::Exception& e) {
    throw StoreError(
        trf("a stored event's payload is not valid JSON ({0}); run 'duty log verify'", e.msg));
  }
  if (!root.IsMap())
    throw StoreError(tr("a stored event's payload is not a JSON object; run 'duty log verify'"));
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (v.IsNull()) {
      fields[key] = std::monostate{};
    } else if (v.Tag() == "!") {
      // Quoted in the JSON: text, even when it looks like a number.
      fields[key] = v.Scalar();
    } else {
      const std::string& s = v.Scalar();
      long long n = 0;
      auto r = std::from_chars(s.data(), s.data() + s.size(), n);
      if (r.ec == std::errc{} && r.ptr == s.data() + s.size()) {
        fields[key] = n;
        continue;
      }
      double d = 0;
      auto rd = std::from_chars(s.data(), s.data() + s.size(), d);
      if (rd.ec == std::errc{} && rd.ptr == s.data() + s.size()) {
        fields[key] = d;
      } else {
        fields[key] = s;
      }
    }
  }
  return fields;
}

namespace {
void append_canonical(std::string& s, const Event& e) {
  s += std::to_string(e.seq);
  s += '\n';
  s += e.type;
  s += '\n';
  s += e.subject;
  s += '\n';
  s += std::to_string(e.at.time_since_epoch().count());
  s += '\n';
  s += std::to_string(e.recorded_at.time_since_epoch().count());
  s += '\n';
  s += e.by;
  s += '\n';
  s += e.payload.empty() ? fields_json(e.data) : e.payload;
}

void to_hex(const unsigned char* digest, unsigned int len, std::string& hex) {
  static const char* kHex = "0123456789abcdef";
  hex.resize(static_cast<std::size_t>(len) * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
}
}  // namespace

std::string canonical_form(const Event& e) {
  std::string s;
  s.reserve(128);
  append_canonical(s, e);
  return s;
}

namespace {

void sha256(std::string_view bytes, unsigned char (&digest)[SHA256_DIGEST_LENGTH]) {
  SHA256_CTX ctx;
  if (SHA256_Init(&ctx) != 1 || SHA256_Update(&ctx, bytes.data(), bytes.size()) != 1 ||
      SHA256_Final(digest, &ctx) != 1) {
    throw EnvironmentError(tr("OpenSSL could not compute SHA-256"));
  }
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  sha256(bytes, digest);
  std::string hex;
  to_hex(digest, sizeof digest, hex);
  return hex;
}

struct ChainHasher::Impl {
  std::string buffer;
  std::string hex;
};

ChainHasher::ChainHasher() : impl_(new Impl) {}

ChainHasher::~ChainHasher() { delete impl_; }

const std::string& ChainHasher::hash(const std::string& prev_hash, const Event& e) {
  std::string& b = impl_->buffer;
  b.clear();
  b += prev_hash;
  b += '\n';
  append_canonical(b, e);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  sha256(b, digest);
  to_hex(digest, sizeof digest, impl_->hex);
  return impl_->hex;
}

std::string chain_hash(const std::string& prev_hash, const Event& e) {
  return sha256_hex(prev_hash + '\n' + canonical_form(e));
}

}  // namespace duty::reports
