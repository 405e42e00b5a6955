"""Screenshots of the main pages at phone and desktop width, saved under docs/screenshots/.

Usage: python tools/screenshots.py [--base-url http://127.0.0.1:5000] [--out docs/screenshots]

Without --base-url the script seeds a small demo database in a temporary folder and serves it
itself. It drives Debian's `chromium` through playwright (never `playwright install`).
"""

import argparse
import logging
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# (file stem, path) of every page type shown in the README.
PAGES = [
    ("home", "/"),
    ("announcements", "/announcements/"),
    ("announcement", "/announcements/1"),
    ("search", "/search?q=电线"),
    ("stats", "/stats/"),
    ("category", "/categories/0604"),
    ("regulations", "/regulations/"),
    ("feeds", "/feeds/"),
    ("campaign", "/participate/campaigns/2"),
    ("api-docs", "/api/docs"),
]
# Desktop pictures show the page down to this height (the API reference is far longer).
DESKTOP_MAX_HEIGHT = 6000
# A common phone and a small one (or a large font) show their first screen; the desktop the page.
WIDTHS = {"phone": (390, 844), "small": (320, 700), "desktop": (1280, 900)}


@contextmanager
def seeded_server():
    """Serve a freshly seeded small demo database on a free local port; yield its base URL."""
    from tests.browser.server import serve_demo_site

    with serve_demo_site(all_regulations=True) as (base_url, _app):
        yield base_url


def screen_area(page, whole: bool) -> dict:
    """Screenshot arguments: the first screen, or the page down to DESKTOP_MAX_HEIGHT pixels."""
    if not whole:
        return {}
    width, height = page.evaluate("[innerWidth, document.documentElement.scrollHeight]")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, DESKTOP_MAX_HEIGHT)}
    return {"full_page": True, "clip": clip}


def capture(base_url: str, out: Path) -> list[Path]:
    """Take a full-page screenshot of every page at every width; return the files."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    files = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"))
        for width_name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for stem, path in PAGES:
                page.goto(base_url + path)
                target = out / f"{stem}-{width_name}.png"
                page.screenshot(path=str(target), **screen_area(page, width_name == "desktop"))
                files.append(target)
            page.close()
        browser.close()
    return files


def main() -> None:
    """Parse the arguments and write the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base-url", default="", help="a running site; default: seed and serve one"
    )
    parser.add_argument("--out", default=str(PROJECT_ROOT / "docs" / "screenshots"))
    options = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if not shutil.which("chromium"):
        sys.exit("chromium is not installed (apt-get install -y chromium)")
    if options.base_url:
        files = capture(options.base_url.rstrip("/"), Path(options.out))
    else:
        with seeded_server() as base_url:
            files = capture(base_url, Path(options.out))
    for path in files:
        print(path)


if __name__ == "__main__":
    main()
