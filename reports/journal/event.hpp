// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "common/time.hpp"

namespace duty::reports {

/// A payload value: text, a whole number, a number, or nothing.
using Value = std::variant<std::monostate, std::string, long long, double>;

/// An event's payload; kept sorted by key so its JSON form is canonical.
using Fields = std::map<std::string, Value>;

/// One append-only entry of the store: never changed or deleted once written. Each event's hash
/// covers the previous event's hash and the event's canonical form, so any edit, deletion or
/// reordering breaks the chain (see verify in store.hpp).
struct Event {
  std::int64_t seq = 0;     ///< position in the chain, from 1
  std::string type;         ///< created, update, escalation, closed, ...
  std::string subject;      ///< what it is about: an incident id such as 2027-0042
  Seconds at;               ///< when it happened, as the office says
  Seconds recorded_at;      ///< the system clock when it was written; never settable
  std::string by;           ///< who entered it
  Fields data;
  /// The payload exactly as stored (canonical JSON); when set, the hash is computed over these
  /// bytes, so verification needs no parsing and catches any change to the stored text.
  std::string payload;
  std::string prev_hash;
  std::string hash;

  std::optional<std::string> text(const std::string& key) const;
  std::optional<long long> integer(const std::string& key) const;
  std::optional<double> number(const std::string& key) const;
};

/// The hash of the chain before its first event.
inline const std::string kGenesisHash(64, '0');

/// Compact JSON of the fields, keys sorted, strings escaped: the canonical payload.
std::string fields_json(const Fields& fields);

/// Parses fields_json's output back; throws StoreError when the stored text is not a flat JSON object.
Fields parse_fields_json(const std::string& json);

/// The exact bytes hashed for an event: seq, type, subject, at, recorded_at (Unix seconds), by and
/// the canonical payload (`payload` when set, else fields_json(data)), one per line.
std::string canonical_form(const Event& e);

/// Lower-case hex SHA-256 (OpenSSL) of prev_hash, a newline and the canonical form.
std::string chain_hash(const std::string& prev_hash, const Event& e);

/// Computes chain hashes repeatedly with one buffer, for verifying or writing many events
/// (allocating per event costs more than hashing).
class ChainHasher {
 public:
  ChainHasher();
  ~ChainHasher();
  ChainHasher(const ChainHasher&) = delete;
  ChainHasher& operator=(const ChainHasher&) = delete;
  /// Same result as chain_hash(prev_hash, e).
  const std::string& hash(const std::string& prev_hash, const Event& e);

 private:
  struct Impl;
  Impl* impl_;
};

/// Lower-case hex SHA-256 of arbitrary bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace duty::reports
