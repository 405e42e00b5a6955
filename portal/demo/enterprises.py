"""The demo enterprise pool: names, valid credit codes, addresses and brands per category."""

import random
from dataclasses import dataclass

from portal.credit_code import ALPHABET, check_character, is_valid_credit_code
from portal.demo import vocabulary as vocab
from portal.demo.randomness import derive, weighted_sample
from portal.demo.specs import CategorySpec, District

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# First two digits of pre-2015 Shanghai organisation codes.
_LEGACY_ORG_PREFIXES = ("13", "60", "63", "66", "70", "74", "75", "76", "77", "78", "79")
_DISTRICT_WEIGHTS = [district.weight for district in vocab.DISTRICTS]
_COMPANY_FORMS = [form for form, _ in vocab.COMPANY_NAME_FORMS]
_COMPANY_FORM_WEIGHTS = [weight for _, weight in vocab.COMPANY_NAME_FORMS]


@dataclass(frozen=True)
class EnterpriseDraft:
    """An enterprise of the pool, before it is stored."""

    credit_code: str
    name: str
    address: str
    district: str
    licence_number: str | None
    brands: tuple[str, ...]
    category_code: str


def org_code(rng: random.Random) -> str:
    """A 9-character organisation code with its GB 11714 check character."""
    if rng.random() < 0.6:
        body = "MA1" + "".join(rng.choice(ALPHABET) for _ in range(5))
    else:
        body = rng.choice(_LEGACY_ORG_PREFIXES) + f"{rng.randrange(10**6):06d}"
    total = sum(int(char, 36) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(rng: random.Random, registration_type: str, district: District) -> str:
    """A valid 统一社会信用代码 registered with 工商 (9) in the given district."""
    first17 = f"9{registration_type}{district.code}{org_code(rng)}"
    code = first17 + check_character(first17)
    assert is_valid_credit_code(code), code  # noqa: S101 - generator invariant
    return code


def trade_name(rng: random.Random) -> tuple[str, str]:
    """A two-character 字号 and its pinyin."""
    first = rng.randrange(len(vocab.TRADE_FIRST))
    second = rng.randrange(len(vocab.TRADE_SECOND))
    if vocab.TRADE_FIRST[first] == vocab.TRADE_SECOND[second]:
        second = (second + 1) % len(vocab.TRADE_SECOND)
    chinese = vocab.TRADE_FIRST[first] + vocab.TRADE_SECOND[second]
    return chinese, vocab.TRADE_FIRST_PINYIN[first] + vocab.TRADE_SECOND_PINYIN[second]


def registration_type(rng: random.Random, spec: CategorySpec) -> str:
    """Second character of the code: 1 company, 2 sole trader, 3 farmers' cooperative."""
    roll = rng.random()
    if spec.group_code == "04" and roll < 0.04:
        return "3"
    return "2" if roll > 0.94 else "1"


def enterprise_name(
    rng: random.Random, kind: str, trade: str, district: District, spec: CategorySpec
) -> str:
    """A realistic enterprise name for the category's industry."""
    industry_words = vocab.GROUPS_BY_CODE[spec.group_code].industry_words
    if spec.code in vocab.CATEGORY_INDUSTRY_WORDS and rng.random() < 0.75:
        industry_words = vocab.CATEGORY_INDUSTRY_WORDS[spec.code]
    words = {
        "trade": trade,
        "industry": rng.choice(industry_words),
        "generic": rng.choice(vocab.GENERIC_INDUSTRY_WORDS),
        "district": district.name,
        "short": district.short_name,
    }
    if kind == "3":
        form = vocab.COOPERATIVE_NAME_FORM
    elif kind == "2":
        form = rng.choice(vocab.SOLE_TRADER_NAME_FORMS)
    else:
        form = rng.choices(_COMPANY_FORMS, weights=_COMPANY_FORM_WEIGHTS)[0]
    return form.format(**words)


def address(rng: random.Random, district: District) -> str:
    """A street address in the district."""
    street = f"上海市{district.name}{rng.choice(district.roads)}{rng.randint(1, 2999)}号"
    extra = rng.choice(
        ("", "", f"{rng.randint(1, 12)}幢", f"{rng.randint(1, 8)}号楼{rng.randint(1, 6)}层")
    )
    return street + extra


def brands(rng: random.Random, trade: str, pinyin: str) -> tuple[str, ...]:
    """One or two 商标: the 字号, 字号+牌, a latin brand from its pinyin, or a figurative mark."""
    options = (trade, f"{trade}牌", pinyin, pinyin.capitalize(), "图形商标")
    count = 2 if rng.random() < 0.3 else 1
    return tuple(weighted_sample(rng, options, (40, 20, 20, 15, 5), count))


def licence_number(rng: random.Random, spec: CategorySpec, kind: str) -> str | None:
    """A 生产许可证 number for companies in categories under licence, else None."""
    unit = vocab.LICENCE_UNITS.get(spec.code)
    serial = rng.randrange(1, 10**5)
    return f"（沪）XK{unit}-{serial:05d}" if unit and kind == "1" else None


def make_enterprise(rng: random.Random, spec: CategorySpec) -> EnterpriseDraft:
    """One enterprise making products of the category."""
    district = rng.choices(vocab.DISTRICTS, weights=_DISTRICT_WEIGHTS)[0]
    kind = registration_type(rng, spec)
    trade, pinyin = trade_name(rng)
    return EnterpriseDraft(
        credit_code=credit_code(rng, kind, district),
        name=enterprise_name(rng, kind, trade, district, spec),
        address=address(rng, district),
        district=district.name,
        licence_number=licence_number(rng, spec, kind),
        brands=brands(rng, trade, pinyin),
        category_code=spec.code,
    )


def build_pools(seed: int, sizes: dict[str, int]) -> dict[str, list[EnterpriseDraft]]:
    """Enterprises per category code; enterprise i of a category is the same at every scale."""
    codes: set[str] = set()
    names: set[str] = set()
    pools: dict[str, list[EnterpriseDraft]] = {}
    for code in sorted(sizes):
        spec = vocab.CATEGORIES_BY_CODE[code]
        pools[code] = [unique_enterprise(seed, spec, i, codes, names) for i in range(sizes[code])]
    return pools


def unique_enterprise(seed: int, spec: CategorySpec, index: int, codes: set, names: set):
    """Enterprise number index of the category, redrawn until its code and name are unused."""
    attempt = 0
    while True:
        draft = make_enterprise(derive(seed, "enterprise", spec.code, index, attempt), spec)
        if draft.credit_code not in codes and draft.name not in names:
            codes.add(draft.credit_code)
            names.add(draft.name)
            return draft
        attempt += 1
