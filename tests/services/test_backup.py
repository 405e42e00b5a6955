"""Backup and restore round trip: database, uploads and secret key come back exactly."""

import io
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, Batch
from portal.services.backup import create_backup, restore_backup, upload_dir


@pytest.fixture(autouse=True)
def private_instance(app, tmp_path):
    """Keep the uploads and secret key of these tests out of the project's instance folder."""
    app.instance_path = str(tmp_path / "instance")
    app.config["UPLOAD_DIR"] = str(tmp_path / "instance" / "uploads")
    Path(app.instance_path).mkdir()


def counts() -> tuple[int, int]:
    """Announcements and batches stored."""
    return (
        db.session.scalar(select(func.count(Announcement.id))),
        db.session.scalar(select(func.count(Batch.id))),
    )


def test_round_trip_restores_database_uploads_and_key(app, tmp_path, create_announcement):
    create_announcement(results=(("合格", []), ("不合格", ["标志"])), title="备份前的公告")
    upload = upload_dir() / "photos" / "a.jpg"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\xff\xd8 photo")
    secret = Path(app.instance_path) / "secret_key"
    secret.write_text("the-key")
    before = counts()

    info = create_backup(tmp_path / "backups")
    assert info.path.name.endswith(".tar.gz")
    assert info.manifest["dialect"] == db.engine.dialect.name
    assert "uploads/photos/a.jpg" in info.manifest["files"]

    create_announcement(title="备份后新增的公告")
    upload.write_bytes(b"changed")
    secret.write_text("another-key")
    assert counts() != before

    restore_backup(info.path)
    assert counts() == before
    titles = set(db.session.scalars(select(Announcement.title)))
    assert titles == {"备份前的公告"}
    assert upload.read_bytes() == b"\xff\xd8 photo"
    assert secret.read_text() == "the-key"


def test_a_damaged_backup_changes_nothing(app, tmp_path, create_announcement):
    create_announcement(title="原有公告")
    info = create_backup(tmp_path / "backups")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(info.path) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name.startswith("database"):
                content = data.read()[:-10] + b"0123456789"
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)
    create_announcement(title="之后的公告")
    with pytest.raises(InvalidInputError, match="校验值不符"):
        restore_backup(damaged)
    assert len(set(db.session.scalars(select(Announcement.title)))) == 2


def test_backup_and_restore_commands(app, runner, tmp_path, create_announcement):
    create_announcement()
    result = runner.invoke(args=["backup", "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    archive = next((tmp_path / "out").glob("*.tar.gz"))
    result = runner.invoke(args=["restore", str(archive), "--yes", "--no-reindex"])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"junk")
    result = runner.invoke(args=["restore", str(not_a_backup), "--yes"])
    assert result.exit_code != 0
    assert "无法读取备份文件" in result.output
