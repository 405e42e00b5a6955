"""The index follows commits; paused indexing drops what it collected."""

from sqlalchemy import insert, update

from portal.extensions import db
from portal.models import Enterprise
from portal.search import registry, search


def test_bulk_statement_rebuilds_the_index_at_commit(app, corpus):
    renamed = update(Enterprise).where(Enterprise.name == "上海丰益电缆有限公司")
    db.session.execute(renamed.values(name="上海批量导入测试有限公司"))
    db.session.commit()

    found = search({"q": "批量导入", "type": "enterprise", "page": 1, "per_page": 10})
    assert found.total == 1


def test_paused_indexing_forgets_bulk_changes(app, corpus, create_category, monkeypatch):
    app.config["SEARCH_AUTO_INDEX"] = False
    db.session.execute(
        insert(Enterprise),
        [{"credit_code": "91310000MA1K4A0X1N", "name": "上海批量导入测试有限公司"}],
    )
    db.session.commit()
    app.config["SEARCH_AUTO_INDEX"] = True
    rebuilds = []
    monkeypatch.setattr(registry.backend(), "rebuild", lambda *a, **k: rebuilds.append(a))

    create_category(code="0999", name="暂停后品类")  # the next commit must not rebuild

    assert rebuilds == []
    assert search({"q": "批量导入", "page": 1, "per_page": 10}).total == 0
