"""/participate/campaigns/: 你点我检 campaigns, their live counts and a no-JS voting form."""

import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.errors import PortalError
from portal.extensions import limiter
from portal.forms import PortalForm
from portal.models import utcnow
from portal.queries import campaigns as campaign_queries
from portal.services import voting

bp = Blueprint("campaigns", __name__, url_prefix="/participate/campaigns")
VOTER_COOKIE = "portal_voter"
VOTER_COOKIE_DAYS = 400


class ChoicesField(SelectMultipleField):
    """Choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist):
        """Read the chosen ids; anything that is not a number gets a plain message."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("所选项目无效，请刷新页面后重新选择。")) from error


class VoteForm(PortalForm):
    """A ballot: up to N choices; `website` is a honeypot people never see or fill."""

    choices = ChoicesField(_l("选择您希望抽查的项目"), coerce=int, validate_choice=False)
    website = StringField(_l("网站（请勿填写）"), validators=[Length(max=200)])


def choice_options(campaign) -> list[SelectChoice]:
    """The campaign's choices as form options."""
    return [SelectChoice(choice.id, choice.label) for choice in campaign.choices]


def voter_serializer() -> URLSafeSerializer:
    """Signs voter ids with the app's secret key."""
    return URLSafeSerializer(current_app.secret_key, salt="campaign-voter")


def current_voter_id() -> str | None:
    """The voter id from the signed cookie, or None when absent or tampered with."""
    value = request.cookies.get(VOTER_COOKIE, "")
    try:
        voter_id = voter_serializer().loads(value) if value else None
    except BadSignature:
        return None
    return voter_id if isinstance(voter_id, str) and 16 <= len(voter_id) <= 64 else None


def remember_voter(response, voter_id: str):
    """Set the signed, HTTP-only voter cookie on a response."""
    response.set_cookie(
        VOTER_COOKIE,
        voter_serializer().dumps(voter_id),
        max_age=VOTER_COOKIE_DAYS * 86400,
        path=bp.url_prefix,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response


def render_campaign(campaign, form: VoteForm, status: int = 200):
    """The campaign page: choices, live counts, the form while open, results once adopted."""
    form.choices.choices = choice_options(campaign)
    page = render_template(
        "participation/campaigns/campaign_detail.html",
        campaign=campaign,
        form=form,
        tally=campaign_queries.campaign_tally(campaign),
        is_open=campaign.is_open_at(utcnow()),
        has_voted=campaign_queries.has_voted(campaign, current_voter_id()),
        results=campaign_queries.campaign_results(campaign),
        per_client=current_app.config["CAMPAIGN_BALLOTS_PER_CLIENT"],
    )
    return page, status


@bp.get("/")
def campaign_list():
    """Every open and closed campaign."""
    campaigns = campaign_queries.public_campaigns()
    return render_template("participation/campaigns/campaign_list.html", campaigns=campaigns)


@bp.get("/<int:campaign_id>")
def campaign_detail(campaign_id: int):
    """One campaign (not response-cached: the form holds a CSRF token)."""
    campaign = campaign_queries.get_public_campaign(campaign_id)
    return render_campaign(campaign, VoteForm(formdata=None))


def vote_rate_limit() -> str:
    """The configured per-client rate limit of ballots."""
    return current_app.config["CAMPAIGN_VOTE_RATE_LIMIT"]


@bp.post("/<int:campaign_id>/vote")
@limiter.limit(vote_rate_limit, methods=["POST"])
def campaign_vote(campaign_id: int):
    """Cast a ballot (Post/Redirect/Get); refusals re-render with the choices kept."""
    campaign = campaign_queries.get_public_campaign(campaign_id)
    form = VoteForm()
    form.choices.choices = choice_options(campaign)
    if not form.validate_on_submit():
        return render_campaign(campaign, form, 422)
    if form.website.data:
        form.form_errors.append(_("提交未通过检查，请刷新页面后重试。"))
        return render_campaign(campaign, form, 422)
    return store_ballot(campaign, form)


def store_ballot(campaign, form: VoteForm):
    """Call the voting service; acknowledge with a redirect that carries the voter cookie."""
    voter_id = current_voter_id() or secrets.token_urlsafe(24)
    config = current_app.config
    now = utcnow()
    fingerprint = voting.client_hash(config["SECRET_KEY"], campaign.id, request.remote_addr, now)
    try:
        voting.cast_ballot(
            campaign,
            form.choices.data or [],
            voter_id,
            fingerprint,
            config["CAMPAIGN_BALLOTS_PER_CLIENT"],
            now,
        )
    except PortalError as error:
        form.form_errors.append(error.detail)
        return render_campaign(campaign, form, error.status_code)
    flash(_("您的投票已记录，感谢参与！"), "success")
    target = url_for("campaigns.campaign_detail", campaign_id=campaign.id)
    return remember_voter(redirect(target, 303), voter_id)
