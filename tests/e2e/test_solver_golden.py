# SPDX-License-Identifier: Apache-2.0
"""`duty roster build` gives, byte for byte, the plans and refusals recorded in tests/data/solver_golden.

The specs there are the roster specs of examples/, tests/data, the fuzz corpus and every spec the
e2e modules build (written down while they ran), plus specs of our own for strategies, seeds and
refusals nothing else covers. The recorded outputs were made by the solver before it was split
into its files, so a change to the solver that moves any place or any word of a refusal shows
here. NAME.json is the plan of NAME.yaml (`--format json`, exit 0); NAME.err is "exit N" and the
error output of a spec no roster obeys.

Regenerate (only when a change is meant to alter plans, and say so in the commit):
    DUTY_BIN=build/cli/duty python3 tests/e2e/test_solver_golden.py --write
"""
import pathlib
import shutil
import sys
import unittest

from harness import DATA, DutyTest

GOLDEN = DATA / "solver_golden"
SPECS = sorted(GOLDEN.glob("*.yaml"))


class SolverGoldenTest(DutyTest):
    def build(self, spec):
        # Built from the spec's own folder under its bare name, so refusals name it the same way
        # wherever the source tree is.
        shutil.copy(spec, self.tmp / spec.name)
        return self.duty("roster", "build", spec.name, "--format", "json", timeout=300)

    def test_the_plans_and_refusals_are_unchanged(self):
        self.assertGreaterEqual(len(SPECS), 40, "the golden specs are missing")
        for spec in SPECS:
            with self.subTest(spec=spec.name):
                got = self.build(spec)
                plan, refusal = spec.with_suffix(".json"), spec.with_suffix(".err")
                if plan.exists():
                    self.assertEqual((got.code, got.err), (0, ""), repr(got))
                    self.assertEqual(got.out, plan.read_text(encoding="utf-8"),
                                     f"the plan of {spec.name} changed")
                else:
                    self.assertTrue(refusal.exists(), f"{spec.name} has no recorded output")
                    self.assertEqual(got.out, "", repr(got))
                    self.assertEqual(f"exit {got.code}\n{got.err}", refusal.read_text(encoding="utf-8"),
                                     f"the refusal of {spec.name} changed")


def write_goldens():
    """Records the current binary's output for every spec (see the module's docstring)."""
    case = SolverGoldenTest("test_the_plans_and_refusals_are_unchanged")
    for spec in SPECS:
        case.setUp()
        got = case.build(spec)
        case.doCleanups()
        for old in (spec.with_suffix(".json"), spec.with_suffix(".err")):
            old.unlink(missing_ok=True)
        if got.code == 0:
            spec.with_suffix(".json").write_text(got.out, encoding="utf-8")
        elif got.code == 3:
            spec.with_suffix(".err").write_text(f"exit {got.code}\n{got.err}", encoding="utf-8")
        else:
            sys.exit(f"{spec.name}: exit {got.code}, not a plan or a refusal of the solver:\n{got.err}")
        print(f"{spec.name}: exit {got.code}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_goldens()
    else:
        unittest.main()
