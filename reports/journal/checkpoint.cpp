// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/checkpoint.hpp"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "reports/exclusive_file.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/projection.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

namespace {

constexpr std::size_t kMaxKeyFile = 64 * 1024;

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 15];
  }
  return out;
}

bool unhex(std::string_view text, std::string& out) {
  if (text.size() % 2 != 0) return false;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int hi = digit(text[i]), lo = digit(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

std::string fingerprint_of(EVP_PKEY* key) {
  unsigned char raw[64];
  std::size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1)
    throw EnvironmentError(tr("OpenSSL cannot read the public key"));
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(raw), len));
}

// The file's bytes: a regular file of at most kMaxKeyFile bytes.
std::string read_key_file(const std::string& path, bool signing, const std::string& option) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) {
      throw UsageError(
          option + ": " +
          (signing ? trf("{0} does not exist; run 'duty key init' to create the office's key pair",
                         path)
                   : trf("{0} does not exist; give the office's public key file (made by 'duty key "
                         "init')",
                         path)));
    }
    throw EnvironmentError(option + ": " + trf("cannot read {0}: {1}", path, std::strerror(err)));
  }
  struct stat st {};
  std::string bytes;
  try {
    if (::fstat(fd, &st) != 0) {
      throw EnvironmentError(option + ": " +
                             trf("cannot read {0}: {1}", path, std::strerror(errno)));
    }
    if (!S_ISREG(st.st_mode))
      throw UsageError(option + ": " + trf("{0} is not a regular file", path));
    if (static_cast<std::size_t>(st.st_size) > kMaxKeyFile) {
      throw UsageError(option + ": " + trf("{0} is too large to be a key file", path));
    }
    if (signing && (st.st_mode & 077) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      throw UsageError(option + ": " +
                       trf("the private key {0} may be read by others (mode {1}); run 'chmod 600 "
                           "{0}' and keep it "
                           "where only the office can read it",
                           path, mode));
    }
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        throw EnvironmentError(option + ": " +
                               trf("cannot read {0}: {1}", path, std::strerror(errno)));
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return bytes;
}

std::string pem_of(EVP_PKEY* key, bool private_key) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio) throw EnvironmentError(tr("OpenSSL: out of memory"));
  int ok = private_key ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                       : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) throw EnvironmentError(tr("OpenSSL cannot write the key"));
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

std::string checkpoint_message(std::int64_t seq, const std::string& hash) {
  return "duty checkpoint v1\nseq " + std::to_string(seq) + "\nhash " + hash + "\n";
}

struct Key::Impl {
  std::unique_ptr<EVP_PKEY, PkeyFree> key;
  bool signing = false;
};

Key::Key(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) { fingerprint_ = fingerprint_of(impl_->key.get()); }
Key::Key(Key&&) noexcept = default;
Key& Key::operator=(Key&&) noexcept = default;
Key::~Key() = default;

Key Key::load(const std::string& path, bool signing, const std::string& option) {
  std::string pem = read_key_file(path, signing, option);
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw EnvironmentError(tr("OpenSSL: out of memory"));
  auto impl = std::make_unique<Impl>();
  impl->signing = signing;
  impl->key.reset(signing ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                          : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!impl->key) {
    throw UsageError(
        option + ": " +
        (signing ? trf("{0} is not a PEM private key; 'duty key init' makes the office's key pair",
                       path)
                 : trf("{0} is not a PEM public key; 'duty key init' makes the office's key pair",
                       path)));
  }
  if (EVP_PKEY_get_id(impl->key.get()) != EVP_PKEY_ED25519) {
    throw UsageError(option + ": " +
                     trf("{0} is not an Ed25519 key; 'duty key init' makes one", path));
  }
  return Key(std::move(impl));
}

std::string Key::sign(std::string_view message) const {
  if (!impl_->signing) throw EnvironmentError("internal: signing with a public key");
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  unsigned char sig[64];
  std::size_t len = sizeof sig;
  // Ed25519 hashes the message itself: no digest is named.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw EnvironmentError(tr("OpenSSL could not sign the checkpoint"));
  }
  return hex(sig, len);
}

bool Key::verify(std::string_view message, std::string_view signature_hex) const {
  std::string sig;
  if (!unhex(signature_hex, sig) || sig.size() != 64) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1) {
    throw EnvironmentError(tr("OpenSSL could not check a signature"));
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::string create_key_pair(const std::string& private_path, const std::string& public_path, bool replace) {
  namespace fs = std::filesystem;
  if (!replace) {
    for (const auto& p : {private_path, public_path}) {
      std::error_code ec;
      if (fs::symlink_status(p, ec).type() != fs::file_type::not_found) {
        throw UsageError(
            trf("{0} already exists; nothing was changed (pass --force to replace the key pair: "
                "checkpoints signed with the old key then verify only with its public key)",
                p));
      }
    }
  }
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    throw EnvironmentError(tr("OpenSSL could not make an Ed25519 key"));
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> key(raw);
  ExclusiveFile secret(private_path, 0600);
  secret.write(pem_of(key.get(), true));
  ExclusiveFile pub(public_path, 0644);
  pub.write(pem_of(key.get(), false));
  // The public key first: a private key without its public half is the worse leftover.
  if (!pub.commit(replace) || !secret.commit(replace)) {
    throw UsageError(trf("{0} was created by someone else meanwhile; nothing was changed",
                         fs::exists(public_path) ? public_path : private_path));
  }
  return fingerprint_of(key.get());
}

Event append_checkpoint(Store& store, const Key& key, const Actor& actor) {
  Event out;
  store.write([&](StoreTransaction& tx) {
    VerifyResult chain = verify_chain(store);
    if (!chain.ok()) throw ChainBrokenError(chain.problem, chain.checked);
    if (!chain.head) throw UsageError(tr("the log is empty: there is nothing to sign yet"));
    Event e = new_event(kCheckpoint, kCheckpointSubject, actor.now, actor);
    e.data["seq"] = static_cast<long long>(chain.head->seq);
    e.data["hash"] = chain.head->hash;
    e.data["key"] = key.fingerprint();
    e.data["signature"] = key.sign(checkpoint_message(chain.head->seq, chain.head->hash));
    out = tx.append(std::move(e));
  });
  return out;
}

std::vector<CheckpointCheck> check_checkpoints(const std::vector<Event>& checkpoints, const std::vector<Key>& keys) {
  std::vector<CheckpointCheck> out;
  for (const Event& stored : checkpoints) {
    CheckpointCheck c;
    c.event = stored.seq;
    Fields data;
    try {
      data = parse_fields_json(stored.payload);
    } catch (const StoreError&) {
    }
    Event e = stored;
    e.data = std::move(data);
    c.seq = e.integer("seq").value_or(0);
    c.hash = e.text("hash").value_or("");
    c.key = e.text("key").value_or("");
    std::string signature = e.text("signature").value_or("");
    const Key* key = nullptr;
    for (const auto& k : keys) {
      if (k.fingerprint() == c.key) key = &k;
    }
    if (c.seq != e.seq - 1) {
      c.problem =
          trf("it signs event {0} but follows event {1}: events before it were removed or inserted "
              "after "
              "it was signed",
              c.seq, e.seq - 1);
    } else if (c.hash != e.prev_hash) {
      c.problem =
          trf("it signs event {0} with hash {1} but the chain has {2} there: events up to it were "
              "changed "
              "after it was signed and their hashes recomputed",
              c.seq, c.hash.substr(0, 12), e.prev_hash.substr(0, 12));
    } else if (!key) {
      c.problem = trf("it was signed by key {0}, which is not among the public keys given", c.key);
    } else if (!key->verify(checkpoint_message(c.seq, c.hash), signature)) {
      c.problem =
          trf("its signature does not verify with the public key {0}: the events up to it were "
              "rewritten "
              "and their hashes recomputed, or the checkpoint was forged",
              key->fingerprint());
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace duty::reports
