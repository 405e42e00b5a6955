"""`flask --app portal alerts send` reports what it did; a bad SMTP URL is a clear error."""

import pytest

from portal.alerts import subscriptions
from portal.alerts.smtp import SmtpNotConfiguredError, connect


def test_alerts_send_sends_the_outbox_and_says_so(mail_app, smtp_server):
    subscriptions.request_subscription("cli@example.com", "all", {}, "immediate")
    result = mail_app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0, result.output
    assert "sent: 1;" in result.output
    assert len(smtp_server.to("cli@example.com")) == 1


def test_without_smtp_url_mails_wait_in_the_outbox(app):
    subscriptions.request_subscription("wait@example.com", "all", {}, "immediate")
    result = app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0
    assert "sent: 0;" in result.output


@pytest.mark.parametrize("url", ["", "http://mail.example.com", "smtp://", "mailto:a@b.c"])
def test_a_malformed_smtp_url_is_refused(url):
    with pytest.raises(SmtpNotConfiguredError):
        connect(url)


def test_smtp_url_credentials_are_used(mail_app, smtp_server, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "smtplib.SMTP.login", lambda self, user, password: seen.update(u=user, p=password)
    )
    connection = connect(f"smtp://alerts%40bureau:p%40ss@127.0.0.1:{smtp_server.port}")
    connection.quit()
    assert seen == {"u": "alerts@bureau", "p": "p@ss"}
