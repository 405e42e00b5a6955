"""Bulk download listings."""

from flask import url_for
from marshmallow import Schema, fields

from portal.i18n import N_


class DownloadFileSchema(Schema):
    """One bulk-download file."""

    name = fields.String(metadata={"description": N_("文件名")})
    dataset = fields.String(metadata={"description": N_("数据集")})
    title = fields.String()
    description = fields.String()
    format = fields.String(metadata={"description": N_("jsonl.gz（gzip 压缩的 JSON Lines）或 csv")})
    media_type = fields.String()
    size = fields.Integer(metadata={"description": N_("字节数")})
    records = fields.Integer(metadata={"description": N_("记录数")})
    sha256 = fields.String(metadata={"description": N_("SHA-256 校验值")})
    url = fields.Function(lambda f: url_for("downloads.download_file", name=f["name"]))


class DownloadListSchema(Schema):
    """Every bulk-download file with the time it was generated."""

    generated_at = fields.String(metadata={"description": N_("生成时间（UTC）")})
    content_version = fields.Integer(metadata={"description": N_("生成时的数据版本")})
    items = fields.List(fields.Nested(DownloadFileSchema), attribute="files")
