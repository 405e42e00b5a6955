"""Alert fixtures: a real SMTP server on 127.0.0.1 (aiosmtpd) and confirmed subscriptions."""

import re
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd import smtp as aiosmtp
from aiosmtpd.controller import Controller

from portal.alerts import subscriptions
from portal.alerts.pipeline import send_alerts
from portal.extensions import db
from portal.models import User

CONFIRM_LINK = re.compile(r"http://localhost/alerts/confirm/([\w.\-]+)")


@dataclass
class Received:
    """One message the test server accepted."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def text(self) -> str:
        """The text/plain part."""
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        """The text/html part."""
        return self.message.get_body(("html",)).get_content()


class Recorder:
    """aiosmtpd handler: keeps every message; refuses addresses listed in `bounce` with 550."""

    def __init__(self):
        self.messages: list[Received] = []
        self.bounce: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        """Accept a recipient, or refuse it permanently."""
        if address in self.bounce:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        """Store the message."""
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        with self.lock:
            self.messages.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), message, raw)
            )
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        """Messages delivered to one address."""
        return [m for m in self.messages if address in m.rcpt_tos]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Utf8Controller(Controller):
    """A controller whose server offers SMTPUTF8."""

    def factory(self):
        """The SMTP server with SMTPUTF8 enabled."""
        return aiosmtp.SMTP(self.handler, enable_SMTPUTF8=True, decode_data=False)


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 at a random port, stopped after the test."""
    recorder = Recorder()
    controller = Utf8Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


@pytest.fixture(autouse=True)
def generous_client_limit(app):
    """Tests post many forms from one client: only the limit test keeps the real bound low."""
    app.config["ALERT_SUBSCRIBE_RATE_LIMIT"] = "1000 per minute"


@pytest.fixture
def mail_app(app, smtp_server):
    """The app sending through the test server."""
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{smtp_server.port}"
    app.config["ALERTS_FROM"] = "alerts@example.gov.cn"
    return app


@pytest.fixture
def publisher(app):
    """A staff user allowed to publish."""
    user = User(username="fabu", display_name="发布员", password_hash="x", roles=["publisher"])
    db.session.add(user)
    db.session.commit()
    return user


def confirm_token(received: Received) -> str:
    """The token of the confirmation link in a confirmation mail."""
    return CONFIRM_LINK.search(received.text).group(1)


@pytest.fixture
def subscribe(mail_app, smtp_server):
    """Factory: a confirmed subscription, confirmed through the link of its mail."""

    def make(email, feed="all", args=None, frequency="immediate", language="zh"):
        before = len(smtp_server.to(email))
        subscription = subscriptions.request_subscription(
            email, feed, args or {}, frequency, language
        )
        send_alerts()
        confirmation = smtp_server.to(email)[before]
        subscriptions.confirm_subscription(confirm_token(confirmation))
        return subscription

    return make
