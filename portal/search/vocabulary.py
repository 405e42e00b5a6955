"""The user dictionary: product and regulation vocabulary jieba must keep whole."""

import re
from functools import lru_cache
from pathlib import Path

CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
TERMS_FILE = Path(__file__).resolve().parent / "terms.txt"


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    """Shipped regulation terms plus category, product and test-item names of the catalogue."""
    words = [line.strip() for line in TERMS_FILE.read_text("utf-8").splitlines()]
    words = [word for word in words if word and not word.startswith("#")]
    words.extend(catalogue_words())
    return tuple(dict.fromkeys(words))


def catalogue_words() -> list[str]:
    """Category names, product names and test items of the spot-check catalogue."""
    from portal.demo import vocabulary

    words = []
    for spec in vocabulary.CATEGORIES:
        words.append(spec.name)
        words.extend(spec.product_names)
        words.extend(spec.test_items)
    return [word for word in words if 2 <= len(word) <= 16 and CJK_WORD.match(word)]
