"""Read side of citizens' submissions: the tracking lookup and the similar-suggestions step."""

import re
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import db
from portal.models import PlanItem, Submission, SubmissionKind
from portal.queries.plan import PlanItemResults, plan_item_results
from portal.search.analysis import index_tokens
from portal.timeutil import local_today
from portal.tracking_number import is_valid_tracking_number

# Demo submissions carry the older JY20260101-0001 form.
LEGACY_NUMBER = re.compile(r"^(JY|TS)\d{8}-\d{4}$")
CANDIDATES = 500
SIMILAR_LIMIT = 5
MIN_SCORE = 2


def is_known_number_form(number: str) -> bool:
    """True for a well-formed number with a correct check digit (or a legacy demo number)."""
    return is_valid_tracking_number(number) or bool(LEGACY_NUMBER.match(number))


@lru_cache(maxsize=4)
def decoy_hash(method: str) -> str:
    """A hash checked when the number is unknown, so both answers take the same time."""
    return generate_password_hash("decoy-access-code", method=method)


def tracked_submission(number: str, access_code: str) -> Submission | None:
    """The submission with this number when the access code matches, else None."""
    submission = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    method = current_app.config["ACCESS_CODE_HASH_METHOD"]
    stored = submission.access_code_hash if submission else decoy_hash(method)
    matches = check_password_hash(stored, access_code.strip().upper())
    return submission if submission is not None and matches else None


def suggestion_results(submission: Submission) -> PlanItemResults | None:
    """For a suggestion linked to a plan item: the item, its published announcements, batches."""
    if submission.kind != SubmissionKind.SUGGESTION or submission.plan_item is None:
        return None
    return plan_item_results(submission.plan_item)


def words(text: str) -> frozenset[str]:
    """The analysed words of a text (our jieba analysis, sub-words included)."""
    return frozenset(word for position in index_tokens(text) for word in position)


def published_suggestions() -> list[Submission]:
    """The newest published, live suggestions (candidates for "我也想查这个")."""
    return list(
        db.session.scalars(
            select(Submission)
            .where(
                Submission.kind == SubmissionKind.SUGGESTION,
                Submission.is_public.is_(True),
                Submission.is_spam.is_(False),
                Submission.merged_into_id.is_(None),
            )
            .order_by(Submission.id.desc())
            .limit(CANDIDATES)
        )
    )


def score(wanted: frozenset[str], text: str, same_category: bool) -> int:
    """Shared words, plus two for the same (chosen) product category."""
    return len(wanted & words(text)) + (2 if same_category else 0)


def ranked(scored: list[tuple[int, object]]) -> list:
    """The best-scoring records above the threshold."""
    kept = sorted((pair for pair in scored if pair[0] >= MIN_SCORE), key=lambda pair: -pair[0])
    return [record for _, record in kept[:SIMILAR_LIMIT]]


def suggestion_text(item: Submission) -> str:
    """The words of a suggestion that count for similarity."""
    return f"{item.product_name} {item.test_items} {item.text}"


def similar_suggestions(text: str, category_id: int | None) -> list[Submission]:
    """Published suggestions that look like the one being written."""
    wanted = words(text)
    scored = [
        (
            score(
                wanted,
                suggestion_text(item),
                category_id is not None and item.category_id == category_id,
            ),
            item,
        )
        for item in published_suggestions()
    ]
    return ranked(scored)


def similar_plan_items(text: str, category_id: int | None) -> list[PlanItem]:
    """Items of this year's and next year's plans that match the suggestion being written."""
    year = local_today().year
    items = db.session.scalars(select(PlanItem).where(PlanItem.year.in_([year, year + 1])))
    wanted = words(text)
    scored = [
        (
            score(
                wanted,
                f"{item.category.name} {item.focus}",
                category_id is not None and item.category_id == category_id,
            ),
            item,
        )
        for item in items
    ]
    return ranked(scored)
