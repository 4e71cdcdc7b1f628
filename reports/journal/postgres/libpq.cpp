// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/libpq.hpp"

#include <dlfcn.h>
#include <libintl.h>

#include <string>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace duty::reports::postgres {

namespace {

LibPq load() {
  void* lib = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* why = ::dlerror();
    throw StoreError(trf("PostgreSQL needs libpq, which cannot be loaded ({0}); install it (Debian: apt-get "
                         "install libpq5)",
                         why ? why : "libpq.so.5"));
  }
  LibPq f;
#define DUTY_LIBPQ_LOAD(name)                                                                            \
  f.name = reinterpret_cast<decltype(&::name)>(::dlsym(lib, #name));                                     \
  if (!f.name) {                                                                                         \
    throw StoreError(trf("the libpq installed is too old for duty (it has no {0}); install libpq5 from " \
                         "PostgreSQL 14 or later",                                                        \
                         #name));                                                                        \
  }
  DUTY_LIBPQ_FUNCTIONS(DUTY_LIBPQ_LOAD)
#undef DUTY_LIBPQ_LOAD
  // libpq's own messages (in its text domain, Debian's "libpq5-15") in the office's language come
  // out as '?' under the C locale's character set, unless asked for in UTF-8 as duty's are.
  ::bind_textdomain_codeset(("libpq5-" + std::to_string(f.PQlibVersion() / 10000)).c_str(), "UTF-8");
  return f;
}

}  // namespace

const LibPq& pq() {
  // The one process-wide state of the library, as a linked libpq would be: immutable once loaded.
  static const LibPq functions = load();
  return functions;
}

}  // namespace duty::reports::postgres
