"""Every page type is valid HTML: the Nu HTML checker (vnu.jar) reports no error."""

import json
import subprocess
import urllib.error
import urllib.request
from urllib.parse import quote

from tests.browser.test_pages import PAGE_TYPES

# Pages outside the sample set that have their own markup: a 422 page, an empty search, the
# staff sign-in form.
EXTRA_PATHS = {
    "invalid argument": "/announcements/?year=abc",
    "search without hits": "/search?q=没有这个词语",
    "search form": "/search",
    "staff sign-in": "/admin/sign-in",
}
# What a browser sends when a person opens an address (feed addresses then answer HTML).
NAVIGATION = {"Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate"}


def fetch(url: str) -> bytes:
    """The body of a GET, whatever its status."""
    request = urllib.request.Request(quote(url, safe=":/?=&%"), headers=NAVIGATION)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our server)
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def page_of(files: dict[str, str], message: dict) -> str:
    """The page a checker message is about (its name and address)."""
    url = message.get("url", "")
    return files.get(url.removeprefix("file:"), url)


def nu_errors(vnu_command: list[str], bodies: dict[str, bytes], folder) -> list[str]:
    """The Nu HTML checker's errors in the pages (name -> HTML body), one line each."""
    files = {}
    for number, (name, body) in enumerate(bodies.items()):
        target = folder / f"page-{number}.html"
        target.write_bytes(body)
        files[str(target)] = name
    run = subprocess.run(  # noqa: S603 (fixed arguments)
        [*vnu_command, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(run.stderr)["messages"]
    return [
        f"{page_of(files, m)} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def test_every_page_type_is_valid_html(site, vnu_command, tmp_path):
    base_url, paths = site
    pages = {name: paths[name] for name in PAGE_TYPES} | EXTRA_PATHS
    bodies = {f"{name} ({path})": fetch(base_url + path) for name, path in pages.items()}
    assert len(bodies) == len(pages)
    assert nu_errors(vnu_command, bodies, tmp_path) == []
