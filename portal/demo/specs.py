"""Shapes of the demo vocabulary: groups, categories, districts, agencies, recall templates."""

from dataclasses import dataclass

SEPARATOR = "、"


@dataclass(frozen=True)
class GroupSpec:
    """A group of the spot-check catalogue and the words its enterprises use in their names."""

    code: str
    name: str
    industry_words: tuple[str, ...]
    batch_style: str  # "date": 生产日期 is printed; "code": a 批号 is printed


@dataclass(frozen=True)
class CategorySpec:
    """A product category: sub-types, model pattern and test items as seen in announcements."""

    code: str
    name: str
    risk_level: str
    is_key_product: bool
    failure_rate: float
    product_names: tuple[str, ...]
    spec_patterns: tuple[str, ...]  # one for all products, or one per product
    test_items: tuple[str, ...]

    @property
    def group_code(self) -> str:
        """The two-digit group code."""
        return self.code[:2]

    def pattern_for(self, product_name: str) -> str:
        """The model/spec pattern of a product of the category."""
        if len(self.spec_patterns) == 1 or product_name not in self.product_names:
            return self.spec_patterns[0]
        return self.spec_patterns[self.product_names.index(product_name)]


def category(
    code: str,
    name: str,
    risk: str,
    key: bool,
    failure_rate: float,
    products: str,
    pattern: str | tuple[str, ...],
    items: str,
) -> CategorySpec:
    """Build a CategorySpec from compact 、-separated lists and one or per-product patterns."""
    return CategorySpec(
        code=code,
        name=name,
        risk_level=risk,
        is_key_product=key,
        failure_rate=failure_rate,
        product_names=tuple(products.split(SEPARATOR)),
        spec_patterns=pattern if isinstance(pattern, tuple) else (pattern,),
        test_items=tuple(items.split(SEPARATOR)),
    )


@dataclass(frozen=True)
class District:
    """A Shanghai district with its administrative division code and some real roads."""

    code: str
    name: str
    roads: tuple[str, ...]
    weight: int  # relative share of manufacturers registered there

    @property
    def short_name(self) -> str:
        """Name without 区/新区, as used inside enterprise names (浦东, 松江)."""
        return self.name.removesuffix("新区").removesuffix("区")


@dataclass(frozen=True)
class Agency:
    """An inspection agency, its report-number prefix and the category codes it covers."""

    name: str
    prefix: str
    covers: tuple[str, ...]  # category codes or two-digit group codes; empty means general


@dataclass(frozen=True)
class RecallTemplate:
    """A realistic recall: product, defect, hazard and remedy."""

    kind: str
    product: str
    category_code: str | None
    defect: str
    hazard: str
    remedy: str
