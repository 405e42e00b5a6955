"""Every staff page type in English shows no Chinese outside published content and user data.

The small demo site is seeded once, with a staff member holding every role, a draft, campaigns
and a synonym group; each page is rendered after choosing English with the `lang` cookie, the
elements marked lang="zh-Hans" (titles, names, citizens' texts) are set aside, and no Chinese
character may remain (tests/english.py). The Chinese default is what tests/admin checks.
"""

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal import create_app
from portal.extensions import db
from tests.browser.server import seed_small_site, site_config
from tests.english import chinese_leaks
from tests.importing.builders import batch_row, result_workbook

PASSWORD = "Kettle-Lamp-Orbit-42"
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def staff_data(app) -> dict:
    """A staff member with every role and the records the staff pages show; their ids."""
    from portal.models import (
        Announcement,
        ChoiceKind,
        Enterprise,
        ProductCategory,
        PublicationStatus,
        Recall,
        Regulation,
        Role,
        Submission,
        SubmissionKind,
        utcnow,
    )
    from portal.services import campaigns, publishing
    from portal.services.accounts import create_user
    from portal.services.search_synonyms import add_group

    app.config["PASSWORD_HASH_METHOD"] = "scrypt:1024:8:1"
    user = create_user(None, "english", "英文测试员", list(Role.ALL), PASSWORD)
    category = db.session.scalars(select(ProductCategory).order_by(ProductCategory.id)).first()
    enterprise = db.session.scalars(select(Enterprise).order_by(Enterprise.id)).first()
    fields = {
        "number": "英文〔2026〕第1号",
        "title": "2026年电饭煲产品质量监督抽查结果公告",
        "category_id": category.id,
        "scope": "流通",
        "period_start_on": date(2026, 3, 1),
        "period_end_on": date(2026, 4, 30),
        "issued_on": date(2026, 6, 1),
        "summary": "抽查电饭煲。",
        "batches": [
            {
                "enterprise_id": enterprise.id,
                "product_name": "电饭煲",
                "result": "不合格",
                "failed_items": ["标志和说明"],
                "agency": "上海市质量监督检验技术研究院",
            }
        ],
    }
    draft = publishing.create_draft(Announcement, fields, user)
    published = db.session.scalars(
        select(Announcement).where(Announcement.status == PublicationStatus.PUBLISHED)
    ).first()
    now = utcnow()
    period = {"description": "请选出您最关心的产品。", "max_choices": 2}
    period |= {"starts_at": now - timedelta(days=2), "ends_at": now + timedelta(days=5)}
    draft_campaign = campaigns.create_campaign(user, {"title": "2027年你点我检", **period})
    closed = campaigns.create_campaign(user, {"title": "2026年你点我检", **period})
    for label, kind in (("电动自行车充电器", ChoiceKind.PRODUCT), ("农贸市场", ChoiceKind.PLACE)):
        choice = {"kind": kind, "label": label, "note": "", "category_id": category.id}
        campaigns.add_choice(user, closed, choice)
    campaigns.set_campaign_status(user, closed, "open")
    campaigns.set_campaign_status(user, closed, "closed")
    add_group("电瓶车 电动自行车", user)

    def first_submission(kind):
        return db.session.scalars(select(Submission.id).where(Submission.kind == kind)).first()

    return {
        "user": user.id,
        "draft": draft.id,
        "published": published.id,
        "recall": db.session.scalars(select(Recall.id)).first(),
        "regulation": db.session.scalars(select(Regulation.id)).first(),
        "campaign": draft_campaign.id,
        "closed campaign": closed.id,
        "complaint": first_submission(SubmissionKind.COMPLAINT),
        "suggestion": first_submission(SubmissionKind.SUGGESTION),
        "category code": category.code,
    }


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory, database_url):
    """A seeded small site with staff data: (app, ids)."""
    folder = tmp_path_factory.mktemp("english-staff-site")
    app = create_app(site_config(folder, database_url) | {"UPLOAD_DIR": str(folder / "uploads")})
    seed_small_site(app)
    with app.app_context():
        ids = staff_data(app)
    yield app, ids
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def token_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    return TOKEN.search(html).group(1)


def signed_in(app, language: str = "en"):
    """A client that chose a language and signed in through the form as the all-roles user."""
    client = app.test_client()
    client.set_cookie("lang", language)
    page = client.get("/admin/sign-in").get_data(as_text=True)
    form = {"username": "english", "password": PASSWORD, "csrf_token": token_of(page)}
    assert client.post("/admin/sign-in", data=form).status_code == 302
    return client


def uploaded_preview(app, client, category_code: str) -> str:
    """Upload a result table (one new enterprise without a code) and return its preview URL."""
    page = client.get("/admin/imports/").get_data(as_text=True)
    data = result_workbook([batch_row(1), batch_row(2, name="上海无码电缆厂", result="待定")])
    form = {"csrf_token": token_of(page), "category": category_code, "codes": ""}
    form["file"] = (io.BytesIO(data), "结果.xlsx")
    response = client.post("/admin/imports/", data=form, content_type="multipart/form-data")
    assert response.status_code == 302
    return response.location


def staff_paths(ids: dict) -> dict[str, str]:
    """One address of every staff page type."""
    content = "/admin/content/announcements"
    return {
        "dashboard": "/admin/",
        "imports upload": "/admin/imports/",
        "content drafts": f"{content}/?state=draft",
        "content published": f"{content}/?state=published",
        "content scheduled (none)": "/admin/content/recalls/?state=scheduled",
        "content new": f"{content}/new",
        "content draft record": f"{content}/{ids['draft']}",
        "content draft edit": f"{content}/{ids['draft']}/edit",
        "content draft preview": f"{content}/{ids['draft']}/preview",
        "content batches": f"/admin/content/announcements/{ids['draft']}/batches",
        "content published record": f"{content}/{ids['published']}",
        "recall new": "/admin/content/recalls/new",
        "regulation record": f"/admin/content/regulations/{ids['regulation']}",
        "correction": f"/admin/corrections/announcements/{ids['published']}/correct",
        "recall correction": f"/admin/corrections/recalls/{ids['recall']}/correct",
        "withdrawal": f"/admin/corrections/announcements/{ids['published']}/withdraw",
        "moderation queue": "/admin/moderation/",
        "moderation queue filtered": "/admin/moderation/?kind=suggestion&status=已受理&spam=all",
        "moderation bad filter (422)": "/admin/moderation/?page=0",
        "complaint": f"/admin/moderation/{ids['complaint']}",
        "suggestion": f"/admin/moderation/{ids['suggestion']}",
        "campaigns": "/admin/campaigns/",
        "campaign new": "/admin/campaigns/new",
        "campaign draft": f"/admin/campaigns/{ids['campaign']}",
        "campaign closed": f"/admin/campaigns/{ids['closed campaign']}",
        "plan": "/admin/plan/",
        "catalog": "/admin/catalog/",
        "regulation upload": "/admin/regulations/new",
        "regulation amend": f"/admin/regulations/{ids['regulation']}/amend",
        "users": "/admin/users/",
        "user new": "/admin/users/new",
        "user": f"/admin/users/{ids['user']}",
        "audit": "/admin/audit/",
        "audit bad dates (422)": "/admin/audit/?date_from=1990-01-01&date_to=abc",
        "alerts": "/admin/alerts/",
        "search synonyms": "/admin/search-synonyms/",
        "not found": "/admin/content/announcements/999999",
    }


IDS = ("user", "draft", "published", "recall", "regulation", "campaign", "closed campaign")
PAGE_TYPES = list(staff_paths(dict.fromkeys((*IDS, "complaint", "suggestion"), 0)))


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_english_staff_page_has_no_chinese_interface_text(staff_site, page_type):
    app, ids = staff_site
    response = signed_in(app).get(staff_paths(ids)[page_type])
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 404, 422), html
    assert '<html lang="en">' in html
    assert chinese_leaks(html) == []


def test_the_import_preview_and_its_problems_are_english(staff_site):
    app, ids = staff_site
    client = signed_in(app)
    html = client.get(uploaded_preview(app, client, ids["category code"])).get_data(as_text=True)
    assert "Problems (" in html
    assert "Unknown result: 待定 (must be 合格 or 不合格)" in html
    leaks = chinese_leaks(html)
    # Problem messages quote the table's own cells (待定, the enterprise's name) unmarked.
    assert all("待定" in leak or "上海无码电缆厂" in leak for leak in leaks), leaks


def test_the_sign_in_page_and_its_errors_are_english(staff_site):
    app, _ids = staff_site
    client = app.test_client()
    client.set_cookie("lang", "en")
    page = client.get("/admin/sign-in").get_data(as_text=True)
    assert chinese_leaks(page) == []
    assert '<label for="username">User name</label>' in page
    response = client.post("/admin/sign-in", data={"csrf_token": token_of(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<p class="field-error" id="username-error">Enter the user name.</p>' in html
    wrong = {"csrf_token": token_of(html), "username": "english", "password": "x" * 12}
    assert "Wrong user name or password." in client.post("/admin/sign-in", data=wrong).text
    assert "Please sign in first." in client.get("/admin/audit/", follow_redirects=True).text


def test_flash_messages_and_service_errors_are_english(staff_site):
    app, _ids = staff_site
    client = signed_in(app)
    page = client.get("/admin/search-synonyms/").get_data(as_text=True)
    form = {"csrf_token": token_of(page), "words": "电驴"}
    refused = client.post("/admin/search-synonyms/", data=form)
    assert refused.status_code == 422
    assert "Give at least two words, separated by spaces or ideographic commas." in refused.text
    form["words"] = "电驴 电动自行车"
    added = client.post("/admin/search-synonyms/", data=form, follow_redirects=True)
    assert "Synonyms added; search uses them at once." in added.text
    assert chinese_leaks(added.get_data(as_text=True)) == []


def test_stored_chinese_values_are_shown_translated(staff_site):
    app, ids = staff_site
    client = signed_in(app)
    user = client.get(f"/admin/users/{ids['user']}").get_data(as_text=True)
    assert "Editor, Publisher, Moderator, Administrator" in user
    assert '<span lang="zh-Hans">英文测试员</span>' in user
    audit = client.get("/admin/audit/").get_data(as_text=True)
    assert '<option value="sign_in">Sign in</option>' in audit
    queue = client.get("/admin/moderation/?spam=all").get_data(as_text=True)
    assert "已受理" not in queue.split("<tbody>")[1]
    campaigns = client.get("/admin/campaigns/").get_data(as_text=True)
    assert ">Closed</td>" in campaigns
    assert ">Draft</td>" in campaigns


def test_the_switch_keeps_the_staff_page(staff_site):
    app, ids = staff_site
    client = signed_in(app)
    page = client.get("/admin/audit/?action=sign_in").get_data(as_text=True)
    link = '"/language/zh?next=/admin/audit/?action%3Dsign_in" lang="zh-Hans"'
    assert link in page
    back = client.get("/language/zh?next=/admin/audit/?action%3Dsign_in")
    assert back.status_code == 303
    assert back.location == "/admin/audit/?action=sign_in"
    chinese = client.get(back.location).get_data(as_text=True)
    assert '<html lang="zh-CN">' in chinese
    assert "审计日志" in chinese
    assert '"/language/en?next=/admin/audit/?action%3Dsign_in" lang="en"' in chinese


def test_a_refused_post_switches_back_to_the_page_of_its_form(staff_site):
    app, ids = staff_site
    client = signed_in(app)
    detail = f"/admin/users/{ids['user']}"
    token = token_of(client.get(detail).get_data(as_text=True))
    refused = client.post(
        f"{detail}/roles",
        data={"csrf_token": token},
        headers={"Referer": f"http://localhost{detail}"},
    )
    assert refused.status_code == 422
    assert f'"/language/zh?next={detail}"' in refused.text
    assert chinese_leaks(refused.get_data(as_text=True)) == []
    create = client.post("/admin/users/new", data={"csrf_token": token})
    assert '"/language/zh?next=/admin/users/new"' in create.text
