"""Staff-side vocabularies stored or keyed in Chinese, said in the staff member's language.

The stored values (roles' labels, content states, campaign statuses, submission statuses) stay
Chinese; templates translate them with the `t` filter and Python with `translate`. Published
content is never translated: templates mark it with `zh`.
"""

from urllib.parse import urlsplit

from flask import current_app, request, url_for
from flask_babel import LazyString, gettext
from werkzeug.exceptions import HTTPException
from wtforms.fields.choices import SelectChoice

from portal.admin.access import is_safe_next
from portal.i18n import N_, content_attributes, has_chinese, translate
from portal.models import Role

# Role.LABELS, the content states of portal.queries.staff_content.STATES and other stored labels
# the staff pages show (the DOMAIN_VALUES of portal.i18n hold the published vocabularies).
STAFF_VALUES = (
    N_("编辑"),
    N_("发布员"),
    N_("审核员"),
    N_("管理员"),
    N_("已定时"),
    N_("已发布"),
    N_("已撤回"),
    # services/import_enterprises: how an enterprise was matched and where its code came from
    N_("统一社会信用代码"),
    N_("企业名称"),
    N_("企业名称和地址"),
    N_("曾用名"),
    N_("表格"),
    N_("编辑提供"),
    N_("已存档"),
)


def lazy(function, *args, **kwargs) -> LazyString:
    """A string computed when shown, in the language of the request showing it."""
    return LazyString(function, *args, **kwargs)


def role_label(role: str) -> str:
    """One role's name in the staff member's language."""
    return translate(Role.LABELS.get(role, role))


def role_labels(user) -> str:
    """A user's roles joined in the staff member's language, or "no role"."""
    names = [role_label(role) for role in user.roles]
    return gettext("、").join(names) if names else gettext("无角色")


def role_choice_label(role: str) -> str:
    """A role checkbox's label: its name and code, e.g. 编辑（editor）."""
    return gettext("%(label)s（%(role)s）", label=role_label(role), role=role)


def content_choice(value, text: str) -> SelectChoice:
    """A select option holding published Chinese (a category name), marked on English pages."""
    return SelectChoice(value, text, content_attributes() if has_chinese(text) else {})


def content_fields(field) -> dict:
    """Attributes of a text input or text area holding published Chinese: lang on English pages."""
    return content_attributes() if field.type in ("StringField", "TextAreaField") else {}


def language_back() -> str:
    """The page the language switch returns to: this one, or after a refused POST the page the
    form is on (a POST-only address cannot be opened again)."""
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    try:
        current_app.create_url_adapter(request).match(request.path, method="GET")
    except HTTPException:
        pass
    else:
        return request.path
    referrer = urlsplit(request.referrer or "")
    target = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    if referrer.netloc == request.host and is_safe_next(target):
        return target
    return url_for("admin.dashboard")
