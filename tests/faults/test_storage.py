"""A full disk or a read-only file system under the cache, the index, the uploads and the bulk
downloads (a real 1 MB tmpfs, filled or remounted read-only): pages keep being served, writes
that need the disk answer a clear 503, and nothing crashes."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PAGES = ["/", "/announcements/", "/search?q=电缆", "/feeds/all.atom", "/api/v1/batches", "/stats/"]


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs mounted for the test (root only; skipped where mounting is not allowed)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write until the file system is full."""
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


def make_read_only(folder: Path) -> None:
    """Remount the tmpfs read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def publish_content() -> None:
    """One published announcement with a failed batch, and its index."""
    from datetime import date

    from portal.models import Announcement, Batch, Enterprise, ProductCategory
    from portal.search.maintenance import rebuild_index
    from tests.conftest import commit_content, make_credit_code

    category = ProductCategory(code="0101", name="电线电缆", group_name="电子电器")
    enterprise = Enterprise(
        name="上海测试电缆有限公司", district="浦东新区", credit_code=make_credit_code(7)
    )
    announcement = Announcement(
        number="测试〔2026〕第1号",
        title="电线电缆产品质量监督抽查结果公告",
        category=category,
        scope="生产",
        period_start_on=date(2026, 3, 1),
        period_end_on=date(2026, 4, 30),
        issued_on=date(2026, 5, 20),
        status="published",
    )
    announcement.batches = [
        Batch(
            enterprise=enterprise,
            category=category,
            product_name="电线电缆样品",
            brand="测试牌",
            model_spec="BV 2.5mm²",
            result="不合格",
            failed_items=["绝缘电阻"],
            agency="上海市质量监督检验技术研究院",
            district="浦东新区",
        )
    ]
    db.session.add(announcement)
    commit_content()
    rebuild_index()


@pytest.fixture
def disk_app(small_disk, tmp_path, database_url):
    """An app whose cache, index, uploads and downloads live on the small disk, with content
    and its index written before the disk goes bad."""
    config = make_test_config(
        tmp_path,
        database_url,
        CACHE_URL="",  # files on the small disk are the subject, whatever the CI run uses
        SEARCH_BACKEND="whoosh",
        CACHE_DIR=str(small_disk / "cache"),
        SEARCH_INDEX_DIR=str(small_disk / "index"),
        EXPORT_DIR=str(small_disk / "downloads"),
        UPLOAD_DIR=str(small_disk / "uploads"),
        PARTICIPATION_RATE_LIMIT="1000 per minute",
        ACCESS_CODE_HASH_METHOD="pbkdf2:sha256:1000",
    )
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        publish_content()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def photo() -> bytes:
    """A small JPEG."""
    output = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(output, format="JPEG")
    return output.getvalue()


def complain(client, with_photo: bool):
    """File a complaint through the form, optionally with a photo."""
    token = TOKEN.search(client.get("/participate/complaint").get_data(as_text=True)).group(1)
    data = {"csrf_token": token, "product_name": "充电器", "text": "外壳发烫。", "website": ""}
    if with_photo:
        data["photos"] = [(io.BytesIO(photo()), "photo.jpg")]
    return client.post("/participate/complaint", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("damage", ["full", "read-only"])
def test_a_bad_disk_is_a_clear_error_not_a_crash(disk_app, small_disk, damage):
    from portal.models import Submission

    (fill if damage == "full" else make_read_only)(small_disk)
    client = disk_app.test_client()
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    assert "电线电缆" in client.get("/search?q=电缆").get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 200
    refused = complain(client, with_photo=True)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"]
    assert "照片" in refused.get_data(as_text=True)
    assert complain(client, with_photo=False).status_code == 303
    with disk_app.app_context():
        assert db.session.query(Submission).count() == 1
    runner = disk_app.test_cli_runner()
    for command in (["export"], ["search", "rebuild"]):
        with disk_app.app_context():
            result = runner.invoke(args=command)
        assert result.exit_code == 1, result.output
        assert "Could not write" in result.output
    assert "电线电缆" in client.get("/search?q=电缆").get_data(as_text=True)
