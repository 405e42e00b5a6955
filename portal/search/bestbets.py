"""Best bets: a query that names a category, a product, an enterprise or an article gets that
page first, above the hits."""

import re
from dataclasses import dataclass

from sqlalchemy import select

from portal.extensions import cache, db
from portal.i18n import N_
from portal.models import Article, CatalogProduct, Enterprise, ProductCategory
from portal.queries.enterprises import has_public_record
from portal.search.analysis import CJK_ONLY, normalise
from portal.search.pinyin import word_pinyin

CACHE_KEY = "search-best-bet-names"
CACHE_SECONDS = 600
MIN_PINYIN = 4
MIN_NAME_PART = 4
HAS_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class BestBet:
    """A page shown first: what it is, its title and address, and a stable reference."""

    kind: str  # 产品类别, 企业, 法规条文
    title: str
    url: str
    ref: str  # category:0101, enterprise:<credit code>, article:<regulation title>#<number>
    note: str = ""


def category_names() -> dict[str, tuple[str, str]]:
    """Folded category and catalogue product name -> (category code, category name)."""
    names = cache.get(CACHE_KEY)
    if names is None:
        categories = db.session.execute(select(ProductCategory.code, ProductCategory.name)).all()
        names = {normalise(name): (code, name) for code, name in categories}
        products = db.session.execute(
            select(CatalogProduct.name, ProductCategory.code, ProductCategory.name).join(
                ProductCategory, CatalogProduct.category_id == ProductCategory.id
            )
        )
        for product, code, name in products:
            names.setdefault(normalise(product), (code, name))
        cache.set(CACHE_KEY, names, timeout=CACHE_SECONDS)
    return names


def category_bet(code: str, name: str, note: str = "") -> BestBet:
    """The best bet of a category page."""
    return BestBet(N_("产品类别"), name, f"/categories/{code}", f"category:{code}", note)


def find_category(words: list[str], pinyin: str | None) -> BestBet | None:
    """The category a query names by category or product name, synonym or pinyin."""
    names = category_names()
    for word in words:
        found = names.get(normalise(word))
        if found:
            return category_bet(*found)
    if pinyin and len(pinyin) >= MIN_PINYIN:
        return pinyin_category(pinyin, names)
    return None


def pinyin_category(pinyin: str, names: dict[str, tuple[str, str]]) -> BestBet | None:
    """The one category whose name's pinyin starts with, or whose initials are, the pinyin."""
    matches = {}
    for word, (code, name) in names.items():
        if word != normalise(name) or not CJK_ONLY.match(word):
            continue  # category names only
        full, initials = word_pinyin(word)
        if full == pinyin or initials == pinyin:
            return category_bet(code, name)
        if full.startswith(pinyin):
            matches[code] = name
    if len(matches) == 1:
        return category_bet(*next(iter(matches.items())))
    return None


def find_enterprise(text: str) -> BestBet | None:
    """The one public enterprise with this name, or the only one whose name holds it."""
    if len(text) < MIN_NAME_PART or " " in text or not HAS_CJK.search(text):
        return None
    public = select(Enterprise.name, Enterprise.credit_code).where(has_public_record())
    rows = db.session.execute(public.where(Enterprise.name == text).limit(2)).all()
    if len(rows) != 1:
        rows = db.session.execute(public.where(Enterprise.name.contains(text)).limit(2)).all()
    if len(rows) != 1:
        return None
    name, code = rows[0]
    return BestBet(N_("企业"), name, f"/enterprises/{code}", f"enterprise:{code}")


def article_bet(article: Article) -> BestBet:
    """The best bet of an article named by regulation and number."""
    regulation = article.regulation
    return BestBet(
        N_("法规条文"),
        f"{regulation.title} {article.label}",
        f"/regulations/{regulation.id}#{article.anchor}",
        f"article:{regulation.title}#{article.number}",
        note=" ".join(article.text.split())[:80],
    )
