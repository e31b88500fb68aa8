"""The German catalogue is complete and compiled: no English leaks into a German page."""

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"
ENTRY = re.compile(r'^msgid (".*?")\n(?:msgid_plural .*\n)?((?:msgstr.*\n(?:".*"\n)*)+)', re.M)


def _untranslated(po_text: str) -> list[str]:
    missing = []
    for block in po_text.split("\n\n"):
        if block.startswith("#~") or "#, fuzzy" in block and 'msgid ""\nmsgstr ""' not in block:
            if "#, fuzzy" in block:
                missing.append(block.splitlines()[-1])
            continue
        match = ENTRY.search(block + "\n")
        if not match or match.group(1) == '""':
            continue
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? (".*")((?:\n".*")*)', match.group(2), re.M)
        if any(first == '""' and not rest for first, rest in msgstrs):
            missing.append(match.group(1))
    return missing


def test_every_german_string_is_translated():
    po = (LOCALE / "de" / "LC_MESSAGES" / "django.po").read_text()
    assert _untranslated(po) == []


def test_compiled_german_catalogue_matches_its_source():
    """The committed .mo holds every translated message of the .po (nobody forgot to compile)."""
    folder = LOCALE / "de" / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001
    # Keys are "msgid", ("msgid", n) for plurals, or "context\x04msgid".
    compiled_ids = {
        (key[0] if isinstance(key, tuple) else key).split("\x04")[-1] for key in compiled
    }
    po = (folder / "django.po").read_text()
    source_ids = {
        ast.literal_eval(match.group(1))
        for match in ENTRY.finditer(po)
        if match.group(1) != '""' and not po[: match.start()].endswith("#, fuzzy\n")
    }
    single_line_ids = {msgid for msgid in source_ids if msgid}
    assert single_line_ids - compiled_ids == set()
