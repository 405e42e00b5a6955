"""/admin/campaigns/: moderators run 你点我检 campaigns and adopt top choices into the plan."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.admin.access import role_required
from portal.admin.campaign_forms import (
    AdoptForm,
    CampaignForm,
    ChoiceForm,
    ConfirmForm,
    category_choices,
)
from portal.admin.dashboard import DashboardLink
from portal.errors import PortalError
from portal.models import CampaignStatus, Role
from portal.queries import campaigns as campaign_queries
from portal.services import campaigns as campaign_services
from portal.timeutil import to_local

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")
DASHBOARD_LINK = DashboardLink(
    "admin.campaigns.campaign_list",
    _l("你点我检"),
    _l("创建、开放和结束投票活动，把得票高的选项列入抽查计划。"),
)


def campaign_fields(form: CampaignForm) -> dict:
    """Form data with the Beijing-time period converted to UTC."""
    fields = {name: form[name].data for name in campaign_services.CAMPAIGN_FIELDS}
    for name in ("starts_at", "ends_at"):
        fields[name] = campaign_services.local_to_utc(fields[name])
    return fields


def show_errors(form, error: PortalError) -> None:
    """Attach a service error to the form's fields, or to the form as a whole."""
    for name, messages in (error.errors or {}).items():
        (form[name].errors if name in form else form.form_errors).extend(messages)
    if not error.errors:
        form.form_errors.append(error.detail)


def edit_form(campaign) -> CampaignForm:
    """The edit form filled with the campaign (period in Beijing time)."""
    form = CampaignForm(formdata=None, obj=campaign)
    form.starts_at.data = to_local(campaign.starts_at).replace(tzinfo=None)
    form.ends_at.data = to_local(campaign.ends_at).replace(tzinfo=None)
    return form


def render_detail(campaign, status: int = 200, **forms):
    """The staff campaign page with its forms (a failed one keeps its errors)."""
    forms.setdefault("edit_form", edit_form(campaign))
    forms.setdefault("choice_form", ChoiceForm(formdata=None))
    forms.setdefault("adopt_form", AdoptForm(formdata=None))
    forms.setdefault("confirm_form", ConfirmForm(formdata=None))
    forms["choice_form"].category_id.choices = category_choices(_("（无）"))
    forms["adopt_form"].category_id.choices = category_choices()
    page = render_template(
        "admin/campaigns/campaign_detail.html",
        campaign=campaign,
        tally=campaign_queries.campaign_tally(campaign),
        adopted=campaign_queries.adopted_by_choice(campaign),
        **forms,
    )
    return page, status


def back_to(campaign):
    """Redirect to the staff campaign page."""
    return redirect(url_for("admin.campaigns.campaign_detail", campaign_id=campaign.id))


@bp.get("/")
@role_required(Role.MODERATOR)
def campaign_list():
    """Every campaign, drafts included."""
    campaigns = campaign_queries.all_campaigns()
    return render_template("admin/campaigns/campaign_list.html", campaigns=campaigns)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.MODERATOR)
def campaign_create():
    """Create a draft campaign (Post/Redirect/Get)."""
    form = CampaignForm()
    if form.validate_on_submit():
        try:
            campaign = campaign_services.create_campaign(
                current_user, campaign_fields(form), request.remote_addr
            )
        except PortalError as error:
            show_errors(form, error)
        else:
            flash(_("已创建活动草稿，请添加选项。"), "success")
            return back_to(campaign)
    page = render_template("admin/campaigns/campaign_create.html", form=form)
    return page, 422 if form.errors or form.form_errors else 200


@bp.get("/<int:campaign_id>")
@role_required(Role.MODERATOR)
def campaign_detail(campaign_id: int):
    """One campaign: edit, choices, counts, open/close, adopt."""
    return render_detail(campaign_queries.get_campaign(campaign_id))


@bp.post("/<int:campaign_id>/edit")
@role_required(Role.MODERATOR)
def campaign_edit(campaign_id: int):
    """Change the campaign's texts, period or number of choices."""
    campaign, form = campaign_queries.get_campaign(campaign_id), CampaignForm()
    if form.validate_on_submit():
        try:
            campaign_services.update_campaign(
                current_user, campaign, campaign_fields(form), request.remote_addr
            )
        except PortalError as error:
            show_errors(form, error)
        else:
            flash(_("已保存活动。"), "success")
            return back_to(campaign)
    return render_detail(campaign, 422, edit_form=form)


@bp.post("/<int:campaign_id>/choices")
@role_required(Role.MODERATOR)
def choice_add(campaign_id: int):
    """Add a choice."""
    campaign, form = campaign_queries.get_campaign(campaign_id), ChoiceForm()
    form.category_id.choices = category_choices(_("（无）"))
    if form.validate_on_submit():
        fields = {name: form[name].data for name in ("kind", "label", "note", "category_id")}
        try:
            campaign_services.add_choice(current_user, campaign, fields, request.remote_addr)
        except PortalError as error:
            show_errors(form, error)
        else:
            flash(_("已添加选项。"), "success")
            return back_to(campaign)
    return render_detail(campaign, 422, choice_form=form)


@bp.post("/<int:campaign_id>/choices/<int:choice_id>/remove")
@role_required(Role.MODERATOR)
def choice_remove(campaign_id: int, choice_id: int):
    """Remove a choice nobody voted for."""
    campaign = campaign_queries.get_campaign(campaign_id)
    choice = campaign_services.get_choice(campaign, choice_id)
    return confirmed(
        campaign,
        lambda: campaign_services.remove_choice(current_user, choice, request.remote_addr),
        _("已删除选项。"),
    )


@bp.post("/<int:campaign_id>/open")
@role_required(Role.MODERATOR)
def campaign_open(campaign_id: int):
    """Open the campaign for votes."""
    return change_status(campaign_id, CampaignStatus.OPEN, _("已开放投票。"))


@bp.post("/<int:campaign_id>/close")
@role_required(Role.MODERATOR)
def campaign_close(campaign_id: int):
    """Close the campaign."""
    return change_status(campaign_id, CampaignStatus.CLOSED, _("已结束投票。"))


def change_status(campaign_id: int, status: str, done: str):
    """Apply a status change after the CSRF check."""
    campaign = campaign_queries.get_campaign(campaign_id)
    return confirmed(
        campaign,
        lambda: campaign_services.set_campaign_status(
            current_user, campaign, status, request.remote_addr
        ),
        done,
    )


def confirmed(campaign, action, done: str):
    """Run an action from a ConfirmForm and redirect, or show why it was refused."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            action()
        except PortalError as error:
            show_errors(form, error)
        else:
            flash(done, "success")
            return back_to(campaign)
    return render_detail(campaign, 409, confirm_form=form)


@bp.post("/<int:campaign_id>/choices/<int:choice_id>/adopt")
@role_required(Role.MODERATOR)
def choice_adopt(campaign_id: int, choice_id: int):
    """Adopt a choice of a closed campaign into a year's plan."""
    campaign = campaign_queries.get_campaign(campaign_id)
    choice, form = campaign_services.get_choice(campaign, choice_id), AdoptForm()
    form.category_id.choices = category_choices()
    if form.validate_on_submit():
        fields = {
            name: form[name].data for name in ("year", "category_id", "planned_batches", "focus")
        }
        try:
            item = campaign_services.adopt_choice(current_user, choice, fields, request.remote_addr)
        except PortalError as error:
            show_errors(form, error)
        else:
            message = _(
                "已将“%(label)s”列入 %(year)s 年抽查计划。", label=choice.label, year=item.year
            )
            flash(message, "success")
            return back_to(campaign)
    return render_detail(campaign, 422, adopt_form=form)
