"""/admin/users/: admins list, create and change staff accounts (roles, status, password)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from wtforms import PasswordField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.forms import StaffForm
from portal.admin.labels import lazy, role_choice_label, role_labels
from portal.errors import InvalidInputError, PortalError
from portal.models import Role
from portal.queries.audit import staff_users
from portal.services import accounts

bp = Blueprint("users", __name__, url_prefix="/users")
DASHBOARD_LINK = DashboardLink(
    "admin.users.user_list", _l("账号管理"), _l("创建账号、分配角色、停用和重置密码。")
)

ROLE_CHOICES = [SelectChoice(role, lazy(role_choice_label, role)) for role in Role.ALL]
ROLE_HINT = _l(
    "编辑：草稿和导入；发布员：发布、更正、撤回；审核员：公众投诉建议；管理员：账号、目录和审计。"
)


class RolesField(SelectMultipleField):
    """Roles as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def roles_field() -> RolesField:
    """The roles checkboxes (at least one)."""
    return RolesField(
        _l("角色"),
        choices=ROLE_CHOICES,
        validators=[InputRequired(_l("请至少选择一个角色。"))],
        invalid_choice_message=_l("请只从列出的角色中选择。"),
    )


def password_fields(label) -> tuple[PasswordField, PasswordField]:
    """A new password and its confirmation."""
    password = PasswordField(label, validators=[InputRequired(_l("请输入密码。")), Length(max=256)])
    confirm = PasswordField(
        _l("再次输入密码"),
        validators=[
            InputRequired(_l("请再次输入密码。")),
            EqualTo("password", _l("两次输入的密码不一致。")),
        ],
    )
    return password, confirm


class UserCreateForm(StaffForm):
    """A new staff account."""

    username = StringField(
        _l("用户名"), validators=[InputRequired(_l("请输入用户名。")), Length(max=64)]
    )
    display_name = StringField(
        _l("姓名"), validators=[InputRequired(_l("请输入姓名。")), Length(max=64)]
    )
    roles = roles_field()
    password, password_confirm = password_fields(_l("初始密码"))


class RolesForm(StaffForm):
    """Replace an account's roles."""

    roles = roles_field()


class PasswordForm(StaffForm):
    """Set a new password for an account."""

    password, password_confirm = password_fields(_l("新密码"))


class ConfirmForm(StaffForm):
    """A button that only needs the CSRF token (deactivate, reactivate)."""


def show_errors(form: StaffForm, error: PortalError) -> None:
    """Attach a service error to the form's fields, or to the form as a whole."""
    for name, messages in (error.errors or {}).items():
        target = form[name].errors if name in form else form.form_errors
        target.extend(messages if isinstance(messages, list) else [messages])
    if not error.errors:
        form.form_errors.append(error.detail)


def render_detail(user, status: int = 200, **forms):
    """The account page with its three forms (a failed one keeps its errors)."""
    forms.setdefault("roles_form", RolesForm(formdata=None, roles=user.roles))
    forms.setdefault("password_form", PasswordForm(formdata=None))
    forms.setdefault("status_form", ConfirmForm(formdata=None))
    page = render_template("admin/users/user_detail.html", user=user, role_hint=ROLE_HINT, **forms)
    return page, status


@bp.get("/")
@role_required(Role.ADMIN)
def user_list():
    """Every staff account with its roles and status."""
    return render_template("admin/users/user_list.html", users=staff_users())


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user_create():
    """Create an account (Post/Redirect/Get)."""
    form = UserCreateForm()
    if form.validate_on_submit():
        fields = {
            name: form[name].data for name in ("username", "display_name", "roles", "password")
        }
        try:
            user = accounts.create_user(current_user, remote_addr=request.remote_addr, **fields)
        except InvalidInputError as error:
            show_errors(form, error)
        else:
            flash(_("已创建账号 %(username)s。", username=user.username), "success")
            return redirect(url_for("admin.users.user_detail", user_id=user.id))
    page = render_template("admin/users/user_create.html", form=form, role_hint=ROLE_HINT)
    return page, 422 if form.errors else 200


@bp.get("/<int:user_id>")
@role_required(Role.ADMIN)
def user_detail(user_id: int):
    """One account: change roles, deactivate or reactivate, reset the password."""
    return render_detail(accounts.get_user(user_id))


@bp.post("/<int:user_id>/roles")
@role_required(Role.ADMIN)
def user_roles(user_id: int):
    """Replace the account's roles."""
    user, form = accounts.get_user(user_id), RolesForm()
    if form.validate_on_submit():
        try:
            accounts.change_roles(current_user, user, form.roles.data, request.remote_addr)
        except PortalError as error:
            show_errors(form, error)
        else:
            message = _(
                "已更新 %(username)s 的角色：%(roles)s。",
                username=user.username,
                roles=role_labels(user),
            )
            flash(message, "success")
            return redirect(after_change(user))
    return render_detail(user, 422, roles_form=form)


@bp.post("/<int:user_id>/deactivate")
@role_required(Role.ADMIN)
def user_deactivate(user_id: int):
    """Deactivate the account, ending its sessions."""
    return change_status(accounts.get_user(user_id), False, deactivated)


@bp.post("/<int:user_id>/reactivate")
@role_required(Role.ADMIN)
def user_reactivate(user_id: int):
    """Reactivate the account."""
    return change_status(accounts.get_user(user_id), True, reactivated)


def deactivated(user) -> str:
    """The message after deactivating an account."""
    return _("已停用账号 %(username)s。", username=user.username)


def reactivated(user) -> str:
    """The message after reactivating an account."""
    return _("已恢复账号 %(username)s。", username=user.username)


def change_status(user, is_active: bool, done):
    """Apply a status change from a ConfirmForm and redirect, or show why it was refused."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            accounts.set_user_active(current_user, user, is_active, request.remote_addr)
        except PortalError as error:
            show_errors(form, error)
        else:
            flash(done(user), "success")
            return redirect(url_for("admin.users.user_detail", user_id=user.id))
    return render_detail(user, 409, status_form=form)


@bp.post("/<int:user_id>/password")
@role_required(Role.ADMIN)
def user_password(user_id: int):
    """Set a new password; the account's other sessions end."""
    user, form = accounts.get_user(user_id), PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(current_user, user, form.password.data, request.remote_addr)
        except InvalidInputError as error:
            show_errors(form, error)
        else:
            keep_own_session(user)
            message = _(
                "已重置 %(username)s 的密码，该账号的其他登录已失效。", username=user.username
            )
            flash(message, "success")
            return redirect(url_for("admin.users.user_detail", user_id=user.id))
    return render_detail(user, 422, password_form=form)


def keep_own_session(user) -> None:
    """After changing one's own password, carry the new session token into this session."""
    if user.id == current_user.id:
        login_user(user, fresh=True)


def after_change(user) -> str:
    """Back to the account, or to the dashboard when the admin removed their own admin role."""
    if user.id == current_user.id and not user.has_role(Role.ADMIN):
        return url_for("admin.dashboard")
    return url_for("admin.users.user_detail", user_id=user.id)
