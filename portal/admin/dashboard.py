"""The dashboard's list of staff features, filled by register_admin."""

from dataclasses import dataclass

from flask import Flask, current_app

from portal.admin.access import can_access

EXTENSION_KEY = "admin_dashboard"


@dataclass(frozen=True)
class DashboardLink:
    """A feature shown on /admin/ to the users whose roles open its endpoint."""

    endpoint: str
    label: str
    description: str


def add_dashboard_link(app: Flask, endpoint: str, label: str, description: str) -> None:
    """Add a feature to the dashboard (in order; a second call for an endpoint replaces it)."""
    links = app.extensions.setdefault(EXTENSION_KEY, {})
    links[endpoint] = DashboardLink(endpoint, label, description)


def links_for(user) -> list[DashboardLink]:
    """The dashboard links whose views the user may open."""
    links = current_app.extensions.get(EXTENSION_KEY, {}).values()
    views = current_app.view_functions
    return [link for link in links if can_access(user, views[link.endpoint])]


def check_dashboard_links(app: Flask) -> None:
    """Fail at start-up when a dashboard link names a missing or unprotected endpoint."""
    for endpoint in app.extensions.get(EXTENSION_KEY, {}):
        view = app.view_functions.get(endpoint)
        if not getattr(view, "required_roles", None):
            raise RuntimeError(f"Dashboard link {endpoint!r} needs a role_required view")
