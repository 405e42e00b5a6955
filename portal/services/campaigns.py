"""Staff services for 你点我检 campaigns: edit, open, close, adopt choices into the plan."""

from datetime import UTC, datetime

from flask_babel import gettext
from sqlalchemy import func, select

from portal.errors import InvalidInputError, NotFoundError
from portal.extensions import db
from portal.i18n import N_, translate
from portal.models import (
    Campaign,
    CampaignChoice,
    CampaignStatus,
    CampaignVote,
    ChoiceKind,
    PlanItem,
    ProductCategory,
    utcnow,
)
from portal.services.audit import record_action
from portal.services.content import bump_content_version
from portal.timeutil import LOCAL_TZ

CAMPAIGN_FIELDS = ("title", "description", "starts_at", "ends_at", "max_choices")


class CampaignRuleError(InvalidInputError):
    """A campaign change would break a rule (open without choices, adopt twice...)."""

    status_code = 409
    title = N_("操作不允许")


def local_to_utc(value: datetime) -> datetime:
    """A naive Asia/Shanghai wall-clock time as naive UTC (the storage convention)."""
    return value.replace(tzinfo=LOCAL_TZ).astimezone(UTC).replace(tzinfo=None)


def check_campaign_fields(fields: dict) -> dict:
    """Trimmed, bounded fields with the period in order, or InvalidInputError."""
    clean = {name: fields[name] for name in CAMPAIGN_FIELDS}
    clean["title"] = (clean["title"] or "").strip()
    clean["description"] = (clean["description"] or "").strip()
    if not clean["title"]:
        raise InvalidInputError(
            gettext("请填写活动名称。"), errors={"title": [gettext("请填写活动名称。")]}
        )
    if not 1 <= int(clean["max_choices"]) <= 20:
        raise InvalidInputError(
            gettext("可选项数应在 1–20 之间。"), errors={"max_choices": ["1–20"]}
        )
    if clean["ends_at"] <= clean["starts_at"]:
        message = gettext("结束时间应晚于开始时间。")
        raise InvalidInputError(message, errors={"ends_at": [message]})
    return clean


def create_campaign(user, fields: dict, remote_addr: str = "") -> Campaign:
    """Create a draft campaign (period in naive UTC) and audit it."""
    campaign = Campaign(status=CampaignStatus.DRAFT, **check_campaign_fields(fields))
    db.session.add(campaign)
    db.session.flush()
    record_action(
        user, "campaign_create", ("campaign", campaign.id), {"title": campaign.title}, remote_addr
    )
    db.session.commit()
    return campaign


def update_campaign(user, campaign: Campaign, fields: dict, remote_addr: str = "") -> Campaign:
    """Change a campaign's texts, period or number of choices; audit before and after."""
    clean = check_campaign_fields(fields)
    changes = {
        name: [str(getattr(campaign, name)), str(value)]
        for name, value in clean.items()
        if getattr(campaign, name) != value
    }
    for name, value in clean.items():
        setattr(campaign, name, value)
    campaign.updated_at = utcnow()
    record_action(user, "campaign_update", ("campaign", campaign.id), changes, remote_addr)
    db.session.commit()
    return campaign


def add_choice(user, campaign: Campaign, fields: dict, remote_addr: str = "") -> CampaignChoice:
    """Add a choice to a campaign that has no ballots yet."""
    if campaign.status == CampaignStatus.CLOSED:
        raise CampaignRuleError(gettext("活动已结束，不能再添加选项。"))
    label = (fields.get("label") or "").strip()
    if not label or fields.get("kind") not in ChoiceKind.ALL:
        raise InvalidInputError(
            gettext("请填写选项名称并选择类型。"), errors={"label": [gettext("请填写。")]}
        )
    category_id = fields.get("category_id") or None
    if category_id and db.session.get(ProductCategory, category_id) is None:
        raise InvalidInputError(
            gettext("没有这个产品类别。"), errors={"category_id": [gettext("没有这个产品类别。")]}
        )
    choice = CampaignChoice(
        kind=fields["kind"],
        label=label,
        note=(fields.get("note") or "").strip(),
        category_id=category_id,
        position=len(campaign.choices),
    )
    campaign.choices.append(choice)
    db.session.flush()
    record_action(
        user,
        "campaign_choice_add",
        ("campaign", campaign.id),
        {"choice": choice.id, "label": label},
        remote_addr,
    )
    db.session.commit()
    return choice


def choice_votes(choice: CampaignChoice) -> int:
    """Votes a choice received."""
    return db.session.scalar(
        select(func.count(CampaignVote.id)).where(CampaignVote.choice_id == choice.id)
    )


def remove_choice(user, choice: CampaignChoice, remote_addr: str = "") -> None:
    """Remove a choice nobody voted for from a campaign that is not closed."""
    if choice.campaign.status == CampaignStatus.CLOSED or choice_votes(choice):
        raise CampaignRuleError(gettext("已有投票或活动已结束的选项不能删除。"))
    campaign = choice.campaign
    campaign.choices.remove(choice)
    record_action(
        user,
        "campaign_choice_remove",
        ("campaign", campaign.id),
        {"choice": choice.id, "label": choice.label},
        remote_addr,
    )
    db.session.commit()


def set_campaign_status(user, campaign: Campaign, status: str, remote_addr: str = "") -> None:
    """Open a draft (it needs two choices) or close an open campaign; audit the change."""
    allowed = {
        CampaignStatus.OPEN: CampaignStatus.DRAFT,
        CampaignStatus.CLOSED: CampaignStatus.OPEN,
    }
    if allowed.get(status) != campaign.status:
        message = gettext(
            "“%(status)s”状态的活动不能进行此操作。", status=translate(campaign.status_label)
        )
        raise CampaignRuleError(message)
    if status == CampaignStatus.OPEN and len(campaign.choices) < 2:
        raise CampaignRuleError(gettext("开放投票前请至少添加两个选项。"))
    record_action(
        user,
        "campaign_open" if status == CampaignStatus.OPEN else "campaign_close",
        ("campaign", campaign.id),
        {"status": [campaign.status, status]},
        remote_addr,
    )
    campaign.status = status
    campaign.updated_at = utcnow()
    db.session.commit()


def get_choice(campaign: Campaign, choice_id: int) -> CampaignChoice:
    """A choice of this campaign, or NotFoundError."""
    for choice in campaign.choices:
        if choice.id == choice_id:
            return choice
    raise NotFoundError(gettext("没有找到该选项。"))


def adopt_choice(user, choice: CampaignChoice, fields: dict, remote_addr: str = "") -> PlanItem:
    """Turn a closed campaign's choice into a plan item of a year, linked back to the choice."""
    if choice.campaign.status != CampaignStatus.CLOSED:
        raise CampaignRuleError(gettext("投票结束后才能采纳选项。"))
    if db.session.scalar(select(PlanItem.id).where(PlanItem.campaign_choice_id == choice.id)):
        raise CampaignRuleError(gettext("该选项已列入抽查计划。"))
    if db.session.get(ProductCategory, fields["category_id"]) is None:
        raise InvalidInputError(
            gettext("没有这个产品类别。"), errors={"category_id": [gettext("没有这个产品类别。")]}
        )
    item = PlanItem(
        year=fields["year"],
        category_id=fields["category_id"],
        planned_batches=fields["planned_batches"],
        focus=(fields.get("focus") or "").strip(),
        rationale=f"你点我检“{choice.campaign.title}”：{choice.label}（{choice_votes(choice)} 票）",
        campaign_choice_id=choice.id,
    )
    db.session.add(item)
    db.session.flush()
    record_action(
        user,
        "campaign_adopt",
        ("plan_item", item.id),
        {"campaign": choice.campaign_id, "choice": choice.id},
        remote_addr,
    )
    bump_content_version()
    db.session.commit()
    return item
