"""/api/v1/downloads (bulk files) and /catalog.jsonld (DCAT)."""

import hashlib
from functools import wraps

from flask import jsonify, make_response, request, send_from_directory
from flask_babel import gettext as _
from flask_smorest import Blueprint

from portal.api.dcat import build_catalog
from portal.api.exports import export_dir, read_manifest
from portal.api.http import limit_blueprint
from portal.api.schemas.args import NoArgs
from portal.api.schemas.downloads import DownloadListSchema
from portal.api.views.common import query_args
from portal.errors import NotFoundError, PortalError
from portal.i18n import N_

blp = Blueprint("downloads", __name__, description=N_("批量下载和数据目录"))
limit_blueprint(blp)

FILE_CONTENT = {
    media: {"schema": {"type": "string", "format": "binary"}}
    for media in ("application/gzip", "text/csv")
}


class ExportsMissingError(PortalError):
    """The bulk files have not been generated yet."""

    status_code = 503
    title = N_("批量下载文件尚未生成")


def current_manifest() -> dict:
    """The bulk-download manifest, or a 503 problem before the first export."""
    manifest = read_manifest()
    if manifest is None:
        raise ExportsMissingError(_("批量下载文件正在生成或尚未生成，请稍后再试。"))
    return manifest


def with_manifest_validators(response, manifest: dict | None):
    """ETag from the manifest's generation time, short public caching, 304 when unchanged."""
    seed = manifest["generated_at"] if manifest else "none"
    response.set_etag(hashlib.sha256(f"{seed}|{request.full_path}".encode()).hexdigest()[:32])
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response.make_conditional(request)


def manifest_validated(view):
    """Give a manifest-based response its validators and answer 304 when unchanged."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        return with_manifest_validators(response, read_manifest())

    return wrapper


@blp.route("/api/v1/downloads")
@manifest_validated
@query_args(blp, NoArgs)
@blp.response(200, DownloadListSchema)
@blp.alt_response(503, description=N_("批量下载文件尚未生成"))
def download_list(_args):
    """全部批量下载文件：大小、记录数和 SHA-256 校验值。"""
    return current_manifest()


@blp.route("/api/v1/downloads/<name>")
@query_args(blp, NoArgs)
@blp.doc(responses={"200": {"description": N_("文件内容"), "content": FILE_CONTENT}})
def download_file(_args, name: str):
    """下载一个批量文件（gzip 压缩的 JSON Lines 或 CSV）。"""
    media_types = {entry["name"]: entry["media_type"] for entry in current_manifest()["files"]}
    if name not in media_types:
        raise NotFoundError(
            _("没有名为 %(name)s 的下载文件，请查看 /api/v1/downloads。", name=name)
        )
    return send_from_directory(export_dir(), name, mimetype=media_types[name], max_age=300)


@blp.route("/catalog.jsonld")
@manifest_validated
@query_args(blp, NoArgs)
@blp.doc(
    responses={
        "200": {
            "description": N_("DCAT 目录"),
            "content": {"application/ld+json": {"schema": {"type": "object"}}},
        }
    }
)
def catalog(_args):
    """DCAT-AP 风格的 JSON-LD 数据目录，供数据门户采集。"""
    response = jsonify(build_catalog(read_manifest()))
    response.mimetype = "application/ld+json"
    return response
