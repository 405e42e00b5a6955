"""`import-regulations` adds new files; `amend-regulation ID FILE` replaces a text."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Regulation, RegulationVersion
from tests.services.test_regulations import AMENDED, AMENDED_FILE, FIRST_FILE, ORIGINAL


def test_import_regulations_adds_only_new_files(runner, tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / FIRST_FILE).write_text(ORIGINAL, encoding="utf-8")
    first = runner.invoke(args=["import-regulations", str(folder)])
    second = runner.invoke(args=["import-regulations", str(folder / FIRST_FILE)])
    assert "Regulations added: 1" in first.output
    assert "Regulations added: 0" in second.output


def test_import_regulations_defaults_to_the_shipped_texts(runner):
    result = runner.invoke(args=["import-regulations"])
    assert "Regulations added: 16" in result.output


def test_amend_regulation_command(runner, tmp_path):
    (tmp_path / FIRST_FILE).write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / AMENDED_FILE).write_text(AMENDED, encoding="utf-8")
    runner.invoke(args=["import-regulations", str(tmp_path / FIRST_FILE)])
    regulation_id = db.session.scalar(select(Regulation.id))
    result = runner.invoke(
        args=["amend-regulation", str(regulation_id), str(tmp_path / AMENDED_FILE)]
    )
    again = runner.invoke(
        args=["amend-regulation", str(regulation_id), str(tmp_path / AMENDED_FILE)]
    )
    missing = runner.invoke(args=["amend-regulation", "999", str(tmp_path / AMENDED_FILE)])
    assert result.exit_code == 0, result.output
    assert "2026-06-01" in result.output
    assert again.exit_code == 1
    assert "已经导入过" in again.output
    assert missing.exit_code != 0
    assert db.session.scalar(select(func.count(RegulationVersion.id))) == 1
