"""Benchmark of the import preview: a 5,000-row XLSX shaped like an agency's result table.

Builds the workbook (title rows, two-row merged header, merged enterprise cells, footnotes),
seeds 500 enterprises (half of the table's enterprises have no code and are matched by name),
then times `preview_import` on a temporary SQLite database, and once the save and publication.
A fixed pure-Python reference loop is timed in the same run so figures from different machines
compare: the ratio is what counts.
The target is a preview in under 5 s.

Run: python bench/import_bench.py [--rows 5000] [--rounds 3]
"""

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.credit_code import check_character  # noqa: E402
from portal.extensions import db  # noqa: E402

ENTERPRISES = 500
HEADER = ["序号", "产品名称", "标称生产企业", None, "统一社会信用代码", "商标", "规格型号"]
HEADER += ["生产日期/批号", "检验结论", "主要不合格项目", "承检机构", "所在区"]


def credit_code(serial: int) -> str:
    """A valid 统一社会信用代码."""
    first17 = f"91310115{serial:09d}"
    return first17 + check_character(first17)


def build_workbook(rows: int) -> bytes:
    """The result table: each enterprise's batches in merged name and address cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["附件1"])
    sheet.append(["2026年电线电缆产品质量监督抽查结果"])
    sheet.append(HEADER)
    sheet.append([None, None, "名称", "地址"])
    sheet.merge_cells("C3:D3")
    for letter in "ABEFGHIJKL":
        sheet.merge_cells(f"{letter}3:{letter}4")
    per_enterprise = max(1, rows // ENTERPRISES)
    for index in range(rows):
        sheet.append(table_row(index, per_enterprise))
        if per_enterprise > 1 and index % per_enterprise == per_enterprise - 1:
            top = sheet.max_row - per_enterprise + 1
            sheet.merge_cells(f"C{top}:C{sheet.max_row}")
            sheet.merge_cells(f"D{top}:D{sheet.max_row}")
    sheet.append(["注：本次抽查结果仅对所检样品负责。"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_row(index: int, per_enterprise: int) -> list:
    """One batch; every fifth fails two items; even-numbered enterprises give their code."""
    enterprise, position = divmod(index, per_enterprise)
    first = position == 0
    failed = index % 5 == 0
    return [
        index + 1,
        "聚氯乙烯绝缘电线",
        f"上海第{enterprise}电缆有限公司" if first else None,
        f"上海市浦东新区川沙路{enterprise}号" if first else None,
        credit_code(700000 + enterprise) if enterprise % 2 == 0 else None,
        "申光",
        "BV 2.5mm²",
        46086 + index % 90,
        "不合格" if failed else "合格",
        "标志和说明、导体电阻" if failed else "/",
        "上海市质量监督检验技术研究院",
        "浦东新区",
    ]


def reference_loop() -> float:
    """Seconds for a fixed pure-Python workload (string building and dict updates)."""
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for i in range(2_000_000):
        key = str(i % 1000)
        counts[key] = counts.get(key, 0) + i % 7
    return time.perf_counter() - started


def seed_enterprises() -> None:
    """The table's enterprises as stored ones, so code-less rows match by name."""
    from portal.models import Enterprise, ProductCategory

    db.create_all()
    db.session.add(ProductCategory(code="0101", name="电线电缆", group_name="电子电器"))
    db.session.add_all(
        Enterprise(credit_code=credit_code(700000 + n), name=f"上海第{n}电缆有限公司")
        for n in range(ENTERPRISES)
    )
    db.session.commit()


def main() -> None:
    """Build the table, seed, time the preview, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    data = build_workbook(options.rows)
    print(f"workbook: {options.rows:,} rows, {len(data) / 1024:.0f} KiB")
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "CACHE_DIR": str(Path(folder) / "cache"),
                "SEARCH_INDEX_DIR": str(Path(folder) / "index"),
                "SEARCH_STARTUP_REBUILD": "off",
            }
        )
        with app.app_context():
            seed_enterprises()
            timings = time_previews(data, options.rounds)
            saved, published = time_save(data)
            db.engine.dispose()
    reference = reference_loop()
    best = min(timings)
    every = ", ".join(f"{t:.2f}" for t in timings)
    print(f"preview: best {best:.2f} s of {options.rounds} rounds (all: {every})")
    print(f"save (preview again, write {options.rows:,} batches, commit): {saved:.2f} s")
    print(f"publish (the search index takes the batches): {published:.2f} s")
    print(f"reference CPU loop: {reference:.2f} s")
    print(f"ratio preview / reference: {best / reference:.2f}")
    print("target: under 5 s —", "met" if best < 5 else "NOT met")


def time_previews(data: bytes, rounds: int) -> list[float]:
    """Wall-clock seconds of each preview; checks the preview found no problems."""
    from portal.services.importing import preview_import

    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        preview = preview_import(data, "bench.xlsx", "0101")
        timings.append(time.perf_counter() - started)
        assert preview.is_valid, preview.problems[:5]
    return timings


def time_save(data: bytes) -> tuple[float, float]:
    """Wall-clock seconds to save, then to publish the import (the search index follows)."""
    from portal.services.importing import (
        ImportMetadata,
        preview_import,
        publish_import,
        save_import,
    )

    preview = preview_import(data, "bench.xlsx", "0101")
    started = time.perf_counter()
    announcement = save_import(preview, ImportMetadata(), None, "bench")
    saved = time.perf_counter() - started
    started = time.perf_counter()
    publish_import(announcement, None, "bench")
    return saved, time.perf_counter() - started


if __name__ == "__main__":
    main()
