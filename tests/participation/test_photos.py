"""Complaint photos: decoded, re-encoded without metadata, bounded, stored outside static/."""

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Submission, SubmissionPhoto
from tests.participation.conftest import complaint_data, post_form, receipt_of

GPS_TAG = 0x8825


def jpeg_with_gps() -> bytes:
    """A JPEG carrying GPS coordinates and a camera make in its EXIF block."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    exif[GPS_TAG] = {1: "N", 2: (39.0, 54.0, 15.0), 3: "E", 4: (116.0, 23.0, 30.0)}
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def png(size=(32, 32)) -> bytes:
    """A small PNG."""
    output = io.BytesIO()
    Image.new("RGB", size, (0, 120, 0)).save(output, format="PNG")
    return output.getvalue()


def upload(client, *files):
    """Post a complaint with (bytes, filename) photos."""
    data = complaint_data(photos=[(io.BytesIO(raw), name) for raw, name in files])
    return post_form(client, "/participate/complaint", data, content_type="multipart/form-data")


def photos() -> list[SubmissionPhoto]:
    """Stored photo rows."""
    return list(db.session.scalars(select(SubmissionPhoto)))


def test_a_jpeg_loses_its_gps_data_and_is_reencoded(app, client):
    original = jpeg_with_gps()
    assert b"SpyCam" in original
    number, _ = receipt_of(client, upload(client, (original, "photo.jpg")))
    (photo,) = photos()
    path = Path(app.config["UPLOAD_DIR"]) / "photos" / photo.file_name
    stored = path.read_bytes()
    assert b"SpyCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert GPS_TAG not in image.getexif()
        assert not image.getexif()
        assert image.size == (64, 48)
    assert "static" not in path.parts
    owner = db.session.get(Submission, photo.submission_id)
    assert owner.tracking_number == number


def test_a_png_becomes_a_jpeg(client):
    receipt_of(client, upload(client, (png(), "a.png")))
    assert photos()[0].file_name.endswith(".jpg")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "photo.png"),
        (b"<html><body>not an image</body></html>", "photo.jpg"),
        (b"%PDF-1.4 fake", "scan.pdf"),
        (b"", "empty.jpg"),
    ],
)
def test_files_that_are_not_images_are_refused(client, raw, name):
    response = upload(client, (raw, name))
    assert response.status_code == 422
    assert "不是有效的图片" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Submission.id))) == 0


def test_other_image_formats_are_refused(client):
    output = io.BytesIO()
    Image.new("RGB", (8, 8)).save(output, format="BMP")
    response = upload(client, (output.getvalue(), "photo.jpg"))
    assert response.status_code == 422
    assert "只能上传" in response.get_data(as_text=True)


def test_too_many_and_too_large_photos_are_refused(app, client):
    app.config["PHOTO_MAX_COUNT"] = 2
    response = upload(client, *[(png(), f"{i}.png") for i in range(3)])
    assert "最多上传 2 张照片" in response.get_data(as_text=True)
    app.config["PHOTO_MAX_BYTES"] = 100
    response = upload(client, (png((200, 200)), "big.png"))
    assert "每张照片不能超过" in response.get_data(as_text=True)
    assert photos() == []
    assert not list((Path(app.config["UPLOAD_DIR"])).rglob("*.jpg"))


def test_huge_pixel_counts_are_refused(app, client):
    app.config["PHOTO_MAX_PIXELS"] = 100
    response = upload(client, (png((20, 20)), "wide.png"))
    assert response.status_code == 422
    assert "像素过多" in response.get_data(as_text=True)


def test_large_photos_are_shrunk(app, client):
    app.config["PHOTO_MAX_SIDE"] = 100
    receipt_of(client, upload(client, (png((400, 200)), "wide.png")))
    assert (photos()[0].width, photos()[0].height) == (100, 50)
