"""Staff services for the spot-check plan: link announcements to the plan item they report on."""

from flask_babel import gettext

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, PlanItem
from portal.services.audit import record_action
from portal.services.content import bump_content_version


def link_announcement(
    user, announcement: Announcement, plan_item: PlanItem | None, remote_addr: str = ""
) -> None:
    """Set (or clear, with None) the plan item an announcement reports on; audit the change."""
    if plan_item is not None and plan_item.category_id != announcement.category_id:
        message = gettext("公告的产品类别与计划项目不一致。")
        raise InvalidInputError(message, errors={"plan_item_id": [message]})
    before = announcement.plan_item_id
    announcement.plan_item_id = plan_item.id if plan_item else None
    record_action(
        user,
        "announcement_plan_link",
        ("announcement", announcement.id),
        {"plan_item_id": [before, announcement.plan_item_id]},
        remote_addr,
    )
    bump_content_version()
    db.session.commit()
