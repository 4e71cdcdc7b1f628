# SPDX-License-Identifier: Apache-2.0
"""Printing on A4 (issue 15): the daily bulletin and the handover record whose content fits one page
print as one A4 page, with no blank second page for the signature block. Each HTML record is
printed to PDF by headless Chromium and its pages counted with pdfinfo (both Debian packages:
chromium, poppler-utils); the module is skipped, saying so, only when chromium is absent.

Times are fixed November 2026 times in the office's zone (+08:00)."""
import re
import shutil
import subprocess
import time
import unittest

from test_official_style import OFFICE, TEXT, OfficialStyleTest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFINFO = shutil.which("pdfinfo")


@unittest.skipUnless(CHROMIUM, "chromium is not installed (apt-get install chromium poppler-utils): "
                               "A4 printing not checked")
class PrintA4(OfficialStyleTest):
    def setUp(self):
        super().setUp()
        self.assertTrue(PDFINFO, "pdfinfo is missing: apt-get install poppler-utils")

    def print_pages(self, html_path):
        """Prints an HTML file to PDF with headless Chromium; returns (pages, (width, height) in pt)."""
        pdf = html_path.with_suffix(".pdf")
        started = time.monotonic()
        proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                               f"--user-data-dir={self.tmp / 'chromium'}", f"--print-to-pdf={pdf}",
                               html_path.as_uri()],
                              capture_output=True, text=True, timeout=120)
        PrintA4.seconds = getattr(PrintA4, "seconds", 0.0) + time.monotonic() - started
        self.assertTrue(pdf.exists(), proc.stderr[-2000:])
        info = subprocess.run([PDFINFO, pdf], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
        return pages, (round(float(w)), round(float(h)))

    def render(self, name, *args):
        path = self.tmp / name
        self.ok(*args, "--format", "html", "-o", path)
        return path

    def check_one_page(self, locale):
        # An ordinary day: one incident reported up and closed, an instruction, a pending item, the
        # roster published.
        t = TEXT[locale]
        self.make_workspace(OFFICE[locale])
        self.set_spec("2026-11-01", "2026-11-30")
        self.publish()
        a = self.add("--title", t["title"], "--category", "geological", "--occurred", "2026-11-20 13:50",
                     "--received", "2026-11-20 14:05", "--location", t["location"], "--note", t["note"],
                     "--deaths", "1")
        self.ok("incident", "escalate", a, "--to", "prefecture", "--via", "written", "--at", "2026-11-20 15:00")
        self.ok("incident", "instruct", a, "--from", "County head", "--text", "Search with every means",
                "--due", "2026-11-21 12:00", "--at", "2026-11-20 16:00")
        self.ok("todo", "add", "Verify the households affected", "--due", "2026-11-21 18:00",
                "--at", "2026-11-20 17:00")
        self.ok("incident", "close", a, "--at", "2026-11-21 07:00", "--note", t["close"], "--next-steps", t["next"])
        for name, args in (("daily.html", ("daily", "--date", "2026-11-20")),
                           ("handover.html", ("handover", "--at", "2026-11-21 08:30"))):
            with self.subTest(record=name):
                pages, size = self.print_pages(self.render(name, *args))
                self.assertEqual(size, (595, 842))  # A4 in points
                self.assertEqual(pages, 1, f"{name} of one page's content printed on {pages} pages")

    def test_zh_daily_and_handover_fit_one_page(self):
        self.check_one_page("zh-CN")

    def test_en_daily_and_handover_fit_one_page(self):
        self.check_one_page("en")

    def test_a_longer_day_takes_more_pages_and_the_last_is_never_only_signatures(self):
        # The count is real: a day of many incidents runs over, and so does a shift of many notes;
        # the signature block then goes over with what precedes it, never alone.
        self.scenario("zh-CN")
        for n in range(12):
            self.add("--title", f"麦秀镇第{n}起道路交通事故", "--category", "road-traffic",
                     "--received", f"2026-11-20 {10 + n}:00", "--injured", "1", "--note", "车辆侧翻，" * 20)
        pages, _ = self.print_pages(self.render("long.html", "daily", "--date", "2026-11-20"))
        self.assertGreater(pages, 1)
        for n in range(16):
            self.ok("note", "add", f"第{n}条交班备注：" + "州局来电询问伤亡情况，已按要求报送。" * 2,
                    "--at", f"2026-11-21 0{n % 8}:{10 + n:02d}")
        path = self.render("notes.html", "handover", "--at", "2026-11-21 08:30")
        pages, _ = self.print_pages(path)
        self.assertGreater(pages, 1)
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), path.with_suffix(".pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        self.assertIn("交班人签字", last)
        self.assertIn("交班备注", last)


def tearDownModule():
    if hasattr(PrintA4, "seconds"):
        print(f"\nprint_a4: Chromium printing took {PrintA4.seconds:.1f} s in all")


if __name__ == "__main__":
    unittest.main()
