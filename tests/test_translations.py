"""Dutch first, English complete: every UI string has an English translation."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "woonafspraken"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(po_text: str) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) from a .po file (single form entries)."""
    entries = {}
    for block in po_text.split("\n\n"):
        fuzzy = "#, fuzzy" in block
        parts = re.split(r"^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d\]) ", block, flags=re.M)
        fields = {}
        for key, value in zip(parts[1::2], parts[2::2], strict=False):
            lines = re.findall(r'^"(.*)"$', value, flags=re.M)
            fields[key] = (
                "".join(lines).encode().decode("unicode_escape").encode("latin-1").decode()
            )
        if fields.get("msgid"):
            entries[fields["msgid"]] = (fields.get("msgstr", fields.get("msgstr[0]", "")), fuzzy)
    return entries


def test_every_dutch_string_has_an_english_translation():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 100
    missing = [m for m, (s, fuzzy) in entries.items() if not s or fuzzy]
    assert missing == []


def test_the_compiled_catalogue_matches_the_po_file():
    entries = _entries(PO.read_text(encoding="utf-8"))
    with MO.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    stale = [m for m, (s, _) in entries.items() if catalogue.gettext(m) != s]
    assert stale == []


def test_no_ui_string_is_missing_from_the_catalogue(tmp_path):
    assert shutil.which("xgettext"), "gettext ontbreekt: `make test` installeert het"
    copy = tmp_path / "woonafspraken"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "woonafspraken.settings",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(PACKAGE.parent),
        },
    )
    fresh = set(_entries((copy / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")))
    committed = set(_entries(PO.read_text(encoding="utf-8")))
    assert sorted(fresh - committed) == []


def test_every_entry_of_the_catalogue_stands_apart():
    """Two entries run together (a merge of lines added at the end: the next ``msgid`` or
    comment straight after a ``msgstr`` line or its continuation) make the .po parser drop
    an entry without a word; every entry must be preceded by a blank line."""
    lines = PO.read_text(encoding="utf-8").splitlines()
    joined = [
        number + 1
        for number in range(1, len(lines))
        if re.match(r'(msgstr|")', lines[number - 1]) and re.match(r"(msgid |#)", lines[number])
    ]
    assert joined == [], f"entries run together at lines {joined} of {PO.name}"
