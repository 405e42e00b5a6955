"""seed_demo(): deterministic, idempotent demo content at realistic scale."""

import logging

from portal.demo import store
from portal.demo.content import Content, build_content
from portal.demo.participation import build_plan, build_submissions
from portal.extensions import db
from portal.services.content import bump_content_version

logger = logging.getLogger(__name__)

DEFAULT_SEED = 20261126


def seed_demo(scale: float = 1.0, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Insert the demo content that is missing, commit, and return how many rows were inserted."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    content = build_content(seed, scale)
    try:
        counts = write_content(seed, content)
        if any(counts.values()):
            bump_content_version()
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    logger.info("Demo content seeded (scale %s, seed %s): %s", scale, seed, counts)
    return counts


def write_content(seed: int, content: Content) -> dict[str, int]:
    """Store categories, enterprises, announcements, recalls, plan, submissions and campaigns."""
    counts: dict[str, int] = {}
    counts["categories"], categories = store.store_categories()
    counts["enterprises"], enterprises = store.store_enterprises(content.enterprises)
    counts["announcements"], counts["batches"] = store.store_announcements(
        content.announcements, categories, enterprises
    )
    counts["recalls"] = store.store_recalls(content.recalls, categories, enterprises)
    submissions = build_submissions(seed)
    counts["plan_items"], plan = store.store_plan(build_plan(seed, submissions), categories)
    counts["submissions"], counts["submission_events"] = store.store_submissions(
        seed, submissions, categories, plan
    )
    counts["campaigns"], counts["ballots"] = store.store_campaigns(seed, categories, plan)
    return counts
