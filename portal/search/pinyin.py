"""Pinyin keys of short fields (titles, names, categories) so dianxian and dxdl find 电线电缆."""

from pypinyin import Style, lazy_pinyin

from portal.search.analysis import CJK_ONLY, query_tokens

MAX_WORDS = 6


def pinyin_keys(*texts: str | None) -> list[str]:
    """Full pinyin and initials of each word and of each run of following words."""
    keys: dict[str, None] = {}
    for text in texts:
        words = [word for word in query_tokens(text or "") if CJK_ONLY.match(word)]
        fulls = ["".join(lazy_pinyin(word)) for word in words]
        initials = ["".join(lazy_pinyin(word, style=Style.FIRST_LETTER)) for word in words]
        for start in range(len(words)):
            for end in range(start + 1, min(start + MAX_WORDS, len(words)) + 1):
                keys["".join(fulls[start:end])] = None
                keys["".join(initials[start:end])] = None
    return [key for key in keys if len(key) >= 2]


def looks_like_pinyin(word: str) -> bool:
    """True when a query word could be pinyin: two or more ASCII letters."""
    return len(word) >= 2 and word.isascii() and word.isalpha()
