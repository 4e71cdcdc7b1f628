# SPDX-License-Identifier: Apache-2.0
"""Exact reference for `duty`'s balanced roster: random small instances and a MILP solved by CBC.

The balanced strategy is a local search that claims to reach the lexicographic optimum of
(all-days, holiday, weekend) deviations. This module states the same problem as a mixed-integer
programme and has CBC solve it to proven optimality, one measure after the other, so the two can be
compared instance by instance. Python 3 standard library only; CBC is called as a program.

Run by hand to reproduce one instance:
    python3 tests/tools/exact_roster.py SEED [--spec FILE]
prints the spec (or writes it to FILE) and CBC's three optimal deviations.
"""
import dataclasses
import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

CBC = "/usr/bin/cbc"
MEASURES = ("all", "holiday", "weekend")
HOLIDAY, WEEKEND, WORKDAY = "holiday", "weekend", "workday"


@dataclasses.dataclass
class Person:
    id: str
    groups: list
    weight: float
    unavailable: set  # day indices inside the period
    # Entries exactly as written to the spec: ("2026-01-03",) or ("2026-01-03", "2026-01-07").
    unavailable_text: list


@dataclasses.dataclass
class Instance:
    seed: int
    start: datetime.date
    n_days: int
    slots: list  # (id, group, count)
    people: list
    holidays: set  # day indices
    holiday_text: list
    workdays: set  # day indices
    rest: int
    max_duties: object  # int or None
    pins: list  # (day, slot id, person id)
    solver_seed: int

    def date(self, d):
        return self.start + datetime.timedelta(days=d)

    def day_type(self, d):
        if d in self.holidays:
            return HOLIDAY
        if self.date(d).weekday() >= 5 and d not in self.workdays:
            return WEEKEND
        return WORKDAY

    def groups(self):
        """Groups slots draw on, in slot order, as duty orders them."""
        out = []
        for _, g, _ in self.slots:
            if g not in out:
                out.append(g)
        return out

    def members(self, g):
        return [i for i, p in enumerate(self.people) if g in p.groups]

    def available(self, p, d):
        return d not in self.people[p].unavailable


def counts_for(measure, day_type):
    if measure == "holiday":
        return day_type == HOLIDAY
    if measure == "weekend":
        return day_type == WEEKEND
    return True


def shares(inst):
    """{(g, measure): (places, [(person index, share)])} computed in duty's order of operations so
    the floating-point values are bit-identical to the ones duty measures against."""
    out = {}
    for g in inst.groups():
        per_day = sum(c for _, sg, c in inst.slots if sg == g)
        for m in MEASURES:
            days = [d for d in range(inst.n_days) if counts_for(m, inst.day_type(d))]
            places = per_day * len(days)
            members = inst.members(g)
            avail = {p: sum(1 for d in days if inst.available(p, d)) for p in members}
            weight_sum = 0.0
            for p in members:
                weight_sum += inst.people[p].weight * avail[p]
            row = []
            for p in members:
                share = places * inst.people[p].weight * avail[p] / weight_sum if weight_sum > 0 else 0.0
                row.append((p, share))
            out[(g, m)] = (places, row)
    return out


def deviations(inst, plan):
    """Summed group deviations per measure for plan = {(day, slot id): [person index, ...]}."""
    per_group = group_deviations(inst, plan)
    return tuple(sum(v for (g, mm), v in per_group.items() if mm == m) for m in MEASURES)


def group_deviations(inst, plan):
    """{(group, measure): max_p |count_p - share_p|} for the plan."""
    slot_group = {s: g for s, g, _ in inst.slots}
    count = {}
    for (d, s), people in plan.items():
        g = slot_group[s]
        for p in people:
            if g not in inst.people[p].groups:
                continue
            for m in MEASURES:
                if counts_for(m, inst.day_type(d)):
                    count[(p, g, m)] = count.get((p, g, m), 0) + 1
    return {(g, m): max((abs(count.get((p, g, m), 0) - share) for p, share in row), default=0.0)
            for (g, m), (_, row) in shares(inst).items()}


def violations(inst, plan):
    """Hard-rule breaches of a plan, so a wrong exact model shows up instead of a false optimum."""
    out = []
    slot_info = {s: (g, c) for s, g, c in inst.slots}
    days_of = {}
    for d in range(inst.n_days):
        seen = set()
        for s, (g, c) in slot_info.items():
            people = plan.get((d, s), [])
            if len(people) != c:
                out.append(f"day {d} slot {s}: {len(people)} people, needs {c}")
            for p in people:
                if g not in inst.people[p].groups:
                    out.append(f"day {d} slot {s}: {inst.people[p].id} not in {g}")
                if not inst.available(p, d):
                    out.append(f"day {d}: {inst.people[p].id} unavailable")
                if p in seen:
                    out.append(f"day {d}: {inst.people[p].id} twice")
                seen.add(p)
                days_of.setdefault(p, []).append(d)
    for p, days in days_of.items():
        days.sort()
        for a, b in zip(days, days[1:]):
            if a != b and b - a - 1 < inst.rest:
                out.append(f"{inst.people[p].id}: days {a} and {b} closer than rest {inst.rest}")
        if inst.max_duties is not None and len(days) > inst.max_duties:
            out.append(f"{inst.people[p].id}: {len(days)} duties > max {inst.max_duties}")
    index = {p.id: i for i, p in enumerate(inst.people)}
    for d, s, pid in inst.pins:
        if index[pid] not in plan.get((d, s), []):
            out.append(f"pin day {d} slot {s} {pid} not honoured")
    return out


# ----------------------------------------------------------------------------------------------
# Instance generation


def _range_text(inst_start, a, b):
    da = (inst_start + datetime.timedelta(days=a)).isoformat()
    if a == b:
        return (da,)
    return (da, (inst_start + datetime.timedelta(days=b)).isoformat())


def generate(seed):
    """A small random instance. Sizes and tightness vary with the seed so that some instances are
    loose, some are tight against rest and max_duties, and a few have no roster at all."""
    rng = random.Random(seed)
    start = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
    n_days = rng.randint(10, 45)
    n_groups = rng.choice([1, 1, 2, 2, 2, 3])
    group_names = ["lead", "staff", "drv"][:n_groups]

    slots = []
    for g in group_names:
        n_slots = 2 if rng.random() < 0.2 else 1
        for k in range(n_slots):
            sid = g if n_slots == 1 else f"{g}{k + 1}"
            slots.append((sid, g, rng.choice([1, 1, 1, 2]) if n_groups < 3 else 1))
    per_day = {g: sum(c for _, sg, c in slots if sg == g) for g in group_names}

    rest = rng.choice([0, 0, 1, 1, 2, 3])
    # People per group: enough for the rest rule most of the time, short now and then.
    people_groups = []
    for g in group_names:
        need = per_day[g] * (rest + 1)
        size = max(need + rng.choice([-1, 0, 1, 1, 2, 2, 3]), per_day[g], 2)
        for _ in range(size):
            people_groups.append([g])
    while len(people_groups) < 5:
        people_groups.append([rng.choice(group_names)])
    while len(people_groups) > 14:
        people_groups.pop(rng.randrange(len(people_groups)))
    if n_groups > 1:
        for groups in people_groups:
            if rng.random() < 0.2:
                other = rng.choice([g for g in group_names if g not in groups])
                groups.append(other)
    rng.shuffle(people_groups)

    people = []
    for i, groups in enumerate(people_groups):
        weight = rng.choice([1.0, 1.0, 1.0, 0.5, 0.75, 1.25, 1.5, 2.0])
        unavailable, text = set(), []
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            a = rng.randrange(-3, n_days)
            b = a + rng.choice([0, 0, 1, 2, 4, 6])
            text.append(_range_text(start, a, b))
            unavailable.update(d for d in range(a, b + 1) if 0 <= d < n_days)
        people.append(Person(f"p{i + 1}", groups, weight, unavailable, text))

    holidays, holiday_text = set(), []
    if rng.random() < 0.75:
        a = rng.randrange(0, n_days)
        b = min(n_days - 1, a + rng.choice([0, 1, 2, 3, 6]))
        holidays.update(range(a, b + 1))
        holiday_text.append(_range_text(start, a, b))
        if rng.random() < 0.3:
            c = rng.randrange(0, n_days)
            holidays.add(c)
            holiday_text.append(_range_text(start, c, c))
    # Make-up working days must be weekend dates and never holidays, or duty rejects the spec.
    workdays = set()
    weekend_days = [d for d in range(n_days)
                    if (start + datetime.timedelta(days=d)).weekday() >= 5 and d not in holidays]
    if weekend_days and rng.random() < 0.5:
        workdays.update(rng.sample(weekend_days, min(len(weekend_days), rng.choice([1, 1, 2]))))

    max_duties = None
    if rng.random() < 0.4:
        total = sum(per_day.values()) * n_days
        max_duties = max(1, -(-total // len(people)) + rng.choice([-1, 0, 1, 1, 2, 3]))

    inst = Instance(seed, start, n_days, slots, people, holidays, holiday_text, workdays, rest,
                    max_duties, [], rng.randrange(1, 1000))

    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 3)):
            sid, g, _ = rng.choice(slots)
            members = inst.members(g)
            d = rng.randrange(n_days)
            free = [p for p in members if inst.available(p, d)]
            if not free:
                continue
            pin = (d, sid, people[rng.choice(free)].id)
            # duty refuses a repeated identical pin as "pinned twice"; that is a spec error, not
            # what this comparison is about.
            if pin not in inst.pins:
                inst.pins.append(pin)
    return inst


def _flow_list(items):
    return "[" + ", ".join(items) + "]"


def to_yaml(inst):
    lines = [f"# exact_roster.py instance, seed {inst.seed}",
             "timezone: Asia/Shanghai",
             'handover: "08:30"',
             f"period: {{from: {inst.date(0).isoformat()}, to: {inst.date(inst.n_days - 1).isoformat()}}}",
             "slots:"]
    for sid, g, c in inst.slots:
        lines.append(f"  - {{id: {sid}, name: {sid}, group: {g}, count: {c}}}")
    lines.append("people:")
    for p in inst.people:
        fields = [f"id: {p.id}", f"name: {p.id}", f"groups: {_flow_list(p.groups)}",
                  f'phone: "1380000{p.id[1:]:0>4}"', f"weight: {p.weight!r}"]
        if p.unavailable_text:
            fields.append("unavailable: " + _flow_list("..".join(t) for t in p.unavailable_text))
        lines.append("  - {" + ", ".join(fields) + "}")
    if inst.holiday_text:
        lines.append("holidays: " + _flow_list("..".join(t) for t in inst.holiday_text))
    if inst.workdays:
        lines.append("workdays: " + _flow_list(inst.date(d).isoformat() for d in sorted(inst.workdays)))
    rules = [f"min_rest_days: {inst.rest}"]
    if inst.max_duties is not None:
        rules.append(f"max_duties: {inst.max_duties}")
    lines.append("rules: {" + ", ".join(rules) + "}")
    if inst.pins:
        lines.append("fixed:")
        for d, sid, pid in inst.pins:
            lines.append(f"  - {{date: {inst.date(d).isoformat()}, slot: {sid}, person: {pid}}}")
    lines.append("strategy: balanced")
    lines.append(f"seed: {inst.solver_seed}")
    return "\n".join(lines) + "\n"


def plan_json(inst, plan):
    """The plan in duty's plan format (the fields `duty roster check` and `stats` read), so duty
    itself can confirm that CBC's roster obeys the rules and measure its fairness."""
    shifts = []
    for d in range(inst.n_days):
        assignments = {s: [inst.people[p].id for p in sorted(plan.get((d, s), []))] for s, _, _ in inst.slots}
        shifts.append({"date": inst.date(d).isoformat(), "day_type": inst.day_type(d),
                       "assignments": assignments})
    return json.dumps({"timezone": "Asia/Shanghai", "handover": "08:30",
                       "from": inst.date(0).isoformat(), "to": inst.date(inst.n_days - 1).isoformat(),
                       "shifts": shifts}, indent=1) + "\n"


def plan_text(inst, plan):
    """One line per date, for failure messages a person reads."""
    lines = []
    for d in range(inst.n_days):
        cells = [f"{s}: " + " ".join(inst.people[p].id for p in sorted(plan.get((d, s), []))) for s, _, _ in inst.slots]
        lines.append(f"{inst.date(d).isoformat()} {inst.day_type(d):7}  " + "; ".join(cells))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Exact model


@dataclasses.dataclass
class ExactResult:
    status: str  # "optimal" or "infeasible"
    deviation: tuple = ()  # (all, holiday, weekend), recomputed from CBC's roster
    plan: dict = dataclasses.field(default_factory=dict)
    seconds: float = 0.0


class CbcError(RuntimeError):
    pass


def _x(p, d, s_index):
    return f"x_{p}_{d}_{s_index}"


def _terms(coef_vars):
    """LP-format linear expression: a sign before every term but the first."""
    out = []
    for i, (c, v) in enumerate(coef_vars):
        sign = "-" if c < 0 else ("+" if i else "")
        mag = abs(c)
        out.append(f"{sign} {v}" if mag == 1 else f"{sign} {mag!r} {v}")
    return " ".join(out).strip()


def _wrap(expr, width=200):
    # The LP format limits lines (510 characters in CPLEX's definition), so long rows are broken at
    # term boundaries.
    parts, line, out = expr.split(" "), "", []
    for part in parts:
        if len(line) + len(part) + 1 > width and part in ("+", "-"):
            out.append(line)
            line = ""
        line = f"{line} {part}" if line else part
    out.append(line)
    return "\n   ".join(out)


def max_spaced(days, rest):
    """Most duties one person can take on the sorted days when two need `rest` days between."""
    count, last = 0, None
    for d in days:
        if last is None or d - last > rest:
            count, last = count + 1, d
    return count


def least_deviation(shares_, lo, hi, total):
    """Least max|c_i - s_i| over integers lo_i <= c_i <= hi_i summing to total; None if none exist.
    Only counts matter here, so it is a lower bound on any roster's group deviation."""
    import math
    eps = 1e-9

    def fits(dev):
        lows = [max(l, math.ceil(s - dev - eps)) for s, l in zip(shares_, lo)]
        highs = [min(h, math.floor(s + dev + eps)) for s, h in zip(shares_, hi)]
        return all(a <= b for a, b in zip(lows, highs)) and sum(lows) <= total <= sum(highs)

    candidates = sorted({0.0} | {abs(k - s) for s, l, h in zip(shares_, lo, hi) for k in range(l, h + 1)})
    for dev in candidates:
        if fits(dev):
            return dev
    return None


class Model:
    """The MILP: binary x[p,d,s] for eligible (person, day, slot), integer counts c[p,g,measure]
    tied to the x's, continuous D[g,measure] >= |c - share| for every member."""

    def __init__(self, inst):
        self.inst = inst
        self.slot_index = {s: i for i, (s, _, _) in enumerate(inst.slots)}
        self.vars = {}  # (p, d, s_index) -> name
        for si, (s, g, _) in enumerate(inst.slots):
            for p in inst.members(g):
                for d in range(inst.n_days):
                    if inst.available(p, d):
                        self.vars[(p, d, si)] = _x(p, d, si)
        self.groups = inst.groups()
        self.dvar = {(g, m): f"D_{gi}_{m}" for gi, g in enumerate(self.groups) for m in MEASURES}
        self.cvar = {}  # (p, g, m) -> name
        self.rows = []
        self.cuts = {}  # (g, m) -> lower bound on D from counts alone
        self._build()

    def _row(self, name, terms, op, rhs):
        if not terms:
            # A constant row: keep it as a bound on a pinned-to-zero variable so an impossible one
            # still reaches CBC and is proven infeasible there rather than decided here.
            terms = [(1, "zero")]
        self.rows.append(f" {name}: {_wrap(_terms(terms))} {op} {rhs!r}")

    def _build(self):
        inst = self.inst
        for d in range(inst.n_days):
            for si, (s, g, c) in enumerate(inst.slots):
                terms = [(1, v) for (p, dd, ss), v in self.vars.items() if dd == d and ss == si]
                self._row(f"cover_{d}_{si}", terms, "=", c)
        by_person = {}
        for (p, d, si), v in self.vars.items():
            by_person.setdefault(p, {}).setdefault(d, []).append(v)
        for p, days in by_person.items():
            for d, vs in days.items():
                if len(vs) > 1:
                    self._row(f"once_{p}_{d}", [(1, v) for v in vs], "<=", 1)
            if inst.rest > 0:
                w = inst.rest + 1
                for d0 in range(inst.n_days - w + 1):
                    vs = [v for d in range(d0, d0 + w) for v in days.get(d, [])]
                    if len(vs) > 1:
                        self._row(f"rest_{p}_{d0}", [(1, v) for v in vs], "<=", 1)
            if inst.max_duties is not None:
                vs = [v for d in days for v in days[d]]
                if len(vs) > inst.max_duties:
                    self._row(f"cap_{p}", [(1, v) for v in vs], "<=", inst.max_duties)
        index = {p.id: i for i, p in enumerate(inst.people)}
        pinned_people = set()
        for k, (d, s, pid) in enumerate(inst.pins):
            pinned_people.add(index[pid])
            v = self.vars.get((index[pid], d, self.slot_index[s]))
            # A pin on someone ineligible has no variable: the row 0 >= 1 makes CBC say infeasible.
            self._row(f"pin_{k}", [(1, v)] if v else [], ">=", 1)
        cap = inst.max_duties if inst.max_duties is not None else 10 ** 9
        all_shares = shares(inst)
        for gi, g in enumerate(self.groups):
            for m in MEASURES:
                places, row = all_shares[(g, m)]
                dv = self.dvar[(g, m)]
                lo, hi = [], []
                for p, share in row:
                    cv = f"c_{p}_{gi}_{m}"
                    self.cvar[(p, g, m)] = cv
                    count = [(1, v) for (pp, d, si), v in self.vars.items()
                             if pp == p and inst.slots[si][1] == g and counts_for(m, inst.day_type(d))]
                    # Integer counts give CBC something better to branch on than single duties.
                    self._row(f"cdef_{cv}", [(1, cv)] + [(-1, v) for _, v in count], "=", 0)
                    self._row(f"dpos_{cv}", [(1, dv), (-1, cv)], ">=", -share)
                    self._row(f"dneg_{cv}", [(1, dv), (1, cv)], ">=", share)
                    days = [d for d in range(inst.n_days)
                            if counts_for(m, inst.day_type(d)) and inst.available(p, d)]
                    lo.append(sum(1 for d, s, pid in inst.pins if index[pid] == p
                                  and inst.slots[self.slot_index[s]][1] == g
                                  and counts_for(m, inst.day_type(d))))
                    hi.append(max(lo[-1], min(len(days), cap, max_spaced(days, inst.rest))))
                # Counts alone bound each group's deviation from below; stating it spares CBC from
                # rediscovering it by branching. The bound is re-verified after every solve.
                bound = least_deviation([s for _, s in row], lo, hi, places)
                if bound is not None and bound > 0:
                    self.cuts[(g, m)] = bound
                    self._row(f"box_{dv}", [(1, dv)], ">=", bound - 1e-7)
        # Two people with the same groups, weight and leave and no pins can trade whole rosters, so
        # ordering their counts removes mirror images of every roster from the search.
        seen = {}
        for p, person in enumerate(inst.people):
            if p in pinned_people:
                continue
            groups = [g for g in self.groups if g in person.groups]
            if not groups:
                continue
            key = (tuple(groups), person.weight, frozenset(person.unavailable))
            if key in seen:
                q = seen[key]
                a, b = self.cvar[(q, groups[0], "all")], self.cvar[(p, groups[0], "all")]
                self._row(f"sym_{q}_{p}", [(1, a), (-1, b)], ">=", 0)
            seen[key] = p

    def lp(self, objective, caps):
        """LP text minimising the D's of one measure, with earlier measures capped at their optimum."""
        lines = ["\\ exact_roster.py", "Minimize",
                 " obj: " + _wrap(_terms([(1, self.dvar[(g, objective)]) for g in self.groups]))]
        lines.append("Subject To")
        lines.extend(self.rows)
        for m, cap in caps.items():
            lines.append(f" lex_{m}: " + _wrap(_terms([(1, self.dvar[(g, m)]) for g in self.groups]))
                         + f" <= {cap!r}")
        lines.append("Bounds")
        lines.append(" 0 <= zero <= 0")
        for cv in self.cvar.values():
            lines.append(f" 0 <= {cv} <= 100000")
        lines.append("Generals")
        names = list(self.cvar.values())
        for i in range(0, len(names), 8):
            lines.append(" " + " ".join(names[i:i + 8]))
        lines.append("Binaries")
        names = list(self.vars.values())
        for i in range(0, len(names), 8):
            lines.append(" " + " ".join(names[i:i + 8]))
        lines.append("End")
        return "\n".join(lines) + "\n"


# The first line of cbc's solution file, e.g. "Optimal - objective value 1.5", "Infeasible - ...",
# "Integer infeasible - ..." or "Stopped on time - ...". cbc exits 0 in every one of these cases.
_STATUS = re.compile(r"^(.*?) - objective value (\S+)")


def run_cbc(lp_text, workdir, name, time_limit=120):
    """(status, {variable: value}); status is 'optimal' or 'infeasible', anything else raises."""
    lp = os.path.join(workdir, name + ".lp")
    sol = os.path.join(workdir, name + ".sol")
    with open(lp, "w", encoding="ascii") as f:
        f.write(lp_text)
    if os.path.exists(sol):
        os.remove(sol)
    # ratio 0 / allow ~0: the default gaps could accept a near-optimal roster as optimal.
    proc = subprocess.run([CBC, lp, "ratio", "0", "allow", "1e-9", "sec", str(time_limit),
                           "solve", "solu", sol], capture_output=True, text=True, timeout=time_limit + 60)
    if not os.path.exists(sol):
        raise CbcError(f"cbc wrote no solution for {lp}:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")
    with open(sol, encoding="ascii") as f:
        first = f.readline()
        rest = f.read().splitlines()
    match = _STATUS.match(first.strip())
    if not match:
        raise CbcError(f"unexpected cbc solution header {first!r} for {lp}")
    status = match.group(1)
    if status in ("Infeasible", "Integer infeasible"):
        return "infeasible", {}
    if status != "Optimal":
        raise CbcError(f"cbc did not prove optimality ({first.strip()}) for {lp}:\n{proc.stdout[-3000:]}")
    values = {}
    for line in rest:
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit():
            values[parts[1]] = float(parts[2])
        elif len(parts) >= 4 and parts[0] == "**":
            values[parts[2]] = float(parts[3])
    return "optimal", values


def _plan_from(model, values):
    plan = {}
    for (p, d, si), v in model.vars.items():
        if values.get(v, 0.0) > 0.5:
            plan.setdefault((d, model.inst.slots[si][0]), []).append(p)
    return plan


def solve_exact(inst, workdir=None, time_limit=120):
    """Lexicographic optimum by three CBC runs. Each stage's optimum is recomputed from the roster
    CBC returned (not read from its 8-digit printout) and re-checked against the hard rules."""
    t0 = time.monotonic()
    own = workdir is None
    if own:
        tmp = tempfile.TemporaryDirectory(prefix="exact-roster-")
        workdir = tmp.name
    try:
        model = Model(inst)
        caps = {}
        best = None
        for k, m in enumerate(MEASURES):
            status, values = run_cbc(model.lp(m, caps), workdir, f"stage{k}_{m}", time_limit)
            if status == "infeasible":
                if k == 0:
                    return ExactResult("infeasible", seconds=time.monotonic() - t0)
                raise CbcError(f"stage {m} infeasible after a feasible stage 1: model error")
            plan = _plan_from(model, values)
            broken = violations(inst, plan)
            if broken:
                raise CbcError(f"CBC roster at stage {m} breaks rules: {broken[:5]}")
            dev = deviations(inst, plan)
            # D may sit above the roster's real deviation only if a box bound was wrong.
            for (g, mm), real in group_deviations(inst, plan).items():
                if mm == m and values.get(model.dvar[(g, m)], 0.0) > real + 1e-5:
                    raise CbcError(f"box bound {model.cuts.get((g, m))} above the optimum {real} "
                                   f"for group {g} {m}: model error")
            for j in range(k):
                if dev[j] > best[j] + 1e-6:
                    raise CbcError(f"stage {m} lost the {MEASURES[j]} optimum: {dev} vs {best}")
            best = dev
            # The slack keeps later stages feasible despite CBC's own 1e-7 tolerances. A later stage
            # could trade up to 1e-6 of this measure for a gain in the next; that is far below the
            # tolerance the comparison with duty uses.
            caps[m] = dev[k] + 1e-6
        return ExactResult("optimal", best, plan, time.monotonic() - t0)
    finally:
        if own:
            tmp.cleanup()


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("--spec", help="write the spec here instead of printing it")
    args = parser.parse_args(argv)
    inst = generate(args.seed)
    text = to_yaml(inst)
    if args.spec:
        with open(args.spec, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    res = solve_exact(inst)
    if res.status == "infeasible":
        print("# CBC: infeasible")
    else:
        print("# CBC optimum: " + ", ".join(f"{m} {v!r}" for m, v in zip(MEASURES, res.deviation))
              + f"  ({res.seconds:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
