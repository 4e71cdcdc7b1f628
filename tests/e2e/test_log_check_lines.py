# SPDX-License-Identifier: Apache-2.0
"""Every printed or sent record carries the chain's head (日志校验：第N条 HASH12 / Log check: event N
HASH12): the daily bulletin, the handover record and every initial, follow-up and final report, in
every format, with the built-in templates and with an office's own template that leaves the line out.
"""
import re
import unittest

from harness import report_bad_input_cases
from incident_support import IncidentTest

LINE = re.compile(r"(?:日志校验：第(\d+)条|Log check: event (\d+)) ([0-9a-f]{12})")


def tearDownModule():
    report_bad_input_cases()


class LogCheckLineTest(IncidentTest):
    def setUp(self):
        super().setUp()
        self.make_workspace()
        self.a = self.add("--title", "Landslide", "--category", "geological", "--received", "2026-11-20 14:05")
        self.ok("incident", "update", self.a, "--deaths", "1", "--at", "2026-11-20 15:00", "--note", "one found")
        self.ok("incident", "close", self.a, "--at", "2026-11-20 18:00", "--note", "done")

    def head(self):
        return self.sql("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")[0]

    def check_line(self, text):
        found = LINE.findall(text)
        self.assertEqual(len(found), 1, text)
        seq = int(found[0][0] or found[0][1])
        seq_now, hash_now = self.head()
        self.assertEqual(seq, seq_now)
        self.assertEqual(found[0][2], hash_now[:12])

    def test_every_record_in_every_format(self):
        cases = [
            ["bulletin", self.a, "--kind", "initial"],
            ["bulletin", self.a, "--kind", "followup"],
            ["bulletin", self.a, "--kind", "final"],
            ["daily", "--date", "2026-11-20"],
            ["handover", "--at", "2026-11-21 08:30"],
        ]
        for args in cases:
            for fmt in ("text", "html", "md"):
                if fmt == "md" and args[0] == "bulletin":
                    continue
                with self.subTest(args=args, format=fmt):
                    self.check_line(self.ok(*args, "--format", fmt).out)

    def test_chinese_line(self):
        yaml = (self.ws / "office.yaml").read_text(encoding="utf-8").replace("locale: en", "locale: zh-CN")
        (self.ws / "office.yaml").write_text(yaml, encoding="utf-8")
        out = self.ok("daily", "--date", "2026-11-20", "--format", "text").out
        self.assertRegex(out, r"日志校验：第\d+条 [0-9a-f]{12}")
        self.check_line(out)

    def test_the_context_carries_it(self):
        c = self.ok("bulletin", self.a, "--context").json()["log_check"]
        seq, full = self.head()
        self.assertEqual((c["seq"], c["hash"], c["hash12"]), (seq, full, full[:12]))

    def test_an_office_template_cannot_leave_it_out(self):
        (self.ws / "templates").mkdir(exist_ok=True)
        (self.ws / "templates" / "daily.en.txt").write_text("Daily {{bulletin.date}}\n", encoding="utf-8")
        (self.ws / "templates" / "daily.en.html").write_text(
            "<html><body><p>{{bulletin.date}}</p></body></html>\n", encoding="utf-8")
        out = self.ok("daily", "--date", "2026-11-20", "--format", "text").out
        self.assertTrue(out.startswith("Daily 2026-11-20\n"))
        self.check_line(out)
        html = self.ok("daily", "--date", "2026-11-20", "--format", "html").out
        self.check_line(html)
        self.assertRegex(html, r'<p class="log-check">Log check: event \d+ [0-9a-f]{12}</p>\n</body>')

    def test_a_new_event_moves_the_line(self):
        first = self.ok("daily", "--date", "2026-11-20", "--format", "text").out
        self.ok("note", "add", "all quiet", "--at", "2026-11-20 20:00")
        second = self.ok("daily", "--date", "2026-11-20", "--format", "text").out
        self.assertNotEqual(LINE.findall(first), LINE.findall(second))
        self.check_line(second)


if __name__ == "__main__":
    unittest.main()
