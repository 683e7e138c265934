"""Check the English catalogue: every message translated, none fuzzy, placeholders kept.

Vietnamese is the source language (the msgids), so only locale/en is checked for
completeness; locale/vi keeps empty msgstrs and falls back to the msgid. Run after
`manage.py makemessages -l en -l vi ...`:

    .venv/bin/python scripts/check_translations.py

Exits 1 and lists the offending entries if anything is missing or inconsistent.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%\.?\d*[sdf]|%%|\{[a-z_]*\}|<[^>]+>")


def parse(path: Path) -> list[dict]:
    """Entries as dicts: flags, msgid, msgid_plural, msgstr / msgstr[N] (obsolete skipped)."""
    entries: list[dict] = []
    entry: dict = {"flags": set()}
    key = None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {"flags": set()}, None
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def placeholders(text: str, python_format: bool) -> list[str]:
    found = PLACEHOLDER.findall(text)
    return sorted(found if python_format else [item for item in found if item != "%%"])


def main() -> int:
    problems = []
    entries = [entry for entry in parse(PO) if entry["msgid"]]
    for entry in entries:
        msgid = entry["msgid"]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {msgid!r}")
        pairs = (
            [
                (msgid, entry.get("msgstr[0]", "")),
                (entry["msgid_plural"], entry.get("msgstr[1]", "")),
            ]
            if "msgid_plural" in entry
            else [(msgid, entry.get("msgstr", ""))]
        )
        python_format = "python-format" in entry["flags"]
        for source, translation in pairs:
            if not translation:
                problems.append(f"untranslated: {source!r}")
            elif placeholders(source, python_format) != placeholders(translation, python_format):
                problems.append(f"placeholders differ: {source!r} -> {translation!r}")
    for problem in problems:
        print(problem)
    print(f"{len(entries)} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
