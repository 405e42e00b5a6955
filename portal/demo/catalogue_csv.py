"""Generate the shipped catalogue CSV (portal/data/catalog.csv) from the demo specifications.

Run once when the specifications change: `python -m portal.demo.catalogue_csv`; a test checks the
shipped file still matches.
"""

import csv
import io

from portal.data import CATALOGUE_CSV
from portal.demo.vocabulary import CATEGORIES, GROUPS_BY_CODE
from portal.services.catalog_csv import COLUMNS

SEPARATOR = "、"


def catalogue_rows() -> list[dict[str, str]]:
    """One CSV row per demo category, in catalogue order."""
    return [
        {
            "code": spec.code,
            "name": spec.name,
            "group": GROUPS_BY_CODE[spec.group_code].name,
            "risk_level": spec.risk_level,
            "is_key_product": "是" if spec.is_key_product else "否",
            "products": SEPARATOR.join(spec.product_names),
            "test_items": SEPARATOR.join(spec.test_items),
            "description": f"主要抽查{SEPARATOR.join(spec.product_names)}等产品，"
            f"检验{SEPARATOR.join(spec.test_items)}等项目。",
        }
        for spec in CATEGORIES
    ]


def catalogue_csv_text() -> str:
    """The whole CSV text (UTF-8 without BOM, LF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(catalogue_rows())
    return buffer.getvalue()


if __name__ == "__main__":
    CATALOGUE_CSV.write_text(catalogue_csv_text(), encoding="utf-8")
    print(f"Wrote {CATALOGUE_CSV}")
