"""Every page type in a real browser: axe-core finds nothing serious, nothing scrolls sideways,
and the Content-Security-Policy blocks nothing."""

import pytest

from tests.browser.conftest import WIDTHS

PAGE_TYPES = [
    "home",
    "announcement list",
    "announcement",
    "recall list",
    "recall",
    "regulation list",
    "regulation",
    "category list",
    "category",
    "enterprise",
    "stats",
    "search",
    "feeds",
    "feed page",
    "privacy",
    "accessibility",
    "contact",
    "downloads",
    "participate",
    "complaint form",
    "suggestion form",
    "tracking",
    "not found",
    "page beyond the last",
    "api docs",
    "plan",
    "campaign list",
    "open campaign",
    "closed campaign",
]

SCROLL_WIDTH = "document.documentElement.scrollWidth"
# Collects Content-Security-Policy violations (blocked inline code, foreign assets) of a page.
CSP_LISTENER = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)
SERIOUS = ("serious", "critical")


def axe_findings(tab, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations of the open page, one line each."""
    tab.evaluate(axe_source)
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_passes_axe_and_fits_every_width(browser, site, axe_source, page_type):
    base_url, paths = site
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.add_init_script(CSP_LISTENER)
    problems = []
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 844})
        tab.goto(base_url + paths[page_type])
        problems += [f"{width}px: CSP blocked {v}" for v in tab.evaluate("window.__csp")]
        problems += [f"{width}px: {finding}" for finding in axe_findings(tab, axe_source)]
        problems += sideways(tab, f"{width}px")
    # 200 % text size (the root font doubled) on a 390 px phone.
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.evaluate("document.documentElement.style.fontSize = '225%'")
    problems += sideways(tab, "390px at 200 % text")
    tab.close()
    assert problems == []


def sideways(tab, where: str) -> list[str]:
    """A problem line when the page scrolls sideways."""
    overflow = tab.evaluate(f"{SCROLL_WIDTH} - innerWidth")
    return [f"{where}: scrolls {overflow}px sideways"] if overflow > 0 else []


ENGLISH_PAGE_TYPES = [
    "home",
    "announcement",
    "regulation",
    "stats",
    "search",
    "complaint form",
    "downloads",
    "api docs",
]


@pytest.mark.parametrize("page_type", ENGLISH_PAGE_TYPES)
def test_english_page_passes_axe_and_fits_a_small_phone(browser, site, axe_source, page_type):
    base_url, paths = site
    tab = browser.new_page(viewport={"width": 320, "height": 844})
    tab.context.add_cookies([{"name": "lang", "value": "en", "url": base_url}])
    problems = []
    for width in (1280, 320):
        tab.set_viewport_size({"width": width, "height": 844})
        tab.goto(base_url + paths[page_type])
        assert tab.evaluate("document.documentElement.lang") == "en"
        problems += [f"{width}px: {finding}" for finding in axe_findings(tab, axe_source)]
        problems += sideways(tab, f"{width}px")
    tab.close()
    assert problems == []
