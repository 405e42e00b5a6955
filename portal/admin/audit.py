"""/admin/audit/: the audit log for admins, filterable by user, action and date range."""

import json
from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.forms import DateInputField, FilterForm
from portal.admin.labels import content_choice
from portal.i18n import N_, translate
from portal.models import Role
from portal.queries.audit import NO_USER, audit_entries, recorded_actions, staff_users
from portal.queries.pagination import page_of
from portal.timeutil import to_local

bp = Blueprint("audit", __name__, url_prefix="/audit")
DASHBOARD_LINK = DashboardLink(
    "admin.audit.audit_log", _l("审计日志"), _l("查看谁在何时做了什么操作。")
)

PER_PAGE = 50
# Every action the services record (tests/admin/test_audit.py reads them from the code).
ACTION_LABELS = {
    "sign_in": N_("登录"),
    "sign_in_failed": N_("登录失败"),
    "sign_out": N_("退出登录"),
    "user_create": N_("创建账号"),
    "user_roles_change": N_("修改角色"),
    "user_deactivate": N_("停用账号"),
    "user_reactivate": N_("恢复账号"),
    "user_password_reset": N_("重置密码"),
    "create_draft": N_("创建草稿"),
    "update_draft": N_("修改草稿"),
    "schedule": N_("定时发布"),
    "unschedule": N_("取消定时发布"),
    "publish": N_("发布内容"),
    "correct": N_("更正已发布内容"),
    "withdraw": N_("撤回已发布内容"),
    "import": N_("导入抽查结果"),
    "import_catalog": N_("导入产品目录"),
    "add_regulation": N_("上传法规"),
    "amend_regulation": N_("修订法规"),
    "announcement_plan_link": N_("公告关联计划"),
    "campaign_create": N_("创建活动"),
    "campaign_update": N_("修改活动"),
    "campaign_choice_add": N_("添加活动选项"),
    "campaign_choice_remove": N_("删除活动选项"),
    "campaign_open": N_("开放投票"),
    "campaign_close": N_("结束投票"),
    "campaign_adopt": N_("活动选项列入计划"),
    "submission.classify": N_("投诉建议分类"),
    "submission.status": N_("投诉建议状态"),
    "submission.reply": N_("投诉建议答复"),
    "submission.spam": N_("投诉建议垃圾标记"),
    "submission.merge": N_("合并投诉建议"),
    "submission.plan_item": N_("建议关联计划"),
    "synonym.add": N_("添加同义词组"),
    "synonym.edit": N_("修改同义词组"),
    "synonym.delete": N_("删除同义词组"),
}
# Every entity type the services record.
ENTITY_LABELS = {
    "user": N_("账号"),
    "submission": N_("投诉建议"),
    "announcement": N_("公告"),
    "recall": N_("产品召回"),
    "regulation": N_("法规"),
    "catalog": N_("产品目录"),
    "campaign": N_("你点我检活动"),
    "plan_item": N_("抽查计划项目"),
    "search_synonym": N_("一组同义词"),
}
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def sane_date(form, field) -> None:
    """Dates between 2000 and 2100; the end not before the start."""
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_("日期须在 2000 年至 2100 年之间。"))
    start = form.date_from.data
    if field is form.date_to and field.data and start and field.data < start:
        raise ValidationError(_("结束日期不能早于开始日期。"))


class AuditFilterForm(FilterForm):
    """Filters of the audit log (GET)."""

    user = SelectField(_l("操作人"), validators=[Optional()])
    action = SelectField(_l("操作"), validators=[Optional()])
    date_from = DateInputField(_l("开始日期"), validators=[Optional(), sane_date])
    date_to = DateInputField(_l("结束日期"), validators=[Optional(), sane_date])
    page = IntegerField(_l("页码"), validators=[Optional(), NumberRange(min=1, max=100_000)])

    def set_choices(self) -> None:
        """Fill the user and action lists from the database."""
        users = [
            content_choice(str(user.id), f"{user.display_name}（{user.username}）")
            for user in staff_users()
        ]
        self.user.choices = [("", _("全部")), (NO_USER, _("无（未登录或命令行）")), *users]
        actions = [(name, action_label(name)) for name in recorded_actions()]
        self.action.choices = [("", _("全部")), *actions]


def action_label(action: str) -> str:
    """An audit action's name in the staff member's language (unknown ones as recorded)."""
    return translate(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def entity_label(entity_type: str | None) -> str:
    """An audited entity's name in the staff member's language."""
    return translate(ENTITY_LABELS[entity_type]) if entity_type in ENTITY_LABELS else entity_type


def local_time(value) -> str:
    """An audit time in Asia/Shanghai, to the second."""
    return to_local(value).strftime("%Y-%m-%d %H:%M:%S")


def detail_lines(details: dict) -> list[tuple[str, str]]:
    """Details as (label, text) pairs; changed fields read "before → after"."""
    lines = []
    for field, change in (details.get("changes") or {}).items():
        before, after = (_text(change.get(key)) for key in ("before", "after"))
        lines.append((field, f"{before} → {after}"))
    lines += [(key, _text(value)) for key, value in details.items() if key != "changes"]
    return lines


def _text(value) -> str:
    """A detail value as plain text (escaped by the template)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@bp.get("/")
@role_required(Role.ADMIN)
def audit_log():
    """The audit log, newest first; bad filters are explained and nothing is listed."""
    form = AuditFilterForm(formdata=request.args)
    form.set_choices()
    page = None
    if form.validate():
        filters = {name: form[name].data for name in ("user", "action", "date_from", "date_to")}
        page = page_of(audit_entries(**filters), form.page.data or 1, PER_PAGE)
    return render_template(
        "admin/audit/audit_log.html",
        form=form,
        page=page,
        action_label=action_label,
        entity_label=entity_label,
        local_time=local_time,
        detail_lines=detail_lines,
    ), (200 if page is not None else 422)
