"""Adding and amending regulations from text files: versions, anchors, audit, search."""

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import AuditLog, PublicationStatus, Regulation, RegulationVersion
from portal.services.content import current_content_version
from portal.services.regulations import add_regulation, amend_regulation

ORIGINAL = """# 示范市电动车安全条例

2024年3月1日 示范市第十六届人民代表大会常务委员会第九次会议通过

<!-- INFO END -->

## 第一章　总则

第一条 为了加强电动车安全管理，制定本条例。

第二条 电动车销售者应当查验产品合格证明，不得销售蓝鲸牌改装电池。

## 第二章　附则

第三条 本条例自2024年5月1日起施行。
"""
AMENDED = """# 示范市电动车安全条例

2024年3月1日 示范市第十六届人民代表大会常务委员会第九次会议通过

2026年6月1日 示范市第十七届人民代表大会常务委员会第二次会议修正

<!-- INFO END -->

## 第一章　总则

第一条 为了加强电动车安全管理，制定本条例。

第二条 电动车销售者应当查验产品合格证明和充电器认证证书，不得销售海豚牌改装电池。

## 第二章　附则

第三条 本条例自2024年5月1日起施行。

第四条 本条例由市市场监督管理部门负责解释。
"""
FIRST_FILE = "示范市电动车安全条例(2024-03-01).md"
AMENDED_FILE = "示范市电动车安全条例(2026-06-01).md"


def audit_actions() -> list[str]:
    """The audit actions written so far."""
    return list(db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_add_regulation_publishes_audits_and_indexes(app, client):
    version, _ = current_content_version()
    regulation = add_regulation(ORIGINAL.encode(), FIRST_FILE, remote_addr="10.0.0.1")
    assert regulation.status == PublicationStatus.PUBLISHED
    assert regulation.version_on == date(2024, 3, 1)
    assert [article.number for article in regulation.articles] == [1, 2, 3]
    assert audit_actions() == ["add_regulation"]
    assert current_content_version()[0] == version + 1
    page = client.get(f"/regulations/{regulation.id}").get_data(as_text=True)
    assert 'id="article-2"' in page
    assert "蓝鲸牌" in client.get("/search?q=蓝鲸牌&type=article").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (ORIGINAL.encode("gb18030"), FIRST_FILE, "UTF-8"),
        (ORIGINAL.encode(), "条例.pdf", ".md"),
        ("没有标题\n\n第一条 内容。", FIRST_FILE, "# 标题"),
        ("# 标题\n\n<!-- INFO END -->\n\n只有说明，没有条文。", FIRST_FILE, "第一条之前"),
        ("# 标题\n\n<!-- INFO END -->\n\n## 第一章 总则\n", FIRST_FILE, "没有找到条文"),
        ("# 标题\n\n第一条 甲。\n\n第三条 乙。\n\n第二条 丙。", FIRST_FILE, "编号"),
        ("# 标题\n\n<!-- INFO END -->\n\n第一条 甲。", "无日期.md", "版本日期"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(app, data, filename, message):
    with pytest.raises(InvalidInputError) as caught:
        add_regulation(data, filename)
    assert message in caught.value.detail
    assert db.session.scalar(select(func.count(Regulation.id))) == 0
    assert audit_actions() == []


def test_the_same_text_or_title_cannot_be_added_twice(app):
    add_regulation(ORIGINAL, FIRST_FILE)
    with pytest.raises(InvalidInputError, match="已经导入过"):
        add_regulation(ORIGINAL, FIRST_FILE)
    with pytest.raises(InvalidInputError, match="修订"):
        add_regulation(AMENDED, AMENDED_FILE)


def test_amendment_keeps_the_id_and_the_old_text(app, client):
    regulation = add_regulation(ORIGINAL, FIRST_FILE)
    regulation_id = regulation.id
    amend_regulation(regulation, AMENDED.encode(), AMENDED_FILE, remote_addr="10.0.0.2")
    db.session.expire_all()
    regulation = db.session.get(Regulation, regulation_id)
    assert regulation.version_on == date(2026, 6, 1)
    assert [line["text"][-2:] for line in regulation.history] == ["通过", "修正"]
    assert [article.number for article in regulation.articles] == [1, 2, 3, 4]
    assert "海豚牌" in regulation.articles[1].text
    (old,) = regulation.versions
    assert old.version_on == date(2024, 3, 1)
    assert "蓝鲸牌" in old.articles[1]["text"]
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "amend_regulation"))
    assert entry.details["articles_changed"] == [2]
    assert entry.details["articles_added"] == [4]
    assert entry.remote_addr == "10.0.0.2"


def test_pages_show_the_current_text_and_link_the_old_one(app, client):
    regulation = add_regulation(ORIGINAL, FIRST_FILE)
    amend_regulation(regulation, AMENDED, AMENDED_FILE)
    version_id = db.session.scalar(select(RegulationVersion.id))
    page = client.get(f"/regulations/{regulation.id}").get_data(as_text=True)
    assert 'id="article-2"' in page
    assert "海豚牌" in page
    assert "蓝鲸牌" not in page
    assert f"/regulations/{regulation.id}/versions/{version_id}" in page
    old = client.get(f"/regulations/{regulation.id}/versions/{version_id}")
    assert old.status_code == 200
    old_page = old.get_data(as_text=True)
    assert "蓝鲸牌" in old_page
    assert 'id="article-3"' in old_page
    assert "查看现行文本" in old_page
    assert client.get(f"/regulations/{regulation.id}/versions/99999").status_code == 404
    assert client.get(f"/regulations/{regulation.id}/versions/{2**40}").status_code == 404


def test_search_follows_the_amendment(app, client):
    regulation = add_regulation(ORIGINAL, FIRST_FILE)
    amend_regulation(regulation, AMENDED, AMENDED_FILE)
    assert "海豚牌" in client.get("/search?q=海豚牌&type=article").get_data(as_text=True)
    assert "没有找到相关结果" in client.get("/search?q=蓝鲸牌").get_data(as_text=True)


def test_amendment_must_be_newer_and_new(app):
    regulation = add_regulation(AMENDED, AMENDED_FILE)
    with pytest.raises(InvalidInputError, match="应晚于"):
        amend_regulation(regulation, ORIGINAL, FIRST_FILE)
    with pytest.raises(InvalidInputError, match="已经导入过"):
        amend_regulation(regulation, AMENDED, AMENDED_FILE)
    assert db.session.scalar(select(func.count(RegulationVersion.id))) == 0
    assert audit_actions() == ["add_regulation"]
