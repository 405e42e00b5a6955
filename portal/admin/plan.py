"""/admin/plan/: moderators see a year's plan and link announcements to its items."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.admin.access import role_required
from portal.admin.campaign_forms import LinkForm
from portal.admin.dashboard import DashboardLink
from portal.admin.labels import content_choice
from portal.errors import PortalError
from portal.models import Role
from portal.queries import plan as plan_queries
from portal.services.plan import link_announcement
from portal.timeutil import local_today

bp = Blueprint("plan", __name__, url_prefix="/plan")
DASHBOARD_LINK = DashboardLink(
    "admin.plan.plan_admin", _l("抽查计划"), _l("查看年度计划项目，把抽查公告关联到计划项目。")
)


def chosen_year() -> int:
    """The year in the query string when valid, else this year."""
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else local_today().year


def fill_choices(form: LinkForm, items: list) -> LinkForm:
    """Offer the year's plan items (and 0 to unlink) in the link form."""
    form.plan_item_id.choices = [SelectChoice(0, _("（取消关联）"))] + [
        content_choice(item.id, f"{item.year} {item.category.name}（#{item.id}）") for item in items
    ]
    return form


def render_plan(year: int, form: LinkForm | None = None, status: int = 200):
    """The plan items of a year with their linked announcements and the link form."""
    items = plan_queries.staff_plan_items(year)
    form = fill_choices(form or LinkForm(formdata=None), items)
    linked = plan_queries.linked_announcements(items)
    page = render_template(
        "admin/plan/plan_admin.html", year=year, items=items, linked=linked, form=form
    )
    return page, status


@bp.get("/")
@role_required(Role.MODERATOR)
def plan_admin():
    """A year's plan items and the announcements linked to them."""
    return render_plan(chosen_year())


@bp.post("/link")
@role_required(Role.MODERATOR)
def announcement_link():
    """Link an announcement to a plan item of the year, or unlink it."""
    year = chosen_year()
    form = fill_choices(LinkForm(), plan_queries.staff_plan_items(year))
    if form.validate_on_submit():
        try:
            announcement = plan_queries.announcement_by_number(form.number.data)
            item = (
                plan_queries.plan_item_by_id(form.plan_item_id.data)
                if form.plan_item_id.data
                else None
            )
            link_announcement(current_user, announcement, item, request.remote_addr)
        except PortalError as error:
            form.form_errors.append(error.detail)
        else:
            flash(_("已更新公告 %(number)s 的计划关联。", number=announcement.number), "success")
            return redirect(url_for("admin.plan.plan_admin", year=year))
    return render_plan(year, form, 422)
