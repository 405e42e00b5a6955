"""Old XLS workbooks and CSV files in UTF-8 or GBK."""

import io
from datetime import date, datetime

import xlwt

from portal.importing import parse_table
from tests.importing.builders import SUB_HEADER, TITLE, TOP_HEADER, batch_row


def xls_workbook() -> bytes:
    """An XLS with a title, a two-row merged header, a date cell and merged enterprise cells."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("结果")
    sheet.write_merge(0, 0, 0, 11, TITLE)
    for column, text in enumerate(TOP_HEADER):
        if column == 2:
            sheet.write_merge(1, 1, 2, 3, text)
        elif column != 3:
            sheet.write_merge(1, 2, column, column, text)
    for column, text in enumerate(SUB_HEADER):
        if text:
            sheet.write(2, column, text)
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    first = batch_row(1, result="不合格", failed="标志；温升")
    second = batch_row(2, produced="2026.04.01")
    for row_index, values in ((3, first), (4, second)):
        for column, value in enumerate(values):
            if column in (2, 3) or (row_index, column) == (3, 7):
                continue
            sheet.write(row_index, column, value)
    sheet.write(3, 7, datetime(2026, 3, 5), dated)
    sheet.write_merge(3, 4, 2, 2, first[2])
    sheet.write_merge(3, 4, 3, 3, first[3])
    sheet.write_merge(5, 5, 0, 11, "注：以上结果仅对所检样品负责。")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xls_with_merged_header_and_dates():
    table = parse_table(xls_workbook(), "结果.xls")
    assert table.problems == []
    assert table.title == TITLE
    first, second = table.rows
    assert [first.row_number, second.row_number] == [4, 5]
    assert first.produced_on == date(2026, 3, 5)
    assert (first.result, first.failed_items) == ("不合格", ["标志", "温升"])
    assert second.produced_on == date(2026, 4, 1)
    assert second.enterprise_name == first.enterprise_name == "上海申光电缆有限公司"
    assert first.enterprise_address == "上海市浦东新区川沙路1号"


CSV_TEXT = (
    "附件2\n"
    "电热水壶产品质量监督抽查结果\n"
    "序号,产品名称,企业名称,企业地址,生产日期,抽查结果,不合格项目,承检机构\n"
    '1,电热水壶,上海美厨电器有限公司,上海市闵行区莘庄路2号,20260305,F,"温升\n泄漏电流",质检院\n'
    ",,,,,,,\n"
    "2,电热水壶,上海美厨电器有限公司,上海市闵行区莘庄路2号,2026年3月,P,,质检院\n"
    "注：抽查结果仅对所检样品负责。,,,,,,,\n"
)


def test_gbk_csv():
    table = parse_table(CSV_TEXT.encode("gbk"), "结果.csv")
    assert table.problems == []
    assert table.title == "电热水壶产品质量监督抽查结果"
    first, second = table.rows
    assert (first.row_number, second.row_number) == (4, 6)
    assert first.failed_items == ["温升", "泄漏电流"]
    assert (first.produced_on, second.produced_on) == (date(2026, 3, 5), date(2026, 3, 1))
    assert first.enterprise_name == "上海美厨电器有限公司"


def test_utf8_csv_with_bom_and_tabs():
    text = CSV_TEXT.replace(",", "\t").replace('"温升\n泄漏电流"', "温升、泄漏电流")
    table = parse_table(text.encode("utf-8-sig"), "结果.txt")
    assert table.problems == []
    assert [row.result for row in table.rows] == ["不合格", "合格"]


def test_undecodable_csv_is_a_problem():
    table = parse_table(b"\xff\xfe\x00\xd8\x00", "a.csv")
    assert [p.message for p in table.problems] == [
        "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。"
    ]
