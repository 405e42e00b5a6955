"""/api/v1/complaints/stats and the /stats/ page: counts only, never contents or contacts."""

from datetime import datetime

from portal.extensions import db
from portal.models import Submission
from portal.queries.complaints import month_starts
from portal.timeutil import local_today


def file_last_month() -> None:
    """A complaint with private details, filed in the previous whole month."""
    start = month_starts(1, local_today())[0]
    item = Submission(
        kind="complaint",
        tracking_number="TS-X",
        access_code_hash="secret-hash",
        text="<script>alert(1)</script>机密内容",
        contact_phone="13811112222",
        created_at=datetime(start.year, start.month, 10, 4),
    )
    db.session.add(item)
    db.session.commit()


def test_the_api_gives_counts_by_month(client):
    file_last_month()
    body = client.get("/api/v1/complaints/stats?months=2").get_json()
    assert body["total"] == 1
    assert len(body["months"]) == 2
    assert body["by_month"] == [0, 1]
    assert body["by_category"][0]["name"] == "未分类"
    text = str(body)
    assert "13811112222" not in text
    assert "机密内容" not in text


def test_bad_arguments_are_refused(client):
    assert client.get("/api/v1/complaints/stats?months=99").status_code == 422
    assert client.get("/api/v1/complaints/stats?foo=1").status_code == 422


def test_the_stats_page_shows_the_counts_only(client):
    file_last_month()
    page = client.get("/stats/").get_data(as_text=True)
    assert "投诉举报件数" in page
    assert "共 1 件" in page
    assert "机密内容" not in page
    assert "13811112222" not in page
