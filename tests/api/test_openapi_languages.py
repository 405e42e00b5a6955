"""The OpenAPI document and the /api/docs page in English: every description translated, the
machine parts unchanged, and the caches never serving one language to a reader of the other."""

import re

import pytest

from portal.i18n import DOMAIN_VALUES
from tests.english import CJK, LeakFinder, chinese_leaks

DOCUMENT = "/api/v1/openapi.json"
TEXT_KEYS = ("summary", "description")
# Chinese an English description may quote besides enumerated values: the closed vocabularies
# stored in Chinese (高/中/低), an example category name, an article label, the campaign's name.
QUOTED = {*DOMAIN_VALUES, "电线电缆", "第二十条", "你点我检"}
CJK_RUN = re.compile(f"{CJK.pattern}+(?:[ /·]+{CJK.pattern}+)*")


def texts(node, path=()):
    """(path, text) of every summary and description string in a document node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, (*path, index))


def without_text(node):
    """A document node with every summary and description blanked (its machine parts)."""
    if isinstance(node, dict):
        return {
            k: "" if k in TEXT_KEYS and isinstance(v, str) else without_text(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [without_text(value) for value in node]
    return node


def enum_values(node) -> set[str]:
    """Every enumerated value of a document (literal arguments such as 合格)."""
    found = set()
    if isinstance(node, dict):
        found.update(
            str(value) for value in node.get("enum", []) if isinstance(node.get("enum"), list)
        )
        for value in node.values():
            found |= enum_values(value)
    elif isinstance(node, list):
        for value in node:
            found |= enum_values(value)
    return found


@pytest.fixture
def documents(client):
    """The Chinese and the English document."""
    chinese = client.get(DOCUMENT).get_json()
    english = client.get(DOCUMENT, headers={"Accept-Language": "en"}).get_json()
    return chinese, english


def test_the_document_stays_chinese_by_default(client):
    for headers in ({}, {"Accept-Language": "zh-CN,zh;q=0.9"}, {"Accept-Language": "fr"}):
        response = client.get(DOCUMENT, headers=headers)
        assert response.headers["Content-Language"] == "zh-Hans"
        assert response.get_json()["info"]["title"] == "质量信息公开平台开放数据接口"


def test_accept_language_or_the_lang_argument_asks_for_english(client):
    by_header = client.get(DOCUMENT, headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"})
    by_argument = client.get(DOCUMENT + "?lang=en", headers={"Accept-Language": "zh-CN"})
    for response in (by_header, by_argument):
        assert response.headers["Content-Language"] == "en"
        info = response.get_json()["info"]
        assert info["title"] == "Product Quality Information Portal open-data API"
        assert "120 per minute" in info["description"]
        assert not CJK.search(info["description"])
    chosen = client.get(DOCUMENT + "?lang=zh", headers={"Accept-Language": "en"})
    assert chosen.get_json()["info"]["title"] == "质量信息公开平台开放数据接口"


def test_every_description_and_summary_is_translated(documents):
    chinese, english = documents
    allowed = enum_values(chinese) | QUOTED
    english_texts = dict(texts(english))
    translated = 0
    for path, text in texts(chinese):
        if not CJK.search(text):
            continue
        said = english_texts[path]
        assert said != text, f"not in the catalogue: {text!r}"
        quoted = set(CJK_RUN.findall(said))
        assert quoted <= allowed, (path, said)
        translated += 1
    assert translated > 150


def test_only_words_differ_between_the_languages(documents):
    chinese, english = documents
    chinese["info"].pop("title"), english["info"].pop("title")
    assert without_text(english) == without_text(chinese)
    assert english["components"]["schemas"]["Batch"]["properties"]["result"]["description"] == (
        "合格 (passed) or 不合格 (failed)"
    )


def test_each_language_has_its_own_validators_and_cache_entry(client):
    chinese = client.get(DOCUMENT)
    english = client.get(DOCUMENT, headers={"Accept-Language": "en"})
    assert "Accept-Language" in chinese.headers["Vary"]
    assert "Accept-Language" in english.headers["Vary"]
    assert chinese.headers["ETag"] != english.headers["ETag"]
    by_argument = client.get(DOCUMENT + "?lang=en&junk=1")
    assert by_argument.get_json() == english.get_json()
    # A client holding the Chinese copy gets the English one in full, not a 304.
    asked = {"Accept-Language": "en", "If-None-Match": chinese.headers["ETag"]}
    assert client.get(DOCUMENT, headers=asked).status_code == 200
    assert client.get(DOCUMENT).get_json()["info"]["title"] == "质量信息公开平台开放数据接口"
    again = client.get(DOCUMENT, headers={"If-None-Match": chinese.headers["ETag"]})
    assert again.status_code == 304


def test_the_english_docs_page_shows_the_english_reference(client):
    client.set_cookie("lang", "en")
    page = client.get("/api/docs").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert chinese_leaks(page) == []
    assert 'href="/api/v1/openapi.json?lang=en"' in page
    batches = page.split('id="get-api-v1-batches"')[1].split("</article>")[0]
    assert "<caption>Parameters</caption>" in batches
    assert "Invalid arguments (the errors field names each one)" in batches
    assert "1–100; default 20" in batches
    assert 'values: <span lang="zh-Hans">合格</span>, <span lang="zh-Hans">不合格</span>' in batches
    assert "Spot-check announcements and their batches" in page


def test_the_english_docs_page_marks_only_quoted_values_as_chinese(client):
    chinese = client.get(DOCUMENT).get_json()
    client.set_cookie("lang", "en")
    page = client.get("/api/docs").get_data(as_text=True)
    main = page.split("<main")[1].split("</main>")[0]
    finder = LeakFinder()
    finder.feed(main)
    marked = {piece for piece in finder.content if piece}
    assert marked
    assert marked <= enum_values(chinese) | QUOTED


def test_the_docs_page_ignores_accept_language(client):
    page = client.get("/api/docs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    assert "<caption>参数</caption>" in page
