"""Read side of 你点我检 campaigns: public campaigns, live counts, what adopted choices led to."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import (
    Campaign,
    CampaignBallot,
    CampaignChoice,
    CampaignStatus,
    CampaignVote,
    PlanItem,
)
from portal.queries.plan import PlanItemResults, plan_item_results

MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class ChoiceCount:
    """One choice with the number of votes it received."""

    choice: CampaignChoice
    votes: int


@dataclass(frozen=True)
class Tally:
    """Live public counts of a campaign: ballots and votes per choice (no voter data)."""

    ballots: int
    choices: list[ChoiceCount]


def public_campaigns() -> list[Campaign]:
    """Open and closed campaigns, newest period first."""
    return list(
        db.session.scalars(
            select(Campaign)
            .where(Campaign.status != CampaignStatus.DRAFT)
            .order_by(Campaign.starts_at.desc(), Campaign.id.desc())
        )
    )


def get_public_campaign(campaign_id: int) -> Campaign:
    """A campaign that staff opened (open or closed), or NotFoundError."""
    campaign = db.session.get(Campaign, campaign_id) if 0 < campaign_id <= MAX_ID else None
    if campaign is None or not campaign.is_public:
        raise NotFoundError(_("没有找到该活动，它可能尚未开始。"))
    return campaign


def get_campaign(campaign_id: int) -> Campaign:
    """Any campaign by id (staff), or NotFoundError."""
    campaign = db.session.get(Campaign, campaign_id) if 0 < campaign_id <= MAX_ID else None
    if campaign is None:
        raise NotFoundError(_("没有找到该活动。"))
    return campaign


def has_voted(campaign: Campaign, voter_id: str | None) -> bool:
    """True when this voter id cast a ballot in the campaign."""
    if not voter_id:
        return False
    found = db.session.scalar(
        select(CampaignBallot.id).where(
            CampaignBallot.campaign_id == campaign.id, CampaignBallot.voter_id == voter_id
        )
    )
    return found is not None


def campaign_tally(campaign: Campaign) -> Tally:
    """Ballots cast and votes per choice, most votes first."""
    counts = dict(
        db.session.execute(
            select(CampaignVote.choice_id, func.count(CampaignVote.id))
            .where(CampaignVote.campaign_id == campaign.id)
            .group_by(CampaignVote.choice_id)
        ).all()
    )
    ballots = db.session.scalar(
        select(func.count(CampaignBallot.id)).where(CampaignBallot.campaign_id == campaign.id)
    )
    choices = [ChoiceCount(choice, counts.get(choice.id, 0)) for choice in campaign.choices]
    choices.sort(key=lambda item: (-item.votes, item.choice.position, item.choice.id))
    return Tally(ballots or 0, choices)


def adopted_items(campaign: Campaign) -> list[PlanItem]:
    """Plan items adopted from the campaign's choices, by year and id."""
    return list(
        db.session.scalars(
            select(PlanItem)
            .join(CampaignChoice, PlanItem.campaign_choice_id == CampaignChoice.id)
            .where(CampaignChoice.campaign_id == campaign.id)
            .order_by(PlanItem.year, PlanItem.id)
        )
    )


def campaign_results(campaign: Campaign) -> list[PlanItemResults]:
    """点有所应，检有所果: each adopted plan item with its published announcements and results."""
    return [plan_item_results(item) for item in adopted_items(campaign)]


def all_campaigns() -> list[Campaign]:
    """Every campaign for staff, newest first."""
    return list(db.session.scalars(select(Campaign).order_by(Campaign.id.desc())))


def adopted_by_choice(campaign: Campaign) -> dict[int, PlanItem]:
    """The plan item each adopted choice of the campaign became."""
    return {item.campaign_choice_id: item for item in adopted_items(campaign)}
