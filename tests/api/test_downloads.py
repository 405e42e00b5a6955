"""Bulk downloads, their manifest, the DCAT catalog and regeneration after publishing."""

import gzip
import hashlib
import json

from portal.api.exports import export_datasets
from portal.services.content import bump_content_version


def test_downloads_before_the_first_export_is_a_clear_503(client):
    response = client.get("/api/v1/downloads")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/downloads/batches.csv").status_code == 503


def test_export_lists_files_with_size_count_and_checksum(client, dataset):
    export_datasets()
    listing = client.get("/api/v1/downloads").get_json()
    files = {item["name"]: item for item in listing["items"]}
    assert {"batches.jsonl.gz", "batches.csv", "announcements.csv", "recalls.jsonl.gz"} <= set(
        files
    )
    batches = files["batches.jsonl.gz"]
    assert batches["records"] == 5
    with client.get(batches["url"]) as response:
        body = response.get_data()
        assert response.mimetype == "application/gzip"
        assert "Content-Encoding" not in response.headers
    assert len(body) == batches["size"]
    assert hashlib.sha256(body).hexdigest() == batches["sha256"]
    records = [json.loads(line) for line in gzip.decompress(body).splitlines()]
    api_items = client.get("/api/v1/batches?sort=issued_on").get_json()["items"]
    assert sorted(records, key=lambda r: r["id"]) == sorted(api_items, key=lambda r: r["id"])


def test_csv_download_opens_in_excel(client, dataset):
    export_datasets()
    with client.get("/api/v1/downloads/announcements.csv") as response:
        body = response.get_data()
    assert body.startswith("\ufeff".encode())
    assert len(body.decode("utf-8-sig").splitlines()) == 1 + 3


def test_listing_has_validators(client, dataset):
    export_datasets()
    first = client.get("/api/v1/downloads")
    assert first.headers["ETag"]
    again = client.get("/api/v1/downloads", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    export_datasets()
    assert (
        client.get(
            "/api/v1/downloads", headers={"If-None-Match": first.headers["ETag"]}
        ).status_code
        == 200
    )


def test_unknown_download_is_404(client, dataset):
    export_datasets()
    response = client.get("/api/v1/downloads/secret.txt")
    assert response.status_code == 404
    assert client.get("/api/v1/downloads/..%2Fmanifest.json").status_code == 404


def test_catalog_lists_datasets_and_distributions(client, dataset):
    export_datasets()
    response = client.get("/catalog.jsonld")
    assert response.mimetype == "application/ld+json"
    catalog = response.get_json()
    assert catalog["@type"] == "dcat:Catalog"
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    downloads = [
        d["dcat:downloadURL"]["@id"]
        for d in datasets["batches"]["dcat:distribution"]
        if "dcat:downloadURL" in d
    ]
    assert downloads == [
        "http://localhost/api/v1/downloads/batches.jsonl.gz",
        "http://localhost/api/v1/downloads/batches.csv",
    ]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_publishing_request_regenerates_the_downloads(app, client, dataset):
    from portal.extensions import csrf, db

    @csrf.exempt
    @app.post("/test-publish")
    def publish():
        bump_content_version()
        db.session.commit()
        return "", 204

    assert client.get("/api/v1/downloads").status_code == 503
    client.get("/api/v1/batches")
    assert client.get("/api/v1/downloads").status_code == 503  # a GET never exports
    with client.post("/test-publish") as response:
        assert response.status_code == 204
        assert client.get("/api/v1/downloads").status_code == 503  # not before it is sent
    assert client.get("/api/v1/downloads").status_code == 200


def test_export_command_and_no_personal_data(runner, client, dataset):
    from portal.extensions import db
    from portal.models import Submission, User
    from tests.conftest import commit_content

    db.session.add_all(
        [
            Submission(
                kind="complaint",
                tracking_number="TS2026001",
                access_code_hash="h",
                text="投诉内容",
                contact_name="李四",
                contact_phone="13900000000",
                contact_email="ls@example.com",
            ),
            User(username="editor1", display_name="编辑甲", password_hash="secret-hash"),
        ]
    )
    commit_content()
    result = runner.invoke(args=["export"])
    assert result.exit_code == 0, result.output
    assert "12 files" in result.output
    texts = []
    for item in client.get("/api/v1/downloads").get_json()["items"]:
        with client.get(item["url"]) as response:
            data = response.get_data()
        texts.append(
            gzip.decompress(data).decode() if item["format"] == "jsonl.gz" else data.decode()
        )
    everything = "\n".join(texts)
    assert dataset["old"].number in everything
    for private in ("李四", "13900000000", "ls@example.com", "TS2026001", "editor1", "secret-hash"):
        assert private not in everything
