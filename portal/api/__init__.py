"""Open-data API v1 under /api/v1: schemas, views, OpenAPI document, CSV, bulk downloads."""

from flask import Flask


def register_api(app: Flask) -> None:
    """Bind the Api, register the resource blueprints, the docs page and the HTTP hooks."""
    from portal.api.docs import bp as docs_bp
    from portal.api.export_hook import register_export_hook
    from portal.api.extension import create_api
    from portal.api.http import register_http_hooks
    from portal.api.views import (
        announcements,
        categories,
        complaints,
        downloads,
        enterprises,
        plan,
        recalls,
        regulations,
        search,
        stats,
    )

    app.json.ensure_ascii = False  # readable Chinese in JSON bodies
    api = create_api(app)
    modules = (announcements, recalls, regulations, categories, enterprises, search, stats, plan)
    for module in (*modules, complaints, downloads):
        api.register_blueprint(module.blp)
    app.extensions["portal_api"] = api
    app.register_blueprint(docs_bp)
    register_http_hooks(app)
    register_export_hook(app)
