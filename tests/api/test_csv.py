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


def test_csv_holds_at_most_the_row_limit_and_says_so(app, client, dataset):
    total = client.get("/api/v1/batches").get_json()["meta"]["total"]
    assert total >= 2
    app.config["API_CSV_ROW_LIMIT"] = 1
    first = client.get("/api/v1/batches.csv?sort=issued_on")
    assert first.headers["Row-Limit"] == "1"
    assert first.headers["Rows-Truncated"] == "true"
    assert '</api/v1/batches.csv?sort=issued_on&page=2>; rel="next"' in first.headers["Link"]
    assert '</api/v1/downloads/batches.csv>; rel="alternate"' in first.headers["Link"]
    (row,) = rows(first)
    second = client.get("/api/v1/batches.csv?sort=issued_on&page=2")
    (next_row,) = rows(second)
    assert next_row["id"] != row["id"]
    assert second.headers["Rows-Truncated"] == ("true" if total > 2 else "false")


@pytest.mark.parametrize("resource", ["announcements", "recalls", "categories"])
def test_every_csv_list_is_capped(app, client, dataset, resource):
    app.config["API_CSV_ROW_LIMIT"] = 1
    response = client.get(f"/api/v1/{resource}.csv")
    assert response.status_code == 200
    assert len(rows(response)) == 1
    assert response.headers["Row-Limit"] == "1"
    assert f"</api/v1/downloads/{resource}.csv>" in response.headers["Link"]


def test_the_last_csv_page_has_no_next_link(app, client, dataset):
    app.config["API_CSV_ROW_LIMIT"] = 1000
    response = client.get("/api/v1/batches?format=csv")
    assert response.headers["Rows-Truncated"] == "false"
    assert 'rel="next"' not in response.headers["Link"]
    assert len(rows(response)) == client.get("/api/v1/batches").get_json()["meta"]["total"]


def test_csv_pages_end_at_the_tenth(app, client, dataset):
    app.config["API_CSV_ROW_LIMIT"] = 1
    assert client.get("/api/v1/batches.csv?page=10").status_code == 200
    refused = client.get("/api/v1/batches.csv?page=11")
    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert "/api/v1/downloads" in refused.get_json()["detail"]
    assert "page" in refused.get_json()["errors"]


def test_no_row_limit_streams_every_row(app, client, dataset):
    app.config["API_CSV_ROW_LIMIT"] = 0
    response = client.get("/api/v1/batches.csv")
    assert "Row-Limit" not in response.headers
    assert len(rows(response)) == client.get("/api/v1/batches").get_json()["meta"]["total"]


def test_the_api_document_states_the_row_limit(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "每次最多 1000 行" in document["info"]["description"]
    for path in ("/api/v1/batches.csv", "/api/v1/batches"):
        headers = document["paths"][path]["get"]["responses"]["200"]["headers"]
        assert {"Row-Limit", "Rows-Truncated", "Link"} <= set(headers)
        assert "批量下载" in headers["Row-Limit"]["description"]
