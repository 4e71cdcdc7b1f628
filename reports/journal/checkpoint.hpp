// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reports/journal/event.hpp"

namespace duty::reports {

class Store;
struct Actor;

/// A checkpoint event (subject "log") holds the seq and hash of the event before it, signed with
/// the office's Ed25519 key: data seq, hash, key (the signing key's fingerprint), signature (hex).
/// Whoever rewrites the events before it and recomputes every hash after them cannot sign again
/// without the private key, so `log verify` with the public key catches the rewrite.
inline constexpr const char* kCheckpoint = "checkpoint";
inline constexpr const char* kCheckpointSubject = "log";

/// The bytes a checkpoint signs.
std::string checkpoint_message(std::int64_t seq, const std::string& hash);

/// An Ed25519 key (OpenSSL EVP), private or public only.
class Key {
 public:
  /// Reads a PEM private key (signing: true) or public key. UsageError naming `option` and the file
  /// when it is not an Ed25519 key of that kind, or (private) when others may read it;
  /// EnvironmentError when it cannot be read.
  static Key load(const std::string& path, bool signing, const std::string& option);
  Key(Key&&) noexcept;
  Key& operator=(Key&&) noexcept;
  ~Key();

  /// Lower-case hex SHA-256 of the raw 32-byte public key.
  const std::string& fingerprint() const { return fingerprint_; }
  /// The signature of `message`, in hex (private keys only).
  std::string sign(std::string_view message) const;
  /// True when `signature_hex` is this key's signature of `message`.
  bool verify(std::string_view message, std::string_view signature_hex) const;

 private:
  struct Impl;
  explicit Key(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string fingerprint_;
};

/// Creates a new Ed25519 key pair: the private key at `private_path` (PEM, mode 0600) and the public
/// key at `public_path` (PEM, mode 0644), each written to a file of its own created with
/// O_CREAT|O_EXCL|O_NOFOLLOW and moved into place whole. An existing file is replaced only with
/// `replace` (UsageError naming it otherwise, nothing written). Returns the fingerprint.
std::string create_key_pair(const std::string& private_path, const std::string& public_path, bool replace);

/// Verifies the chain and appends a checkpoint signing its head, in one write transaction.
/// ChainBrokenError (nothing written) when the chain does not verify; UsageError on an empty log.
Event append_checkpoint(Store& store, const Key& key, const Actor& actor);

/// One checkpoint event, checked.
struct CheckpointCheck {
  std::int64_t event = 0;  ///< the checkpoint event's seq
  std::int64_t seq = 0;    ///< the event it signs
  std::string hash;        ///< that event's hash, as signed
  std::string key;         ///< the fingerprint it names
  std::string problem;     ///< empty when it verifies
};

/// Checks each checkpoint event (as verify_chain collects them, from a chain that verifies): it
/// names the event just before it and that event's hash, and carries a valid signature by the key
/// among `keys` with the fingerprint it names.
std::vector<CheckpointCheck> check_checkpoints(const std::vector<Event>& checkpoints, const std::vector<Key>& keys);

}  // namespace duty::reports
