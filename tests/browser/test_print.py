"""Printed announcements and regulations: the content alone, batch tables as real tables."""

import pytest

HIDDEN_IN_PRINT = [".site-header nav", ".header-search", ".site-footer", ".breadcrumb"]
DISPLAY = "el => getComputedStyle(el).display"


@pytest.mark.parametrize("page_type", ["announcement", "regulation"])
def test_print_shows_the_content_without_navigation(browser, site, page_type):
    base_url, paths = site
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(base_url + paths[page_type])
    tab.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert tab.locator(selector).evaluate(DISPLAY) == "none", selector
    assert tab.locator("main h1").is_visible()
    assert tab.locator("body").evaluate("el => getComputedStyle(el).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    pdf = tab.pdf(format="A4")
    tab.close()
    assert pdf.startswith(b"%PDF")


def test_printed_batch_table_is_a_table_with_its_header_on_every_sheet(browser, site):
    base_url, paths = site
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(base_url + paths["announcement"])
    tab.emulate_media(media="print")
    table = tab.locator(".batch-table")
    assert table.evaluate(DISPLAY) == "table"
    assert table.locator("thead").evaluate(DISPLAY) == "table-header-group"
    assert table.locator("tbody td").first.evaluate(DISPLAY) == "table-cell"
    assert table.locator("tbody td").first.evaluate(
        "el => getComputedStyle(el, '::before').content"
    ) in ("none", "normal")
    tab.close()
