"""Did you mean: words typed with the wrong character of the same sound, and pinyin typos.

Most Chinese typos come from the pinyin input method: the right sound, the wrong character
(电线电揽 for 电线电缆), or a sound the typist does not tell apart (z/zh, c/ch, s/sh, n/l, -n/-ng).
Each vocabulary word (catalogue, regulation terms, synonyms) gets a sound key with those pairs
folded together; a query word with the key of a vocabulary word is corrected to it. Pinyin
typed with a slip (dianxain) is compared by edit distance with the vocabulary's pinyin.
"""

from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from portal.search.analysis import CJK_ONLY, normalise
from portal.search.pinyin import word_pinyin

MAX_WORD = 12
INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))


@dataclass(frozen=True)
class Vocabulary:
    """Sound keys and pinyin of the words the search knows."""

    by_sound: dict[tuple[str, ...], tuple[str, ...]]
    by_letter: dict[str, tuple[tuple[str, str], ...]]  # first letter -> (pinyin, word)
    words: frozenset[str]
    preferred: frozenset[str]


def fold_syllable(syllable: str) -> str:
    """A syllable with the IME-confused sounds folded: zh->z, ch->c, sh->s, n->l, -ng->-n."""
    for long, short in INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    return syllable[:-1] if syllable.endswith("ng") else syllable


def sound_key(word: str) -> tuple[str, ...]:
    """The folded syllables of a Chinese word."""
    return tuple(fold_syllable(syllable) for syllable in lazy_pinyin(word))


@lru_cache(maxsize=4)
def vocabulary(words: tuple[str, ...], preferred: frozenset[str]) -> Vocabulary:
    """The sound and pinyin tables of a word list (built once per word list)."""
    by_sound: dict[tuple[str, ...], list[str]] = {}
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for word in words:
        if not (2 <= len(word) <= MAX_WORD and CJK_ONLY.match(word)):
            continue
        by_sound.setdefault(sound_key(word), []).append(word)
        full = word_pinyin(word)[0]
        by_letter.setdefault(full[0], []).append((full, word))
    return Vocabulary(
        by_sound={key: tuple(found) for key, found in by_sound.items()},
        by_letter={key: tuple(found) for key, found in by_letter.items()},
        words=frozenset(words),
        preferred=preferred,
    )


def correct_word(word: str, vocab: Vocabulary) -> str | None:
    """The vocabulary word that sounds like a Chinese word, when the word itself is unknown."""
    word = normalise(word)
    if word in vocab.words or not (2 <= len(word) <= MAX_WORD and CJK_ONLY.match(word)):
        return None
    found = vocab.by_sound.get(sound_key(word), ())
    if not found:
        return None
    return max(
        found, key=lambda other: (shared(word, other), other in vocab.preferred, -len(other))
    )


def shared(word: str, other: str) -> int:
    """How many characters two words of the same length share at the same places."""
    return sum(a == b for a, b in zip(word, other, strict=False))


def correct_pinyin(text: str, vocab: Vocabulary) -> str | None:
    """The vocabulary word whose pinyin starts with (nearly) the typed pinyin."""
    text = text.lower()
    if len(text) < 4:
        return None
    limit = 1 if len(text) <= 8 else 2
    best = None
    for full, word in vocab.by_letter.get(text[0], ()):
        for size in {len(text) - 1, len(text), len(text) + 1}:
            if size > len(full) or size < 2:
                continue
            distance = edit_distance(text, full[:size])
            if distance <= limit:
                rank = (distance, word not in vocab.preferred, len(full) != size, len(word))
                if best is None or rank < best[0]:
                    best = (rank, word)
    return best[1] if best else None


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one edit)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
