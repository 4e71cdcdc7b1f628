# SPDX-License-Identifier: Apache-2.0
"""The balanced strategy against an exact optimum.

For each seed, tests/tools/exact_roster.py generates a small roster spec and CBC solves the same
problem as a MILP, lexicographically: least summed all-days deviation, then holiday, then weekend.
duty must build a roster exactly when CBC finds one, the roster must pass `duty roster check`, and
`duty roster stats` must report CBC's three optimal deviations. CBC's own roster is first run
through `duty roster check` and `duty roster stats`, so a reported gap is always a roster that duty
itself accepts and measures as fairer, never an artefact of the exact model.

Reproduce one instance by hand: python3 tests/tools/exact_roster.py SEED
"""
import json
import os
import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))

from harness import DutyTest  # noqa: E402
import exact_roster  # noqa: E402

# Seeds 1..120, plus two from a wider scan that fail on very small specs (197: 5 people, 10 days).
# Left out are the seeds where CBC needs more than about ten seconds to prove the optimum on two
# cores (5, 9, 65, 67 and 72 not even within a minute), so the whole file stays near a minute.
SLOW_FOR_CBC = (5, 9, 16, 53, 65, 67, 72)
SEEDS = [s for s in range(1, 121) if s not in SLOW_FOR_CBC] + [176, 197]
# DUTY_OPTIMALITY_SEEDS=N keeps the first N seeds and the two small failures: the sanitizer run in
# .ci/run uses it, since most of this file's time is CBC's, which sanitizers do not make safer.
if os.environ.get("DUTY_OPTIMALITY_SEEDS"):
    SEEDS = SEEDS[:int(os.environ["DUTY_OPTIMALITY_SEEDS"])] + [176, 197]
TOLERANCE = 1e-5
CBC_SECONDS = 60

MEASURES = exact_roster.MEASURES


def fmt(values):
    return "(" + ", ".join(f"{m} {v:.6f}" for m, v in zip(MEASURES, values)) + ")"


@unittest.skipUnless(os.access(exact_roster.CBC, os.X_OK),
                     f"{exact_roster.CBC} not found: install the Debian package coinor-cbc to compare "
                     "the balanced roster with the exact optimum")
class RosterOptimalityTest(DutyTest):

    def test_exact_model_on_a_known_optimum(self):
        # Three equal people and six days: two duties each is perfectly fair, and pinning the
        # first two days to one person with rest 0 still leaves a fair roster. With min_rest_days 1
        # the two pins break the rest rule, which the model must report as infeasible.
        people = [exact_roster.Person(f"p{i}", ["g"], 1.0, set(), []) for i in (1, 2, 3)]
        base = dict(seed=0, start=exact_roster.datetime.date(2027, 3, 2), n_days=6,
                    slots=[("s", "g", 1)], people=people, holidays=set(), holiday_text=[],
                    workdays=set(), max_duties=None, pins=[(0, "s", "p1"), (1, "s", "p1")],
                    solver_seed=1)
        loose = exact_roster.solve_exact(exact_roster.Instance(rest=0, **base), str(self.tmp))
        self.assertEqual(loose.status, "optimal")
        # 2027-03-06/07 are the weekend: p1 already has two duties, so p2 and p3 share it.
        self.assertAlmostEqual(loose.deviation[0], 0.0)
        self.assertAlmostEqual(loose.deviation[2], 2 / 3)
        tight = exact_roster.solve_exact(exact_roster.Instance(rest=1, **base), str(self.tmp))
        self.assertEqual(tight.status, "infeasible")

    def check_seed(self, seed):
        inst = exact_roster.generate(seed)
        text = exact_roster.to_yaml(inst)
        spec = self.write("roster.yaml", text)
        about = (f"seed {seed} (reproduce: python3 tests/tools/exact_roster.py {seed})\n"
                 f"--- spec\n{text}")
        work = self.tmp / "cbc"
        work.mkdir()
        try:
            exact = exact_roster.solve_exact(inst, str(work), time_limit=CBC_SECONDS)
        except exact_roster.CbcError as e:
            self.fail(f"the exact model failed, so nothing was compared: {e}\n{about}")

        build = self.duty("roster", "build", spec, "--format", "json")
        if exact.status == "infeasible":
            self.assertEqual(build.code, 3, f"CBC proves that no roster obeys the rules, but duty roster build "
                                            f"exited {build.code}\n{about}\n{build!r}")
            return

        # duty's own checker and measure on CBC's roster: the reference must be a roster duty accepts.
        cbc_plan = self.write("cbc-plan.json", exact_roster.plan_json(inst, exact.plan))
        cbc_check = self.duty("roster", "check", spec, cbc_plan)
        self.assertEqual(cbc_check.code, 0, f"exact model error: duty rejects CBC's roster\n{about}\n{cbc_check!r}")
        cbc_stats = self.duty("roster", "stats", spec, cbc_plan, "--format", "json")
        self.assertEqual(cbc_stats.code, 0, f"{about}\n{cbc_stats!r}")
        measured = tuple(cbc_stats.json()["deviation"][m] for m in MEASURES)
        for m, a, b in zip(MEASURES, measured, exact.deviation):
            self.assertAlmostEqual(a, b, delta=TOLERANCE, msg=f"exact model error: duty measures CBC's roster at "
                                   f"{fmt(measured)}, the model at {fmt(exact.deviation)}\n{about}")

        roster = exact_roster.plan_text(inst, exact.plan)
        self.assertEqual(build.code, 0,
                         f"a roster exists, but duty roster build exited {build.code}\n{about}\n{build!r}\n"
                         f"--- a roster CBC found, which duty roster check accepts; deviations "
                         f"{fmt(exact.deviation)}\n{roster}")
        plan = self.write("plan.json", build.out)
        check = self.duty("roster", "check", spec, plan)
        self.assertEqual(check.code, 0, f"duty's own roster breaks the rules\n{about}\n{check!r}")

        stats = self.duty("roster", "stats", spec, "--format", "json")
        self.assertEqual(stats.code, 0, f"{about}\n{stats!r}")
        data = stats.json()
        got = tuple(data["deviation"][m] for m in MEASURES)
        bound = tuple(data["optimum"][m] for m in MEASURES)
        # Each reported optimum is a lower bound for every roster, CBC's included.
        for m, b, e in zip(MEASURES, bound, exact.deviation):
            self.assertLessEqual(b, e + TOLERANCE, f"duty's lower bound for {m} ({b!r}) exceeds the deviation of a "
                                 f"roster CBC found ({e!r})\n{about}")
        differs = [m for m, a, e in zip(MEASURES, got, exact.deviation) if abs(a - e) > TOLERANCE]
        if differs:
            self.fail(f"duty's roster is not the lexicographic optimum: first differing measure '{differs[0]}'\n"
                      f"  duty roster stats: {fmt(got)}  optimal={json.dumps(data['optimal'])}\n"
                      f"  CBC optimum:       {fmt(exact.deviation)}\n"
                      f"  duty's bounds:     {fmt(bound)}\n{about}\n"
                      f"--- CBC's roster (duty roster check accepts it)\n{roster}")


def _add_seed(seed):
    def test(self):
        self.check_seed(seed)
    test.__name__ = f"test_seed_{seed:03d}"
    test.__doc__ = None
    setattr(RosterOptimalityTest, test.__name__, test)


for _seed in SEEDS:
    _add_seed(_seed)


if __name__ == "__main__":
    unittest.main()
