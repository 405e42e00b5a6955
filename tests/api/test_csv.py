"""Every list is also CSV: UTF-8 with BOM, streamed, by ?format=csv or the .csv suffix."""

import csv
import io

import pytest


def rows(response) -> list[dict]:
    """Parse a CSV response after checking its BOM."""
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "url",
    ["/api/v1/batches.csv?result=不合格", "/api/v1/batches?format=csv&result=不合格"],
)
def test_batch_csv_both_ways(client, dataset, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    (row,) = rows(response)
    assert row["result"] == "不合格"
    assert row["enterprise.credit_code"] == dataset["pudong"].credit_code
    assert row["failed_items"] == "导体电阻"
    assert row["announcement.issued_on"] == "2025-03-01"


def test_batch_csv_matches_json_fields(client, dataset):
    json_item = client.get("/api/v1/batches?per_page=1").get_json()["items"][0]
    csv_row = rows(client.get("/api/v1/batches.csv"))[0]
    assert csv_row["id"] == str(json_item["id"])
    assert csv_row["updated_at"] == json_item["updated_at"]
    assert csv_row["category.name"] == json_item["category"]["name"]


@pytest.mark.parametrize("resource", ["announcements", "recalls", "regulations"])
def test_other_lists_as_csv(client, dataset, resource):
    json_total = client.get(f"/api/v1/{resource}").get_json()["meta"]["total"]
    assert len(rows(client.get(f"/api/v1/{resource}.csv"))) == json_total


def test_categories_as_csv(client, dataset):
    codes = [row["code"] for row in rows(client.get("/api/v1/categories?format=csv"))]
    assert codes == ["0101", "0601"]
    assert len(rows(client.get("/api/v1/categories.csv"))) == 2


def test_announcement_csv_flattens_counts(client, dataset):
    by_id = {r["id"]: r for r in rows(client.get("/api/v1/announcements?format=csv"))}
    old = by_id[str(dataset["old"].id)]
    assert old["batch_counts.failed"] == "1"
    assert old["category.code"] == "0101"
