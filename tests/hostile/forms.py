"""The public forms: where they live, valid data for each, and hand-built bodies."""

import re
from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass(frozen=True)
class Form:
    """A public POST endpoint, the page that carries its CSRF token, and valid field values."""

    name: str
    action: str  # with {campaign_id} / {submission_id} placeholders
    page: str
    valid: dict[str, bytes] = field(default_factory=dict)
    # Tables a rejected post of this form may change by design (failed sign-ins are counted).
    may_change: tuple[str, ...] = ()


FORMS = (
    Form(
        "complaint",
        "/participate/complaint",
        "/participate/complaint",
        {
            "product_name": "电动自行车充电器".encode(),
            "category_id": b"",
            "enterprise_name": "某某电器有限公司".encode(),
            "place": "人民路超市".encode(),
            "text": "充电时外壳发烫并冒烟。".encode(),
            "contact_name": b"",
            "contact_phone": b"",
            "contact_email": b"",
            "website": b"",
        },
    ),
    Form(
        "suggestion",
        "/participate/suggestion",
        "/participate/suggestion",
        {
            "product_name": "儿童水杯".encode(),
            "category_id": b"",
            "test_items": "双酚A".encode(),
            "place": "超市".encode(),
            "text": "孩子每天都用。".encode(),
            "website": b"",
            "confirmed": b"1",
        },
    ),
    Form(
        "track",
        "/participate/track",
        "/participate/track",
        {"tracking_number": b"JY-2026-000001-0", "access_code": b"ABCDEFGH", "website": b""},
    ),
    Form(
        "vote",
        "/participate/campaigns/{campaign_id}/vote",
        "/participate/campaigns/{campaign_id}",
        {"choices": b"{choice_id}", "website": b""},
    ),
    Form("support", "/participate/suggestions/{submission_id}/support", "/participate/suggestion"),
    Form(
        "sign-in",
        "/admin/sign-in",
        "/admin/sign-in",
        {"username": b"hostile-admin", "password": b"wrong password 123", "next": b"/admin/"},
        may_change=("sign_in_failures", "audit_logs"),
    ),
)


def urlencoded(values: dict[str, bytes]) -> bytes:
    """An application/x-www-form-urlencoded body of raw byte values."""
    return b"&".join(
        quote_from_bytes(name.encode(), safe="").encode()
        + b"="
        + quote_from_bytes(value, safe="").encode()
        for name, value in values.items()
    )


BOUNDARY = "hostile-boundary-7f3a"


def multipart(values: dict[str, bytes]) -> bytes:
    """A multipart/form-data body of raw byte values (no transfer encoding of the values)."""
    parts = []
    for name, value in values.items():
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"

# Bodies that are broken as bodies, each with the content type it claims.
MALFORMED_BODIES = (
    (
        "multipart without boundary",
        b"--x\r\nContent-Disposition: form-data\r\n\r\n",
        "multipart/form-data",
    ),
    (
        "truncated multipart",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="text"\r\n\r\nabc'.encode(),
        MULTIPART,
    ),
    (
        "multipart header only",
        f"--{BOUNDARY}\r\nContent-Disposition: garbage\r\n".encode(),
        MULTIPART,
    ),
    (
        "JSON as a form",
        b'{"product_name": "<script>alert(\\"hx1\\")</script>"}',
        "application/json",
    ),
    ("JSON claimed urlencoded", b'{"username": "a", "password": "b"}', URLENCODED),
    ("broken JSON", b'{"a": [1, 2', "application/json"),
    ("bytes as text/plain", b"\xff\xfe\x00\x00" * 64, "text/plain"),
    ("percent garbage", b"a=%zz&%%%=&=&&==b%", URLENCODED),
    ("10 MB urlencoded", b"text=" + b"A" * (10 * 1024 * 1024), URLENCODED),
    ("10 MB multipart", multipart({"text": b"A" * (10 * 1024 * 1024)}), MULTIPART),
)
