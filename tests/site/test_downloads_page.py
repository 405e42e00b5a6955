"""The bulk-download page for people: the files of the manifest as a table in both languages,
cached like other pages but never while new files are on their way."""

import re

import pytest

from portal.api.export_hook import refresh_downloads
from portal.templating import file_size
from tests.conftest import commit_content


def text_of(response) -> str:
    """The decoded body of a response."""
    return response.get_data(as_text=True)


def test_before_the_first_export_the_page_says_the_files_are_coming(client):
    response = client.get("/downloads/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "批量下载文件正在生成或尚未生成，请稍后再试。" in text_of(response)
    assert "<table" not in text_of(response)


def test_the_page_lists_every_file_with_format_size_rows_and_licence(client, create_announcement):
    create_announcement(results=(("合格", []), ("不合格", ["标志"])))
    manifest = refresh_downloads(force=True)
    response = client.get("/downloads/")
    page = text_of(response)
    assert response.status_code == 200
    for entry in manifest["files"]:
        assert f'href="/api/v1/downloads/{entry["name"]}" download' in page
        assert entry["sha256"] in page
    batches = next(e for e in manifest["files"] if e["name"] == "batches.csv")
    assert "监督抽查批次（CSV 表格）" in page
    assert f'<td data-label="记录数">{batches["records"]}</td>' in page
    assert f'<td data-label="大小">{file_size(batches["size"])}</td>' in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in page
    assert re.search(r"<dt>生成时间</dt><dd>\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d</dd>", page)
    assert 'href="/api/v1/downloads"' in page
    assert 'href="/catalog.jsonld"' in page


def test_the_english_page_translates_titles_and_marks_nothing_chinese(client, create_category):
    create_category()
    commit_content()
    refresh_downloads(force=True)
    client.set_cookie("lang", "en")
    page = text_of(client.get("/downloads/"))
    assert "Spot-check batches (CSV spreadsheet)" in page
    assert "Licence" in page
    assert "Creative Commons Attribution 4.0" in page
    assert "监督抽查批次" not in page


def test_the_page_is_cached_until_content_changes(client, create_category):
    create_category()
    commit_content()
    refresh_downloads(force=True)
    first = client.get("/downloads/")
    assert "no-store" not in first.headers["Cache-Control"]
    assert (
        client.get("/downloads/", headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 304
    )


def test_a_stale_manifest_is_shown_but_never_stored(client, create_category):
    create_category()
    commit_content()
    refresh_downloads(force=True)
    commit_content()  # published again: the export is on its way
    stale = client.get("/downloads/")
    assert stale.status_code == 200
    assert "no-store" in stale.headers["Cache-Control"]
    assert "ETag" not in stale.headers
    fresh = refresh_downloads()
    page = text_of(client.get("/downloads/"))
    batches = next(e for e in fresh["files"] if e["name"] == "batches.csv")
    assert batches["sha256"] in page


def test_every_page_links_the_downloads_page_in_its_footer(client):
    assert '<a href="/downloads/">批量下载</a>' in text_of(client.get("/privacy"))


@pytest.mark.parametrize(
    ("size", "said"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"), (1536, "1.5 KB"), (5 * 2**20, "5.0 MB")],
)
def test_file_sizes_are_said_in_binary_units(size, said):
    assert file_size(size) == said


def test_huge_files_stay_in_the_largest_unit():
    assert file_size(3 * 2**50) == "3072.0 TB"
    assert file_size(None) == "—"
