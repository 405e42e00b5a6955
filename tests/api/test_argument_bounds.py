"""Ids beyond PostgreSQL's INTEGER range are refused as bad input, not a database error."""


def test_announcement_filter_beyond_integer_range_is_422(client):
    response = client.get("/api/v1/batches?announcement=99999999999")
    assert response.status_code == 422
    assert "announcement" in response.get_json()["errors"]
