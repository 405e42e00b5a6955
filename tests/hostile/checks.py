"""What every answer to a hostile request must satisfy."""

from tests.hostile.payloads import UNESCAPED_MARKERS, Payload

MARKUP_TYPES = ("text/html", "application/xhtml+xml", "application/atom+xml", "application/rss+xml")
MARKUP_TYPES += ("application/xml", "text/xml", "image/svg+xml")
EVIL_HOST = "evil.example"


def problems(response, payload: Payload | None = None) -> list[str]:
    """Why the response is unsafe: a 5xx, reflected markup, a forged header or redirect."""
    found = []
    if response.status_code >= 500:
        found.append(f"status {response.status_code}")
    if response.mimetype in MARKUP_TYPES or response.mimetype.endswith("+xml"):
        body = response.get_data(as_text=True).lower()
        found += [f"unescaped {marker!r}" for marker in UNESCAPED_MARKERS if marker.lower() in body]
        if EVIL_HOST in body:
            found.append("URL built from the Host header")
    location = response.headers.get("Location", "")
    if location.lower().lstrip().startswith(("javascript:", "//")) or EVIL_HOST in location:
        found.append(f"redirect to {location[:80]!r}")
    for name, value in response.headers.items():
        if "\n" in value or "\r" in value:
            found.append(f"line break in header {name}")
    return found


def label(method: str, url: str, payload: Payload, where: str) -> str:
    """A short description of one request for failure messages."""
    return f"{method} {url[:90]} [{payload.name} in {where}]"
