"""Engine settings: PostgreSQL connection parameters and the per-request round-trip limit."""

from portal import engine_options
from portal.database import RoundTripLimitMiddleware, _limit, connect_options


def test_postgresql_connections_time_out_and_keep_alive(app):
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://postgres@127.0.0.1/x"
    app.config["DATABASE_CONNECT_TIMEOUT"] = 3
    options = engine_options(app)
    assert options["pool_pre_ping"] is True
    assert options["connect_args"] == connect_options(3)
    assert options["connect_args"]["connect_timeout"] == 3
    assert options["connect_args"]["keepalives"] == 1
    assert options["connect_args"]["tcp_user_timeout"] > 0


def test_sqlite_gets_no_postgresql_parameters(app):
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///x.sqlite3"
    assert "connect_args" not in engine_options(app)


def recording_app(seen: list):
    """A WSGI app noting the limit in force when called, per chunk and on close."""

    class Body:
        def __iter__(self):
            for chunk in (b"a", b"b"):
                seen.append(("chunk", _limit.get()))
                yield chunk

        def close(self):
            seen.append(("close", _limit.get()))

    def wsgi_app(environ, start_response):
        seen.append(("call", _limit.get()))
        start_response("200 OK", [])
        return Body()

    return wsgi_app


def test_the_limit_holds_for_the_request_and_its_body_only():
    seen: list = []
    middleware = RoundTripLimitMiddleware(recording_app(seen), 2.5)
    body = middleware({}, lambda *_args: None)
    assert _limit.get() is None  # not left behind while the server holds the body
    assert b"".join(body) == b"ab"
    body.close()
    assert _limit.get() is None
    assert [kind for kind, _ in seen] == ["call", "chunk", "chunk", "close"]
    limits = {id(limit) for _, limit in seen}
    assert len(limits) == 1, "one limit for the request, its chunks and its close"
    assert seen[0][1].seconds == 2.5
    assert not seen[0][1].exceeded


def test_a_file_body_is_passed_through_for_sendfile():
    class FileWrapper:
        def __init__(self, file):
            self.file = file

    wrapped = FileWrapper(None)
    middleware = RoundTripLimitMiddleware(lambda environ, start: wrapped, 2)
    assert middleware({"wsgi.file_wrapper": FileWrapper}, lambda *_a: None) is wrapped
    assert _limit.get() is None
