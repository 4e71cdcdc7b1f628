# SPDX-License-Identifier: Apache-2.0
"""Values that try to bend the log (issue 13, section 4): text that prints differently from what is
stored (bidirectional controls, line separators in one-line fields), titles and fields beyond their
limits, dates outside the years 1900 to 2199, numbers too large for any integer, time zones that are
not places, casualty figures whose sums would overflow, CSV files with a column twice, and the CSV
export taken for a copy of the log. Each is refused with exit 2 and a message naming the option or
file:line:column (never the text of a C++ exception), or handled exactly. `incident list --format
json` carries every field of `incident show`."""
import csv
import io
import json

from harness import DutyTest, count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, SCHEMA_VERSION, IncidentTest

ADD = ("--category", "flood", "--received", "2026-11-20 10:00")

# Trojan Source: U+202E makes "人0 亡死" print as "死亡 0人"; isolates and embeddings do the same.
BIDI = {"RLO": "\u202e", "LRE": "\u202a", "RLE": "\u202b", "PDF": "\u202c", "LRO": "\u202d",
        "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069"}
SEPARATORS = {"LS": "\u2028", "PS": "\u2029"}

HUGE = "99999999999999999999"  # more than 64 bits hold
# What a C++ exception or a library's parse error says; none of it may reach the user.
EXCEPTION_TEXT = ("stoll", "stoi", "stoul", "stod", "out_of_range", "invalid_argument", "what()", "terminate")

SPEC_HEAD = ("timezone: Asia/Shanghai\nperiod: {from: 2027-02-01, to: 2027-02-03}\n"
             "slots:\n  - {id: officer, group: staff, count: 1}\npeople:\n")
SPEC_PEOPLE = "  - {id: ann, name: Ann, groups: [staff]}\n  - {id: bob, name: Bob, groups: [staff]}\n"


def code(c):
    return f"U+{ord(c):04X}"


class ValueTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()

    def refused(self, r, first_line=None, contains=()):
        """Exit 2, nothing on stdout, no exception text; the first line of stderr as given."""
        count_bad_input()
        self.assertExit(r, 2)
        self.assertEqual(r.out, "")
        for text in EXCEPTION_TEXT:
            self.assertNotIn(text, r.err)
        line = r.err.splitlines()[0] if r.err else ""
        if first_line is not None:
            self.assertEqual(line, f"duty: error: {first_line}")
        for text in contains:
            self.assertIn(text, r.err)
        return line


class TextTest(ValueTest):
    def setUp(self):
        super().setUp()
        self.add(*ADD, "--title", "existing")
        self.before = self.snapshot()

    def test_bidi_controls_are_refused_in_every_field_naming_it_and_the_character(self):
        for option in ("--title", "--location", "--source", "--by", "--note", "--actions", "--leaders-on-scene"):
            for name, c in BIDI.items():
                with self.subTest(option=option, control=name):
                    text = f"死亡 {c}人0"
                    args = (*ADD, option, text) if option == "--title" else (*ADD, "--title", "t", option, text)
                    self.refused(self.d("incident", "add", *args),
                                 f"{option}: contains the bidirectional control character {code(c)}, which makes "
                                 "printed text read differently from what is stored; remove it")
        for args in (("update", "2026-0001", "--note", "ok", "--title", "a\u202eb"),
                     ("escalate", "2026-0001", "--to", "prefecture", "--via", "phone", "--note", "told \u2067x"),
                     ("close", "2026-0001", "--note", "done \u202dx")):
            with self.subTest(args=args[0]):
                line = self.refused(self.d("incident", *args), contains=("bidirectional control character",))
                self.assertRegex(line, r"^duty: error: --(title|note): contains the bidirectional control "
                                       r"character U\+20(2E|67|2D),")
        self.refused(self.d("--by-user", "clerk\u202e", "incident", "add", *ADD, "--title", "t"),
                     "--by-user: contains the bidirectional control character U+202E, which makes printed text "
                     "read differently from what is stored; remove it (the name of the person entering this)")
        self.assertEqual(self.snapshot(), self.before)

    def test_line_breaks_in_one_line_fields_are_refused_and_kept_in_free_text(self):
        for option in ("--title", "--location", "--source", "--by"):
            for name, text, shown in (("LF", "a\nb", "U+000A"), ("CR", "a\rb", "U+000D"),
                                      ("LS", "a\u2028b", "U+2028"), ("PS", "a\u2029b", "U+2029")):
                with self.subTest(option=option, separator=name):
                    args = (*ADD, option, text) if option == "--title" else (*ADD, "--title", "t", option, text)
                    self.refused(self.d("incident", "add", *args),
                                 f"{option}: contains a line break ({shown}); give one line of text")
            with self.subTest(option=option, separator="tab"):
                args = (*ADD, option, "a\tb") if option == "--title" else (*ADD, "--title", "t", option, "a\tb")
                self.refused(self.d("incident", "add", *args), f"{option}: contains a tab (U+0009); give one line "
                                                               "of text")
        self.assertEqual(self.snapshot(), self.before)
        note = "first\nsecond\u2028third\u2029\tfourth"
        incident = self.add(*ADD, "--title", "t", "--note", note, "--actions", note)
        shown = self.show(incident)
        self.assertEqual((shown["description"], shown["actions"]), (note, note))

    def test_echoed_bidi_controls_are_shown_escaped(self):
        r = self.d("incident", "show", "2026-\u202e1000")
        self.refused(r, "no incident '2026-\\u{202e}1000'; 'duty incident list' shows them")
        r = self.d("incident", "escalate", "2026-0001", "--to", "pre\u2066fecture", "--via", "phone")
        line = self.refused(r)
        self.assertIn("'pre\\u{2066}fecture'", line)
        self.assertNotIn("\u2066", r.err)

    def test_bidi_controls_in_imports_are_refused_at_their_place(self):
        self.write("b.csv", "title,category,received,note\nok,flood,2026-11-20 10:00,fine\n"
                            "fine,flood,2026-11-20 10:00,\"x\u202ey\"\n")
        self.refused(self.d("incident", "import", "b.csv"),
                     "b.csv:3:29: note: contains the bidirectional control character U+202E, which makes printed "
                     "text read differently from what is stored; remove it")
        self.write("b.yaml", "- {title: ok, category: flood, received: 2026-11-20 10:00}\n"
                             "- {title: \"a\u2067b\", category: flood, received: 2026-11-20 10:00}\n")
        r = self.d("incident", "import", "b.yaml")
        self.refused(r, "b.yaml:2:11: title contains the bidirectional control character U+2067, which makes printed "
                        "text read differently from what is stored; remove it")
        self.assertNotIn("is required", r.err)  # the refused title is not reported missing as well
        self.write("s.yaml", "- {title: \"a\u2028b\", category: flood, received: 2026-11-20 10:00}\n")
        self.refused(self.d("incident", "import", "s.yaml"),
                     "s.yaml:1:11: title contains a line break (U+2028); give one line of text")
        self.assertEqual(self.snapshot(), self.before)

    def test_bidi_controls_in_office_yaml_and_roster_specs_are_refused(self):
        office = OFFICE_YAML.replace("Test County Duty Office", "\"Test \u202eCounty\"")
        (self.ws / "office.yaml").write_text(office, encoding="utf-8")
        self.refused(self.d("incident", "list", "--format", "json"),
                     f"{self.ws / 'office.yaml'}:2:9: office.name contains the bidirectional control character U+202E, which "
                     "makes printed text read differently from what is stored; remove it")
        (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("Prefecture EMB", "\"Pre\u2029fecture\""),
                                             encoding="utf-8")
        self.refused(self.d("incident", "list", "--format", "json"), contains=(f"{self.ws / 'office.yaml'}:7:",
                                                                               "line break (U+2029)"))
        self.write("spec.yaml", SPEC_HEAD + "  - {id: ann, name: \"A\u2068nn\", groups: [staff]}\n")
        self.refused(self.duty("roster", "build", "spec.yaml", "--format", "json"),
                     contains=("spec.yaml:6:", "bidirectional control character U+2068"))

    def test_a_title_holds_500_characters_and_a_field_64_kib(self):
        title = "泽" * 500  # 1,500 bytes: characters count, not bytes
        incident = self.add(*ADD, "--title", title)
        self.assertEqual(self.show(incident)["title"], title)
        self.refused(self.d("incident", "add", *ADD, "--title", title + "库"),
                     "--title: is too long (501 characters; the limit is 500); keep the title short and put the "
                     "account in --note")
        note = "泽" * 21845 + "x"  # 65,536 bytes
        incident = self.add(*ADD, "--title", "long", "--note", note)
        self.assertEqual(self.show(incident)["description"], note)
        self.refused(self.d("incident", "add", *ADD, "--title", "t", "--note", note + "y"),
                     "--note: is too long (65537 bytes; the limit is 65536, 64 KiB)")
        self.write("t.csv", "title,category,received\n" + "a" * 501 + ",flood,2026-11-20 10:00\n")
        self.refused(self.d("incident", "import", "t.csv"), contains=("t.csv:2:1: title: is too long (501 "
                                                                      "characters; the limit is 500)",))


class TimeRangeTest(ValueTest):
    def setUp(self):
        super().setUp()
        self.add(*ADD, "--title", "existing")

    def test_times_outside_1900_to_2199_are_refused_naming_the_option(self):
        for value in ("2200-01-01 00:00", "1899-12-31 23:59", "0001-01-01", "9999-12-31T23:59:59Z",
                      "2199-12-31T23:00:00-05:00"):
            for args in (("incident", "add", "--title", "t", "--category", "flood", "--received"),
                         ("incident", "add", *ADD, "--title", "t", "--occurred"),
                         ("incident", "update", "2026-0001", "--note", "n", "--at"),
                         ("incident", "escalate", "2026-0001", "--to", "prefecture", "--via", "phone", "--at"),
                         ("incident", "close", "2026-0001", "--note", "n", "--at"),
                         ("incident", "list", "--from"), ("incident", "overdue", "--at"), ("who", "--at"),
                         ("handover", "--at"), ("todo", "add", "x", "--due")):
                with self.subTest(value=value, command=args[:2]):
                    option = args[-1]
                    self.refused(self.d(*args, value),
                                 f"{option}: '{value}' is outside the years 1900 to 2199 that duty accepts; check "
                                 "the year")
        for args, option in ((("daily", "--date"), "--date"), (("roster", "show", "--from"), "--from")):
            with self.subTest(command=args):
                self.refused(self.d(*args, "2200-01-01"),
                             f"{option}: '2200-01-01' is outside the years 1900 to 2199 that duty accepts; check "
                             "the year")
        # The edges themselves are years like any other.
        r = self.d("incident", "list", "--from", "1900-01-01 00:00", "--to", "2199-12-31 23:59", "--format", "json")
        self.assertExit(r, 0)
        self.assertEqual(len(r.json()), 1)

    def test_relative_times_beyond_a_year_are_not_times(self):
        for value in ("+100000d", "-99999999999999999999m", "+366d1m"):
            with self.subTest(value=value):
                line = self.refused(self.d("incident", "list", "--from", value))
                self.assertTrue(line.startswith(f"duty: error: --from: '{value}' is not a time; accepted:"), line)

    def test_imports_and_specs_name_the_place_of_a_year_out_of_range(self):
        self.write("y.yaml", "- {title: a, category: flood, received: 2026-11-20 10:00}\n"
                             "- {title: b, category: flood, received: \"2500-11-20 10:00\"}\n")
        self.refused(self.d("incident", "import", "y.yaml"),
                     "y.yaml:2:41: received: '2500-11-20 10:00' is outside the years 1900 to 2199 that duty "
                     "accepts; check the year")
        self.write("y.csv", "title,category,received,occurred\na,flood,2026-11-20 10:00,1066-10-14 09:00\n")
        self.refused(self.d("incident", "import", "y.csv"),
                     "y.csv:2:26: occurred: '1066-10-14 09:00' is outside the years 1900 to 2199 that duty "
                     "accepts; check the year")
        self.write("spec.yaml", SPEC_HEAD.replace("to: 2027-02-03", "to: 2300-02-03") + SPEC_PEOPLE)
        self.refused(self.duty("roster", "build", "spec.yaml", "--format", "json"),
                     contains=("spec.yaml:2:", "'2300-02-03' is outside the years 1900 to 2199"))


class NumberTest(ValueTest):
    def setUp(self):
        super().setUp()
        self.add(*ADD, "--title", "existing")

    def test_huge_numbers_in_every_numeric_option_are_refused_naming_it(self):
        for option in ("--deaths", "--injured", "--seriously-injured", "--missing", "--trapped"):
            for value, problem in ((HUGE, f"'{HUGE}' is too large; the most accepted is 1000000"),
                                   ("-" + HUGE, f"cannot be negative (got '-{HUGE}')"),
                                   ("1000001", "'1000001' is too large; the most accepted is 1000000"),
                                   ("1e9", "'1e9' is not a whole number"),
                                   ("0x10", "'0x10' is not a whole number")):
                with self.subTest(option=option, value=value):
                    self.refused(self.d("incident", "add", *ADD, "--title", "t", option, value),
                                 f"{option}: {problem}")
                    self.refused(self.d("incident", "update", "2026-0001", "--note", "n", option, value),
                                 f"{option}: {problem}")
        for value, problem in ((HUGE, f"'{HUGE}' is too large; the most accepted is 100000000"),
                               ("1e400", "'1e400' is too large; the most accepted is 100000000"),
                               ("100000000.5", "'100000000.5' is too large; the most accepted is 100000000"),
                               ("nan", "'nan' is not a number of 万元 (10,000 yuan)"),
                               ("inf", "'inf' is not a number of 万元 (10,000 yuan)"),
                               ("-1", "cannot be negative (got -1)")):
            with self.subTest(option="--loss", value=value):
                self.refused(self.d("incident", "add", *ADD, "--title", "t", "--loss", value), f"--loss: {problem}")
                self.refused(self.d("incident", "close", "2026-0001", "--note", "n", "--loss", value),
                             f"--loss: {problem}")
        line = self.refused(self.d("bulletin", "2026-0001", "--kind", "followup", "--number", HUGE))
        self.assertTrue(line.startswith(f"duty: error: --number: '{HUGE}' is not a follow-up number"), line)
        line = self.refused(self.d("roster", "next", "ann", "--count", HUGE))
        self.assertIn("--count", line)
        line = self.refused(self.d("incident", "list", env={"DUTY_BUSY_TIMEOUT_MS": HUGE}))
        self.assertTrue(line.startswith(f"duty: error: DUTY_BUSY_TIMEOUT_MS: '{HUGE}' is not a whole number"), line)

    def test_the_largest_figures_are_kept_exactly(self):
        incident = self.add(*ADD, "--title", "max", "--deaths", "1000000", "--injured", "1000000",
                            "--seriously-injured", "1000000", "--missing", "1000000", "--trapped", "1000000",
                            "--loss", "100000000")
        shown = self.show(incident)
        self.assertEqual([shown[k] for k in ("deaths", "injured", "seriously_injured", "missing", "trapped")],
                         [1000000] * 5)
        self.assertEqual(shown["loss"], 100000000)
        self.assertEqual(shown["graded_severity"], "I")

    def test_huge_numbers_in_office_yaml_and_specs_are_refused_at_their_place(self):
        for rule, where in (("{match: {deaths_at_least: %s}, to: [prefecture], via: phone, within: 1h}" % HUGE,
                             "deaths_at_least must be between 0 and 1000000, got " + HUGE),
                            ("{match: {loss_at_least: 1e9}, to: [prefecture], via: phone, within: 1h}",
                             "loss_at_least must be between 0 and 100000000 (万元), got 1e9"),
                            ("{match: {loss_at_least: 1e999}, to: [prefecture], via: phone, within: 1h}",
                             "expected a number for loss_at_least, got '1e999'"),
                            ("{match: {}, to: [prefecture], via: phone, within: %sm}" % HUGE,
                             f"'{HUGE}m' is not a valid duration for within")):
            with self.subTest(rule=rule[:40]):
                (self.ws / "office.yaml").write_text(OFFICE_YAML + f"  - {rule}\n", encoding="utf-8")
                line = self.refused(self.d("incident", "list", "--format", "json"))
                self.assertTrue(line.startswith(f"duty: error: {self.ws / 'office.yaml'}:11:"), line)
                self.assertIn(where, line)
        for spec, where in ((SPEC_HEAD.replace("count: 1", f"count: {HUGE}") + SPEC_PEOPLE, "slot count must be "
                             f"between 1 and"),
                            (SPEC_HEAD + SPEC_PEOPLE + f"rules: {{min_rest_days: {HUGE}}}\n",
                             f"min_rest_days must be between 0 and 365, got {HUGE}"),
                            (SPEC_HEAD + SPEC_PEOPLE + f"seed: {HUGE}\n", "seed must be between 0 and")):
            with self.subTest(spec=where):
                self.write("spec.yaml", spec)
                line = self.refused(self.duty("roster", "build", "spec.yaml", "--format", "json"))
                self.assertTrue(line.startswith("duty: error: spec.yaml:"), line)
                self.assertIn(where, line)

    def test_figures_in_imports_are_bounded(self):
        self.write("f.csv", f"title,category,received,deaths,loss\na,flood,2026-11-20 10:00,{HUGE},1\n"
                            "b,flood,2026-11-20 10:00,1,1e400\n")
        r = self.d("incident", "import", "f.csv")
        self.refused(r, f"f.csv:2:26: deaths: '{HUGE}' is too large; the most accepted is 1000000")
        self.assertIn("duty: error: f.csv:3:28: loss: '1e400' is too large; the most accepted is 100000000", r.err)


class DailyTotalsTest(ValueTest):
    def test_a_day_of_maximal_figures_sums_exactly(self):
        # 2,200 incidents of 1,000,000 deaths each: 2.2e9 deaths, beyond a 32-bit sum.
        n = 2200
        rows = "".join(f"- {{title: m{i}, category: flood, received: \"2026-11-20 {10 + i // 600}:{i % 60:02d}\", "
                       f"deaths: 1000000, injured: 1000000, seriously_injured: 1000000, missing: 1000000, "
                       f"loss: 100000000}}\n" for i in range(n))
        self.write("max.yaml", rows)
        self.ok("incident", "import", "max.yaml")
        counts = self.ok("daily", "--date", "2026-11-20", "--context").json()["counts"]
        self.assertEqual((counts["total"], counts["deaths"], counts["injured"], counts["missing"]),
                         (n, n * 1_000_000, 2 * n * 1_000_000, n * 1_000_000))


class ZoneTest(ValueTest):
    def test_only_iana_zones_are_accepted(self):
        for zone in ("localtime", "posixrules", "Factory", "right/UTC", "posix/Asia/Shanghai", "../zoneinfo/UTC",
                     "/etc/localtime", "/usr/share/zoneinfo/UTC", "Asia/../Asia/Shanghai", "zone.tab"):
            with self.subTest(zone=zone):
                (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("Asia/Shanghai", f"\"{zone}\""),
                                                     encoding="utf-8")
                self.refused(self.d("incident", "list", "--format", "json"),
                             f"{self.ws / 'office.yaml'}:3:13: unknown time zone '{zone}'; expected an IANA name such as "
                             "Asia/Shanghai")
                self.write("spec.yaml", SPEC_HEAD.replace("Asia/Shanghai", f"\"{zone}\"") + SPEC_PEOPLE)
                line = self.refused(self.duty("roster", "build", "spec.yaml", "--format", "json"))
                self.assertTrue(line.startswith("duty: error: spec.yaml:1:11:"), line)
                self.assertIn(zone, line)
        for zone in ("UTC", "Etc/UTC", "Asia/Urumqi", "PRC"):
            with self.subTest(zone=zone):
                (self.ws / "office.yaml").write_text(OFFICE_YAML.replace("Asia/Shanghai", zone), encoding="utf-8")
                self.assertExit(self.d("incident", "list", "--format", "json"), 0)


class CsvTest(ValueTest):
    def test_a_duplicate_column_is_refused_naming_both(self):
        self.write("d.csv", "title,category,received,title\na,flood,2026-11-20 10:00,b\n")
        self.refused(self.d("incident", "import", "d.csv"),
                     "d.csv:1:25: duplicate column 'title' (column 4; it is also column 1, at d.csv:1:1); give each "
                     "column once")
        self.write("e.csv", "title,category,id,received,id\na,flood,1,2026-11-20 10:00,2\n")
        self.refused(self.d("incident", "import", "e.csv"),
                     "e.csv:1:28: duplicate column 'id' (column 5; it is also column 3, at e.csv:1:16); give each "
                     "column once")
        self.assertEqual(self.ok("incident", "list", "--format", "json").json(), [])

    def comparable(self, shown):
        """An incident as `show` has it, less what a new log assigns anew: ids, when and by whom it
        was recorded, chain positions and hashes."""
        shown = dict(shown)
        del shown["id"], shown["recorded_at"]
        shown["events"] = [{k: v for k, v in e.items() if k not in ("seq", "recorded_at", "by", "hash")}
                           for e in shown["events"]]
        return shown

    def test_only_the_yaml_export_carries_the_whole_log(self):
        incident = self.add(*ADD, "--title", "landslide", "--location", "Zeku", "--deaths", "1", "--note", "first")
        self.ok("incident", "update", incident, "--at", "2026-11-20 10:30", "--deaths", "3", "--note", "more",
                "--actions", "evacuated")
        self.ok("incident", "escalate", incident, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 10:40")
        self.ok("incident", "close", incident, "--at", "2026-11-21 09:00", "--note", "over",
                "--leaders-on-scene", "county head")
        original = self.comparable(self.show(incident))
        # YAML: the follow-up, the escalation and the final report come back as they were.
        self.write("log.yaml", self.ok("incident", "export", "--format", "yaml").out)
        other = self.make_workspace(where=self.tmp / "other")
        self.ok("incident", "import", "log.yaml", ws=other)
        self.assertEqual(self.comparable(self.show("2026-0001", ws=other)), original)
        # CSV: one row of the current state, saying what it cannot carry; an import of it is refused
        # rather than reopening the closed incident with its report missing.
        out = self.ok("incident", "export", "--format", "csv").out
        row = list(csv.DictReader(io.StringIO(out, newline="")))[0]
        self.assertEqual((row["status"], row["followups"], row["escalations"]), ("closed", "1", "1"))
        self.write("log.csv", out)
        fresh = self.make_workspace(where=self.tmp / "fresh")
        r = self.d("incident", "import", "log.csv", ws=fresh)
        self.refused(r, contains=("log.csv:2:", "status: 'closed': a CSV row holds an incident's current state "
                                  "only, so its final report would be lost; move a log with the YAML export "
                                  "(duty incident export --format yaml)",
                                  "followups: '1': a CSV row holds an incident's current state only, so its "
                                  "follow-ups would be lost",
                                  "escalations: '1': a CSV row holds"))
        self.assertEqual(self.ok("incident", "list", "--format", "json", ws=fresh).json(), [])
        help_text = self.ok("incident", "export", "--help").out
        self.assertIn("does not round-trip", " ".join(help_text.split()))


class ListJsonTest(ValueTest):
    def test_list_carries_every_field_of_show(self):
        incident = self.add(*ADD, "--title", "landslide", "--occurred", "2026-11-20 09:40", "--location", "Zeku",
                            "--source", "village head, 139", "--by", "Zhao", "--severity", "III", "--deaths", "1",
                            "--injured", "2", "--seriously-injured", "3", "--missing", "4", "--trapped", "5",
                            "--loss", "12.5", "--note", "slope gave way\nbelow the road", "--actions", "closed road",
                            "--leaders-on-scene", "county head 10:20")
        self.ok("incident", "update", incident, "--at", "2026-11-20 10:30", "--note", "more",
                "--actions", "evacuated 40", "--leaders-on-scene", "deputy head")
        self.ok("incident", "close", incident, "--at", "2026-11-20 12:00", "--note", "over")
        shown = self.show(incident)
        listed = self.ok("incident", "list", "--format", "json").json()[0]
        # The timeline stays with `show`; every field of the incident's state is in both.
        self.assertEqual(set(shown) - set(listed), {"requirements", "events"})
        self.assertEqual(set(listed) - set(shown), set())
        for key in listed:
            self.assertEqual(listed[key], shown[key], key)
        self.assertEqual((listed["description"], listed["actions"], listed["leaders_on_scene"]),
                         ("slope gave way\nbelow the road", "evacuated 40", "deputy head"))
        for flag in ("--closed", "--open"):
            self.assertEqual(len(self.ok("incident", "list", flag, "--format", "json").json()),
                             1 if flag == "--closed" else 0)

    def test_a_store_of_schema_5_is_migrated_with_its_free_text(self):
        incident = self.add(*ADD, "--title", "old", "--note", "desc", "--actions", "first")
        self.ok("incident", "update", incident, "--at", "2026-11-20 10:30", "--note", "n", "--actions", "second",
                "--leaders-on-scene", "head")
        # Back to schema 5: the rows without their free text (schema 6), partial covers (7), voids (8).
        self.sql("ALTER TABLE incidents DROP COLUMN description")
        self.sql("ALTER TABLE incidents DROP COLUMN actions")
        self.sql("ALTER TABLE incidents DROP COLUMN leaders_on_scene")
        self.sql("ALTER TABLE roster_shifts DROP COLUMN partial_covers")
        for table, column in (("incidents", "voided"), ("incidents", "void_reason"), ("incidents", "corrections"),
                              ("incidents", "supplements"), ("pending", "voided"), ("pending", "void_reason")):
            self.sql(f"ALTER TABLE {table} DROP COLUMN {column}")  # schema 8's
        self.sql("PRAGMA user_version = 5")
        old = self.ok("incident", "list", "--format", "json").json()[0]  # read as it is
        self.assertEqual((old["title"], old["description"]), ("old", ""))
        self.add(*ADD, "--title", "new")  # the first write migrates it
        listed = self.ok("incident", "list", "--format", "json").json()[0]
        self.assertEqual((listed["description"], listed["actions"], listed["leaders_on_scene"]),
                         ("desc", "second", "head"))
        self.assertEqual(self.sql("PRAGMA user_version"), [(SCHEMA_VERSION,)])
        self.assertExit(self.d("log", "verify"), 0)


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    import unittest
    unittest.main()
