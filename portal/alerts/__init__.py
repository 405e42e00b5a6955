"""E-mail alerts: subscriptions to any feed's query, matching, the outbox and SMTP sending."""

from flask import Flask

from portal.alerts.cli import alerts_cli
from portal.alerts.views import bp

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """Register the /alerts/ pages and the `alerts` commands."""
    app.register_blueprint(bp)
    app.cli.add_command(alerts_cli)
