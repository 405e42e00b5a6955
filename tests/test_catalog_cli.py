"""`flask --app portal catalog import FILE`."""

from sqlalchemy import func, select

from portal.data import CATALOGUE_CSV
from portal.extensions import db
from portal.models import ProductCategory


def test_catalog_import_command_loads_the_shipped_catalogue(runner):
    first = runner.invoke(args=["catalog", "import", str(CATALOGUE_CSV)])
    second = runner.invoke(args=["catalog", "import", str(CATALOGUE_CSV)])
    assert first.exit_code == 0, first.output
    assert "120 created" in first.output
    assert "0 created, 0 updated, 120 unchanged" in second.output
    assert db.session.scalar(select(func.count(ProductCategory.id))) == 120


def test_catalog_import_command_reports_rows_and_saves_nothing(runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name,group\n0101,电线电缆,电子电器\n0102,,电子电器\n", encoding="utf-8")
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code == 1
    assert "第3行：名称不能为空。" in result.output
    assert "未保存任何内容" in result.output
    assert db.session.scalar(select(func.count(ProductCategory.id))) == 0
