"""The import service: a preview that saves nothing, enterprise matching, all-or-nothing save."""

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, AuditLog, Batch, Enterprise, EnterpriseName, User
from portal.services.content import current_content_version
from portal.services.importing import (
    ImportMetadata,
    ImportProblemsError,
    preview_import,
    save_import,
)
from portal.services.publishing import publish_record
from tests.conftest import make_credit_code
from tests.importing.builders import batch_row, result_workbook

NEW_CODE = make_credit_code(900001)


def counts() -> tuple[int, ...]:
    """Rows in the tables an import writes."""
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Announcement, Batch, Enterprise, EnterpriseName, AuditLog)
    )


@pytest.fixture
def cables(create_category):
    """The category the test tables are about."""
    return create_category(code="0101", name="电线电缆")


def workbook_of_enterprises(*names_and_codes, address="上海市浦东新区川沙路1号") -> bytes:
    """One passed batch per (name, code) pair."""
    rows = [
        batch_row(i, name=name, code=code, address=address)
        for i, (name, code) in enumerate(names_and_codes, start=1)
    ]
    return result_workbook(rows)


def test_preview_matches_enterprises_and_saves_nothing(cables, create_enterprise):
    by_code = create_enterprise(name="上海旧名电缆厂", credit_code=make_credit_code(800001))
    by_name = create_enterprise(name="上海申光电缆（集团）有限公司")
    before = counts(), current_content_version()[0]
    data = workbook_of_enterprises(
        ("上海新名电缆有限公司", make_credit_code(800001)),
        ("上海申光电缆(集团) 有限公司", None),
        ("上海全新电缆有限公司", NEW_CODE),
        ("上海无码电缆有限公司", None),
    )
    preview = preview_import(data, "结果.xlsx", None)
    assert (counts(), current_content_version()[0]) == before
    assert preview.category.code == "0101"  # from the title row
    statuses = {m.name: (m.enterprise_id, m.how, m.renamed_from) for m in preview.enterprises}
    assert statuses["上海新名电缆有限公司"] == (by_code.id, "统一社会信用代码", "上海旧名电缆厂")
    assert statuses["上海申光电缆（集团）有限公司"] == (by_name.id, "企业名称", None)
    assert statuses["上海全新电缆有限公司"] == (None, "", None)
    assert [str(p) for p in preview.problems] == [
        "第8行「标称生产企业名称」：「上海无码电缆有限公司」是新企业，缺少统一社会信用代码"
        "（第8行），请提供统一社会信用代码。"
    ]
    supplied = preview_import(
        data, "结果.xlsx", None, {"上海无码电缆有限公司": NEW_CODE[:-1] + "0"}
    )
    assert any("校验位不正确" in str(problem) for problem in supplied.problems)
    assert preview_import(
        data, "结果.xlsx", None, {"上海无码电缆有限公司": make_credit_code(800007)}
    ).is_valid


def test_same_name_is_told_apart_by_address(cables, create_enterprise):
    create_enterprise(name="上海申光电缆有限公司", address="上海市嘉定区1号")
    wanted = create_enterprise(name="上海申光电缆有限公司", address="上海市浦东新区川沙路1号")
    preview = preview_import(
        workbook_of_enterprises(("上海申光电缆有限公司", None)), "a.xlsx", None
    )
    (match,) = preview.enterprises
    assert (match.enterprise_id, match.how) == (wanted.id, "企业名称和地址")
    other = workbook_of_enterprises(("上海申光电缆有限公司", None), address="上海市闵行区")
    (problem,) = preview_import(other, "a.xlsx", None).problems
    assert "已有多家名为「上海申光电缆有限公司」的企业" in problem.message


def test_former_name_matches(cables, create_enterprise):
    enterprise = create_enterprise(name="上海新名电缆有限公司")
    enterprise.former_names.append(EnterpriseName(name="上海旧名电缆厂"))
    db.session.commit()
    preview = preview_import(workbook_of_enterprises(("上海旧名电缆厂", None)), "a.xlsx", None)
    (match,) = preview.enterprises
    assert (match.enterprise_id, match.how) == (enterprise.id, "曾用名")


def test_invalid_code_and_unknown_category_are_problems(cables):
    data = workbook_of_enterprises(("上海申光电缆有限公司", "91310115000000000Z"))
    messages = {str(p) for p in preview_import(data, "a.xlsx", "9999").problems}
    assert "表格「产品类别」：产品类别代码「9999」不存在。" in messages
    assert any(m.startswith("第5行「统一社会信用代码」：统一社会信用代码") for m in messages)


def test_save_writes_a_draft_with_everything(cables, create_enterprise, client):
    renamed = create_enterprise(name="上海旧名电缆厂", credit_code=make_credit_code(800001))
    rows = [
        batch_row(1, name="上海新名电缆有限公司", code=make_credit_code(800001)),
        batch_row(
            2, name="上海全新电缆有限公司", code=NEW_CODE, result="不合格", failed="标志、温升"
        ),
        batch_row(3, name=None, address=None, code=None, produced="2026.03.05"),
    ]
    data = result_workbook(rows, merges=("C6:C7", "D6:D7"))
    preview = preview_import(data, "结果.xlsx", "0101")
    version = current_content_version()[0]
    announcement = save_import(
        preview, ImportMetadata(issued_on=date(2026, 5, 20)), None, "10.0.0.1"
    )
    assert announcement.status == "draft"
    assert announcement.number == "沪市监质〔2026〕第1号"
    assert announcement.title == "2026年电线电缆产品质量监督抽查结果"
    assert (announcement.period_start_on, announcement.period_end_on) == (
        date(2026, 4, 1),
        date(2026, 5, 20),
    )
    assert [(b.enterprise.name, b.result, b.failed_items) for b in announcement.batches] == [
        ("上海新名电缆有限公司", "合格", []),
        ("上海全新电缆有限公司", "不合格", ["标志", "温升"]),
        ("上海全新电缆有限公司", "合格", []),
    ]
    assert [f.name for f in renamed.former_names] == ["上海旧名电缆厂"]
    audit = db.session.scalar(select(AuditLog))
    assert (audit.action, audit.entity_id, audit.remote_addr) == (
        "import",
        announcement.id,
        "10.0.0.1",
    )
    assert audit.details["new_enterprises"] == [NEW_CODE]
    assert current_content_version()[0] == version + 1
    assert client.get(f"/announcements/{announcement.id}").status_code == 404
    page = client.get(f"/enterprises/{make_credit_code(800001)}").get_data(as_text=True)
    assert "曾用名" in page
    assert "上海旧名电缆厂" in page
    api = client.get(f"/api/v1/enterprises/{make_credit_code(800001)}").get_json()
    assert api["former_names"] == ["上海旧名电缆厂"]


def test_published_import_appears_on_the_announcement_page(cables, client):
    editor = User(username="ed", display_name="编辑", password_hash="x", roles=["editor"])
    publisher = User(username="pub", display_name="发布", password_hash="x", roles=["publisher"])
    db.session.add_all([editor, publisher])
    db.session.commit()
    data = workbook_of_enterprises(("上海全新电缆有限公司", NEW_CODE))
    announcement = save_import(preview_import(data, "a.xlsx", "0101"), ImportMetadata(), editor)
    assert announcement.last_edited_by_id == editor.id
    publish_record(announcement, publisher, "test")
    assert announcement.status == "published"
    assert announcement.published_at is not None
    page = client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    assert "上海全新电缆有限公司" in page
    assert "聚氯乙烯绝缘电线" in page
    with pytest.raises(InvalidInputError):
        publish_record(announcement, publisher, "test")


def test_error_in_row_4000_saves_nothing(cables):
    rows = [
        batch_row(i, name=f"上海第{i % 50}电缆有限公司", code=make_credit_code(800100 + i % 50))
        for i in range(1, 4200)
    ]
    rows[3995][8] = "待定"  # spreadsheet row 4000: four rows of title and header above
    data = result_workbook(rows)
    preview = preview_import(data, "big.xlsx", "0101")
    assert [str(p) for p in preview.problems] == [
        "第4000行「检验结论（I列）」：无法识别的抽查结果：待定（应为合格或不合格）"
    ]
    before = counts()
    with pytest.raises(ImportProblemsError) as raised:
        save_import(preview, ImportMetadata(), None)
    assert raised.value.problems == preview.problems
    assert counts() == before


def test_save_revalidates_against_the_database(cables, create_enterprise):
    preview = preview_import(
        workbook_of_enterprises(("上海全新电缆有限公司", NEW_CODE)), "a.xlsx", "0101"
    )
    create_enterprise(name="上海别名电缆有限公司", credit_code=NEW_CODE)
    before = counts()
    with pytest.raises(InvalidInputError, match="请重新预览"):
        save_import(preview, ImportMetadata(), None)
    assert counts() == before


@pytest.mark.parametrize(
    ("metadata", "field"),
    [
        (ImportMetadata(scope="海关"), "scope"),
        (ImportMetadata(number="测试〔2026〕第1号"), "number"),
        (
            ImportMetadata(period_start_on=date(2026, 6, 1), issued_on=date(2026, 5, 1)),
            "period_start_on",
        ),
    ],
)
def test_invalid_metadata_saves_nothing(cables, create_announcement, metadata, field):
    create_announcement()  # holds 测试〔2026〕第1号
    preview = preview_import(
        workbook_of_enterprises(("上海全新电缆有限公司", NEW_CODE)), "a.xlsx", "0101"
    )
    before = counts()
    with pytest.raises(InvalidInputError) as raised:
        save_import(preview, metadata, None)
    assert field in raised.value.errors
    assert counts() == before


def test_one_code_for_two_names_is_a_problem(cables):
    data = workbook_of_enterprises(
        ("上海甲电缆有限公司", NEW_CODE), ("上海乙电缆有限公司", NEW_CODE)
    )
    (problem,) = preview_import(data, "a.xlsx", "0101").problems
    assert (problem.row, problem.column) == (6, "统一社会信用代码")
    assert "同时对应「上海甲电缆有限公司」和「上海乙电缆有限公司」" in problem.message
