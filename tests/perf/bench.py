#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs every performance target of duty side by side with its reference; see tests/perf/bench.sh.

usage: bench.py --duty BIN [--micro BIN] [--quick] [--keep DIR]
One row per target: the median of several runs, the target, the reference measured in the same run
and the ratio to it, and whether the target is met. Commands this build does not have are listed as
"not available". Growth tables show the solver and the store queries at 1x, 4x and 16x the size.
Exit status: 0 whatever the timings; non-zero only when the benchmark itself breaks.
"""
import argparse
import datetime
import getpass
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))


class Bench:
    def __init__(self, duty, micro, quick, work):
        self.duty = duty
        self.micro = micro
        self.quick = quick
        self.work = work
        self.runs = 3 if quick else 10
        self.rows = []  # (what, median_s or None, target_s or None, ref_name, ref_s, note)
        self.growth = []  # (what, [(label, median_s)])

    # ---- helpers ------------------------------------------------------------------------------
    def run(self, args, **kw):
        return subprocess.run(args, check=True, **kw)

    def d(self, *args, office=None, out=subprocess.DEVNULL):
        cmd = [self.duty] + (["--office", office] if office else []) + list(args)
        return self.run(cmd, stdout=out, stderr=subprocess.PIPE)

    def available(self, words, needle=None):
        """True when `duty WORDS --help` describes that command (and mentions `needle`)."""
        p = subprocess.run([self.duty] + words + ["--help"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True)
        if p.returncode != 0:
            return False
        usage = next((l for l in p.stdout.splitlines() if l.startswith("Usage:")), "")
        if not usage.startswith("Usage: duty " + " ".join(words)):
            return False
        return needle is None or needle in p.stdout

    def hyperfine(self, commands, runs=None, warmup=None, prepare=None, shell=False, findings_ok=False, env=None):
        """Median seconds of each command (a shell string), in order, run in `env` (default: this
        process's). With `findings_ok`, exit 1 (problems found, e.g. overdue reports) counts as
        success: each command is run once first."""
        runs = runs or self.runs
        warmup = (1 if self.quick else 2) if warmup is None else warmup
        out = os.path.join(self.work, "hf.json")
        args = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup), "--export-json", out]
        if not shell:
            args.append("-N")
        if findings_ok:
            for c in commands:
                p = subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
                if p.returncode not in (0, 1):
                    raise subprocess.CalledProcessError(p.returncode, c, stderr=p.stderr)
            args.append("-i")
        if prepare:
            args += ["--prepare", prepare]
        args += commands
        self.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        with open(out) as f:
            return [r["median"] for r in json.load(f)["results"]]

    def row(self, what, median, target_ms, ref_name="", ref=None, note=""):
        self.rows.append((what, median, None if target_ms is None else target_ms / 1000, ref_name, ref, note))

    def missing(self, what, target_ms, note):
        self.rows.append((what, None, target_ms / 1000, "", None, note))

    # ---- data ---------------------------------------------------------------------------------
    def gen_roster(self, name, people, days, strategy="balanced"):
        path = os.path.join(self.work, name + ".yaml")
        self.run([sys.executable, os.path.join(HERE, "gen_roster.py"), path, "--people", str(people), "--days",
                  str(days), "--groups", "3", "--strategy", strategy])
        return path

    def make_store(self, name, count):
        """An office whose store holds `count` incidents (about five events each), and its CSV."""
        office = os.path.join(self.work, name)
        yaml_in = os.path.join(self.work, name + ".yaml")
        csv_in = os.path.join(self.work, name + ".csv")
        for path in (yaml_in, csv_in):
            self.run([sys.executable, os.path.join(HERE, "gen_incidents.py"), path, "--count", str(count)])
        shutil.rmtree(office, ignore_errors=True)
        self.d("init", office, "--locale", "en")
        self.d("incident", "import", yaml_in, office=office)
        return office, csv_in

    # ---- rows ---------------------------------------------------------------------------------
    def startup(self):
        true, version = self.hyperfine(["/bin/true", f"{self.duty} --version"], runs=self.runs * 3)
        self.floor = true
        self.row("start-up: duty --version", version, None, "/bin/true", true)

    def roster(self):
        people, days = (24, 91) if self.quick else (60, 365)
        year = self.gen_roster("year", people, days)
        rotation = self.gen_roster("rotation", people, days, "rotation")
        month = os.path.join(SRC, "examples", "zeku", "roster.yaml")
        o = os.path.join(self.work, "out")
        # The rotation twice: printing the plan (the command's default output), and with -o, which
        # adds the fsync that lets the file survive a power cut before it is renamed into place.
        b, m, r, rs = self.hyperfine([f"{self.duty} roster build {year} -o {o}1.json",
                                      f"{self.duty} roster build {month} --to 2027-01-31 -o {o}2.json",
                                      f"{self.duty} roster build {rotation} -o {o}3.json",
                                      f"{self.duty} roster build {rotation} --format json"])
        size = f"{people} people, {days} days"
        self.row(f"roster build balanced ({size})", b, 1000, "/bin/true", self.floor)
        self.row("roster build balanced (example office, a month)", m, 50, "/bin/true", self.floor)
        self.row(f"roster build rotation ({size}), printed", rs, 10, "/bin/true", self.floor)
        self.row(f"roster build rotation ({size}), -o FILE", r, 10, "/bin/true", self.floor)
        stats = subprocess.run([self.duty, "roster", "stats", year, o + "1.json", "--format", "json"],
                               stdout=subprocess.PIPE, check=True, text=True)
        s = json.loads(stats.stdout)
        self.fairness_note = f"deviation {s['deviation']} vs proven lower bound {s['optimum']}: optimal {s['optimal']}"
        self.year_days = days
        self.year_spec, self.rotation_spec, self.month_spec = year, rotation, month
        if self.available(["roster", "build"], "ics"):
            (ics,) = self.hyperfine([f"{self.duty} roster build {rotation} --format ics -o {o}.ics"])
            self.row(f"ICS export of a year (rotation, {size})", ics, 100, "/bin/true", self.floor)
        else:
            self.missing("ICS export of a year", 100, "not available: roster build --format ics")
        self.exact()

    def exact(self):
        """CBC on the same small instances: time and the optimum duty must reach."""
        sys.path.insert(0, os.path.join(SRC, "tests", "tools"))
        import exact_roster
        if not os.path.exists(exact_roster.CBC):
            self.missing("exact solver reference (CBC)", 1000, "not available: /usr/bin/cbc (coinor-cbc)")
            return
        seeds = range(1, 4) if self.quick else range(1, 9)
        duty_s, cbc_s, same, unproven = [], [], 0, 0
        for seed in seeds:
            inst = exact_roster.generate(seed)
            spec = os.path.join(self.work, f"exact{seed}.yaml")
            with open(spec, "w", encoding="utf-8") as f:
                f.write(exact_roster.to_yaml(inst))
            try:
                # 30 s per stage: an instance CBC cannot prove optimal by then is left out and counted.
                res = exact_roster.solve_exact(inst, workdir=self.work, time_limit=30)
            except exact_roster.CbcError:
                unproven += 1
                continue
            if res.status == "infeasible":
                continue
            plan = os.path.join(self.work, f"exact{seed}.json")
            (t,) = self.hyperfine([f"{self.duty} roster build {spec} -o {plan}"], runs=3, warmup=1)
            duty_s.append(t)
            cbc_s.append(res.seconds)
            stats = subprocess.run([self.duty, "roster", "stats", spec, plan, "--format", "json"],
                                   stdout=subprocess.PIPE, check=True, text=True)
            dev = json.loads(stats.stdout)["deviation"]
            same += all(abs(dev[m] - b) < 1e-6 for m, b in zip(exact_roster.MEASURES, res.deviation))
        if duty_s:
            med = sorted(duty_s)[len(duty_s) // 2]
            ref = sorted(cbc_s)[len(cbc_s) // 2]
            self.row(f"roster build on {len(duty_s)} random instances", med, 1000, "CBC exact", ref,
                     f"fairness equals CBC's optimum on {same} of {len(duty_s)}"
                     + (f"; {unproven} more that CBC could not prove optimal in 30 s" if unproven else ""))

    def incidents(self):
        count = 2000 if self.quick else 100000
        office, csv_in = self.make_store("big", count)
        db = os.path.join(office, "duty.db")
        ref_db = os.path.join(self.work, "ref.db")
        self.run(["sqlite3", db, f".backup '{ref_db}'"])
        day = ["--from", "2026-06-01", "--to", "2026-06-02"]
        listing = subprocess.run([self.duty, "--office", office, "incident", "list", *day, "--format", "csv"],
                                 stdout=subprocess.PIPE, check=True, text=True).stdout.splitlines()
        mid = listing[1].split(",")[0]
        q = self.queries(office, mid)
        medians = self.hyperfine([c for (_, c, _) in q], findings_ok=True)
        refs = self.hyperfine([f"sqlite3 {ref_db} \"{sql}\"" for (_, _, sql) in q], shell=False)
        n = f"{count // 1000}k" if count >= 1000 else str(count)
        targets = [15, 200, 200, 200, 200, 2000]
        for (what, _, _), med, ref, target in zip(q, medians, refs, targets):
            self.row(f"{what} ({n} store)", med, target, "sqlite3 shell", ref)
        self.import_rows(csv_in, count, n)
        self.db_copy(db, office, n)
        self.bulletins(office, n)
        self.office = office
        self.count_label = n

    def db_copy(self, db, office, n):
        """The whole store (about five events an incident) into a new SQLite file, beside SQLite's
        own page-by-page copy of it."""
        what = f"db copy {n} incidents (sqlite→sqlite)"
        if not self.available(["db", "copy"]):
            self.missing(what, 30000, "not available in this build")
            return
        dest = os.path.join(self.work, "copy.db")
        ref = os.path.join(self.work, "copy-ref.db")
        runs = 3 if self.quick else 5
        (copy,) = self.hyperfine([f"{self.duty} --office {office} db copy --to {dest}"], runs=runs, warmup=0,
                                 prepare=f"rm -f {dest}")
        (backup,) = self.hyperfine([f"sqlite3 {db} \".backup '{ref}'\""], runs=runs, warmup=0,
                                   prepare=f"rm -f {ref}")
        self.row(what, copy, 30000, "sqlite3 .backup", backup)

    def queries(self, office, mid):
        """(what, duty command, the sqlite3 shell doing the same work)."""
        o = f"{self.duty} --office {office}"
        t0 = 1780272000  # 2026-06-01 00:00 +08:00
        add_sql = (
            "PRAGMA synchronous=FULL; BEGIN IMMEDIATE; "
            "INSERT INTO events (seq, type, subject, at, recorded_at, by, data, prev_hash, hash) "
            "SELECT max(seq) + 1, 'created', '9999-' || (max(seq) + 1), 0, 0, 'bench', '{}', hash, hash FROM events; "
            "INSERT INTO incidents (id, year, number, title, category, location, source, received_by, stated, graded, "
            "severity, occurred_at, received_at, recorded_at, deaths, injured, seriously_injured, missing, trapped, "
            "loss, closed, closed_at, followups, last_seq) SELECT '9999-' || max(seq), 9999, max(seq), 'bench', 'fire', "
            "'', '', '', 'unknown', 'IV', 'IV', NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, max(seq) FROM events; "
            "INSERT INTO requirements (incident, org, via, arose_at, due, made_at, made_seq, basis) "
            "SELECT '9999-' || max(seq), 'county', 'phone', 0, 3600, NULL, NULL, 'bench' FROM events; COMMIT;")
        return [
            ("incident add", f"{o} incident add --title bench --category fire --received -1m", add_sql),
            ("incident list --open", f"{o} incident list --open --format json",
             "SELECT * FROM incidents WHERE closed = 0 ORDER BY received_at, id"),
            ("incident list, one day", f"{o} incident list --from 2026-06-01 --to 2026-06-02 --format json",
             f"SELECT * FROM incidents WHERE received_at >= {t0} AND received_at <= {t0 + 86400} "
             "ORDER BY received_at, id"),
            ("incident overdue", f"{o} incident overdue --format json",
             "SELECT r.*, i.title FROM requirements r JOIN incidents i ON i.id = r.incident "
             "WHERE r.made_at IS NULL AND r.due < strftime('%s','now') ORDER BY r.due, r.incident"),
            ("incident show", f"{o} incident show {mid} --format json",
             f"SELECT * FROM incidents WHERE id = '{mid}'; SELECT * FROM events WHERE subject = '{mid}' ORDER BY seq"),
            ("log verify (5 events per incident)", f"{o} log verify",
             "SELECT count(*), sum(length(data) + length(hash) + length(prev_hash)) FROM events"),
        ]

    def postgres(self):
        """The same rows against PostgreSQL (DUTY_TEST_PG names a server where a database may be made;
        the README's test command and tests/perf/bench.sh --pg start a throwaway one): db copy of the
        big store, add / list / overdue / show, and 8 desks adding at once. The commands connect over
        the server's Unix socket as a login role named after this user with the office's desk role
        (peer authentication, as a desk PC beside the server would), or as DUTY_TEST_PG's user when
        the socket does not let it in; pg_floor (connect, SELECT 1, end) is their floor."""
        admin = os.environ.get("DUTY_TEST_PG")
        if not admin or not getattr(self, "office", None):
            self.missing("PostgreSQL rows", 15, "no server: set DUTY_TEST_PG (bench.sh --pg starts one)")
            return
        name = f"duty_bench_{os.getpid()}"
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", admin, "-c"]
        self.run(psql + [f"DROP DATABASE IF EXISTS {name}"], stdout=subprocess.DEVNULL)
        self.run(psql + [f"CREATE DATABASE {name}"], stdout=subprocess.DEVNULL)
        self.run(psql + [f"ALTER DATABASE {name} SET duty.office = 'bench'"], stdout=subprocess.DEVNULL)
        conn = f"{admin} dbname={name}"
        env = dict(os.environ, DUTY_DB=conn)
        try:
            subprocess.run([self.duty, "--office", self.office, "db", "init"], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            desk_env, how = self.desk_over_socket(psql, name) or (env, "as DUTY_TEST_PG's user")
            n = self.count_label
            started = time.time()
            subprocess.run([self.duty, "--office", self.office, "db", "copy", "--to", conn], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self.row(f"db copy sqlite→postgres ({n} store)", time.time() - started, 30000, "", None, "one run")
            listing = subprocess.run([self.duty, "--office", self.office, "incident", "list", "--from", "2026-06-01",
                                      "--to", "2026-06-02", "--format", "csv"], env=desk_env, stdout=subprocess.PIPE,
                                     check=True, text=True).stdout.splitlines()
            mid = listing[1].split(",")[0]
            floor = None
            pg_floor = os.path.join(os.path.dirname(self.micro), "pg_floor") if self.micro else None
            if pg_floor and os.access(pg_floor, os.X_OK):
                (floor,) = self.hyperfine([f"{pg_floor} '{desk_env['DUTY_DB']}'"], env=desk_env)
            q = [(what, cmd) for (what, cmd, _) in self.queries(self.office, mid)][:5]
            medians = self.hyperfine([cmd for (_, cmd) in q], findings_ok=True, env=desk_env)
            for (what, _), med, target in zip(q, medians, [15, 200, 200, 200, 200]):
                self.row(f"{what} ({n} store, PostgreSQL)", med, target, "pg_floor" if floor else "", floor, how)
            desks, adds = 8, (10 if self.quick else 50)
            loop = (f"for i in $(seq {adds}); do {self.duty} --office {self.office} incident add --title desk "
                    f"--category fire --received -1m >/dev/null || exit 1; done")
            started = time.time()
            procs = [subprocess.Popen(["sh", "-c", loop], env=desk_env) for _ in range(desks)]
            if any(p.wait() != 0 for p in procs):
                raise subprocess.CalledProcessError(1, "8 desks adding at once")
            took = time.time() - started
            self.row(f"{desks} desks adding at once: {desks * adds} adds (PostgreSQL)", took / (desks * adds), 1000 / 150,
                     "", None, f"{desks * adds / took:.0f} adds/s in total, {how}")
        finally:
            subprocess.run(psql + [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)

    def desk_over_socket(self, psql, name):
        """(environment, note) for commands as a desk over the server's Unix socket, or None when
        the socket does not let this user in."""
        sockets = subprocess.run(psql[:-1] + ["-A", "-t", "-c", "SHOW unix_socket_directories"], stdout=subprocess.PIPE,
                                 text=True)
        user = getpass.getuser()
        if sockets.returncode != 0 or not sockets.stdout.strip() or not re.fullmatch(r"[a-z_][a-z0-9_]*", user):
            return None
        socket_dir = sockets.stdout.strip().split(",")[0].strip()
        self.run(psql + [f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN "
                         f"CREATE ROLE {user} LOGIN; END IF; END$$"], stdout=subprocess.DEVNULL)
        self.run(psql + [f"GRANT duty_desk_bench TO {user}"], stdout=subprocess.DEVNULL)
        env = {k: v for k, v in os.environ.items() if k not in ("PGHOST", "PGHOSTADDR", "PGUSER", "PGPASSWORD")}
        env["DUTY_DB"] = f"host={socket_dir} dbname={name}"
        probe = subprocess.run([self.duty, "--office", self.office, "incident", "list", "--format", "csv"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (env, f"Unix socket, desk role {user}") if probe.returncode == 0 else None

    def import_rows(self, csv_in, count, n):
        empty = os.path.join(self.work, "empty")
        shutil.rmtree(empty, ignore_errors=True)
        self.d("init", empty, "--locale", "en")
        db = os.path.join(empty, "duty.db")
        scratch = os.path.join(self.work, "scratch.db")
        (imp,) = self.hyperfine([f"{self.duty} --office {empty} incident import {csv_in}"], runs=3 if self.quick else 5,
                                warmup=1, prepare=f"rm -f {db} {db}-wal {db}-shm")
        (ref,) = self.hyperfine([f"sqlite3 {scratch} \".import --csv {csv_in} t\""], runs=3 if self.quick else 5,
                                warmup=1, prepare=f"rm -f {scratch}")
        self.row(f"incident import {n} (CSV)", imp, 3000, "sqlite3 .import", ref)

    def bulletins(self, office, n):
        o = f"{self.duty} --office {office}"
        for words, args, what in ((["daily"], "--date 2026-06-01", "daily"),
                                  (["handover"], "--at '2026-06-01 08:30'", "handover")):
            if self.available(words):
                (t,) = self.hyperfine([f"{o} {' '.join(words)} {args}"])
                self.row(f"{what} ({n} store)", t, 100, "/bin/true", self.floor)
            else:
                self.missing(f"{what} ({n} store)", 100, f"not available: duty {' '.join(words)}")

    def publishing(self):
        names = ("roster publish a year", 1500), ("who --at, a year published", 10), ("roster replan the rest of a year", 1000)
        if not (self.available(["roster", "publish"]) and self.available(["who"])):
            for what, target in names:
                self.missing(what, target, "not available: duty roster publish / who")
            return
        office = os.path.join(self.work, "pub")
        shutil.rmtree(office, ignore_errors=True)
        os.makedirs(office)
        shutil.copy(self.year_spec, os.path.join(office, "roster.yaml"))
        with open(os.path.join(office, "office.yaml"), "w", encoding="utf-8") as f:
            f.write("office: {name: Bench, timezone: Asia/Shanghai}\nroster: roster.yaml\n")
        o = f"{self.duty} --office {office}"
        db = os.path.join(office, "duty.db")
        runs = 3 if self.quick else 5
        (pub,) = self.hyperfine([f"{o} roster publish"], runs=runs, warmup=1, shell=True,
                                prepare=f"rm -f {db} {db}-wal {db}-shm")
        self.row(names[0][0], pub, names[0][1], "/bin/true", self.floor)
        self.run(["sh", "-c", f"{o} roster publish >/dev/null"])
        (who,) = self.hyperfine([f"{o} who --at '2027-03-01 09:00'"])
        self.row(names[1][0], who, names[1][1], "/bin/true", self.floor)
        saved = os.path.join(self.work, "pub-saved.db")
        self.run(["sqlite3", db, f".backup '{saved}'"])
        # The second half of the published period (gen_roster.py starts it on 2027-01-01).
        half = datetime.date(2027, 1, 1) + datetime.timedelta(days=self.year_days // 2)
        (replan,) = self.hyperfine([f"{o} roster replan --from {half} --reason bench"], runs=runs, warmup=1,
                                   shell=True, prepare=f"rm -f {db}-wal {db}-shm; cp {saved} {db}")
        self.row(names[2][0], replan, names[2][1], "/bin/true", self.floor)

    # ---- growth -------------------------------------------------------------------------------
    def growth_rows(self):
        base = (30, 23) if self.quick else (30, 91)
        sizes = [(base[0] * k, base[1] * k) for k in (1, 2, 4)]  # people x days: 1x, 4x, 16x
        specs = [self.gen_roster(f"grow{i}", p, d) for i, (p, d) in enumerate(sizes)]
        o = os.path.join(self.work, "grow.json")
        times = self.hyperfine([f"{self.duty} roster build {s} -o {o}" for s in specs], runs=3 if self.quick else 5)
        self.growth.append(("roster build balanced (people x days)",
                            [(f"{p}x{d}", t - self.floor) for (p, d), t in zip(sizes, times)]))
        count = 500 if self.quick else 6250
        stores = [self.make_store(f"g{k}", count * k)[0] for k in (1, 4, 16)]
        for what, args in (("incident list --open", "incident list --open --format json"),
                           ("incident overdue", "incident overdue --format json"),
                           ("log verify", "log verify")):
            times = self.hyperfine([f"{self.duty} --office {s} {args}" for s in stores], findings_ok=True)
            self.growth.append((what, [(f"{count * k}", t - self.floor) for k, t in zip((1, 4, 16), times)]))

    # ---- in-process ---------------------------------------------------------------------------
    def micro_rows(self):
        if not self.micro:
            self.missing("in-process benchmarks", 0, "not built (Google Benchmark: libbenchmark-dev)")
            return
        out = os.path.join(self.work, "micro.json")
        args = [self.micro, f"--spec-year={self.year_spec}", f"--spec-rotation={self.rotation_spec}",
                f"--spec-month={self.month_spec}", f"--office={self.office}", f"--benchmark_out={out}",
                "--benchmark_out_format=json", f"--benchmark_repetitions={2 if self.quick else 5}",
                "--benchmark_report_aggregates_only=true"]
        if self.quick:
            args.append("--benchmark_min_time=0.01")
        self.run(args, stdout=subprocess.DEVNULL)
        with open(out) as f:
            results = json.load(f)["benchmarks"]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
        for r in results:
            if r.get("aggregate_name") != "median":
                continue
            self.row("in-process: " + r["run_name"], r["real_time"] * scale[r["time_unit"]], None)

    # ---- report -------------------------------------------------------------------------------
    def report(self):
        def ms(s):
            return "—" if s is None else (f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s")
        head = ("what", "median", "target", "reference", "ratio", "meets")
        lines = []
        for what, med, target, ref_name, ref, note in self.rows:
            ratio = f"{med / ref:.1f}x" if med and ref else "—"
            meets = "—" if target is None or med is None else ("yes" if med < target else "NO")
            if med is None:
                meets = "n/a"
            refcol = f"{ref_name} {ms(ref)}" if ref_name else "—"
            lines.append((what, ms(med) if med is not None else note, f"< {ms(target)}" if target else "—",
                          refcol, ratio, meets + (f" ({note})" if note and med is not None else "")))
        widths = [max(len(str(x[i])) for x in [head] + lines) for i in range(5)]
        fmt = " | ".join("{:%d}" % w for w in widths) + " | {}"
        print(fmt.format(*head))
        print("-+-".join("-" * w for w in widths) + "-+-----")
        for line in lines:
            print(fmt.format(*line))
        if getattr(self, "fairness_note", None):
            print(f"\nbalanced year fairness: {self.fairness_note}")
        print("\ngrowth (median minus the /bin/true floor; factor = time / time at the previous size, 4x the work)")
        for what, points in self.growth:
            cells, prev = [], None
            for label, t in points:
                cells.append(f"{label}: {t * 1000:.1f} ms" + (f" (x{t / prev:.1f})" if prev and prev > 0 else ""))
                prev = t
            print(f"  {what}: " + ", ".join(cells))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duty", required=True)
    ap.add_argument("--micro")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    args = ap.parse_args(argv)
    for tool in ("hyperfine", "sqlite3"):
        if not shutil.which(tool):
            print(f"bench: {tool} is not installed (Debian package {tool}); skipping", file=sys.stderr)
            return 77
    work = args.keep or tempfile.mkdtemp(prefix="duty-bench-")
    os.makedirs(work, exist_ok=True)
    started = time.time()
    try:
        b = Bench(os.path.abspath(args.duty), args.micro and os.path.abspath(args.micro), args.quick, work)
        with open("/proc/loadavg") as f:
            load = f.read().split()[:3]
        print(f"duty benchmarks ({'quick' if args.quick else 'full'}); load average before: {' '.join(load)}",
              flush=True)
        for step in (b.startup, b.roster, b.incidents, b.postgres, b.publishing, b.growth_rows, b.micro_rows):
            step()
        b.report()
        with open("/proc/loadavg") as f:
            print(f"\nload average after: {' '.join(f.read().split()[:3])}; took {time.time() - started:.0f} s")
    except subprocess.CalledProcessError as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        print(f"bench: command failed ({e.returncode}): {' '.join(map(str, e.cmd))}\n{err}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
