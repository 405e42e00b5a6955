"""Checks of the English catalogue: every marked string translated, none fuzzy, the .mo current.

`python -m portal.i18n_catalogue` lists what still needs a translator (tools/translations.sh
missing); the tests call the same functions.
"""

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from portal.config import PROJECT_ROOT

CATALOGUE_DIR = PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE_DIR / "messages.po"
MO_PATH = CATALOGUE_DIR / "messages.mo"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_gettext": None,
    "N_": None,
    "_l": None,
}
METHODS = [
    ("portal/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("templates/**.txt", "jinja2"),
    ("templates/**.webmanifest", "jinja2"),
]
TEMPLATES = [pattern for pattern, method in METHODS if method == "jinja2"]


def load_po(path: Path = PO_PATH):
    """The English catalogue as Babel reads it."""
    with path.open("rb") as handle:
        return read_po(handle, locale="en")


def message_id(message) -> str:
    """The singular msgid of a catalogue message."""
    return message.id if isinstance(message.id, str) else message.id[0]


def untranslated(catalogue) -> list[str]:
    """Msgids with an empty or fuzzy translation."""
    return [
        message_id(m)
        for m in catalogue
        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]


def extracted_ids(root: Path = PROJECT_ROOT) -> set[str]:
    """Every msgid marked in the sources, as babel.cfg extracts them."""
    found = extract_from_dir(
        str(root),
        method_map=METHODS,
        keywords=KEYWORDS,
        options_map={pattern: {"extensions": "jinja2.ext.i18n"} for pattern in TEMPLATES},
    )
    ids = set()
    for _filename, _lineno, message, _comments, _context in found:
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def unextracted(catalogue, root: Path = PROJECT_ROOT) -> list[str]:
    """Marked strings the catalogue lacks (tools/translations.sh update was not run)."""
    known = {message_id(m) for m in catalogue if m.id}
    return sorted(extracted_ids(root) - known)


def stale_mo(catalogue, mo_path: Path = MO_PATH) -> list[str]:
    """Msgids whose compiled translation differs from the .po (or is absent from the .mo)."""
    if not mo_path.exists():
        return ["<no .mo file: run tools/translations.sh compile>"]
    with mo_path.open("rb") as handle:
        compiled = read_mo(io.BytesIO(handle.read()))
    stale = []
    for message in catalogue:
        if not message.id:
            continue
        other = compiled.get(message.id, message.context)
        if other is None or forms(other.string) != forms(message.string):
            stale.append(message_id(message))
    return stale


def forms(string) -> tuple[str, ...]:
    """A translation's forms: one, or the plural forms (a list in a .mo, a tuple in a .po)."""
    return (string,) if isinstance(string, str) else tuple(string)


def main() -> int:
    """Print what a translator still has to do; exit 1 when anything is left."""
    catalogue = load_po()
    problems = {
        "not extracted yet (run: sh tools/translations.sh update)": unextracted(catalogue),
        "empty or fuzzy in messages.po": untranslated(catalogue),
        "not compiled yet (run: sh tools/translations.sh compile)": stale_mo(catalogue),
    }
    for title, ids in problems.items():
        if ids:
            print(f"{title}:")
            for msgid in ids:
                print(f"  {msgid!r}")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
