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

from test_official_style import OfficialStyleTest

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
        self.scenario(locale)
        self.publish()
        self.ok("incident", "instruct", "2026-0001", "--from", "County head", "--text", "Search with every means",
                "--due", "2026-11-21 12:00", "--at", "2026-11-20 16:00")
        self.ok("todo", "add", "Verify the households affected", "--due", "2026-11-21 18:00",
                "--at", "2026-11-20 17:00")
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

    def test_a_longer_day_takes_more_pages(self):
        # The count is real: a day of many incidents runs over, and the last page is not blank.
        self.scenario("zh-CN")
        for n in range(12):
            self.add("--title", f"麦秀镇第{n}起道路交通事故", "--category", "road-traffic",
                     "--received", f"2026-11-20 {10 + n}:00", "--injured", "1", "--note", "车辆侧翻，" * 20)
        pages, _ = self.print_pages(self.render("long.html", "daily", "--date", "2026-11-20"))
        self.assertGreater(pages, 1)


def tearDownModule():
    if hasattr(PrintA4, "seconds"):
        print(f"\nprint_a4: Chromium printing took {PrintA4.seconds:.1f} s in all")


if __name__ == "__main__":
    unittest.main()
