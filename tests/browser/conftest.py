"""Browser fixtures: one seeded site and one Debian chromium for the whole package.

The tests skip with a reason when chromium, playwright, axe-core, Java or the Nu HTML checker
is missing; `.ci/run` installs them all, so they run in CI.
"""

import shutil
from pathlib import Path

import pytest

from tests.browser.server import sample_paths, serve_demo_site

NODE_MODULES = Path(__file__).parent / "node_modules"
AXE_PATH = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Widths every page type is checked at: desktop, a common phone, a small phone.
WIDTHS = (1280, 390, 320)


@pytest.fixture(scope="package")
def chromium_path() -> str:
    """The system chromium, or a skip saying how to install it."""
    path = shutil.which("chromium")
    if not path:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    return path


@pytest.fixture(scope="package")
def served(database_url):
    """A small seeded demo site served on 127.0.0.1: (base URL, app, sample paths)."""
    with serve_demo_site(database_url) as (base_url, app):
        yield base_url, app, sample_paths(app)


@pytest.fixture(scope="package")
def site(served):
    """The served site as (base URL, sample paths by page type)."""
    return served[0], served[2]


@pytest.fixture(scope="package")
def site_app(served):
    """The served site's app (to create staff accounts)."""
    return served[1]


@pytest.fixture(scope="package")
def browser(chromium_path):
    """One headless chromium for every browser test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh tab at phone size (390 x 844)."""
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    yield tab
    tab.close()


@pytest.fixture(scope="package")
def axe_source() -> str:
    """The axe-core script (npm install --prefix tests/browser axe-core, as in .ci/run)."""
    if not AXE_PATH.exists():
        pytest.skip(f"axe-core is not installed at {AXE_PATH} (see .ci/run)")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def vnu_command() -> list[str]:
    """The Nu HTML checker run with the machine's Java (npm vnu-jar, as in .ci/run)."""
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install -y default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip(f"the Nu HTML checker is not installed at {VNU_JAR} (see .ci/run)")
    return [java, "-jar", str(VNU_JAR)]
