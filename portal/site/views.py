"""About-the-site pages and the files crawlers and browsers ask for at fixed addresses."""

from datetime import datetime

from flask import Blueprint, abort, current_app, make_response, render_template, send_from_directory

from portal.api.dcat import LICENSE
from portal.api.exports import read_manifest
from portal.caching import conditional, content_stamp
from portal.i18n import DEFAULT_LOCALE, in_language
from portal.queries.sitemap import SECTIONS, section_entries, section_page_counts
from portal.urls import absolute_url

bp = Blueprint("site", __name__)

XML = "application/xml; charset=utf-8"


@bp.get("/privacy")
@conditional()
def privacy():
    """What the portal stores about visitors and complainants."""
    return render_template("site/privacy.html")


@bp.get("/accessibility")
@conditional()
def accessibility():
    """The accessibility statement: what is tested and how to report a barrier."""
    return render_template("site/accessibility.html")


@bp.get("/contact")
@conditional()
def contact():
    """Hotlines and addresses of the publisher."""
    return render_template("site/contact.html")


@bp.get("/downloads/")
@conditional()
def downloads():
    """The bulk files for people: what each holds, format, size, rows, when made, licence."""
    manifest = read_manifest()
    if manifest is None:
        html = render_template("site/downloads.html", files=None, licence=LICENSE)
        return html, 503, {"Retry-After": "60"}
    response = make_response(
        render_template(
            "site/downloads.html",
            files=manifest["files"],
            generated_at=datetime.fromisoformat(manifest["generated_at"]),
            licence=LICENSE,
        )
    )
    if manifest.get("content_version", -1) < content_stamp()[0]:
        response.cache_control.no_store = True  # new files are on their way: keep none of this
    return response


@bp.get("/robots.txt")
def robots_txt():
    """Crawlers may read everything public except the search pages and the staff side."""
    body = render_template("site/robots.txt", sitemap=absolute_url("site.sitemap_index"))
    return body, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/sitemap.xml")
@conditional()
def sitemap_index():
    """A sitemap index pointing at one file per 50,000 public records of each kind."""
    files = [
        absolute_url("site.sitemap_file", kind=kind, number=number)
        for kind, pages in section_page_counts()
        for number in range(1, pages + 1)
    ]
    body = render_template("site/sitemap_index.xml", files=files)
    return body, 200, {"Content-Type": XML}


@bp.get("/sitemaps/<kind>-<int:number>.xml")
@conditional()
def sitemap_file(kind: str, number: int):
    """One sitemap file: the addresses of up to 50,000 public records of one kind."""
    if kind not in SECTIONS or not 0 < number <= 100_000:
        abort(404)
    entries = section_entries(kind, number)
    if not entries:
        abort(404)
    _model, endpoint, argument, _key = SECTIONS[kind]
    urls = [(absolute_url(endpoint, **{argument: key}), at) for key, at in entries]
    return render_template("site/sitemap.xml", urls=urls), 200, {"Content-Type": XML}


@bp.get("/favicon.ico")
def favicon():
    """The site icon at the address browsers ask for."""
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)


@bp.get("/manifest.webmanifest")
def manifest():
    """The web-app manifest: name, colours and icons for a phone's home screen."""
    return manifest_in(DEFAULT_LOCALE)


@bp.get("/manifest.en.webmanifest")
def manifest_en():
    """The English web-app manifest, linked from English pages."""
    return manifest_in("en")


def manifest_in(locale: str):
    """The manifest in one language, whatever the reader's cookie says."""
    with in_language(locale):
        body = render_template("site/manifest.webmanifest")
    return body, 200, {"Content-Type": "application/manifest+json; charset=utf-8"}
