"""Article references as people type them: 第26条, 26条, 第二十六条, 二十六条, art. 26.

A reference with a regulation name (产品质量法第26条, 质量法 26条) names one article, which the
search puts first; without a name the query looks for the article label (第二十六条) in titles.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select

from portal.extensions import db
from portal.models import Article, PublicationStatus, Regulation
from portal.search.analysis import normalise

DIGITS = "零一二三四五六七八九"
CN_NUMBER = r"[零〇一二两三四五六七八九十百]{1,7}"
REFERENCE = re.compile(
    rf"(?:第\s*)?(?P<number>\d{{1,3}}|{CN_NUMBER})\s*条|\bart(?:icle)?\.?\s*(?P<art>\d{{1,3}})\b",
    re.IGNORECASE,
)
NAME_NOISE = re.compile(r"[\s《》〈〉<>\"'“”·、，,。:：]+")
NATIONAL = "中华人民共和国"


@dataclass
class Reference:
    """A parsed reference: the article number and the rest of the query (the regulation name)."""

    number: int
    name: str

    @property
    def label(self) -> str:
        """The article label as the regulations write it, e.g. 第二十六条."""
        return f"第{chinese_number(self.number)}条"


def chinese_number(number: int) -> str:
    """1..999 in Chinese numerals as article labels write them (十, 二十六, 一百零五)."""
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    text = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (DIGITS[ones] if ones else "")


def parse_chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 999, or None."""
    text = text.replace("〇", "零").replace("两", "二")
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS.index(char)
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    total += current
    return total or None


def parse_reference(query: str) -> Reference | None:
    """The article reference in a query, or None (only one reference is understood)."""
    query = normalise(query)
    match = REFERENCE.search(query)
    if match is None:
        return None
    raw = match.group("number") or match.group("art")
    number = int(raw) if raw.isdigit() else parse_chinese_number(raw)
    if not number or number > 999:
        return None
    name = NAME_NOISE.sub("", query[: match.start()] + query[match.end() :])
    return Reference(number=number, name=name)


def find_article(reference: Reference) -> Article | None:
    """The article of the named live regulation (the national law first among equals)."""
    if not reference.name:
        return None
    regulation_id = find_regulation_id(normalise(reference.name))
    if regulation_id is None:
        return None
    return db.session.scalars(
        select(Article).where(
            Article.regulation_id == regulation_id, Article.number == reference.number
        )
    ).first()


def find_regulation_id(name: str) -> int | None:
    """The live regulation a (short) name means: equal, ending with it, then containing it."""
    rows = db.session.execute(
        select(Regulation.id, Regulation.title).where(
            Regulation.status == PublicationStatus.PUBLISHED
        )
    ).all()
    ranked = []
    for regulation_id, title in rows:
        folded = normalise(title)
        short = folded.removeprefix(NATIONAL)
        if name in (folded, short):
            rank = 0
        elif short.endswith(name):
            rank = 1
        elif name in folded:
            rank = 2
        else:
            continue
        ranked.append((rank, not folded.startswith(NATIONAL), len(folded), regulation_id))
    return min(ranked)[3] if ranked else None
