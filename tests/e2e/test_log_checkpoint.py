# SPDX-License-Identifier: Apache-2.0
"""The chain cannot be silently shortened or rewritten (issue 13). `duty log verify --expect N:HASH`
checks the chain against a head printed on paper; `duty log checkpoint` appends the chain's head
signed with the office's Ed25519 key, so an attacker who rewrites an event and recomputes every
(unkeyed) hash after it, which plain verification cannot notice, fails `log verify`."""
import hashlib
import os
import stat
import unittest

from harness import count_bad_input, report_bad_input_cases
from incident_support import OFFICE_YAML, IncidentTest

tearDownModule = report_bad_input_cases

KEYS = "signing_key: signing-key.pem\npublic_key: public-key.pem\n"

SETUP = [
    ("incident", "add", "--title", "Flooded underpass", "--category", "flood", "--received", "2026-11-20 08:00"),
    ("incident", "add", "--title", "Bus crash", "--category", "road-traffic", "--received", "2026-11-20 09:00"),
    ("incident", "update", "2026-0001", "--deaths", "1", "--at", "2026-11-20 10:00", "--note", "one drowned"),
    ("note", "add", "Pump 3 is out of order", "--at", "2026-11-20 11:30"),
]


def rehash(test, start=1):
    """The attacker's tool: recomputes every prev_hash and hash from event `start` on, as duty would
    (on the test's store, SQLite or PostgreSQL, through test.sql)."""
    rows = test.sql("SELECT seq, type, subject, at, recorded_at, by, data, prev_hash, hash FROM events ORDER BY seq")
    prev = "0" * 64
    for seq, type_, subject, at, recorded_at, by, data, stored_prev, stored_hash in rows:
        if seq < start:
            prev = stored_hash
            continue
        text = f"{prev}\n{seq}\n{type_}\n{subject}\n{at}\n{recorded_at}\n{by}\n{data}"
        h = hashlib.sha256(text.encode("utf-8")).hexdigest()
        test.sql("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", prev, h, seq)
        prev = h


class LogTest(IncidentTest):
    office = OFFICE_YAML

    def setUp(self):
        super().setUp()
        self.make_workspace(self.office)
        for args in SETUP:
            self.ok(*args)

    def head(self):
        return self.sql("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")[0]

    def rewrite_title(self):
        """Renames incident 2026-0001 in its event and in the listing, then re-hashes the chain."""
        self.sql("UPDATE events SET data = replace(data, 'Flooded underpass', 'Wet road') WHERE seq = 2")
        self.sql("UPDATE incidents SET title = 'Wet road' WHERE id = '2026-0001'")
        rehash(self)


class ExpectTest(LogTest):
    def test_the_head_printed_on_paper_matches(self):
        seq, h = self.head()
        r = self.ok("log", "verify", "--expect", f"{seq}:{h[:12]}", "--expect", f"2:{self.sql('SELECT hash FROM events WHERE seq = 2')[0][0].upper()}")
        self.assertEqual(r.out.splitlines()[0], f"ok: {seq} events verified")
        self.assertIn(f"ok: event {seq} has hash {h}", r.out.splitlines())

    def test_a_truncated_tail_is_caught(self):
        # The thorough attacker: the last incident's events and every row built from them go, so the
        # chain and the projections agree with each other and plain verification passes.
        seq, h = self.head()
        self.ok("incident", "add", "--title", "Late fire", "--category", "fire", "--received", "2026-11-20 12:00")
        seq, h = self.head()
        self.sql("DELETE FROM events WHERE seq = ?", seq)
        self.sql("DELETE FROM incidents WHERE id = '2026-0003'")
        self.sql("DELETE FROM requirements WHERE incident = '2026-0003'")
        self.assertEqual(self.ok("log", "verify").out, f"ok: {seq - 1} events verified\n")
        r = self.d("log", "verify", "--expect", f"{seq}:{h[:12]}")
        self.assertExit(r, 1)
        prev = self.head()
        self.assertEqual(r.err, f"duty: error: --expect {seq}:{h[:12]}: event {seq} is missing: the log ends at event "
                                f"{prev[0]} {prev[1][:12]}; it was shortened after that record was made, or this is "
                                "not the office's store\n")
        self.assertEqual(r.out, "")

    def test_a_rehashed_rewrite_is_caught_by_the_head_on_paper(self):
        seq, h = self.head()
        self.rewrite_title()
        self.assertEqual(self.ok("log", "verify").out, f"ok: {seq} events verified\n")
        r = self.d("log", "verify", "--expect", f"{seq}:{h}")
        self.assertExit(r, 1)
        self.assertEqual(r.err, f"duty: error: --expect {seq}:{h}: event {seq} has hash {self.head()[1][:12]}, not {h}: "
                                "the log was rewritten after that record was made, or this is not the office's store\n")

    def test_bad_expectations(self):
        for value, why in [("5", "has no ':'"), ("x:0123456789ab", "does not start with an event number (1 or more)"),
                           ("0:0123456789ab", "does not start with an event number (1 or more)"),
                           ("3:0123456789a", "has fewer than 12 hex digits of the hash"),
                           ("3:0123456789ag", "has a hash that is not hexadecimal"),
                           ("3:" + "0" * 65, "has more hex digits than a SHA-256 hash (64)")]:
            with self.subTest(value=value):
                r = self.d("log", "verify", "--expect", value)
                self.assertExit(r, 2)
                self.assertEqual(r.err, f"duty: error: --expect: '{value}' {why}; expected N:HASH, the event number "
                                        "and at least 12 hex digits of its hash (as printed on a record: 第N条 HASH)\n")
                count_bad_input()


class CheckpointTest(LogTest):
    office = OFFICE_YAML + KEYS

    def fingerprint(self):
        pem = (self.ws / "public-key.pem").read_text()
        der = __import__("base64").b64decode("".join(pem.splitlines()[1:-1]))
        return hashlib.sha256(der[-32:]).hexdigest()

    def test_init_makes_the_key_pair(self):
        mode = stat.S_IMODE(os.stat(self.ws / "signing-key.pem").st_mode)
        self.assertEqual(mode, 0o600)
        self.assertIn("PRIVATE KEY", (self.ws / "signing-key.pem").read_text())
        self.assertIn("PUBLIC KEY", (self.ws / "public-key.pem").read_text())

    def test_a_rehashed_rewrite_fails_with_a_checkpoint(self):
        seq, h = self.head()
        r = self.ok("log", "checkpoint")
        self.assertEqual(r.out, f"signed: event {seq} {h} (checkpoint at event {seq + 1}, key {self.fingerprint()})\n"
                                f"Log check: event {seq} {h[:12]}\n")
        self.ok("incident", "update", "2026-0002", "--injured", "3", "--at", "2026-11-20 12:00", "--note", "three hurt")
        r = self.ok("log", "verify")
        self.assertEqual(r.out.splitlines(), [
            f"ok: {seq + 2} events verified",
            f"signed: event {seq} {h} (checkpoint at event {seq + 1}, key {self.fingerprint()})",
            "not yet signed: 1 event after it"])

        self.rewrite_title()
        # Every hash was recomputed, so the chain alone verifies; the signed checkpoint does not.
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertEqual(r.err.splitlines()[0],
                         f"duty: error: the checkpoint at event {seq + 1} does not verify: it signs event {seq} with "
                         f"hash {h[:12]} but the chain has {self.head_at(seq)[:12]} there: events up to it were "
                         "changed after it was signed and their hashes recomputed")

    def head_at(self, seq):
        return self.sql("SELECT hash FROM events WHERE seq = ?", seq)[0][0]

    def test_a_forged_checkpoint_fails(self):
        self.ok("log", "checkpoint")
        self.rewrite_title()
        # The attacker also puts the new hash into the checkpoint: the signature no longer matches.
        seq = self.head()[0]
        new = self.head_at(seq - 1)
        self.sql("UPDATE events SET data = json_set(data, '$.hash', ?) WHERE seq = ?", new, seq)
        rehash(self)
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertEqual(r.err.splitlines(), [
            f"duty: error: the checkpoint at event {seq} does not verify: its signature does not verify with the public "
            f"key {self.fingerprint()}: the events up to it were rewritten and their hashes recomputed, or the "
            "checkpoint was forged"])

    def test_checkpoints_without_a_public_key_fail(self):
        self.ok("log", "checkpoint")
        (self.ws / "office.yaml").write_text(OFFICE_YAML, encoding="utf-8")
        r = self.d("log", "verify")
        self.assertExit(r, 1)
        self.assertEqual(r.err, "duty: error: the log holds 1 signed checkpoint but no public key to check them with; "
                                "set public_key: in office.yaml or pass --public-key FILE\n")
        r = self.ok("log", "verify", "--public-key", self.ws / "public-key.pem")
        self.assertIn(f"key {self.fingerprint()})", r.out.splitlines()[1])

    def test_a_key_and_no_checkpoint_warns(self):
        r = self.ok("log", "verify")
        self.assertEqual(r.out, f"ok: {self.head()[0]} events verified\n")
        self.assertEqual(r.err, "duty: warning: the log holds no checkpoint signed with the public key "
                                f"{self.fingerprint()} yet, so a rewrite with recomputed hashes would go unnoticed; "
                                "'duty log checkpoint' signs its head\n")

    def test_another_key_does_not_verify(self):
        self.ok("log", "checkpoint")
        self.ok("key", "init", "--private", self.tmp / "other.pem", "--public", self.tmp / "other.pub")
        r = self.d("log", "verify", "--public-key", self.tmp / "other.pub")
        self.assertExit(r, 1)
        self.assertIn(f"it was signed by key {self.fingerprint()}, which is not among the public keys given", r.err)

    def test_no_checkpoint_of_a_broken_chain(self):
        self.sql("UPDATE events SET by = 'someone' WHERE seq = 2")
        before = self.sql("SELECT count(*) FROM events")
        r = self.d("log", "checkpoint")
        self.assertExit(r, 1)
        self.assertEqual(r.err.splitlines()[1], "duty: nothing was signed: a checkpoint would vouch for a log that does "
                                                "not verify")
        self.assertEqual(self.sql("SELECT count(*) FROM events"), before)

    def test_key_files_are_never_overwritten_or_followed(self):
        before = (self.ws / "signing-key.pem").read_bytes()
        r = self.d("key", "init")
        self.assertExit(r, 2)
        self.assertIn("signing-key.pem already exists; nothing was changed", r.err)
        self.assertEqual((self.ws / "signing-key.pem").read_bytes(), before)
        count_bad_input()
        # A symlink planted where the key would go is refused, and its target is never written.
        target = self.tmp / "target"
        target.write_text("keep")
        os.symlink(target, self.tmp / "planted.pem")
        r = self.d("key", "init", "--private", self.tmp / "planted.pem", "--public", self.tmp / "p.pub")
        self.assertExit(r, 2)
        self.assertEqual(target.read_text(), "keep")
        self.assertFalse((self.tmp / "p.pub").exists())
        count_bad_input()
        r = self.ok("key", "init", "--force")
        self.assertNotEqual((self.ws / "signing-key.pem").read_bytes(), before)
        self.assertEqual(stat.S_IMODE(os.stat(self.ws / "signing-key.pem").st_mode), 0o600)
        self.assertEqual([p.name for p in self.ws.iterdir() if ".tmp-" in p.name], [])

    def test_a_private_key_others_can_read_is_refused(self):
        os.chmod(self.ws / "signing-key.pem", 0o644)
        r = self.d("log", "checkpoint")
        self.assertExit(r, 2)
        self.assertIn("may be read by others (mode 0644)", r.err)
        count_bad_input()

    def test_a_missing_or_wrong_key_file(self):
        r = self.d("log", "checkpoint", "--key", self.tmp / "none.pem")
        self.assertExit(r, 2)
        self.assertIn("--key: " + str(self.tmp / "none.pem") + " does not exist; run 'duty key init'", r.err)
        r = self.d("log", "checkpoint", "--key", self.ws / "office.yaml")
        self.assertExit(r, 2)
        count_bad_input(2)


if __name__ == "__main__":
    unittest.main()
