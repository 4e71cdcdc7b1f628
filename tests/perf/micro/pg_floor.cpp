// SPDX-License-Identifier: Apache-2.0
// The floor under any command that opens a PostgreSQL store: a process that loads libpq, connects
// with the libpq connection string argv[1], runs SELECT 1 and ends. tests/perf/bench.py times it
// beside `duty incident add` on PostgreSQL, so the cost duty adds is told apart from the cost of
// starting a process, loading libpq and starting a server backend.
#include <libpq-fe.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: pg_floor CONNINFO\n", stderr);
    return 2;
  }
  PGconn* conn = PQconnectdb(argv[1]);
  int code = 0;
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "pg_floor: %s", PQerrorMessage(conn));
    code = 4;
  } else {
    PGresult* r = PQexec(conn, "SELECT 1");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::fprintf(stderr, "pg_floor: %s", PQerrorMessage(conn));
      code = 4;
    }
    PQclear(r);
  }
  PQfinish(conn);
  return code;
}
