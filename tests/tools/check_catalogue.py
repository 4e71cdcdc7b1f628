#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that every message duty can show has a Chinese translation.

Extracts every msgid from the sources with xgettext (keywords tr, trc:1c,2, trf:1, trn:1,2 and
N_, as common/i18n.hpp defines them), joins po/zh_CN/*.po as the build does (msgcat --use-first) and
lists each msgid that has no translation or only a fuzzy one, with the file and line it comes
from. Exit 0 when every message is translated, 1 when some are not, 77 (skipped) when the gettext
tools are not installed.

    check_catalogue.py SOURCE_DIR [FILE ...]

With FILEs (paths relative to SOURCE_DIR), only their messages are checked.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

DIRS = ["common", "roster", "reports", "cli"]
KEYWORDS = ["--keyword=tr", "--keyword=trc:1c,2", "--keyword=trf:1", "--keyword=trn:1,2", "--keyword=N_"]


def run(args, **kw):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run(args, check=True, capture_output=True, text=True, env=env, **kw)


def entries(po_text):
    """(msgid, msgid_plural, translated, fuzzy, references) of each entry but the header."""
    out = []
    for block in re.split(r"\n\s*\n", po_text):
        lines = [l for l in block.splitlines() if not l.startswith("#~")]
        if not any(l.startswith("msgid ") for l in lines):
            continue
        fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in lines)
        refs = " ".join(l[3:] for l in lines if l.startswith("#: "))
        fields = {}
        key = None
        for l in lines:
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', l)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif l.startswith('"') and key:
                fields[key] += l[1:-1]
        msgid = fields.get("msgid", "")
        if not msgid:
            continue
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        out.append((msgid, fields.get("msgid_plural"), bool(strs) and all(strs), fuzzy, refs))
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = pathlib.Path(sys.argv[1]).resolve()
    for tool in ("xgettext", "msgcat", "msgmerge"):
        if not shutil.which(tool):
            print(f"skipped: {tool} is not installed (Debian package gettext)")
            return 77
    if len(sys.argv) > 2:
        files = sys.argv[2:]
    else:
        files = sorted(str(p.relative_to(source)) for d in DIRS for p in (source / d).rglob("*")
                       if p.suffix in (".cpp", ".hpp"))
    pos = sorted(str(p) for p in (source / "po" / "zh_CN").glob("*.po"))
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "duty.pot")
        joined = os.path.join(tmp, "zh_CN.po")
        merged = os.path.join(tmp, "merged.po")
        run(["xgettext", "--from-code=UTF-8", "--language=C++", *KEYWORDS, "--no-wrap", "-o", pot, *files],
            cwd=source)
        if not os.path.exists(pot):
            print("no messages found")
            return 0
        run(["msgcat", "--use-first", "--no-wrap", "-o", joined, *pos])
        run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap", "-o", merged, joined, pot])
        with open(merged, encoding="utf-8") as f:
            checked = [e for e in entries(f.read())]
    missing = [e for e in checked if not e[2] or e[3]]
    for msgid, plural, _, fuzzy, refs in missing:
        what = "fuzzy" if fuzzy else "untranslated"
        shown = msgid + (f" | {plural}" if plural else "")
        print(f"{refs}: {what}: \"{shown}\"")
    print(f"{len(checked)} messages, {len(checked) - len(missing)} translated, {len(missing)} missing "
          f"(po/zh_CN/*.po)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
