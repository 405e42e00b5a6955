"""Requests without a session cookie get an empty session without a signer; sessions still
round-trip and a forged cookie is still refused."""

from flask import session

from portal.sessions import LazySigningSessionInterface


def test_the_app_uses_the_lazy_interface(app):
    assert isinstance(app.session_interface, LazySigningSessionInterface)


def test_no_cookie_means_no_signer(app, monkeypatch):
    calls = []
    interface = app.session_interface
    original = interface.get_signing_serializer
    monkeypatch.setattr(
        interface, "get_signing_serializer", lambda a: calls.append(a) or original(a)
    )
    with app.test_request_context("/"):
        assert dict(session) == {}
    assert calls == []


def test_a_session_written_then_read_back(app):
    @app.get("/_session_test/<value>")
    def put(value):
        session["seen"] = value
        return "ok"

    @app.get("/_session_test")
    def get():
        return session.get("seen", "none")

    client = app.test_client()
    client.get("/_session_test/蓝")
    assert client.get("/_session_test").get_data(as_text=True) == "蓝"
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "forged.value.sig")
    assert client.get("/_session_test").get_data(as_text=True) == "none"
