// SPDX-License-Identifier: Apache-2.0
#include "reports/event.hpp"

#include <openssl/evp.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <sstream>

#include "common/error.hpp"
#include "common/json_writer.hpp"

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

std::string fields_json(const Fields& fields) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_object();
  for (const auto& [k, v] : fields) {
    w.key(k);
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
  w.end_object();
  return out.str();
}

Fields parse_fields_json(const std::string& json) {
  Fields fields;
  YAML::Node root;
  try {
    root = YAML::Load(json);
  } catch (const YAML::Exception& e) {
    throw StoreError("a stored event's payload is not valid JSON (" + e.msg + "); run 'duty log verify'");
  }
  if (!root.IsMap()) throw StoreError("a stored event's payload is not a JSON object; run 'duty log verify'");
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

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw EnvironmentError("OpenSSL could not compute SHA-256");
  }
  std::string hex;
  to_hex(digest, len, hex);
  return hex;
}

struct ChainHasher::Impl {
  EVP_MD* md = nullptr;
  EVP_MD_CTX* ctx = nullptr;
  std::string buffer;
  std::string hex;
};

ChainHasher::ChainHasher() : impl_(new Impl) {
  impl_->md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  impl_->ctx = EVP_MD_CTX_new();
  if (!impl_->md || !impl_->ctx) {
    EVP_MD_free(impl_->md);
    EVP_MD_CTX_free(impl_->ctx);
    delete impl_;
    throw EnvironmentError("OpenSSL could not set up SHA-256");
  }
}

ChainHasher::~ChainHasher() {
  EVP_MD_free(impl_->md);
  EVP_MD_CTX_free(impl_->ctx);
  delete impl_;
}

const std::string& ChainHasher::hash(const std::string& prev_hash, const Event& e) {
  std::string& b = impl_->buffer;
  b.clear();
  b += prev_hash;
  b += '\n';
  append_canonical(b, e);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestInit_ex(impl_->ctx, impl_->md, nullptr) != 1 ||
      EVP_DigestUpdate(impl_->ctx, b.data(), b.size()) != 1 ||
      EVP_DigestFinal_ex(impl_->ctx, digest, &len) != 1) {
    throw EnvironmentError("OpenSSL could not compute SHA-256");
  }
  to_hex(digest, len, impl_->hex);
  return impl_->hex;
}

std::string chain_hash(const std::string& prev_hash, const Event& e) {
  return sha256_hex(prev_hash + '\n' + canonical_form(e));
}

}  // namespace duty::reports
