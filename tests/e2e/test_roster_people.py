# SPDX-License-Identifier: Apache-2.0
"""People named by id or by name: `roster next`, and --person of roster build and show, accept a
person's id or their name (扎西 as well as tashi); a name two people share asks for the id; an
unknown or mistyped one is refused (exit 2) naming the closest people by name and id."""
import datetime
import shutil
import unittest

from harness import EXAMPLES, count_bad_input, report_bad_input_cases
from publish_support import PublishTest

ZEKU = EXAMPLES / "zeku"


def not_ended(end):
    """Whether a shift ending at `end` (ISO 8601 with offset) is still to come or under way."""
    return datetime.datetime.fromisoformat(end) > datetime.datetime.now(datetime.timezone.utc)


def without_stamps(text):
    """An export without its DTSTAMP lines (the moment it was written)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("DTSTAMP"))


class ZekuByName(PublishTest):
    """The documented example: a real office whose people have Chinese names."""

    def setUp(self):
        super().setUp()
        self.make_workspace((ZEKU / "office.yaml").read_text(encoding="utf-8"))
        shutil.copy(ZEKU / "roster.yaml", self.ws / "roster.yaml")
        self.published = self.publish()

    def test_next_by_name_is_next_by_id(self):
        by_id = self.ok("roster", "next", "dorje", "--count", "4", "--format", "json").json()
        by_name = self.ok("roster", "next", "多杰才让", "--count", "4", "--format", "json").json()
        self.assertEqual(by_name, by_id)
        # Spaces around the name, as a copy and paste brings them, change nothing.
        self.assertEqual(self.ok("roster", "next", " 多杰才让 ", "--count", "4", "--format", "json").json(),
                         by_id)
        # The duties are dorje's: their leader duties that have not ended yet, in date order.
        mine = [s["date"] for s in self.published["shifts"]
                if s["assignments"]["leader"] == ["dorje"] and not_ended(s["end"])]
        self.assertEqual([d["date"] for d in by_name], mine[:4])
        self.assertTrue(all(d["slot"] == "leader" for d in by_name))
        # A two-character name works the same way.
        tashi = self.ok("roster", "next", "扎西", "--format", "json").json()
        self.assertEqual(tashi, self.ok("roster", "next", "tashi", "--format", "json").json())
        self.assertTrue(all(d["slot"] == "officer" for d in tashi))

    def test_a_mistyped_name_suggests_the_person_by_name_and_id(self):
        for typed, expected in (
                ("多杰才", "PERSON: unknown person '多杰才' (did you mean 多杰才让 (dorje)?)"),
                ("dorej", "PERSON: unknown person 'dorej' (did you mean 多杰才让 (dorje)?)"),
                ("才让", "PERSON: unknown person '才让' (did you mean 多杰才让 (dorje) or 才让东主 (tsering-dondrub)?)"),
                ("王", "PERSON: unknown person '王' (did you mean 王华 (wang-hua) or 王磊 (wang-lei)?)"),
        ):
            with self.subTest(typed=typed):
                r = self.d("roster", "next", typed)
                self.assertExit(r, 2)
                self.assertEqual(r.out, "")
                self.assertIn("duty: error: " + expected, r.err)
                self.assertIn("give the id or the name of a person in the roster", r.err)
                count_bad_input()

    def test_build_person_by_name(self):
        spec = self.ws / "roster.yaml"
        by_id = self.ok("roster", "build", spec, "--to", "2027-01-20", "--format", "md", "--person", "tashi").out
        by_name = self.ok("roster", "build", spec, "--to", "2027-01-20", "--format", "md", "--person", "扎西").out
        self.assertEqual(by_name, by_id)
        self.assertIn("扎西", by_id)
        r = self.d("roster", "build", spec, "--format", "csv", "--person", "扎酉")
        self.assertExit(r, 2)
        self.assertIn("--person: unknown person '扎酉' (did you mean 扎西 (tashi)?)", r.err)
        count_bad_input()


class ByNameInAnOffice(PublishTest):
    def test_show_person_by_name_and_by_id_agree(self):
        self.make_office()
        self.publish()
        for fmt in ("csv", "table", "ics"):
            with self.subTest(fmt=fmt):
                by_id = self.ok("roster", "show", "--format", fmt, "--person", "off-a").out
                by_name = self.ok("roster", "show", "--format", fmt, "--person", "Officer A").out
                self.assertEqual(without_stamps(by_name), without_stamps(by_id))

    def test_a_name_two_people_share_asks_for_the_id(self):
        self.make_office()
        spec = self.ws / "roster.yaml"
        spec.write_text(spec.read_text(encoding="utf-8").replace("Officer B", "Officer A"), encoding="utf-8")
        self.publish()
        for args, source in ((("roster", "next", "Officer A"), "PERSON"),
                             (("roster", "show", "--format", "csv", "--person", "Officer A"), "--person"),
                             (("roster", "build", spec, "--format", "csv", "--person", "Officer A"), "--person")):
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn(f"duty: error: {source}: 2 people are called 'Officer A': Officer A (off-a) and "
                              "Officer A (off-b); use the id", r.err)
                self.assertEqual(r.out, "")
                count_bad_input()
        self.assertTrue(self.ok("roster", "next", "off-b", "--format", "json").json())

    def test_someone_who_left_the_spec_is_still_found_in_the_published_roster(self):
        self.make_office()
        shifts = self.publish()["shifts"]
        mine = [s["date"] for s in shifts if s["assignments"]["officer"] == ["off-d"]]
        self.assertTrue(mine)
        spec = self.ws / "roster.yaml"
        spec.write_text("".join(line for line in spec.read_text(encoding="utf-8").splitlines(keepends=True)
                                if "off-d" not in line), encoding="utf-8")
        for person in ("off-d", "Officer D"):
            with self.subTest(person=person):
                csv = self.ok("roster", "show", "--format", "csv", "--person", person).out
                self.assertEqual([line.split(",")[0] for line in csv.splitlines()[1:]], mine)
                nxt = self.ok("roster", "next", person, "--count", "100", "--format", "json").json()
                self.assertEqual([n["date"] for n in nxt],
                                 [s["date"] for s in shifts if s["assignments"]["officer"] == ["off-d"]
                                  and not_ended(s["end"])])

    def test_unknown_people_are_refused_with_the_closest_names_and_ids(self):
        self.make_office()
        self.publish()
        cases = (
            (("roster", "next", "Oficer A"), "PERSON: unknown person 'Oficer A' (did you mean Officer A (off-a)"),
            (("roster", "next", "off-z"), "PERSON: unknown person 'off-z' (did you mean Officer A (off-a), "
                                          "Officer B (off-b), Officer C (off-c) or Officer D (off-d)?)"),
            (("roster", "next", "  "), "PERSON: no person given; give a person's id or name"),
            (("roster", "show", "--person", "ldr-q", "--format", "csv"),
             "--person: unknown person 'ldr-q' (did you mean Leader A (ldr-a), Leader B (ldr-b) or "
             "Leader C (ldr-c)?)"),
            (("roster", "show", "--person", "Nobody Known", "--format", "csv"),
             "--person: unknown person 'Nobody Known'; give the id or the name of a person in the roster"),
            (("roster", "next", "a\x1b[2Jb"), "PERSON: unknown person 'a\\u{1b}[2Jb'"),
        )
        for args, expected in cases:
            with self.subTest(args=args):
                r = self.d(*args)
                self.assertExit(r, 2)
                self.assertIn("duty: error: " + expected, r.err)
                self.assertEqual(r.out, "")
                count_bad_input()


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
