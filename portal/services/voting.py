"""Citizens' votes in 你点我检 campaigns: one ballot per voter id, per-client daily limits."""

import hashlib
import hmac
import logging
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.errors import InvalidInputError, PortalError
from portal.extensions import db
from portal.i18n import N_
from portal.models import Campaign, CampaignBallot, CampaignVote, utcnow
from portal.queries.campaigns import has_voted
from portal.timeutil import to_local

logger = logging.getLogger(__name__)


class VotingClosedError(PortalError):
    """The campaign takes no votes now."""

    status_code = 409
    title = N_("投票未开放")


class AlreadyVotedError(PortalError):
    """This voter id already cast a ballot in the campaign."""

    status_code = 409
    title = N_("已经投过票")


class TooManyBallotsError(PortalError):
    """Too many ballots from one client address today."""

    status_code = 429
    title = N_("投票过于频繁")


def client_hash(secret: str, campaign_id: int, remote_addr: str, now: datetime) -> str:
    """A keyed hash of the client address, campaign and local day; the address is not kept."""
    day = to_local(now).date().isoformat()
    message = f"{campaign_id}|{day}|{remote_addr or ''}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def check_choices(campaign: Campaign, choice_ids: list[int]) -> list[int]:
    """The distinct chosen ids, or InvalidInputError when none, too many or foreign."""
    chosen = sorted(set(choice_ids))
    known = {choice.id for choice in campaign.choices}
    if not chosen:
        raise InvalidInputError(_("请至少选择一项。"), errors={"choices": [_("请至少选择一项。")]})
    if len(chosen) > campaign.max_choices:
        message = _(
            "最多可以选择 %(max_choices)s 项，您选择了 %(count)s 项。",
            max_choices=campaign.max_choices,
            count=len(chosen),
        )
        raise InvalidInputError(message, errors={"choices": [message]})
    if not set(chosen) <= known:
        message = _("所选项目不属于本次活动，请刷新页面后重新选择。")
        raise InvalidInputError(message, errors={"choices": [message]})
    return chosen


def check_client_limit(campaign: Campaign, fingerprint: str, per_client: int) -> None:
    """Refuse when this client address cast `per_client` ballots in the campaign today."""
    count = db.session.scalar(
        select(func.count(CampaignBallot.id)).where(
            CampaignBallot.campaign_id == campaign.id,
            CampaignBallot.client_hash == fingerprint,
        )
    )
    if count >= per_client:
        raise TooManyBallotsError(_("同一网络今天在本次活动中的投票次数已达上限，请明天再试。"))


def new_ballot(
    campaign: Campaign, chosen: list[int], voter_id: str, fingerprint: str, now: datetime
) -> CampaignBallot:
    """A ballot with one vote row per chosen option (not yet added to the session)."""
    ballot = CampaignBallot(
        campaign_id=campaign.id, voter_id=voter_id, client_hash=fingerprint, created_at=now
    )
    ballot.votes = [
        CampaignVote(campaign_id=campaign.id, choice_id=choice_id, voter_id=voter_id)
        for choice_id in chosen
    ]
    return ballot


def cast_ballot(
    campaign: Campaign,
    choice_ids: list[int],
    voter_id: str,
    fingerprint: str,
    per_client: int,
    now: datetime | None = None,
) -> CampaignBallot:
    """Store one ballot with one vote row per choice, committed before it is acknowledged."""
    now = now or utcnow()
    if not campaign.is_open_at(now):
        raise VotingClosedError(_("本次活动当前不接受投票。"))
    chosen = check_choices(campaign, choice_ids)
    if has_voted(campaign, voter_id):
        raise AlreadyVotedError(_("您已经在本次活动中投过票，每人限投一次。"))
    check_client_limit(campaign, fingerprint, per_client)
    ballot = new_ballot(campaign, chosen, voter_id, fingerprint, now)
    db.session.add(ballot)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise AlreadyVotedError(_("您已经在本次活动中投过票，每人限投一次。")) from error
    logger.info("ballot %s stored in campaign %s", ballot.id, campaign.id)
    return ballot
