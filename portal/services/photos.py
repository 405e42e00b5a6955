"""Complaint photos: decoded with Pillow, re-encoded as JPEG without metadata, kept off static/."""

import io
import logging
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.errors import InvalidInputError, StorageUnavailableError
from portal.models import SubmissionPhoto
from portal.services.backup import upload_dir

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
logger = logging.getLogger(__name__)

PHOTO_FOLDER = "photos"
PHOTO_STORAGE_DETAIL = "照片暂时无法保存，请稍后再试，或不附照片提交。"
FIELD = "photos"


@dataclass(frozen=True)
class PreparedPhoto:
    """A decoded, re-encoded photo ready to be stored."""

    data: bytes
    width: int
    height: int


def refuse(message: str) -> InvalidInputError:
    """The error of a refused photo, attached to the photos field."""
    return InvalidInputError(message, errors={FIELD: [message]})


def decode_image(data: bytes) -> Image.Image:
    """Open and fully decode an image, or raise: the bytes decide, not the name or type."""
    limit = current_app.config["PHOTO_MAX_PIXELS"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise refuse(_("只能上传 JPEG、PNG、GIF 或 WebP 格式的图片。"))
            if image.width * image.height > limit:
                raise refuse(_("图片像素过多，请缩小后再上传。"))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refuse(_("文件不是有效的图片，请上传照片（JPEG、PNG、GIF 或 WebP）。")) from error
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise refuse(_("图片像素过多，请缩小后再上传。")) from error
    return image


def prepare_photo(data: bytes) -> PreparedPhoto:
    """Check size and content, turn upright, shrink, and re-encode as JPEG with no metadata."""
    if len(data) > current_app.config["PHOTO_MAX_BYTES"]:
        limit = current_app.config["PHOTO_MAX_BYTES"] // (1024 * 1024)
        raise refuse(_("每张照片不能超过 %(limit)s MB。", limit=limit))
    image = decode_image(data)
    image = ImageOps.exif_transpose(image).convert("RGB")
    side = current_app.config["PHOTO_MAX_SIDE"]
    image.thumbnail((side, side))
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=85, optimize=True)
    return PreparedPhoto(output.getvalue(), clean.width, clean.height)


def prepare_photos(files: list[bytes]) -> list[PreparedPhoto]:
    """Every uploaded photo prepared, or an error naming the bound that was crossed."""
    limit = current_app.config["PHOTO_MAX_COUNT"]
    if len(files) > limit:
        raise refuse(_("最多上传 %(limit)s 张照片。", limit=limit))
    return [prepare_photo(data) for data in files]


def photo_folder() -> Path:
    """The folder of complaint photos under UPLOAD_DIR."""
    return upload_dir() / PHOTO_FOLDER


def store_photos(submission, photos: list[PreparedPhoto]) -> list[Path]:
    """Write the photos and add their rows to the submission; return the written paths."""
    written = []
    for photo in photos:
        name = f"{secrets.token_hex(16)}.jpg"
        path = photo_folder() / name
        written.append(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(photo.data)
        except OSError as error:  # disk full, read-only, permissions: the citizen may retry
            for done in written:
                done.unlink(missing_ok=True)
            logger.error("Cannot store a complaint photo: %s", error)
            raise StorageUnavailableError(PHOTO_STORAGE_DETAIL) from error
        submission.photos.append(
            SubmissionPhoto(
                file_name=name, width=photo.width, height=photo.height, size_bytes=len(photo.data)
            )
        )
    return written


def photo_path(photo: SubmissionPhoto) -> Path:
    """Where a stored photo lives."""
    return photo_folder() / photo.file_name
