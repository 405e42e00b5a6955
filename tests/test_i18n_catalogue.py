"""The English catalogue is complete and compiled: no empty or fuzzy entry, nothing marked in
the sources missing from it, placeholders kept, and the .mo built from the current .po."""

import shutil

from babel.messages.mofile import write_mo

from portal.i18n_catalogue import (
    load_po,
    stale_mo,
    unextracted,
    untranslated,
)


def test_no_entry_is_empty_or_fuzzy():
    assert untranslated(load_po()) == []


def test_every_marked_string_is_in_the_catalogue():
    # Fails after new strings are marked until `sh tools/translations.sh update` is run.
    assert unextracted(load_po()) == []


def test_translations_keep_the_placeholders():
    problems = [
        (message.id, [str(error) for error in errors])
        for message, errors in load_po().check()
        if errors
    ]
    assert problems == []


def test_the_compiled_catalogue_matches_the_po():
    # Fails after the .po changed until `sh tools/translations.sh compile` is run.
    assert stale_mo(load_po()) == []


def test_a_stale_mo_is_noticed(tmp_path):
    catalogue = load_po()
    mo_path = tmp_path / "messages.mo"
    for message in catalogue:
        if message.id == "首页":
            message.string = "Start"
    with mo_path.open("wb") as handle:
        write_mo(handle, catalogue)
    fresh = load_po()
    assert stale_mo(fresh, mo_path) == ["首页"]
    assert stale_mo(fresh, tmp_path / "missing.mo") != []


def test_an_empty_translation_is_noticed(tmp_path):
    copy = tmp_path / "messages.po"
    shutil.copy(load_po.__defaults__[0], copy)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace('msgstr "Home"', 'msgstr ""'), encoding="utf-8")
    assert "首页" in untranslated(load_po(copy))
