"""/api/docs: an accessible API reference rendered on the server from the OpenAPI document."""

from flask import Blueprint, current_app, render_template, url_for

from portal.api.reference import rate_limit_text, sections, structures
from portal.caching import conditional

bp = Blueprint("apidocs", __name__)


def openapi_document() -> dict:
    """The portal's OpenAPI document as a dict."""
    return current_app.extensions["portal_api"].spec.to_dict()


@bp.get("/api/docs")
@conditional()
def api_docs():
    """The API documentation page: overview table, every operation and every structure."""
    document = openapi_document()
    return render_template(
        "api/docs.html",
        openapi_url=url_for("api-docs.openapi_json"),
        sections=sections(document),
        structures=structures(document),
        rate_limit=rate_limit_text(current_app.config["API_RATE_LIMIT"]),
    )
