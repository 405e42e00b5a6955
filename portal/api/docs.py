"""/api/docs: the OpenAPI document rendered with the vendored Swagger UI, plus a plain table."""

from flask import Blueprint, current_app, render_template, url_for

from portal.caching import conditional

bp = Blueprint("apidocs", __name__)


def endpoint_summaries() -> list[tuple[str, str]]:
    """(path, summary) of every documented GET operation, for readers without JavaScript."""
    paths = current_app.extensions["portal_api"].spec.to_dict()["paths"]
    return [(path, ops.get("get", {}).get("summary", "")) for path, ops in paths.items()]


@bp.get("/api/docs")
@conditional()
def api_docs():
    """The API documentation page."""
    return render_template(
        "api/docs.html",
        openapi_url=url_for("api-docs.openapi_json"),
        endpoints=endpoint_summaries(),
        rate_limit=current_app.config["API_RATE_LIMIT"],
    )
