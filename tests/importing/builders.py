"""Result tables as agencies send them, built in memory for the tests."""

import io

import openpyxl

TITLE = "2026年电线电缆产品质量监督抽查结果"
TOP_HEADER = [
    "序号",
    "产品名称",
    "标称生产企业",
    None,
    "统一社会信用代码",
    "商标",
    "规格型号",
    "生产日期/批号",
    "检验结论",
    "主要不合格项目",
    "承检机构",
    "所在区",
]
SUB_HEADER = [None, None, "名称", "地址"]


def batch_row(serial, name="上海申光电缆有限公司", **cells) -> list:
    """One data row of the two-row-header table; cells override by field."""
    values = {
        "product": "聚氯乙烯绝缘电线",
        "name": name,
        "address": "上海市浦东新区川沙路1号",
        "code": None,
        "brand": "申光",
        "spec": "BV 2.5mm²",
        "produced": 46086,
        "result": "合格",
        "failed": "/",
        "agency": "上海市质量监督检验技术研究院",
        "district": "浦东新区",
    } | cells
    return [serial, *values.values()]


def result_workbook(
    rows: list[list], merges=(), footnotes=("注：本次抽查结果仅对所检样品负责。",)
) -> bytes:
    """An XLSX like the real ones: 附件 line, merged title, two-row merged header, footnotes."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["附件1"])
    sheet.append([TITLE])
    sheet.merge_cells("A2:L2")
    sheet.append(TOP_HEADER)
    sheet.append(SUB_HEADER)
    sheet.merge_cells("C3:D3")
    for letter in "ABEFGHIJKL":
        sheet.merge_cells(f"{letter}3:{letter}4")
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    for note in footnotes:
        sheet.append([note])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=12
        )
    return workbook_bytes(workbook)


def simple_workbook(header: list, rows: list[list]) -> bytes:
    """An XLSX with a one-row header and the rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def workbook_bytes(workbook) -> bytes:
    """The workbook saved to bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
