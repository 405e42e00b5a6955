"""Hostile values: markup, SQL, traversal, oversized, broken encodings, controls, query abuse.

Each payload is raw bytes, so the same value can go into a path segment, a query argument, a form
field (URL-encoded or multipart) or a header, exactly as a client could send it.
"""

from dataclasses import dataclass
from urllib.parse import quote_from_bytes


@dataclass(frozen=True)
class Payload:
    """One hostile value; `cheap` ones run against every slot, the rest are sampled."""

    name: str
    raw: bytes
    cheap: bool = False
    url: str | None = None  # a hand-made URL form (literal %2e, unencoded slashes)

    @property
    def encoded(self) -> str:
        """The value as it appears in a URL."""
        return self.url if self.url is not None else quote_from_bytes(self.raw, safe="")

    @property
    def text(self) -> str:
        """The value as the application sees it after UTF-8 decoding with replacement."""
        return self.raw.decode("utf-8", "replace")

    @property
    def header(self) -> str:
        """The value as a WSGI header string (latin-1, as servers pass bytes through)."""
        return self.raw.decode("latin-1")


def _exclusions(count: int) -> bytes:
    """A search with many excluded words."""
    return ("合格 " + " ".join(f"-抽查{n}" for n in range(count))).encode()


PAYLOADS = (
    # Markup that must never come back unescaped.
    Payload("script", b'<script>alert("hx1")</script>', cheap=True),
    Payload("svg-attr", b'"><svg onload=alert(2)>', cheap=True),
    Payload("img-attr", b"'><img src=x onerror=alert(3)>"),
    Payload("javascript-url", b"javascript:alert(4)", cheap=True),
    Payload("template", b"{{7*7}}${7*7}<%= 7*7 %>"),
    # SQL injection strings.
    Payload("sql-quote", b"' OR '1'='1' --", cheap=True),
    Payload("sql-union", b"1 UNION SELECT username, password_hash FROM users--"),
    Payload("sql-stacked", b"1; DROP TABLE batches; --"),
    Payload("sql-like", b"%_%\\"),
    # Path traversal.
    Payload("traversal", b"../../etc/passwd", cheap=True),
    Payload(
        "traversal-encoded", b"%2e%2e%2f%2e%2e%2fetc%2fpasswd", url="%2e%2e%2f%2e%2e%2fetc%2fpasswd"
    ),
    Payload("traversal-raw", b"../../../etc/passwd", url="../../../etc/passwd"),
    Payload("absolute-path", b"/etc/passwd"),
    # Broken encodings, NUL, controls, line breaks.
    Payload("invalid-utf8", b"\xff\xfe\xfd", cheap=True),
    Payload("overlong-utf8", b"\xc0\xaf\xe0\x80\xaf"),
    Payload("nul", b"0101\x00x", cheap=True),
    Payload("controls", b"a\x01\x07\x1b[31mred\x7fz"),
    Payload("line-break", b"x\r\nSet-Cookie: hx=1\r\n\r\nforged 200", cheap=True),
    Payload("unicode-tricks", "\u202e\u200b\ufeffＡ電線電纜\U0001f600".encode()),
    # Numbers and sizes at the edges.
    Payload("huge-int", b"99999999999999999999999999"),
    Payload("negative", b"-1"),
    Payload("float", b"1e309"),
    Payload("empty", b""),
    Payload("oversized", b"A" * 100_000),
    # Query-syntax abuse for the search box (and every other argument).
    Payload("unbalanced-quote", b'"\xe7\x94\xb5\xe7\xba\xbf \xe5\x90\x88\xe6\xa0\xbc', cheap=True),
    Payload("many-exclusions", _exclusions(200)),
    Payload(
        "field-syntax", "品类:电线电缆 年份:2026 结果:不合格 category:0101 type:batch".encode()
    ),
    Payload("wildcards", b"*?* *:* ** ?"),
    Payload("regex", b"(a+)+$ .*.*.*=.* [[:alpha:]]"),
    Payload("boolean-ops", b"AND OR NOT ( ) ( ( ( ) ~2 ^5 [a TO z]"),
    Payload("only-minus", b'- -- --- -"" ""'),
)

CHEAP = tuple(payload for payload in PAYLOADS if payload.cheap)

# Markers of payload markup that was reflected without escaping, checked in HTML and XML bodies.
UNESCAPED_MARKERS = (
    '<script>alert("hx1")',
    "<svg onload=alert(2)",
    "<img src=x onerror=alert(3)",
    'href="javascript:',
    "href='javascript:",
    'src="javascript:',
    'action="javascript:',
)
