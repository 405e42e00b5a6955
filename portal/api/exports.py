"""Bulk downloads: datasets as gzipped JSON Lines and CSV, written atomically with a manifest."""

import csv
import gzip
import hashlib
import json
import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

from portal.api import tabular
from portal.extensions import db
from portal.models import utcnow
from portal.services.content import current_content_version
from portal.urls import configured_site_url

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMATS = {
    "jsonl.gz": "application/gzip",  # JSON Lines, one record per line, gzip-compressed
    "csv": "text/csv",  # UTF-8 with BOM, for spreadsheet programs
}


def export_dir() -> Path:
    """The folder of the bulk downloads (EXPORT_DIR or instance/downloads)."""
    folder = current_app.config["EXPORT_DIR"] or str(Path(current_app.instance_path) / "downloads")
    return Path(folder)


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **options):
    """Write to a temporary file beside `path` and rename it into place on success."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.chmod(temp_name, 0o644)
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_dataset(folder: Path, dataset) -> int:
    """Write one dataset's JSON Lines and CSV files; return the record count."""
    count = 0
    with (
        atomic_file(folder / f"{dataset.name}.jsonl.gz") as raw_json,
        atomic_file(folder / f"{dataset.name}.csv", "w", encoding="utf-8", newline="") as text_csv,
        gzip.GzipFile(fileobj=raw_json, mode="wb", mtime=0) as json_lines,
    ):
        writer = csv.writer(text_csv)
        text_csv.write(tabular.BOM)
        writer.writerow(dataset.header)
        for row, record in dataset.pairs():
            writer.writerow([tabular.cell(value) for value in row])
            json_lines.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
            count += 1
    return count


def file_entry(path: Path, dataset, extension: str, records: int) -> dict:
    """Manifest entry of one written file: size, record count and SHA-256."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return {
        "name": path.name,
        "dataset": dataset.name,
        "title": dataset.title,
        "description": dataset.description,
        "format": extension,
        "media_type": FORMATS[extension],
        "size": path.stat().st_size,
        "records": records,
        "sha256": digest.hexdigest(),
    }


@contextmanager
def read_only_transaction():
    """End the reading transaction afterwards, so no table stays locked (PostgreSQL)."""
    try:
        yield
    finally:
        db.session.rollback()


def export_datasets() -> dict:
    """Regenerate every bulk download and the manifest; return the manifest."""
    from portal.api.datasets import all_datasets

    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    version, _ = current_content_version()
    files = []
    with (
        current_app.test_request_context("/", base_url=configured_site_url()),
        read_only_transaction(),
    ):
        for dataset in all_datasets():
            records = write_dataset(folder, dataset)
            files += [
                file_entry(folder / f"{dataset.name}.{ext}", dataset, ext, records)
                for ext in FORMATS
            ]
    manifest = {"generated_at": utcnow().isoformat(), "content_version": version, "files": files}
    with atomic_file(folder / MANIFEST, "w") as stream:
        json.dump(manifest, stream, ensure_ascii=False, indent=2)
    logger.info("Exported %d files to %s", len(files), folder)
    return manifest


def read_manifest() -> dict | None:
    """The manifest of the current bulk downloads, or None before the first export."""
    path = export_dir() / MANIFEST
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
