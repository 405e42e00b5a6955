"""Access control for staff pages: role_required, safe redirects, never-cached responses."""

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import login_manager
from portal.models import Role


def role_required(*roles: str):
    """Let signed-in users holding one of the roles (or admin) through; record them on the view."""
    unknown = set(roles) - set(Role.ALL)
    if not roles or unknown:
        raise ValueError(f"role_required needs roles from {Role.ALL}, got {roles!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                if request.method in ("GET", "HEAD"):
                    return login_manager.unauthorized()
                abort(403, description=_("请先登录后台再提交。"))
            if not any(current_user.has_role(role) for role in roles):
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_roles = frozenset(roles)
        return wrapper

    return decorator


def can_access(user, view) -> bool:
    """True when the user may open a view decorated with role_required."""
    roles = getattr(view, "required_roles", None)
    if not roles or not user.is_authenticated:
        return False
    return any(user.has_role(role) for role in roles)


def is_safe_next(target: str | None) -> bool:
    """True for a local path such as /admin/users/?page=2 (no scheme, host or tricks)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if "\\" in target or any(ord(char) < 0x21 or ord(char) == 0x7F for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def no_store(response):
    """After-request hook: staff pages are never stored by browsers or proxies."""
    if request.path == "/admin" or request.path.startswith("/admin/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
        response.vary.add("Cookie")
    return response
