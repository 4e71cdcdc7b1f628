# SPDX-License-Identifier: Apache-2.0
"""Shared set-up for the roster publishing tests: a workspace with a small roster spec whose people,
leave and rules the test controls. Not a test module itself (CTest only picks up test_*.py)."""
import sqlite3

from incident_support import IncidentTest

OFFICE = """\
office:
  name: Test County Duty Office
  timezone: {tz}
  handover: "{handover}"
  locale: en
roster: roster.yaml
chain:
  - {{id: prefecture, name: Prefecture EMB}}
escalation:
  - {{match: {{}}, to: [prefecture], via: written, within: 2h}}
"""

PEOPLE = {
    "ldr-a": ("leaders", "Leader A", "1001"),
    "ldr-b": ("leaders", "Leader B", "1002"),
    "ldr-c": ("leaders", "Leader C", "1003"),
    "off-a": ("staff", "Officer A", "2001"),
    "off-b": ("staff", "Officer B", "2002"),
    "off-c": ("staff", "Officer C", "2003"),
    "off-d": ("staff", "Officer D", "2004"),
}


def roster_yaml(frm, to, tz="Asia/Shanghai", handover="08:30", leave=None, rest=1, extra_rules="", holidays=""):
    """A roster spec: one leader and one officer a shift; `leave` maps person id -> list of dates."""
    leave = leave or {}
    lines = [f"timezone: {tz}", f'handover: "{handover}"', f"period: {{from: {frm}, to: {to}}}", "slots:",
             "  - {id: leader, name: Leader on duty, group: leaders, count: 1}",
             "  - {id: officer, name: Duty officer, group: staff, count: 1}", "people:"]
    for pid, (group, name, phone) in PEOPLE.items():
        un = f", unavailable: [{', '.join(leave[pid])}]" if pid in leave else ""
        lines.append(f'  - {{id: {pid}, name: {name}, groups: [{group}], phone: "{phone}"{un}}}')
    lines.append(f"rules: {{min_rest_days: {rest}{extra_rules}}}")
    if holidays:
        lines.append(f"holidays: {holidays}")
    return "\n".join(lines) + "\n"


class PublishTest(IncidentTest):
    def make_office(self, frm="2027-01-01", to="2027-01-31", tz="Asia/Shanghai", handover="08:30", **kw):
        self.make_workspace(OFFICE.format(tz=tz, handover=handover))
        self.set_spec(frm, to, tz=tz, handover=handover, **kw)

    def set_spec(self, frm, to, **kw):
        (self.ws / "roster.yaml").write_text(roster_yaml(frm, to, **kw), encoding="utf-8")

    def publish(self, *args):
        r = self.d("roster", "publish", "--format", "json", *args)
        self.assertExit(r, 0)
        return r.json()

    def show(self, *args):
        return self.ok("roster", "show", "--format", "json", *args).json()

    def who(self, at):
        return self.ok("who", "--at", at, "--format", "json").json()

    def assignments(self, plan):
        return {s["date"]: s["assignments"] for s in plan["shifts"]}

    def state(self):
        """What a refused command must leave unchanged: every event and projection row."""
        if self.pg_db:
            dsn = self.pg_db_for(self.ws)
            return (self.pg_sql("SELECT * FROM events ORDER BY seq", dsn=dsn),
                    self.pg_sql("SELECT * FROM roster_shifts ORDER BY date", dsn=dsn))
        conn = sqlite3.connect(self.db)
        try:
            return (conn.execute("SELECT * FROM events ORDER BY seq").fetchall(),
                    conn.execute("SELECT * FROM roster_shifts ORDER BY date").fetchall())
        finally:
            conn.close()
