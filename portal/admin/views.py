"""The admin blueprint: dashboard, sign-in and sign-out. Feature blueprints nest under it."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired, Length

from portal.admin.access import is_safe_next, role_required
from portal.admin.dashboard import links_for
from portal.admin.forms import StaffForm
from portal.admin.labels import content_fields, language_back, role_labels
from portal.models import Role
from portal.services.sign_in import SignInError, sign_in_user, sign_out_user

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.context_processor
def staff_globals():
    """`current_user` in staff templates only: public pages never load the session."""
    return {
        "current_user": current_user,
        "content_fields": content_fields,
        "language_back": language_back,
        "role_labels": role_labels,
    }


class SignInForm(StaffForm):
    """User name and password, an optional remember-me, and where to go next."""

    username = StringField(
        _l("用户名"),
        validators=[
            InputRequired(_l("请输入用户名。")),
            Length(max=64, message=_l("用户名过长。")),
        ],
    )
    password = PasswordField(
        _l("密码"),
        validators=[InputRequired(_l("请输入密码。")), Length(max=256, message=_l("密码过长。"))],
    )
    remember = BooleanField(_l("在这台设备上保持登录（14 天）"))
    next = HiddenField()


def next_url(target: str | None) -> str:
    """Where to go after sign-in: a local path, else the dashboard."""
    return target if is_safe_next(target) else url_for("admin.dashboard")


def start_session(user, remember: bool) -> None:
    """Replace whatever the session held (fixation, old CSRF token) with a fresh signed-in one."""
    session.clear()
    login_user(user, remember=remember, fresh=True)


@bp.get("/")
@role_required(*Role.ALL)
def dashboard():
    """What the signed-in staff member can do, by role."""
    return render_template("admin/dashboard.html", links=links_for(current_user))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Staff sign-in (Post/Redirect/Get); failures are counted towards the lock-out."""
    if current_user.is_authenticated:
        return redirect(next_url(request.args.get("next")))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = sign_in_user(form.username.data, form.password.data, request.remote_addr)
        except SignInError as error:
            form.form_errors.append(error.detail)
        else:
            start_session(user, form.remember.data)
            return redirect(next_url(form.next.data))
    return render_template("admin/sign_in.html", form=form)


@bp.post("/sign-out")
@role_required(*Role.ALL)
def sign_out():
    """End the session (and the remember cookie) and audit it."""
    sign_out_user(current_user._get_current_object(), request.remote_addr)
    session.clear()
    logout_user()
    flash(_("您已退出后台。"), "info")
    return redirect(url_for("admin.sign_in"))
