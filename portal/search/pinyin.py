"""Pinyin keys of short fields (titles, names, categories) so dianxian and dxdl find 电线电缆."""

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from portal.search.analysis import CJK_ONLY, query_tokens

MAX_WORDS = 6
# A run of syllables (initial + final), permissive: it tells pinyin from English and codes.
SYLLABLES = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo"
    r"|ue|ui|er|a|o|e|i|u|v))+$"
)


def pinyin_keys(*texts: str | None) -> list[str]:
    """Full pinyin and initials of each word and of each run of following words."""
    keys: dict[str, None] = {}
    for text in texts:
        keys.update(dict.fromkeys(text_keys(text or "")))
    return list(keys)


@lru_cache(maxsize=100_000)
def text_keys(text: str) -> tuple[str, ...]:
    """Pinyin keys of one short text (names repeat across documents: cached).

    Both backends match pinyin by prefix, so the run of up to MAX_WORDS words from each word
    also finds every shorter run from that word: only the longest run is indexed.
    """
    words = [word for word in query_tokens(text) if CJK_ONLY.match(word)]
    fulls = [word_pinyin(word)[0] for word in words]
    initials = [word_pinyin(word)[1] for word in words]
    keys: dict[str, None] = {}
    for start in range(len(words)):
        end = min(start + MAX_WORDS, len(words))
        keys["".join(fulls[start:end])] = None
        keys["".join(initials[start:end])] = None
    return tuple(key for key in keys if len(key) >= 2)


@lru_cache(maxsize=100_000)
def word_pinyin(word: str) -> tuple[str, str]:
    """Full pinyin without tones and the initials of a word."""
    return "".join(lazy_pinyin(word)), "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))


def looks_like_pinyin(word: str) -> bool:
    """True when a query word could be pinyin: two or more ASCII letters."""
    return len(word) >= 2 and word.isascii() and word.isalpha()


def is_pinyin_run(text: str) -> bool:
    """True when lower-case letters read as a run of pinyin syllables."""
    return len(text) <= 60 and SYLLABLES.match(text) is not None
