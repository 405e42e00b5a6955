"""The staff preview of a draft is the public page itself, with a "草稿预览" banner."""

import re
from datetime import date

import pytest

from portal.models import Recall, Regulation
from portal.public.pages import preview_page
from portal.services.publishing import create_draft, publish_record

ARTICLE = re.compile(r"<article.*?</article>", re.S)


def test_preview_is_the_public_page_with_a_banner(app, client, draft_announcement, make_user):
    draft = draft_announcement(title="预览用的抽查公告")
    with app.test_request_context(f"/admin/drafts/announcement/{draft.id}/preview"):
        preview = preview_page(draft)
    assert "草稿预览" in preview
    assert '<meta name="robots" content="noindex">' in preview
    assert client.get(f"/announcements/{draft.id}").status_code == 404  # still a draft

    publish_record(draft, make_user("publisher"))
    public = client.get(f"/announcements/{draft.id}").get_data(as_text=True)

    assert "草稿预览" not in public
    assert "noindex" not in public
    assert ARTICLE.search(preview).group() == ARTICLE.search(public).group()


RECALL = {
    "number": "沪召〔2026〕77号",
    "title": "预览召回",
    "recall_type": "主动召回",
    "kind": "消费品",
    "product_name": "暖风机",
    "defect": "过热",
    "hazard": "烫伤",
    "remedy": "退货",
    "announced_on": date(2026, 6, 2),
}
REGULATION = {
    "title": "预览条例",
    "source_name": "预览条例",
    "level": "地方性法规",
    "legal_status": "现行有效",
    "version_on": date(2026, 1, 1),
}


@pytest.mark.parametrize(("model", "fields"), [(Recall, RECALL), (Regulation, REGULATION)])
def test_recall_and_regulation_previews(app, make_user, model, fields):
    draft = create_draft(model, fields, make_user("editor"))
    with app.test_request_context("/admin/"):
        preview = preview_page(draft)
    assert "草稿预览" in preview
    assert fields["title"] in preview
