// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <libpq-fe.h>

// libpq, loaded when a command first opens a PostgreSQL store. Linked in, libpq and the two dozen
// libraries it pulls in (Kerberos, LDAP, TLS ...) cost every duty process about 10 ms of CPU at
// start (measured: 200 runs of an empty program, 0.6 s without, 3.1 s with), which SQLite users
// would pay on every command for nothing. The functions come from libpq.so.5 (Debian's libpq5)
// by dlopen; the declarations and types from libpq-fe.h as usual.
namespace duty::reports::postgres {

#define DUTY_LIBPQ_FUNCTIONS(X)                                                                       \
  X(PQclear) X(PQconndefaults) X(PQconnectdbParams) X(PQconninfoFree) X(PQconninfoParse) X(PQconsumeInput) \
  X(PQdb) X(PQerrorMessage) X(PQescapeIdentifier) X(PQescapeLiteral) X(PQexec) X(PQexecParams)           \
  X(PQexecPrepared) X(PQfinish) X(PQfreemem) X(PQftype) X(PQgetResult) X(PQgetisnull) X(PQgetlength)     \
  X(PQgetvalue) X(PQhost) X(PQlibVersion) X(PQnfields) X(PQnotifies) X(PQntuples) X(PQport) X(PQprepare)                \
  X(PQputCopyData) X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus) X(PQsetNoticeProcessor)      \
  X(PQsocket) X(PQstatus) X(PQuser)

/// The libpq functions duty calls.
struct LibPq {
#define DUTY_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  DUTY_LIBPQ_FUNCTIONS(DUTY_LIBPQ_MEMBER)
#undef DUTY_LIBPQ_MEMBER
};

/// libpq, loaded on the first call (thread-safe; kept for the life of the process, like a linked
/// library). StoreError saying what to install when libpq.so.5 cannot be loaded.
const LibPq& pq();

}  // namespace duty::reports::postgres
