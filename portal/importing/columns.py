"""The columns of a result table: field names, Chinese labels, header synonyms, length limits."""

from dataclasses import dataclass

from portal.importing.text import fold_header


@dataclass(frozen=True)
class Column:
    """One field of a batch row and the header texts agencies use for it."""

    field: str
    label: str
    synonyms: tuple[str, ...]
    max_length: int | None = None


COLUMNS = (
    Column("serial", "序号", ("序号", "编号")),
    Column("product_name", "产品名称", ("产品名称", "样品名称", "抽查产品", "产品"), 128),
    Column(
        "enterprise_name",
        "标称生产企业名称",
        ("标称生产企业名称", "生产企业名称", "企业名称", "标称生产企业", "生产企业", "生产者名称"),
        128,
    ),
    Column(
        "enterprise_address",
        "标称生产企业地址",
        ("标称生产企业地址", "生产企业地址", "企业地址", "地址"),
        256,
    ),
    Column(
        "sampled_unit",
        "被抽样单位名称",
        ("被抽样单位名称", "被抽样单位", "被抽查单位名称", "被抽查单位", "受检单位名称"),
        128,
    ),
    Column(
        "credit_code",
        "统一社会信用代码",
        ("统一社会信用代码", "社会信用代码", "信用代码", "标称生产企业统一社会信用代码"),
    ),
    Column("brand", "商标", ("商标", "品牌", "注册商标"), 64),
    Column("model_spec", "规格型号", ("规格型号", "型号规格", "规格", "型号"), 128),
    Column(
        "produced",
        "生产日期/批号",
        ("生产日期批号", "生产日期或批号", "生产日期批次号", "生产日期", "生产日期或批次"),
    ),
    Column("batch_code", "批号", ("批号", "生产批号", "批次号"), 64),
    Column(
        "result",
        "抽查结果",
        ("抽查结果", "检验结论", "结论", "检验结果", "判定结果", "抽检结果", "抽查结论"),
    ),
    Column(
        "failed_items",
        "不合格项目",
        ("不合格项目", "主要不合格项目", "不合格项目名称", "不合格项"),
    ),
    Column("agency", "承检机构", ("承检机构", "检验机构", "承检单位", "检验单位"), 128),
    Column("report_number", "报告编号", ("报告编号", "检验报告编号", "报告号"), 64),
    Column("district", "所在区", ("所在区", "所属区", "所在地区", "区域", "区"), 32),
    Column("note", "备注", ("备注",)),
)
BY_FIELD = {column.field: column for column in COLUMNS}
SYNONYMS = {fold_header(name): column.field for column in COLUMNS for name in column.synonyms}
REQUIRED_FIELDS = ("product_name", "result", "agency")
ENTERPRISE_FIELDS = ("enterprise_name", "sampled_unit")


def field_of(header_text: str) -> str | None:
    """The field a header text names, or None for a column we do not import."""
    return SYNONYMS.get(fold_header(header_text))


def column_letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
