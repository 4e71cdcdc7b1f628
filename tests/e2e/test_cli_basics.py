# SPDX-License-Identifier: Apache-2.0
"""The command line itself: help, version, and how usage mistakes are reported (exit 2)."""
import re
import unittest

from harness import EXAMPLES, SOURCE, DutyTest

EXAMPLE = EXAMPLES / "zeku" / "roster.yaml"


def project_version():
    text = (SOURCE / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(duty VERSION (\d+\.\d+\.\d+)", text).group(1)


class HelpAndVersionTest(DutyTest):
    def test_help_lists_the_roster_command_and_exit_codes(self):
        r = self.duty("--help")
        self.assertExit(r, 0)
        self.assertIn("Usage: duty", r.out)
        self.assertRegex(r.out, r"\n\s+roster\s+Build, check and measure duty rosters")
        # The exit codes are part of the contract, so --help must state them.
        self.assertIn("0 success; 1 problems found; 2 bad usage or input; 3 request cannot be satisfied", r.out)
        self.assertEqual(r.err, "")

    def test_version_prints_the_project_version(self):
        r = self.duty("--version")
        self.assertExit(r, 0)
        self.assertEqual(r.out, f"duty {project_version()}\n")
        self.assertEqual(r.err, "")

    def test_roster_build_help_names_its_options(self):
        r = self.duty("roster", "build", "--help")
        self.assertExit(r, 0)
        self.assertIn("Usage: duty roster build [OPTIONS] [SPEC]", r.out)
        for option in ("--from", "--to", "--format", "-o,--output", "--person", "--bom"):
            self.assertRegex(r.out, rf"\n\s+{re.escape(option)}\b", option)
        self.assertIn("table, json, yaml, ics (calendar), html (printable wall roster), csv or md", r.out)

    def test_roster_check_and_stats_have_help(self):
        check = self.duty("roster", "check", "--help")
        self.assertExit(check, 0)
        self.assertIn("Usage: duty roster check [OPTIONS] [SPEC] [PLAN]", check.out)
        stats = self.duty("roster", "stats", "--help")
        self.assertExit(stats, 0)
        self.assertIn("Usage: duty roster stats [OPTIONS] [SPEC] [PLAN]", stats.out)
        self.assertIn("--format", stats.out)

    def test_help_writes_nothing_to_the_folder(self):
        self.duty("--help")
        self.duty("roster", "build", "--help")
        self.assertEqual(self.files(), [])


class UsageErrorTest(DutyTest):
    def assertUsageError(self, result):
        self.assertExit(result, 2)
        self.assertEqual(result.out, "", "usage errors print no data")
        self.assertNotEqual(result.err.strip(), "")

    def test_no_command_exits_2(self):
        r = self.duty()
        self.assertUsageError(r)
        self.assertIn("duty: error: missing command for duty; expected one of: init, roster, incident, bulletin, daily, handover, note, todo, call, warning, hazard, log, key, db, backup, watch, who", r.err)

    def test_unknown_option_exits_2_and_names_it(self):
        r = self.duty("roster", "build", str(EXAMPLE), "--bogus")
        self.assertUsageError(r)
        self.assertIn("--bogus", r.err)
        self.assertEqual(self.files(), [])

    def test_misspelt_option_exits_2_and_names_it(self):
        r = self.duty("roster", "build", str(EXAMPLE), "--frm", "2027-01-01")
        self.assertUsageError(r)
        self.assertIn("--frm", r.err)

    def test_unknown_subcommand_exits_2_and_names_it(self):
        # "A subcommand is required" would send the user looking for a missing word, not a typo.
        r = self.duty("roster", "biuld", str(EXAMPLE))
        self.assertUsageError(r)
        self.assertIn("biuld", r.err)

    def test_unknown_top_level_command_exits_2_and_names_it(self):
        r = self.duty("rostr", "build", str(EXAMPLE))
        self.assertUsageError(r)
        self.assertIn("rostr", r.err)

    def test_missing_spec_exits_2(self):
        r = self.duty("roster", "build")
        self.assertUsageError(r)
        self.assertIn("SPEC is required", r.err)

    def test_missing_plan_for_check_exits_2(self):
        r = self.duty("roster", "check", str(EXAMPLE))
        self.assertUsageError(r)
        self.assertIn("PLAN is required", r.err)

    def test_unknown_format_exits_2_and_lists_the_choices(self):
        r = self.duty("roster", "build", str(EXAMPLE), "--format", "xml", "-o", "out.json")
        self.assertUsageError(r)
        self.assertEqual(r.err, "duty: error: --format: unknown format 'xml'; expected one of: table, json, yaml, ics, html, csv, md\n")
        self.assertEqual(self.files(), [])

    def test_stats_refuses_yaml_format(self):
        r = self.duty("roster", "stats", str(EXAMPLE), "--format", "yaml")
        self.assertUsageError(r)
        self.assertIn("--format: unknown format 'yaml'; expected one of: table, json", r.err)

    def test_usage_errors_start_with_duty_error(self):
        # docs/exit-codes.md: every diagnostic on stderr starts with "duty: error:".
        cases = [(), ("roster", "build"), ("roster", "build", str(EXAMPLE), "--bogus"),
                 ("roster", "biuld", str(EXAMPLE))]
        for args in cases:
            with self.subTest(args=args):
                r = self.duty(*args)
                self.assertExit(r, 2)
                self.assertTrue(r.err.startswith("duty: error: "), r.err)


if __name__ == "__main__":
    unittest.main()
