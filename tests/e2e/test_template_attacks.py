# SPDX-License-Identifier: Apache-2.0
"""Templates as an attack (issue 13): an office template or partial is read only from the office's
templates/ folder (after symbolic links) or the built-ins; template files are regular files of at
most 1 MiB (a FIFO, device or directory is refused at once); partials are found whatever the
delimiters, a missing one or a cycle is exit 2, and checking is linear in the distinct partials;
no template crashes or hangs duty; Markdown output escapes every value so user text cannot change
the document's structure."""
import json
import os
import re

from harness import count_bad_input, report_bad_input_cases
from incident_support import IncidentTest

DAY = ("daily", "--date", "2026-11-20")
# A command that hangs is a failure too: no case here may take this long.
QUICK = 20


# What duty adds to a record whose template leaves out the log check line (docs/templates.md).
LOG_CHECK = re.compile(r"Log check: event \d+ [0-9a-f]{12}\n$")


def body(out):
    """A record without the log check line duty appended to it."""
    return LOG_CHECK.sub("", out, count=1)


class TemplateAttackTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.incident = self.add("--title", "Landslide", "--category", "fire", "--received", "2026-11-20 10:00")
        self.templates = self.ws / "templates"
        self.templates.mkdir(exist_ok=True)

    def template(self, name, text):
        path = self.templates / name
        path.write_text(text, encoding="utf-8")
        return path

    def refused(self, *args, message, code=2):
        """Runs duty; it must exit `code` quickly with `message` on stderr and nothing on stdout."""
        count_bad_input()
        r = self.d(*args, timeout=QUICK)
        self.assertExit(r, code)
        self.assertIn(message, r.err)
        self.assertEqual(r.out, "")
        return r


class SourceTest(TemplateAttackTest):
    def setUp(self):
        super().setUp()
        self.secret = self.write("secret.txt", "SECRET {{office.name}}\n")

    def test_a_link_out_of_the_folder_is_refused(self):
        (self.templates / "daily.en.txt").symlink_to(self.secret)
        r = self.refused(*DAY, message="templates/daily.en.txt: leads to ")
        self.assertIn("outside the office's templates folder", r.err)
        self.assertNotIn("SECRET", r.out)

    def test_a_partial_linked_out_of_the_folder_is_refused(self):
        (self.templates / "_p.txt").symlink_to(self.secret)
        self.template("daily.en.txt", "head\n{{> _p.txt}}\n")
        r = self.refused(*DAY, message="daily.en.txt:2:1: the partial '_p.txt' is refused: ")
        self.assertIn("outside the office's templates folder", r.err)

    def test_a_link_through_a_linked_folder_is_refused(self):
        outside = self.tmp / "elsewhere"
        outside.mkdir()
        (outside / "daily.en.txt").write_text("SECRET\n", encoding="utf-8")
        (self.templates / "sub").symlink_to(outside)
        (self.templates / "daily.en.txt").symlink_to(self.templates / "sub" / "daily.en.txt")
        self.refused(*DAY, message="outside the office's templates folder")

    def test_a_dangling_link_is_refused_not_replaced_by_the_built_in(self):
        (self.templates / "daily.en.txt").symlink_to(self.tmp / "gone.txt")
        self.refused(*DAY, message="templates/daily.en.txt: is a symbolic link that leads nowhere")

    def test_a_link_inside_the_folder_is_fine(self):
        (self.templates / "real").mkdir()
        (self.templates / "real" / "mine.txt").write_text("mine {{bulletin.issue}}\n", encoding="utf-8")
        (self.templates / "daily.en.txt").symlink_to(self.templates / "real" / "mine.txt")
        self.assertEqual(body(self.ok(*DAY).out), "mine 324\n")

    def test_a_template_file_may_be_anywhere_but_its_partials_may_not(self):
        self.write("mine.txt", "mine {{bulletin.issue}}\n")
        self.assertEqual(body(self.ok(*DAY, "--template", self.tmp / "mine.txt").out), "mine 324\n")
        # secret.txt lies beside mine.txt, not in templates/: never a partial.
        self.write("mine.txt", "{{> secret.txt}}\n")
        self.refused(*DAY, "--template", self.tmp / "mine.txt",
                     message="mine.txt:1:1: there is no template 'secret.txt'")


class FileKindTest(TemplateAttackTest):
    def test_a_fifo_in_the_folder_is_refused_at_once(self):
        os.mkfifo(self.templates / "daily.en.txt")
        self.refused(*DAY, message="templates/daily.en.txt: is a FIFO, not a file")

    def test_a_fifo_as_a_partial_is_refused_at_once(self):
        os.mkfifo(self.templates / "_p.txt")
        self.template("daily.en.txt", "{{> _p.txt}}\n")
        self.refused(*DAY, message="daily.en.txt:1:1: the partial '_p.txt' is refused: ")

    def test_a_directory_is_refused(self):
        (self.templates / "daily.en.txt").mkdir()
        self.refused(*DAY, message="templates/daily.en.txt: is a directory, not a file")

    def test_a_device_is_refused(self):
        (self.templates / "daily.en.txt").symlink_to("/dev/zero")
        self.refused(*DAY, message="templates/daily.en.txt: leads to /dev/zero")
        self.refused(*DAY, "--template", "/dev/zero",
                     message="--template: '/dev/zero' is a character device, not a file")

    def test_template_file_kinds(self):
        fifo = self.tmp / "fifo.txt"
        os.mkfifo(fifo)
        self.refused(*DAY, "--template", fifo, message=f"--template: '{fifo}' is a FIFO, not a file")
        self.refused(*DAY, "--template", self.tmp, message="is a directory, not a file")
        self.refused(*DAY, "--template", self.tmp / "none.txt", message="--template: no such file")

    def test_size_limit(self):
        text = "x" * (1024 * 1024 - 1) + "\n"  # exactly 1 MiB: fine
        self.template("daily.en.txt", text)
        r = self.d(*DAY, timeout=QUICK)
        self.assertExit(r, 0)
        self.assertEqual(len(body(r.out)), len(text))
        self.template("daily.en.txt", text + "y")
        self.refused(*DAY, message="is 1048577 bytes; a template may be at most 1 MiB (1048576 bytes)")
        self.template("_big.txt", text + "y")
        self.template("daily.en.txt", "{{> _big.txt}}")
        self.refused(*DAY, message="the partial '_big.txt' is refused: ")
        self.write("big.txt", text + "y")
        self.refused(*DAY, "--template", self.tmp / "big.txt", message="a template may be at most 1 MiB")


class PartialTest(TemplateAttackTest):
    def test_a_missing_partial_is_found_whatever_the_delimiters(self):
        self.template("daily.en.txt", "a\n{{=<% %>=}}b <%> nope.txt %>\n")
        self.refused(*DAY, message="templates/daily.en.txt:2:14: there is no template 'nope.txt'")
        self.template("daily.en.txt", "{{=| |=}}|> nope.txt|")
        self.refused(*DAY, message="templates/daily.en.txt:1:10: there is no template 'nope.txt'")

    def test_cycles_are_named_whatever_the_delimiters(self):
        self.template("a.txt", "{{=<% %>=}}<%#incidents%><%> b.txt%><%/incidents%>")
        self.template("b.txt", "{{> a.txt}}")
        self.template("daily.en.txt", "{{> a.txt}}")
        self.refused(*DAY, message="templates/b.txt:1:1: the partial 'a.txt' includes itself: a.txt > b.txt > a.txt")
        self.template("a.txt", "x {{=[ ]=}}[> a.txt]")
        self.refused(*DAY, message="the partial 'a.txt' includes itself: a.txt > a.txt")

    def test_a_template_including_itself_by_name(self):
        self.template("daily.en.txt", "{{=<% %>=}}<%#incidents%><%> daily.en.txt%><%/incidents%>")
        self.refused(*DAY, message="the partial 'daily.en.txt' includes itself: daily.en.txt > daily.en.txt")

    def test_the_check_agrees_with_the_renderer(self):
        # kainjow ends a comment at its first }}, and {{{x}}} is a value: neither holds a partial.
        self.template("daily.en.txt", "A{{! {{> nope.txt}}B{{{> nope.txt}}}C\n")
        self.assertEqual(body(self.ok(*DAY).out), "ABC\n")
        # A partial starts again from {{ }}, whatever the including template set.
        self.template("_p.txt", "<%bulletin.issue%>{{bulletin.issue}}")
        self.template("daily.en.txt", "{{=<% %>=}}<%> _p.txt%>\n")
        self.assertEqual(body(self.ok(*DAY).out), "<%bulletin.issue%>324\n")

    def test_checking_is_linear_in_the_distinct_partials(self):
        # One partial included 10,000 times, and a diamond 30 levels deep (each level includes the
        # next twice: 2^30 paths) under a section that is false, so only the check would be slow.
        self.template("_one.txt", "1")
        self.template("daily.en.txt", "{{#nothing}}" + "{{> _one.txt}}" * 10000 + "{{/nothing}}{{> _d0.txt}}ok\n")
        for level in range(30):
            self.template(f"_d{level}.txt", "{{#nothing}}{{> _d%d.txt}}{{> _d%d.txt}}{{/nothing}}" % (level + 1, level + 1))
        self.template("_d30.txt", "leaf")
        r = self.d(*DAY, timeout=QUICK)
        self.assertExit(r, 0)
        self.assertEqual(body(r.out), "ok\n")
        # The same diamond rendered would be 2^30 leaves: stopped, not hung.
        for level in range(30):
            self.template(f"_d{level}.txt", "{{> _d%d.txt}}{{> _d%d.txt}}" % (level + 1, level + 1))
        self.refused(*DAY, message="rendering stopped: the output could pass 64 MiB")


class NoCrashTest(TemplateAttackTest):
    def test_deep_sections(self):
        self.template("daily.en.txt", "{{#incidents}}" * 5000 + "{{/incidents}}" * 5000)
        self.refused(*DAY, message="templates/daily.en.txt:1:897: sections nest more than 64 levels deep")

    def test_deep_partials(self):
        for level in range(200):
            self.template(f"_p{level}.txt", "{{> _p%d.txt}}" % (level + 1))
        self.template("_p200.txt", "leaf")
        self.template("daily.en.txt", "{{> _p0.txt}}")
        self.refused(*DAY, message="sections and partials nest more than 64 levels deep")

    def test_sections_repeated_inside_themselves(self):
        # Nested loops over the incidents (100 here) would print 100^6 times.
        for n in range(1, 100):
            self.add("--title", f"t{n}", "--category", "fire", "--received", "2026-11-20 11:00")
        self.template("daily.en.txt", "{{#incidents}}" * 6 + "{{title}}" + "{{/incidents}}" * 6)
        self.refused(*DAY, message="rendering stopped: the output could pass 64 MiB")

    def test_huge_delimiters(self):
        self.template("daily.en.txt", "{{=" + "<" * 100000 + " " + ">" * 100000 + "=}}" + "<" * 99999 + "x" * 100)
        self.refused(*DAY, message="templates/daily.en.txt:1:1: delimiters may be at most 16 bytes long")

    def test_unbalanced_sections_name_the_delimiters_in_use(self):
        self.template("daily.en.txt", "{{=<% %>=}}\n<%#incidents%>\n")
        self.refused(*DAY, message="templates/daily.en.txt:2:1: section 'incidents' is opened here but never closed (add <%/incidents%>)")
        self.template("daily.en.txt", "{{#incidents}}{{#office}}{{/incidents}}{{/office}}")
        self.refused(*DAY, message="templates/daily.en.txt:1:26: {{/incidents}} closes a section, but the one open is 'office'")

    def test_control_characters(self):
        self.template("daily.en.txt", "a\x1fb\n")
        self.refused(*DAY, message="templates/daily.en.txt:1:2: control character U+001F")


# Markdown that would change a document's structure if printed as it is.
HOSTILE = ("# Heading | a | b | *bold* _em_ `code` [x](javascript:alert(1)) <script>alert(1)</script> "
           "&lt; ~~gone~~ $x$ \\")
HOSTILE_LINES = "1. first\n\n- item\n> quote\n    code\n---\n<div>\n| t | u |"


def structure(markdown):
    """What each line of a Markdown document is, as a renderer would read it, and which markup
    characters it carries outside escapes (`\\x`, `&amp;`-style entities and <br>)."""
    out = []
    for line in markdown.split("\n"):
        kind = "text"
        for name, pattern in (("blank", r"^\s*$"), ("code", r"^( {4}|\t)"), ("heading", r"^ {0,3}#{1,6}(\s|$)"),
                              ("break", r"^ {0,3}([-*_] *){3,}$"), ("underline", r"^ {0,3}(=+|-+) *$"),
                              ("list", r"^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)"), ("quote", r"^ {0,3}>"),
                              ("fence", r"^ {0,3}(```|~~~)"), ("html", r"^ {0,3}<")):
            if re.search(pattern, line):
                kind = name
                break
        bare = re.sub(r"\\[!-/:-@\[-`{-~]|&#?\w+;|<br>", "", line)
        out.append((kind, "".join(sorted(set(c for c in bare if c in "*_`[]<>|~$&\\")))))
    return out


class MarkdownTest(TemplateAttackTest):
    def test_user_text_cannot_change_a_daily_bulletin(self):
        self.ok("incident", "instruct", self.incident, "--from", "Head", "--text", "Search", "--at", "2026-11-20 11:00")
        benign = self.ok(*DAY, "--format", "md").out
        # Everything again, with the same shape but hostile text.
        self.make_workspace(where=self.tmp / "hostile")
        self.ws = self.tmp / "hostile"
        a = self.add("--title", HOSTILE, "--category", "fire", "--received", "2026-11-20 10:00")
        self.ok("incident", "instruct", a, "--from", HOSTILE, "--text", HOSTILE_LINES, "--at", "2026-11-20 11:00")
        hostile = self.ok(*DAY, "--format", "md").out
        self.assertEqual(structure(hostile), structure(benign), hostile)
        self.assertNotIn("<script>", hostile)
        self.assertNotIn("[x](javascript:", hostile)
        self.assertIn("\\# Heading \\| a \\| b \\| \\*bold\\* \\_em\\_ \\`code\\` \\[x\\](javascript:alert(1)) "
                      "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt; \\~\\~gone\\~\\~ \\$x\\$ \\\\", hostile)
        self.assertIn('"1\\. first<br><br>- item<br>&gt; quote<br>    code<br>---<br>&lt;div&gt;<br>\\| t \\| u \\|"',
                      hostile)

    def test_user_text_cannot_change_a_handover_record(self):
        self.ok("note", "add", "plain note", "--at", "2026-11-20 12:00")
        benign = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "md").out
        self.make_workspace(where=self.tmp / "hostile")
        self.ws = self.tmp / "hostile"
        self.add("--title", HOSTILE, "--category", "fire", "--received", "2026-11-20 10:00")
        self.ok("note", "add", HOSTILE_LINES, "--at", "2026-11-20 12:00")
        hostile = self.ok("handover", "--at", "2026-11-21 08:30", "--format", "md").out
        self.assertEqual(structure(hostile), structure(benign), hostile)

    def test_a_value_at_the_start_of_a_line(self):
        # The office's name starts a line of the daily bulletin.
        office = (self.ws / "office.yaml").read_text(encoding="utf-8")
        for name, shown in (("1. Office", "1\\. Office"), ("- Office", "\\- Office"), ("+ Office", "\\+ Office"),
                            ("= Office", "\\= Office"), ("# Office", "\\# Office"), ("> Office", "&gt; Office")):
            with self.subTest(name=name):
                (self.ws / "office.yaml").write_text(office.replace("name: Test County Duty Office", "name: " + json.dumps(name)), encoding="utf-8")
                lines = self.ok(*DAY, "--format", "md").out.split("\n")
                self.assertTrue(lines[3].startswith(shown + "        20 November 2026"), lines[3])

    def test_text_output_is_unchanged(self):
        self.ok("incident", "instruct", self.incident, "--from", "Head", "--text", HOSTILE_LINES,
                "--at", "2026-11-20 11:00")
        self.assertIn(HOSTILE_LINES, self.ok(*DAY).out)


tearDownModule = report_bad_input_cases
