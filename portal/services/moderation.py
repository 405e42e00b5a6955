"""Moderators handle citizens' submissions; every action is audited in the same transaction."""

from flask_babel import gettext
from sqlalchemy import select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import PlanItem, ProductCategory, Submission, SubmissionEvent, SubmissionKind
from portal.models import SubmissionStatus as Status
from portal.services.audit import record_action
from portal.services.content import bump_content_version
from portal.tracking_number import normalise_tracking_number

ENTITY = "submission"


def user_id(user) -> int | None:
    """The acting user's id (None for commands and demo loads)."""
    return user.id if user is not None else None


def commit_action(user, submission: Submission, action: str, details: dict, remote_addr: str):
    """Audit the action, bump the content version (public counts change) and commit."""
    record_action(user, action, (ENTITY, submission.id), details, remote_addr)
    bump_content_version()
    db.session.commit()


def classify_submission(
    user, submission: Submission, category_id, kind: str, is_public: bool, remote_addr: str = ""
) -> None:
    """Set the category and kind, and whether a suggestion's text is published."""
    if kind not in SubmissionKind.ALL:
        raise InvalidInputError(
            gettext("类型无效。"), errors={"kind": [gettext("请选择投诉或建议。")]}
        )
    if category_id is not None and db.session.get(ProductCategory, category_id) is None:
        raise InvalidInputError(
            gettext("产品类别不存在。"), errors={"category_id": [gettext("产品类别不存在。")]}
        )
    if is_public and (kind != SubmissionKind.SUGGESTION or submission.is_spam):
        raise InvalidInputError(gettext("只有非垃圾的建议可以公开，投诉内容从不公开。"))
    before = {"category_id": submission.category_id, "kind": submission.kind}
    submission.category_id, submission.kind, submission.is_public = category_id, kind, is_public
    details = {"before": before, "category_id": category_id, "kind": kind, "is_public": is_public}
    commit_action(user, submission, "submission.classify", details, remote_addr)


def change_status(user, submission: Submission, status: str, note: str, remote_addr: str = ""):
    """Move the submission to a status; the note becomes a public step of its timeline."""
    if status not in Status.ALL:
        raise InvalidInputError(
            gettext("状态无效。"), errors={"status": [gettext("请选择列出的状态。")]}
        )
    before = submission.status
    submission.status = status
    submission.events.append(SubmissionEvent(status=status, note=note, user_id=user_id(user)))
    details = {"from": before, "to": status, "note": note}
    commit_action(user, submission, "submission.status", details, remote_addr)


def write_reply(user, submission: Submission, reply: str, remote_addr: str = "") -> None:
    """Set the public reply shown on the tracking page."""
    submission.public_reply = reply
    commit_action(user, submission, "submission.reply", {"reply": reply}, remote_addr)


def mark_spam(user, submission: Submission, is_spam: bool, remote_addr: str = "") -> None:
    """Mark (or unmark) a submission as spam; spam is never public and never counted."""
    submission.is_spam = is_spam
    if is_spam:
        submission.is_public = False
    commit_action(user, submission, "submission.spam", {"is_spam": is_spam}, remote_addr)


def merge_target(duplicate: Submission, number: str) -> Submission:
    """The live submission of the same kind a duplicate is merged into, or InvalidInputError."""
    target = db.session.scalar(
        select(Submission).where(Submission.tracking_number == normalise_tracking_number(number))
    )
    problem = None
    if target is None:
        problem = gettext("找不到该受理编号。")
    elif target.id == duplicate.id:
        problem = gettext("不能与自身合并。")
    elif target.kind != duplicate.kind or target.is_spam or target.merged_into_id is not None:
        problem = gettext("只能合并到同类、未被合并且不是垃圾信息的受理件。")
    if problem:
        raise InvalidInputError(problem, errors={"target": [problem]})
    return target


def merge_submission(user, duplicate: Submission, number: str, remote_addr: str = "") -> Submission:
    """Merge a duplicate into another submission: its supporters (and merged ones) carry over."""
    if duplicate.merged_into_id is not None:
        raise InvalidInputError(
            gettext("该件已合并。"), errors={"target": [gettext("该件已合并，不能再次合并。")]}
        )
    target = merge_target(duplicate, number)
    for earlier in db.session.scalars(
        select(Submission).where(Submission.merged_into_id == duplicate.id)
    ):
        earlier.merged_into_id = target.id
    target.supporters += duplicate.supporters
    duplicate.merged_into_id, duplicate.is_public = target.id, False
    note = f"与受理编号 {target.tracking_number} 的相同内容合并办理。"
    duplicate.events.append(
        SubmissionEvent(status=duplicate.status, note=note, user_id=user_id(user))
    )
    details = {"into": target.id, "supporters": duplicate.supporters}
    commit_action(user, duplicate, "submission.merge", details, remote_addr)
    return target


def link_plan_item(user, submission: Submission, plan_item_id, remote_addr: str = "") -> None:
    """Link a suggestion to the plan item it fed (None removes the link)."""
    if submission.kind != SubmissionKind.SUGGESTION:
        raise InvalidInputError(
            gettext("只有建议可以关联计划。"),
            errors={"plan_item_id": [gettext("投诉不关联计划。")]},
        )
    if plan_item_id is not None and db.session.get(PlanItem, plan_item_id) is None:
        raise InvalidInputError(
            gettext("计划项目不存在。"), errors={"plan_item_id": [gettext("计划项目不存在。")]}
        )
    before = submission.plan_item_id
    submission.plan_item_id = plan_item_id
    details = {"from": before, "to": plan_item_id}
    commit_action(user, submission, "submission.plan_item", details, remote_addr)
