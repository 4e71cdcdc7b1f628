# SPDX-License-Identifier: Apache-2.0
"""The handover moment (issue 15): `duty handover` without --at prepares the coming shift change when
it is less than 12 hours away, else records the last one; the record says as of when it holds the
facts (截至); --at must be a shift change of the published roster or office.yaml; the office's and the
roster spec's handover must agree before a roster is published or re-planned.

The clock cannot be set from outside, so the tests that depend on "now" put the office's handover
time a few hours (or a minute) from the real clock in Asia/Shanghai."""
import datetime
import re
import time
import unittest
from zoneinfo import ZoneInfo

from harness import count_bad_input, report_bad_input_cases
from publish_support import PublishTest, roster_yaml

SHANGHAI = ZoneInfo("Asia/Shanghai")

OFFICE = """\
office:
  name: Test County Duty Office
  timezone: Asia/Shanghai
  handover: "{handover}"
  locale: {locale}
roster: roster.yaml
chain:
  - {{id: prefecture, name: Prefecture EMB}}
escalation:
  - {{match: {{}}, to: [prefecture], via: written, within: 2h}}
"""

ZH = {"DUTY_LANG": "zh-CN"}
EN = {"DUTY_LANG": "en"}


def minute(t):
    return t.strftime("%Y-%m-%d %H:%M")


def without_clock(context):
    """The context without the minute it was printed in."""
    return context | {"handover": {k: v for k, v in context["handover"].items() if k != "generated_at"}}


class HandoverTest(PublishTest):
    def office(self, handover="08:30", locale="en"):
        if not self.ws.exists():
            self.make_workspace(OFFICE.format(handover=handover, locale=locale))
        else:
            (self.ws / "office.yaml").write_text(OFFICE.format(handover=handover, locale=locale), encoding="utf-8")

    def context(self, *args, env=None):
        r = self.d("handover", *args, "--context", env=env)
        self.assertExit(r, 0)
        return r.json()

    def printed(self, *args, env=None):
        r = self.d("handover", *args, env=env)
        self.assertExit(r, 0)
        return r.out

    def refused(self, r, *needles):
        self.assertExit(r, 2)
        for needle in needles:
            self.assertIn(needle, r.err)
        self.assertEqual(r.out, "")
        count_bad_input()


class DefaultMoment(HandoverTest):
    def test_the_coming_shift_change_within_12_hours_is_prepared_with_the_facts_up_to_now(self):
        for locale, env in (("en", EN), ("zh-CN", ZH)):
            with self.subTest(locale=locale):
                self.tmp_ws(locale)
                now = datetime.datetime.now(SHANGHAI)
                coming = (now + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
                self.office(coming.strftime("%H:%M"), locale)
                incident = self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "-30m")
                c = self.context(env=env)
                self.assertEqual(c["handover"]["at"], minute(coming))
                self.assertTrue(c["handover"]["preparing"])
                self.assertFalse(c["handover"]["final"])
                # As of the moment it is printed, not of the handover still to come.
                self.assertEqual(c["handover"]["as_of"], c["handover"]["generated_at"])
                self.assertLessEqual(abs(datetime.datetime.strptime(c["handover"]["as_of"], "%Y-%m-%d %H:%M")
                                         - now.replace(tzinfo=None, second=0, microsecond=0)),
                                     datetime.timedelta(minutes=1))
                self.assertEqual([i["id"] for i in c["received"]], [incident])
                self.assertEqual([i["id"] for i in c["open_incidents"]], [incident])
                due = c["open_incidents"][0]["next_due"]
                self.assertEqual(due["status"], "due")
                out = self.printed(env=env)
                if locale == "en":
                    self.assertIn(f"Handover at: {minute(coming)}\nAs of: {c['handover']['as_of']} (prepared before "
                                  "the handover; print it again after the handover for the final record)\n", out)
                    self.assertRegex(out, r"due [0-9-]+ [0-9:]+, 1 h (29|30) min left\n")
                else:
                    self.assertIn(f"交接时间：{minute(coming)}\n截至{c['handover']['as_of']}（交班前准备稿，交接后重新打印为正式"
                                  "记录）\n", out)
                    self.assertRegex(out, r"时限[0-9-]+ [0-9:]+，剩余1小时(29|30)分\n")
                html = self.printed("--format", "html", env=env)
                self.assertIn("(prepared before the handover)" if locale == "en" else "（交班前准备稿）", html)

    def tmp_ws(self, name):
        self.ws = self.tmp / f"ws-{name}"

    def test_the_last_shift_change_when_the_next_is_12_hours_or_more_away(self):
        now = datetime.datetime.now(SHANGHAI)
        last = (now - datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
        self.office(last.strftime("%H:%M"))
        before = self.add("--title", "Before the handover", "--category", "road-traffic", "--received", "-3h")
        self.add("--title", "After the handover", "--category", "road-traffic", "--received", "-1h")
        c = self.context()
        self.assertEqual(c["handover"]["at"], minute(last))
        self.assertTrue(c["handover"]["final"])
        self.assertFalse(c["handover"]["preparing"])
        self.assertEqual(c["handover"]["as_of"], minute(last))
        # The final record holds the outgoing shift's facts only.
        self.assertEqual([i["id"] for i in c["received"]], [before])
        self.assertEqual([i["id"] for i in c["open_incidents"]], [before])
        # The same record as asked for by its time.
        self.assertEqual(without_clock(c), without_clock(self.context("--at", minute(last))))
        out = self.ok("handover").out
        self.assertIn(f"Handover at: {minute(last)}\nAs of: {minute(last)}\n\n", out)

    def test_a_prepared_record_printed_again_after_the_handover_is_the_final_record(self):
        # The handover is the next whole minute (at least 5 s away); the test waits for it.
        now = datetime.datetime.now(SHANGHAI)
        moment = (now + datetime.timedelta(seconds=65)).replace(second=0, microsecond=0)
        if (moment - now).total_seconds() > 60:
            moment -= datetime.timedelta(minutes=1)
        self.office(moment.strftime("%H:%M"), "zh-CN")
        self.ok("note", "add", "Road to Maixiu closed until noon")
        early = self.add("--title", "Crash on G213", "--category", "road-traffic", "--received", "-10m")
        prepared = self.context(env=ZH)
        self.assertEqual(prepared["handover"]["at"], minute(moment))
        self.assertTrue(prepared["handover"]["preparing"])
        self.assertEqual([n["text"] for n in prepared["notes"]], ["Road to Maixiu closed until noon"])
        self.assertEqual([i["id"] for i in prepared["received"]], [early])
        wait = (moment - datetime.datetime.now(SHANGHAI)).total_seconds() + 1
        if wait > 0:
            time.sleep(wait)
        # After the handover: an incident of the incoming shift, and the record printed again.
        self.add("--title", "Fire at Zequ", "--category", "fire", "--received", "now")
        self.ok("note", "add", "written by the incoming shift")
        final = self.context(env=ZH)
        self.assertEqual(final["handover"]["at"], minute(moment))
        self.assertTrue(final["handover"]["final"])
        self.assertEqual(final["handover"]["as_of"], minute(moment))
        self.assertEqual([i["id"] for i in final["received"]], [early])
        self.assertEqual([n["text"] for n in final["notes"]], ["Road to Maixiu closed until noon"])
        out = self.printed(env=ZH)
        self.assertIn(f"交接时间：{minute(moment)}\n截至{minute(moment)}\n\n", out)
        self.assertNotIn("交班前准备稿", out)


class AtMustBeAShiftChange(HandoverTest):
    def test_another_time_is_refused_naming_the_nearest_shift_changes(self):
        self.office()
        cases = [("2026-11-20 10:00", "2026-11-20 08:30", "2026-11-21 08:30"),
                 ("2026-11-20 08:29", "2026-11-19 08:30", "2026-11-20 08:30")]
        for at, before, after in cases:
            with self.subTest(at=at):
                self.refused(self.d("handover", "--at", at),
                             f"duty: error: --at: {at} is not a shift change; the nearest are {before} and {after}\n")
                self.refused(self.d("handover", "--at", at, env=ZH),
                             f"{at}不是交接班时间；最近的交接班时间为{before}和{after}\n")
        self.assertEqual(self.context("--at", "2026-11-20 08:30")["handover"]["at"], "2026-11-20 08:30")

    def test_a_handover_beyond_the_coming_one_is_refused(self):
        self.office()
        self.refused(self.d("handover", "--at", "2099-01-01 08:30"),
                     "--at: 2099-01-01 08:30 is in the future beyond the next shift change (")
        self.refused(self.d("handover", "--at", "2099-01-01 08:30", env=ZH),
                     "2099-01-01 08:30晚于下一次交接班（")

    def test_the_coming_shift_change_may_be_asked_for_by_its_time(self):
        now = datetime.datetime.now(SHANGHAI)
        coming = (now + datetime.timedelta(hours=20)).replace(second=0, microsecond=0)
        self.office(coming.strftime("%H:%M"))
        # 20 hours away: not the default, but it may be prepared when asked for.
        self.assertTrue(self.context()["handover"]["final"])
        c = self.context("--at", minute(coming))
        self.assertEqual(c["handover"]["at"], minute(coming))
        self.assertTrue(c["handover"]["preparing"])
        self.refused(self.d("handover", "--at", minute(coming + datetime.timedelta(days=1))),
                     f"is in the future beyond the next shift change ({minute(coming)})")

    def test_shift_changes_come_from_the_published_roster(self):
        self.office("08:30")
        self.set_spec("2026-11-19", "2026-11-22")
        self.publish()
        # office.yaml's handover moved after publishing: the published shifts still change at 08:30.
        self.office("09:00")
        self.refused(self.d("handover", "--at", "2026-11-20 09:00"),
                     "--at: 2026-11-20 09:00 is not a shift change; the nearest are 2026-11-20 08:30 and "
                     "2026-11-21 08:30")
        c = self.context("--at", "2026-11-20 08:30")
        self.assertTrue(c["outgoing"]["published"])
        self.assertTrue(c["incoming"]["published"])
        # The end of the last published shift, and office.yaml's handover beyond the roster.
        self.assertEqual(self.context("--at", "2026-11-23 08:30")["handover"]["at"], "2026-11-23 08:30")
        self.assertEqual(self.context("--at", "2026-11-24 09:00")["handover"]["at"], "2026-11-24 09:00")
        self.refused(self.d("handover", "--at", "2026-11-24 08:30"),
                     "the nearest are 2026-11-23 09:00 and 2026-11-24 09:00")


class OfficeAndSpecAgree(HandoverTest):
    def test_publish_refuses_a_spec_with_another_handover_in_both_locales(self):
        self.office("08:30")
        self.set_spec("2026-11-19", "2026-11-22", handover="09:00")
        self.refused(self.d("roster", "publish"),
                     "roster.yaml:2:11: the roster spec's handover 09:00 differs from the office's handover "
                     "08:30 in ", "office.yaml; make them the same (edit one of the two files)")
        self.refused(self.d("roster", "publish", env=ZH),
                     "roster.yaml:2:11: 排班规则的交接班时间09:00与", "office.yaml中值班室的交接班时间08:30不一致；"
                     "请修改其中一个文件使两者一致")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), [(0,)])

    def test_replan_refuses_once_the_office_handover_moved(self):
        self.office("08:30")
        self.set_spec("2026-12-20", "2026-12-31")
        self.publish()
        events = self.sql("SELECT count(*) FROM events")
        self.office("09:00")
        for env, needle in ((EN, "the roster spec's handover 08:30 differs from the office's handover 09:00"),
                            (ZH, "排班规则的交接班时间08:30与")):
            with self.subTest(env=env):
                self.refused(self.d("roster", "replan", "--from", "2026-12-25", "--reason", "leave", env=env), needle)
        self.assertEqual(self.sql("SELECT count(*) FROM events"), events)
        (self.ws / "roster.yaml").write_text(roster_yaml("2026-12-20", "2026-12-31", handover="09:00"),
                                             encoding="utf-8")
        self.ok("roster", "replan", "--from", "2026-12-25", "--reason", "leave")


tearDownModule = report_bad_input_cases

if __name__ == "__main__":
    unittest.main()
