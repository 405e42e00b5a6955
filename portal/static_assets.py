"""Fingerprinted static assets: `url_for("static", filename="css/site.css")` gives
`/static/css/site.<hash>.css`, served with a year's immutable caching; a changed file gets a new
name, so browsers and proxies never hold a stale copy. Unfingerprinted names and outdated
fingerprints still answer, with short caching (old pages during a deploy keep working)."""

import hashlib
import re
from pathlib import Path

from flask import Flask, current_app, send_from_directory

FINGERPRINT = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")
YEAR_SECONDS = 31536000
# Caching of an unfingerprinted or outdated name.
SHORT_MAX_AGE = 300
EXTENSION = "portal_static_digests"
ASSETS_VERSION = "portal_assets_version"


def digest_of(app: Flask, filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256, or None when it is no file of ours;
    cached per file and modification time."""
    folder = Path(app.static_folder).resolve()
    path = (folder / filename).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    digests = app.extensions.setdefault(EXTENSION, {})
    stamp = (filename, path.stat().st_mtime_ns)
    if stamp not in digests:
        digests[stamp] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return digests[stamp]


def assets_version(app: Flask) -> str:
    """A digest of every static file, template and translation, computed once per process:
    cached pages name the assets' fingerprints and carry the templates' words, so the response
    cache keys on it (a deploy with new assets, templates or translations renders anew)."""
    if ASSETS_VERSION not in app.extensions:
        digest = hashlib.sha256()
        for folder in deployed_folders(app):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        app.extensions[ASSETS_VERSION] = digest.hexdigest()[:12]
    return app.extensions[ASSETS_VERSION]


def deployed_folders(app: Flask) -> list[Path]:
    """The folders whose files shape a rendered page: static files, templates, translations."""
    folders = [Path(app.static_folder), Path(app.root_path, app.template_folder or "templates")]
    folders += [Path(d) for d in app.config.get("BABEL_TRANSLATION_DIRECTORIES", "").split(";")]
    return [folder for folder in folders if folder.is_dir()]


def fingerprinted(filename: str, digest: str) -> str:
    """`css/site.css` → `css/site.<digest>.css`."""
    stem, _, suffix = filename.rpartition(".")
    return f"{stem}.{digest}.{suffix}"


def add_fingerprint(endpoint: str, values: dict) -> None:
    """URL defaults hook: static URLs name the file's current fingerprint."""
    if endpoint != "static" or "." not in values.get("filename", "").rpartition("/")[2]:
        return
    digest = digest_of(current_app, values["filename"])
    if digest:
        values["filename"] = fingerprinted(values["filename"], digest)


def serve_static(filename: str):
    """A static file: a year and immutable for its current fingerprint, short otherwise."""
    match = FINGERPRINT.match(filename)
    if match:
        original = match["stem"] + match["suffix"]
        digest = digest_of(current_app, original)
        if digest == match["digest"]:
            response = send_from_directory(
                current_app.static_folder, original, max_age=YEAR_SECONDS
            )
            response.cache_control.public = True
            response.cache_control.immutable = True
            return response
        if digest:
            filename = original
    response = send_from_directory(current_app.static_folder, filename, max_age=SHORT_MAX_AGE)
    response.cache_control.public = True
    return response


def register_static_assets(app: Flask) -> None:
    """Fingerprint static URLs and serve them with long-lived caching."""
    app.url_defaults(add_fingerprint)
    app.view_functions["static"] = serve_static
