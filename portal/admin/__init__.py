"""Staff back office under /admin/: the admin blueprint, its feature blueprints, sign-in."""

from types import ModuleType

from flask import Blueprint, Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from portal.admin import (
    alerts,
    audit,
    campaigns,
    catalog,
    content,
    corrections,
    imports,
    moderation,
    plan,
    regulations,
    search_synonyms,
    users,
    views,
)
from portal.admin.access import no_store
from portal.admin.cli import create_user_command
from portal.admin.dashboard import add_dashboard_link, check_dashboard_links
from portal.extensions import login_manager

_nested: set[str] = set()


def nest(child: Blueprint) -> None:
    """Register a feature blueprint under `admin` (once per process: it outlives apps)."""
    if child.name not in _nested:
        views.bp.register_blueprint(child)
        _nested.add(child.name)


def add_feature(app: Flask, feature: ModuleType) -> None:
    """Nest a feature module's `bp` under `admin`; list its DASHBOARD_LINK (if any) on /admin/."""
    nest(feature.bp)
    link = getattr(feature, "DASHBOARD_LINK", None)
    if link:
        add_dashboard_link(app, link.endpoint, link.label, link.description)


def register_admin(app: Flask) -> None:
    """Register the admin blueprint with its features (one add_feature line each) and sign-in."""
    add_feature(app, users)
    add_feature(app, audit)
    add_feature(app, catalog)
    add_feature(app, regulations)
    add_feature(app, content)
    add_feature(app, corrections)
    add_feature(app, imports)
    add_feature(app, campaigns)
    add_feature(app, plan)
    add_feature(app, moderation)
    add_feature(app, alerts)
    add_feature(app, search_synonyms)
    app.register_blueprint(views.bp)
    check_dashboard_links(app)
    configure_login(app)


def configure_login(app: Flask) -> None:
    """Sign-in page, session protection, CSRF errors, never-cached staff pages, create-user."""
    import portal.services.accounts  # noqa: F401  (registers the user loader)

    login_manager.login_view = "admin.sign_in"
    login_manager.login_message = _l("请先登录后台。")
    login_manager.localize_callback = str  # the lazy message in the language of the request
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.after_request(no_store)
    app.cli.add_command(create_user_command)


def handle_csrf_error(error: CSRFError):
    """A missing or stale CSRF token: an explanation in the reader's language, status 400."""
    from portal.errors import render_error

    return render_error(400, _("请求已失效"), _("页面已过期或请求无效，请返回上一页刷新后重试。"))
