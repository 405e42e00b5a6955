"""Pages carry validators, answer 304, and change when content is published."""

from tests.conftest import commit_content


def test_page_has_validators_and_answers_304(client, create_announcement):
    create_announcement(title="缓存测试公告")
    first = client.get("/announcements/")
    assert first.status_code == 200
    assert first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    again = client.get("/announcements/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


def test_publishing_invalidates_cached_pages(client, create_announcement):
    first = client.get("/announcements/")
    create_announcement(title="新发布的公告")
    second = client.get("/announcements/", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert "新发布的公告" in second.get_data(as_text=True)
    assert second.headers["ETag"] != first.headers["ETag"]


def test_cached_page_is_served_from_cache(client, create_announcement, app):
    announcement = create_announcement(title="原标题")
    client.get(f"/announcements/{announcement.id}")
    announcement.title = "未经服务层修改的标题"
    from portal.extensions import db

    db.session.commit()
    assert "原标题" in client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    commit_content()
    assert "未经服务层修改的标题" in client.get(f"/announcements/{announcement.id}").get_data(
        as_text=True
    )


def test_responses_without_a_session_do_not_vary_on_cookies(client):
    response = client.get("/")
    assert "Cookie" not in response.headers.get("Vary", "")
