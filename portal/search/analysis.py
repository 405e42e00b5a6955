"""Chinese analysis shared by indexing, querying and both backends.

Text is folded (NFKC, traditional to simplified with OpenCC, lower case) and cut by jieba with
our vocabulary. Index mode yields, at each position, the word and its shorter sub-words; query
mode yields the default cut only, so phrase positions agree on both sides.
"""

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

from portal.search.codes import code_parts, code_word, join_codes

logger = logging.getLogger(__name__)

WORD_CHAR = re.compile(r"\w")
CJK_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "等",
        "其",
        "之",
        "为",
        "由",
        "于",
        "将",
        "并",
        "已",
        "被",
        "把",
    ]
)
NEGATIONS = frozenset("不未非无")
MAX_SUBWORD_LENGTH = 12

_tokenizer: jieba.Tokenizer | None = None
_init_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    """The OpenCC traditional-to-simplified converter."""
    return opencc.OpenCC("t2s")


def normalise(text: str | None) -> str:
    """Fold text: NFKC (full-width to half-width), traditional to simplified, lower case."""
    if not text:
        return ""
    return _converter().convert(unicodedata.normalize("NFKC", text)).lower()


def init_jieba(cache_dir: str | Path | None = None) -> jieba.Tokenizer:
    """Load jieba with our vocabulary once per process (call before forking workers)."""
    global _tokenizer
    with _init_lock:
        if _tokenizer is None:
            _tokenizer = _build_tokenizer(cache_dir)
    return _tokenizer


def _build_tokenizer(cache_dir: str | Path | None) -> jieba.Tokenizer:
    """A jieba tokenizer with its cache in our folder and the user dictionary loaded."""
    from portal.search.vocabulary import user_words

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = Path(cache_dir) if cache_dir else Path(__file__).resolve().parent / ".jieba_cache"
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    for word in user_words():
        tokenizer.add_word(normalise(word), freq=max(tokenizer.suggest_freq(word), 2000))
    logger.info("jieba ready with %d user words", len(user_words()))
    return tokenizer


def add_user_words(words: list[str]) -> None:
    """Add words to a loaded jieba (after a catalogue change); cached cuts are dropped."""
    if _tokenizer is None or not words:
        return  # init_jieba reads the whole vocabulary when it runs
    with _init_lock:
        for word in words:
            _tokenizer.add_word(normalise(word), freq=max(_tokenizer.suggest_freq(word), 2000))
    _segment_tokens.cache_clear()
    logger.info("jieba: %d user words added", len(words))


def _cut(text: str) -> list[str]:
    """Default-mode cut of folded text, keeping tokens that hold a letter, digit or character;
    hyphenated codes stay one token (with their hyphens)."""
    tokenizer = _tokenizer or init_jieba()
    return [
        token
        for token in join_codes(list(tokenizer.cut(text)))
        if WORD_CHAR.search(token) and token not in STOP_WORDS and not token.isspace()
    ]


def query_tokens(text: str) -> list[str]:
    """Tokens of a query word or phrase, in order (default cut; codes without hyphens)."""
    return [code_word(token.strip()) for token in _cut(normalise(text))]


SEGMENT_BREAK = re.compile(r"[；;。\n]+")


def index_tokens(text: str) -> list[list[str]]:
    """Positions of an indexed text: each is the word followed by its sub-words."""
    positions: list[list[str]] = []
    for segment in SEGMENT_BREAK.split(text):
        positions.extend(_segment_tokens(segment))
    return positions


@lru_cache(maxsize=200_000)
def _segment_tokens(segment: str) -> tuple[list[str], ...]:
    """Index positions of one sentence-like segment (segments repeat a lot: cache them)."""
    return tuple([code_word(word), *subwords(word)] for word in _cut(normalise(segment)))


def forget_index_cuts() -> None:
    """Drop the cuts cached while indexing (after a rebuild: searches never read them)."""
    _segment_tokens.cache_clear()


def subwords(word: str) -> list[str]:
    """Shorter words in a Chinese word: dictionary words, bigrams, the head (last) character;
    the parts of a code."""
    if not CJK_ONLY.match(word):
        return code_parts(word)
    if len(word) < 2 or len(word) > MAX_SUBWORD_LENGTH:
        return []
    freq = (_tokenizer or init_jieba()).FREQ
    found = dict.fromkeys([word[0], word[-1]] if len(word) == 2 else [word[-1]])
    for size in range(2, len(word)):
        for start in range(len(word) - size + 1):
            gram = word[start : start + size]
            if size == 2 or freq.get(gram):
                found[gram] = None
    found.pop(word, None)
    if word[0] in NEGATIONS:
        found.pop(word[1:], None)  # 合格 must not match 不合格
    return list(found)


def word_positions(*texts: str | None) -> list[list[str]]:
    """The default-cut word at each position, without sub-words (for ranking fields)."""
    return [[words[0]] for words in index_positions(*texts)]


def index_positions(*texts: str | None) -> list[list[str]]:
    """Positions of texts analysed for the index (positions continue across texts)."""
    positions: list[list[str]] = []
    for text in texts:
        positions.extend(index_tokens(text or ""))
    return positions
