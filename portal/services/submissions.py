"""Citizens file complaints and suggestions: committed before the tracking number is shown."""

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.security import generate_password_hash

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Submission, SubmissionEvent, SubmissionKind, SubmissionStatus, utcnow
from portal.services.photos import prepare_photos, store_photos
from portal.timeutil import to_local
from portal.tracking_number import make_tracking_number

logger = logging.getLogger(__name__)

ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ACCESS_CODE_LENGTH = 8
# Attempts at storing a submission while SQLite reports "database is locked".
LOCK_ATTEMPTS = 4
FIELDS = (
    "category_id",
    "product_name",
    "enterprise_name",
    "place",
    "test_items",
    "text",
    "contact_name",
    "contact_phone",
    "contact_email",
    "wants_reply",
)


@dataclass(frozen=True)
class Receipt:
    """What the citizen is shown once: the tracking number and the access code."""

    tracking_number: str
    access_code: str
    # The same form was sent again: no second submission, a new access code for the first.
    resent: bool = False


def new_access_code() -> str:
    """A random access code without look-alike characters (0/O, 1/I)."""
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def hash_access_code(code: str) -> str:
    """The salted hash stored instead of the access code."""
    return generate_password_hash(code, method=current_app.config["ACCESS_CODE_HASH_METHOD"])


def submit_complaint(
    fields: dict, photos: list[bytes] | None = None, key: str | None = None
) -> Receipt:
    """File a complaint with its photos (checked and re-encoded first); return the receipt."""
    prepared = prepare_photos(photos or [])
    return file_submission(SubmissionKind.COMPLAINT, fields, prepared, key)


def submit_suggestion(fields: dict, key: str | None = None) -> Receipt:
    """File a spot-check suggestion; commit; return the receipt."""
    return file_submission(SubmissionKind.SUGGESTION, fields, [], key)


def hash_submission_key(key: str | None) -> str | None:
    """What is stored of a form's one-time key (SHA-256, hex)."""
    return hashlib.sha256(key.encode()).hexdigest() if key else None


def file_submission(kind: str, fields: dict, photos: list, key: str | None = None) -> Receipt:
    """Store a submission once per form key; retry while SQLite's single writer stays busy."""
    key_hash = hash_submission_key(key)
    if filed := receipt_for_resent_form(key_hash):
        return filed
    code = new_access_code()
    values = {name: fields[name] for name in FIELDS if name in fields}
    values.update(kind=kind, access_code_hash=hash_access_code(code), submission_key=key_hash)
    attempt = 1
    while True:
        try:
            number = insert_submission(values, photos)
            break
        except IntegrityError:  # the same form, sent twice at once, was filed by the other
            if filed := receipt_for_resent_form(key_hash):
                return filed
            raise
        except OperationalError as error:
            if "locked" not in str(error.orig) or attempt >= LOCK_ATTEMPTS:
                raise
            logger.warning("database busy while filing a %s (attempt %d)", kind, attempt)
            attempt += 1
    logger.info("%s %s filed", kind, number)
    return Receipt(number, code)


def receipt_for_resent_form(key_hash: str | None) -> Receipt | None:
    """The receipt of the submission this form filed before, with a new access code (the first
    answer may never have reached the citizen), or None."""
    if key_hash is None:
        return None
    submission = db.session.scalar(select(Submission).filter_by(submission_key=key_hash))
    if submission is None:
        return None
    code = new_access_code()
    submission.access_code_hash = hash_access_code(code)
    db.session.commit()
    logger.info("%s %s sent again: not filed twice", submission.kind, submission.tracking_number)
    return Receipt(submission.tracking_number, code, resent=True)


def insert_submission(values: dict, photos: list) -> str:
    """One transaction: insert, derive the tracking number from the id, store photos, commit."""
    number = f"pending-{uuid.uuid4().hex[:24]}"  # unique, fits String(32)
    submission = Submission(tracking_number=number, **values)
    event = SubmissionEvent(status=SubmissionStatus.RECEIVED)
    submission.events.append(event)  # collections filled while pending: no lazy load later
    db.session.add(submission)
    written = []
    try:
        written = store_photos(submission, photos)
        db.session.flush()
        number = make_tracking_number(values["kind"], to_local(utcnow()).year, submission.id)
        submission.tracking_number = number
        event.note = f"已受理，受理编号{number}。"
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return number


def support_suggestion(submission_id: int) -> Submission:
    """Add one supporter ("我也想查这个") to a published suggestion, atomically."""
    target = db.session.get(Submission, submission_id)
    if target is None or not is_supportable(target):
        raise NotFoundError(_("该建议不存在或尚未公开。"))
    db.session.execute(
        update(Submission)
        .where(Submission.id == target.id)
        .values(supporters=Submission.supporters + 1)
    )
    db.session.commit()
    db.session.refresh(target)
    return target


def is_supportable(submission: Submission) -> bool:
    """A published, live suggestion (not spam, not merged away)."""
    return (
        submission.kind == SubmissionKind.SUGGESTION
        and submission.is_public
        and not submission.is_spam
        and submission.merged_into_id is None
    )
