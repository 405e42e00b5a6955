"""The whole staff road, without a browser: accounts from the command line, sign-in, an XLSX
uploaded and previewed by an editor, published by a publisher, then found by the public in
search, the API, the feed and the enterprise page."""

import io
import re

import feedparser
from sqlalchemy import select

from portal.extensions import db
from portal.models import Announcement
from tests.admin.conftest import PASSWORD, csrf_token_from, form_token, sign_in
from tests.conftest import make_credit_code
from tests.importing.builders import batch_row, result_workbook

CODE = make_credit_code(830001)
ENTERPRISE = "上海端到端电缆有限公司"


def create_account(runner, username: str, role: str) -> None:
    """`flask create-user` as a script would call it (password on stdin)."""
    args = ["create-user", username, "--role", role, "--password-stdin"]
    result = runner.invoke(args=args, input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output


def signed_in(app, username: str):
    """A new client signed in through the form."""
    client = app.test_client()
    assert sign_in(client, username).status_code == 302
    return client


def import_draft(editor) -> Announcement:
    """Upload, preview and confirm a two-batch result table; return the saved draft."""
    rows = [
        batch_row(1, name=ENTERPRISE, code=CODE, product="阻燃电力电缆"),
        batch_row(2, name=ENTERPRISE, code=CODE, result="不合格", failed="导体电阻、绝缘厚度"),
    ]
    form = {"csrf_token": form_token(editor, "/admin/imports/"), "category": "0101", "codes": ""}
    form["file"] = (io.BytesIO(result_workbook(rows)), "抽查结果.xlsx")
    uploaded = editor.post("/admin/imports/", data=form, content_type="multipart/form-data")
    assert uploaded.status_code == 302
    preview = editor.get(uploaded.location)
    assert "没有发现问题" in preview.get_data(as_text=True)
    confirm = {"csrf_token": csrf_token_from(preview), "scope": "生产", "number": "", "title": ""}
    saved = editor.post(uploaded.location + "/confirm", data=confirm | {"issued_on": ""})
    assert saved.status_code == 302
    return db.session.scalar(select(Announcement))


def publish(publisher, announcement_id: int) -> None:
    """Open the draft on the content screen and publish it (a second person: no reason)."""
    page = publisher.get(f"/admin/content/announcements/{announcement_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    seen = re.search(r'name="seen_edit" type="hidden" value="([^"]*)"', text)
    form = {"csrf_token": csrf_token_from(page), "seen_edit": seen.group(1) if seen else ""}
    response = publisher.post(f"/admin/content/announcements/{announcement_id}/publish", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_import_publish_and_find_everywhere(app, runner, create_category):
    create_category(code="0101", name="电线电缆")
    create_account(runner, "editor_e2e", "editor")
    create_account(runner, "publisher_e2e", "publisher")
    draft = import_draft(signed_in(app, "editor_e2e"))
    assert draft.status == "draft"
    public = app.test_client()
    assert public.get(f"/announcements/{draft.id}").status_code == 404

    publish(signed_in(app, "publisher_e2e"), draft.id)

    db.session.refresh(draft)
    assert draft.status == "published"
    assert "阻燃电力电缆" in public.get(f"/search?q={ENTERPRISE}").get_data(as_text=True)
    batches = public.get(f"/api/v1/batches?enterprise={CODE}").get_json()
    assert batches["meta"]["total"] == 2
    assert {b["result"] for b in batches["items"]} == {"合格", "不合格"}
    feed = feedparser.parse(public.get("/feeds/all.atom").data)
    assert any(entry.title == draft.title for entry in feed.entries)
    enterprise_page = public.get(f"/enterprises/{CODE}").get_data(as_text=True)
    assert "导体电阻" in enterprise_page
    assert ENTERPRISE in enterprise_page
