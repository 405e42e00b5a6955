"""The language switch: remembers the reader's choice in a cookie and returns to the same page."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, request

from portal.i18n import LOCALE_COOKIE, LOCALE_COOKIE_SECONDS, LOCALES, cookie_secure

bp = Blueprint("language", __name__)


def local_target(target: str | None) -> str:
    """The page to return to: a path on this site, or the home page for anything else."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


@bp.get("/language/<code>")
def switch(code: str):
    """Set the `lang` cookie and go back to the page (with its query) the reader was on."""
    if code not in LOCALES:
        abort(404)
    response = redirect(local_target(request.args.get("next")), code=303)
    response.set_cookie(
        LOCALE_COOKIE,
        code,
        max_age=LOCALE_COOKIE_SECONDS,
        samesite="Lax",
        httponly=True,
        secure=cookie_secure(),
    )
    response.headers["Cache-Control"] = "no-store"
    return response
