"""The import-results command: progress, problems with row numbers, exit codes, the new id."""

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Announcement, AuditLog, Batch, Enterprise, User
from tests.conftest import make_credit_code
from tests.importing.builders import batch_row, result_workbook

CODE = make_credit_code(810001)


@pytest.fixture
def table_file(tmp_path, create_category):
    """A valid result table on disk, and its category."""
    create_category(code="0101", name="电线电缆")
    path = tmp_path / "结果.xlsx"
    path.write_bytes(result_workbook([batch_row(1, code=CODE), batch_row(2, code=CODE)]))
    return path


def saved_counts() -> tuple[int, int, int]:
    """Announcements, batches and enterprises stored."""
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Announcement, Batch, Enterprise)
    )


def test_import_saves_a_draft_and_prints_its_id(runner, table_file):
    result = runner.invoke(
        args=["import-results", str(table_file), "--issued-on", "2026-05-20", "--scope", "流通"]
    )
    assert result.exit_code == 0, result.output
    announcement = db.session.scalar(select(Announcement))
    assert f"id: {announcement.id}" in result.output
    assert "新企业（待确认）" in result.output
    assert announcement.status == "draft"
    assert (announcement.scope, announcement.number) == ("流通", "沪市监质〔2026〕第1号")
    assert len(announcement.batches) == 2


def test_publish_option_publishes(runner, client, table_file):
    publisher = User(username="pub1", display_name="发布", password_hash="x", roles=["publisher"])
    db.session.add(publisher)
    db.session.commit()
    args = ["import-results", str(table_file), "--publish", "--number", "沪市监质〔2026〕第9号"]
    refused = runner.invoke(args=args)
    assert refused.exit_code == 1
    assert "publisher" in refused.output
    assert db.session.scalar(select(Announcement)) is None
    result = runner.invoke(args=[*args, "--user", "pub1"])
    assert result.exit_code == 0, result.output
    announcement = db.session.scalar(select(Announcement))
    assert announcement.status == "published"
    assert announcement.number == "沪市监质〔2026〕第9号"
    page = client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    assert "上海申光电缆有限公司" in page


def test_problems_exit_non_zero_and_save_nothing(runner, tmp_path, table_file):
    rows = [batch_row(1, code=CODE), batch_row(2, name="上海无码电缆厂", result="待定")]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(result_workbook(rows))
    before = saved_counts()
    result = runner.invoke(args=["import-results", str(path), "--category", "0101"])
    assert result.exit_code == 1
    assert "第6行「检验结论（I列）」：无法识别的抽查结果：待定" in result.output
    assert (
        "第6行「标称生产企业名称」：「上海无码电缆厂」是新企业，缺少统一社会信用代码"
        in result.output
    )
    assert saved_counts() == before


def test_codes_file_supplies_missing_codes(runner, tmp_path, table_file):
    path = tmp_path / "nocode.xlsx"
    path.write_bytes(result_workbook([batch_row(1, name="上海无码电缆厂")]))
    codes = tmp_path / "codes.csv"
    codes.write_bytes(f"上海无码电缆厂,{make_credit_code(810002)}\n".encode("gbk"))
    result = runner.invoke(args=["import-results", str(path), "--codes", str(codes)])
    assert result.exit_code == 0, result.output
    enterprise = db.session.scalar(select(Enterprise).where(Enterprise.name == "上海无码电缆厂"))
    assert enterprise.credit_code == make_credit_code(810002)


def test_duplicate_number_exits_non_zero(runner, table_file, create_announcement):
    taken = create_announcement().number
    before = saved_counts()
    result = runner.invoke(args=["import-results", str(table_file), "--number", taken])
    assert result.exit_code == 1
    assert "已被使用" in result.output
    assert saved_counts() == before


def test_user_option_names_the_actor(runner, table_file):
    user = User(username="editor1", display_name="编辑", password_hash="x", roles=["editor"])
    db.session.add(user)
    db.session.commit()
    unknown = runner.invoke(args=["import-results", str(table_file), "--user", "nobody"])
    assert unknown.exit_code == 1
    assert "没有名为「nobody」的有效员工账号" in unknown.output
    result = runner.invoke(args=["import-results", str(table_file), "--user", "editor1"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(AuditLog.user_id)) == user.id


def test_help_documents_the_metadata_options(runner):
    result = runner.invoke(args=["import-results", "--help"])
    for option in ("--category", "--number", "--title", "--scope", "--period-start"):
        assert option in result.output
    assert "--issued-on" in result.output
    assert "--publish" in result.output
