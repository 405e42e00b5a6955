"""Result tables as they really are: titles, merged headers, synonyms, footnotes, problems."""

from datetime import date

import openpyxl
import pytest

from portal.importing import parse_table
from tests.importing.builders import (
    TITLE,
    batch_row,
    result_workbook,
    simple_workbook,
    workbook_bytes,
)


def test_real_shaped_workbook_is_parsed():
    rows = [
        batch_row(1, failed="/", result="P"),
        batch_row(
            2, name=None, address=None, produced="2026年3月", result="F", failed="标志、温升"
        ),
        [None] * 12,
        ["二、流通领域"] * 12,
        batch_row(3, name="上海　卫星（集团）电器\u00a0有限公司", spec="ＲＶＶ　3×1.5", result="✓"),
    ]
    # rows 5 and 6 are one enterprise's batches in merged cells
    data = result_workbook(rows, merges=("C5:C6", "D5:D6"))
    table = parse_table(data, "结果.xlsx")
    assert table.problems == []
    assert table.title == TITLE
    assert table.columns["enterprise_name"] == "标称生产企业名称"
    assert table.columns["enterprise_address"] == "标称生产企业地址"
    assert [row.row_number for row in table.rows] == [5, 6, 9]
    first, second, third = table.rows
    assert (first.result, first.failed_items, first.produced_on) == ("合格", [], date(2026, 3, 5))
    assert second.enterprise_name == "上海申光电缆有限公司"
    assert (second.result, second.failed_items) == ("不合格", ["标志", "温升"])
    assert second.produced_on == date(2026, 3, 1)
    assert third.enterprise_name == "上海卫星（集团）电器有限公司"
    assert third.model_spec == "RVV 3×1.5"


def test_merged_enterprise_cells_fill_every_batch():
    blank = {"name": None, "address": None}
    rows = [batch_row(1), batch_row(2, **blank), batch_row(3, **blank)]
    table = parse_table(result_workbook(rows, merges=("C5:C7", "D5:D7")), "a.xlsx")
    assert {row.enterprise_name for row in table.rows} == {"上海申光电缆有限公司"}
    assert {row.enterprise_address for row in table.rows} == {"上海市浦东新区川沙路1号"}


ALL_SYNONYMS = [
    ("序号", "编号"),
    ("产品名称", "样品名称"),
    ("标称生产企业名称", "生产企业名称", "企业名称"),
    ("标称生产企业地址", "生产企业地址", "企业地址"),
    ("被抽样单位名称", "被抽样单位"),
    ("统一社会信用代码", "社会信用代码"),
    ("商标", "品牌"),
    ("规格型号", "型号规格"),
    ("生产日期/批号", "生产日期", "生产日期或批号"),
    ("抽查结果", "检验结论", "结论"),
    ("不合格项目", "主要不合格项目"),
    ("承检机构", "检验机构"),
    ("报告编号", "检验报告编号"),
    ("所在区", "所属区"),
]
VALUES = [
    "1",
    "电热水壶",
    "上海美厨电器有限公司",
    "上海市闵行区莘庄路2号",
    "上海某超市有限公司",
    "91310115000000001X",
    "美厨",
    "MC-1500",
    "2026.03.05",
    "不合格",
    "温升；泄漏电流",
    "上海市质量监督检验技术研究院",
    "BG2026-001",
    "闵行区",
]


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_every_header_synonym_in_any_order(variant):
    header = [names[min(variant, len(names) - 1)] for names in ALL_SYNONYMS]
    order = list(reversed(range(len(header))))
    data = simple_workbook([header[i] for i in order], [[VALUES[i] for i in order]])
    table = parse_table(data, "a.xlsx")
    assert table.problems == []
    (row,) = table.rows
    assert (row.product_name, row.enterprise_name, row.sampled_unit) == (
        "电热水壶",
        "上海美厨电器有限公司",
        "上海某超市有限公司",
    )
    assert (row.credit_code, row.brand, row.model_spec) == ("91310115000000001X", "美厨", "MC-1500")
    assert (row.produced_on, row.result) == (date(2026, 3, 5), "不合格")
    assert row.failed_items == ["温升", "泄漏电流"]
    assert (row.agency, row.report_number, row.district) == (
        "上海市质量监督检验技术研究院",
        "BG2026-001",
        "闵行区",
    )


def test_batch_code_in_the_date_or_batch_column():
    data = simple_workbook(
        ["产品名称", "企业名称", "生产日期/批号", "结论", "承检机构"],
        [["电线", "甲公司", "批号：A2026-07", "合格", "质检院"]],
    )
    (row,) = parse_table(data, "a.xlsx").rows
    assert (row.produced_on, row.batch_code) == (None, "A2026-07")


def test_problems_name_row_and_column():
    data = simple_workbook(
        ["产品名称", "企业名称", "生产日期", "检验结论", "不合格项目", "承检机构"],
        [
            ["电线", "甲公司", "2026-03-05", "合格", "", "质检院"],
            ["", "甲公司", "2026-02-30", "待定", "", "质检院"],
            ["电线", "", "2026-03-05", "不合格", "", ""],
            ["电线", "乙公司", "2026-03-05", "合格", "温升", "质检院"],
        ],
    )
    problems = {(p.row, p.column, p.message) for p in parse_table(data, "a.xlsx").problems}
    assert problems == {
        (3, "产品名称（A列）", "不能为空。"),
        (3, "生产日期（C列）", "无法识别的日期：2026-02-30"),
        (3, "检验结论（D列）", "无法识别的抽查结果：待定（应为合格或不合格）"),
        (4, "企业名称（B列）", "不能为空。"),
        (4, "承检机构（F列）", "不能为空。"),
        (4, "不合格项目（E列）", "抽查结果为不合格，但没有填写不合格项目。"),
        (5, "不合格项目（E列）", "抽查结果为合格，却填写了不合格项目。"),
    }


def test_missing_columns_and_no_header():
    data = simple_workbook(["产品名称", "企业名称", "规格型号"], [["电线", "甲公司", "BV"]])
    messages = [str(p) for p in parse_table(data, "a.xlsx").problems]
    assert "第1行「抽查结果」：缺少必需的列。" in messages
    assert "第1行「承检机构」：缺少必需的列。" in messages
    nothing = parse_table(simple_workbook(["甲", "乙"], [["1", "2"]]), "a.xlsx")
    assert [p.message for p in nothing.problems] == [
        "未找到表头：应有「产品名称」「企业名称」「抽查结果」等列。"
    ]


def test_overlong_cell_is_a_problem():
    data = simple_workbook(
        ["产品名称", "企业名称", "结论", "承检机构"], [["电" * 129, "甲公司", "合格", "质检院"]]
    )
    (problem,) = parse_table(data, "a.xlsx").problems
    assert (problem.row, problem.message) == (2, "超过128个字符。")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.xlsx", "文件为空。"),
        (b"PK\x03\x04not a zip", "a.xlsx", "无法读取 Excel 文件，请确认文件完整。"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1broken", "a.xls", "无法读取 XLS 文件，请确认文件完整。"),
        (b"plain text", "a.xlsx", "文件不是有效的 Excel 文件，请重新导出后上传。"),
    ],
)
def test_unreadable_files_are_problems(data, filename, message):
    table = parse_table(data, filename)
    assert table.rows == []
    assert [p.message for p in table.problems] == [message]


def test_stray_cell_far_below_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active.append(["产品名称", "企业名称", "结论", "承检机构"])
    workbook.active["A1048576"] = "x"
    (problem,) = parse_table(workbook_bytes(workbook), "a.xlsx").problems
    assert problem.message == "表格过大（1048576行×4列），每次最多导入100000行、200列。"
