"""Flask's signed-cookie sessions, without building a signer for requests that carry none."""

from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class LazySigningSessionInterface(SecureCookieSessionInterface):
    """A request without a session cookie gets an empty session at once; the signer (key
    derivation included) is built only to read or write a cookie."""

    def open_session(self, app, request) -> SecureCookieSession | None:
        """An empty session when no cookie came (and a key is set), else Flask's."""
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)
