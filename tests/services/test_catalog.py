"""The product catalogue import: upsert by code, all rows or nothing, problems by row."""

import pytest
from sqlalchemy import func, select

from portal.data import CATALOGUE_CSV
from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import AuditLog, CatalogProduct, ProductCategory
from portal.search.analysis import query_tokens
from portal.services.catalog import import_catalog
from portal.services.content import current_content_version

HEADER = "code,name,group,risk_level,is_key_product,products,test_items,description\n"


def category_count() -> int:
    """How many categories are stored."""
    return db.session.scalar(select(func.count(ProductCategory.id)))


def test_shipped_catalogue_imports_once(app):
    first = import_catalog(CATALOGUE_CSV.read_bytes(), CATALOGUE_CSV.name)
    second = import_catalog(CATALOGUE_CSV.read_bytes(), CATALOGUE_CSV.name)
    assert len(first.created) == 120
    assert second.created == second.updated == []
    assert len(second.unchanged) == 120
    cable = db.session.scalar(select(ProductCategory).where(ProductCategory.code == "0101"))
    assert (cable.name, cable.group_name, cable.risk_level, cable.is_key_product) == (
        "电线电缆",
        "电子电器",
        "高",
        True,
    )
    assert [p.name for p in cable.products][0] == "聚氯乙烯绝缘电线"
    assert [t.name for t in cable.test_items][:2] == ["导体电阻", "绝缘厚度"]
    assert db.session.scalar(select(func.count(AuditLog.id))) == 1


def test_import_updates_by_code_and_keeps_other_categories(app, create_category):
    create_category(code="9901", name="旧类别", group_name="其他")
    import_catalog(HEADER + "0101,电线电缆,电子电器,高,是,电线、电缆,导体电阻,\n", "a.csv")
    version, _ = current_content_version()
    result = import_catalog(
        "代码,名称,分组,重点产品,产品名称,检验项目\n0101,电线电缆（含光缆）,电子电器,否,电缆、光缆,导体电阻、标志\n",
        "b.csv",
    )
    assert result.updated == ["0101"]
    cable = db.session.scalar(select(ProductCategory).where(ProductCategory.code == "0101"))
    assert cable.name == "电线电缆（含光缆）"
    assert cable.risk_level == "中"
    assert cable.is_key_product is False
    assert [p.name for p in cable.products] == ["电缆", "光缆"]
    assert [t.name for t in cable.test_items] == ["导体电阻", "标志"]
    assert db.session.scalar(select(func.count(CatalogProduct.id))) == 2
    assert category_count() == 2  # 9901 untouched
    assert current_content_version()[0] == version + 1


BAD_ROWS = (
    HEADER
    + "0101,电线电缆,电子电器,高,是,电线,导体电阻,\n"
    + "01A!,插头,电子电器,中,否,,,\n"
    + "0103,,电子电器,极高,也许,开关、开关,,\n"
    + "0101,电线电缆二,电子电器,,,,,\n"
)


def test_rows_with_errors_save_nothing_and_are_reported_by_row(app):
    with pytest.raises(InvalidInputError) as caught:
        import_catalog(BAD_ROWS, "bad.csv")
    errors = caught.value.errors
    assert set(errors) == {"第3行", "第4行", "第5行"}
    assert "代码“01A!”应为 2–16 位数字或字母。" in errors["第3行"]
    assert "名称不能为空。" in errors["第4行"]
    assert any("风险等级" in message for message in errors["第4行"])
    assert any("重点产品" in message for message in errors["第4行"])
    assert any("产品名称重复" in message for message in errors["第4行"])
    assert errors["第5行"] == ["代码“0101”与第2行重复。"]
    assert "未保存任何内容" in caught.value.detail
    assert category_count() == 0
    assert db.session.scalar(select(func.count(AuditLog.id))) == 0


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("名称,分组\n电线电缆,电子电器\n", "第1行"),
        ("code,name,group,colour\n0101,电线电缆,电子电器,红\n", "第1行"),
        (HEADER, "文件"),
        (b"\xff\xfe\x00\xd8broken", "文件"),
    ],
)
def test_bad_files_are_refused(app, text, where):
    with pytest.raises(InvalidInputError) as caught:
        import_catalog(text, "bad.csv")
    assert where in caught.value.errors
    assert category_count() == 0


def test_name_held_by_another_stored_category_is_refused(app, create_category):
    create_category(code="0101", name="电线电缆")
    with pytest.raises(InvalidInputError) as caught:
        import_catalog(HEADER + "0199,电线电缆,电子电器,,,,,\n", "clash.csv")
    assert caught.value.errors == {"第2行": ["名称“电线电缆”已被代码 0101 的类别使用。"]}
    assert category_count() == 1


def test_excel_gb18030_file_is_read(app):
    import_catalog(
        (HEADER + "0101,电线电缆,电子电器,高,是,电线,导体电阻,\n").encode("gb18030"), "x"
    )
    assert db.session.scalar(select(ProductCategory.name)) == "电线电缆"


def test_import_teaches_the_search_analyser_new_words(app):
    assert query_tokens("鳄鱼夹测温仪") != ["鳄鱼夹测温仪"]
    import_catalog(HEADER + "7701,测温仪器,计量器具,,,鳄鱼夹测温仪,示值误差,\n", "new.csv")
    assert query_tokens("鳄鱼夹测温仪") == ["鳄鱼夹测温仪"]


def test_category_page_lists_products_and_test_items(app, client):
    import_catalog(HEADER + "0101,电线电缆,电子电器,高,是,电线、电缆,导体电阻、标志,\n", "a.csv")
    page = client.get("/categories/0101").get_data(as_text=True)
    assert "电线、电缆" in page
    assert "导体电阻、标志" in page
