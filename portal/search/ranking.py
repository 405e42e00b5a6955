"""Relevance adjustments both backends apply to their text score, tuned on the judged query set
(bench/search_queries.json, bench/search_quality.py).

final = text score x type weight x regulation level weight
        x (1 + FAILED_BONUS if a failed batch or an announcement with failed batches)
        x (1 + RECENCY_PER_YEAR x years since RECENCY_BASE).
The text score ranks title and name matches above body matches and exact phrases above
scattered words (PHRASE_BOOST).
"""

import datetime

# Tuned on the judged set by the hits' MRR (best bets left out), keeping success@3 at 1.0 in
# every class on both engines: raising announcements (1.2, 1.5) or lowering batches (0.7, 0.85)
# helps Whoosh but drops failed batches below announcements on PostgreSQL (failed_item class
# success@3 0.06-0.59); enterprise 1.5 lifts Whoosh's hits MRR from 0.723 to 0.738 and leaves
# PostgreSQL's unchanged. See README, "Judged query set and quality".
TYPE_WEIGHTS = {
    "announcement": 1.0,
    "batch": 1.0,
    "recall": 1.0,
    "article": 1.0,
    "enterprise": 1.5,
}
LEVEL_WEIGHTS = {"法律": 1.2, "行政法规": 1.1}  # national law before local rules saying the same
FAILED = "不合格"
FAILED_BONUS = 0.2
RECENCY_PER_YEAR = 0.02
RECENCY_BASE = 1980
PHRASE_BOOST = 3.0
RERANK_WINDOW = 200  # Whoosh re-orders this many best text matches


def recency(day: datetime.date | None) -> float:
    """The recency factor of a document date."""
    if day is None:
        return 1.0
    return 1.0 + RECENCY_PER_YEAR * max(0, day.year - RECENCY_BASE)


def factor(
    doc_type: str, result: str | None, day: datetime.date | None, level: str | None = None
) -> float:
    """The multiplier of a document's text score."""
    bonus = 1.0 + (FAILED_BONUS if result == FAILED else 0.0)
    weight = TYPE_WEIGHTS.get(doc_type, 1.0) * LEVEL_WEIGHTS.get(level or "", 1.0)
    return weight * bonus * recency(day)
