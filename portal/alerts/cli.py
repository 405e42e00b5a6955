"""`flask --app portal alerts send`: the cron or timer entry point of e-mail alerts."""

import click

from portal.alerts.pipeline import send_alerts


@click.group("alerts")
def alerts_cli():
    """E-mail alerts."""


@alerts_cli.command("send")
def send_command():
    """Match new events, compose due mails and send the outbox (safe twice at once)."""
    report = send_alerts()
    delivery = report.delivery
    click.echo(
        f"Events matched: {report.events}; matches: {report.matches}; mails composed: "
        f"{report.composed}; sent: {delivery.sent}; to retry: {delivery.retried}; "
        f"failed: {delivery.failed}; addresses suspended: {len(delivery.suspended)}; "
        f"unconfirmed subscriptions removed: {report.removed}"
    )
