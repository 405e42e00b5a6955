"""/admin/alerts/: the e-mail alert queue, failures and suspended addresses (admins)."""

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.models import Role
from portal.queries.alerts import alert_overview, failing_mails

bp = Blueprint("alerts", __name__, url_prefix="/alerts")
DASHBOARD_LINK = DashboardLink(
    "admin.alerts.alert_queue",
    _l("邮件提醒"),
    _l("查看邮件提醒的待发队列、发送失败和被暂停的地址。"),
)


@bp.get("/")
@role_required(Role.ADMIN)
def alert_queue():
    """Counts of the queue and the newest failures, addresses masked."""
    return render_template(
        "admin/alerts/alert_queue.html", overview=alert_overview(), failures=failing_mails()
    )
