"""Consistent backups of the database, uploads and instance settings, and their restore.

A backup is one `.tar.gz` with `manifest.json` (time, dialect, schema revision, SHA-256 of each
member), the database (`database.sqlite3` from SQLite's online backup, or `database.pgdump` from
`pg_dump --format=custom`), the uploads folder and the instance secret key.
"""

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.engine import make_url

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import utcnow
from portal.services.content import bump_content_version

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)
UPLOADS = "uploads"
FORMAT = 1


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as recorded in its manifest."""

    path: Path
    manifest: dict


def upload_dir() -> Path:
    """The folder of uploaded files (UPLOAD_DIR, default instance/uploads)."""
    configured = current_app.config.get("UPLOAD_DIR")
    return Path(configured or Path(current_app.instance_path) / UPLOADS)


def create_backup(destination: Path) -> BackupInfo:
    """Write a consistent backup archive into the destination folder and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        database_file = _dump_database(folder)
        members = [database_file.name, *_copy_instance_files(folder)]
        manifest = _manifest(folder, members)
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        archive = destination / f"portal-backup-{stamp}.tar.gz"
        _write_archive(folder, [MANIFEST, *members], archive)
    logger.info("Backup written to %s", archive)
    return BackupInfo(archive, manifest)


def _dump_database(folder: Path) -> Path:
    """Copy the database into the folder: SQLite online backup or pg_dump."""
    if db.engine.dialect.name == "sqlite":
        target = folder / "database.sqlite3"
        raw = db.engine.raw_connection()
        try:
            with sqlite3.connect(target) as copy:
                raw.driver_connection.backup(copy)
        finally:
            raw.close()
        return target
    target = folder / "database.pgdump"
    _run_pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
    return target


def _run_pg(program: str, *arguments: str) -> None:
    """Run a PostgreSQL client program against the app's database; raise on failure."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    env = dict(os.environ, PGPASSWORD=url.password or "")
    target = url.set(drivername="postgresql", password=None).render_as_string()
    command = [shutil.which(program) or program, *arguments, f"--dbname={target}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise InvalidInputError(f"{program} 执行失败：{done.stderr.strip()[:500]}")


def _copy_instance_files(folder: Path) -> list[str]:
    """Copy the uploads folder and the instance secret key; return the member names."""
    members = []
    uploads = upload_dir()
    if uploads.is_dir():
        shutil.copytree(uploads, folder / UPLOADS)
        members.append(UPLOADS)
    secret = Path(current_app.instance_path) / SECRET_KEY_FILE
    if secret.is_file():
        shutil.copy2(secret, folder / SECRET_KEY_FILE)
        members.append(SECRET_KEY_FILE)
    return members


def _manifest(folder: Path, members: list[str]) -> dict:
    """The manifest: format, time, dialect, schema revision and file checksums."""
    return {
        "format": FORMAT,
        "created_at": utcnow().isoformat() + "Z",
        "dialect": db.engine.dialect.name,
        "schema_revision": _schema_revision(),
        "files": _checksums(folder, members),
    }


def _schema_revision() -> str | None:
    """The Alembic revision the database is at (None before init-db)."""
    try:
        return db.session.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception:  # noqa: BLE001 (no alembic_version table: a schema made by create_all)
        db.session.rollback()
        return None


def _checksums(folder: Path, members: list[str]) -> dict[str, str]:
    """SHA-256 of every file below the members, keyed by relative path."""
    sums = {}
    for member in members:
        root = folder / member
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            sums[path.relative_to(folder).as_posix()] = _sha256(path)
    return sums


def _sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_archive(folder: Path, members: list[str], archive: Path) -> None:
    """Write the members into a .tar.gz atomically (temporary name, then rename)."""
    partial = archive.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for member in members:
            tar.add(folder / member, arcname=member)
    partial.replace(archive)


def read_backup(archive: Path, folder: Path) -> dict:
    """Unpack an archive into the folder and verify it; return its manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, tarfile.TarError, ValueError) as error:
        raise InvalidInputError(f"无法读取备份文件：{error}") from error
    for name, expected in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected:
            raise InvalidInputError(f"备份文件已损坏：{name} 的校验值不符。")
    if manifest.get("dialect") != db.engine.dialect.name:
        raise InvalidInputError(
            f"备份来自 {manifest.get('dialect')} 数据库，当前为 {db.engine.dialect.name}。"
        )
    return manifest


def restore_backup(archive: Path) -> dict:
    """Replace the database, uploads and secret key with a verified backup's; migrate forward."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        manifest = read_backup(archive, folder)
        db.session.remove()
        db.engine.dispose()
        _restore_database(folder)
        _restore_instance_files(folder)
    if manifest.get("schema_revision"):
        upgrade()  # a backup of an older version: migrate it to this code's schema
    bump_content_version()
    db.session.commit()
    logger.info("Restored backup %s", archive)
    return manifest


def _restore_database(folder: Path) -> None:
    """Load the database copy into the configured database."""
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            with sqlite3.connect(folder / "database.sqlite3") as source:
                source.backup(raw.driver_connection)
        finally:
            raw.close()
        db.engine.dispose()
        return
    _run_pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        str(folder / "database.pgdump"),
    )


def _restore_instance_files(folder: Path) -> None:
    """Put the uploads folder and the secret key back."""
    if (folder / UPLOADS).is_dir():
        target = upload_dir()
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder / UPLOADS, target)
    if (folder / SECRET_KEY_FILE).is_file():
        shutil.copy2(folder / SECRET_KEY_FILE, Path(current_app.instance_path) / SECRET_KEY_FILE)
