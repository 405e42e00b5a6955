"""质量信息公开平台: the application factory."""

import secrets
from pathlib import Path

from flask import Flask

from portal.config import PROJECT_ROOT, DefaultConfig


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the portal application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    configure(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_templating(app)
    register_commands(app)
    register_search(app)
    register_static_assets(app)
    register_fast_path(app)
    register_security(app)
    register_round_trip_limit(app)
    return app


def configure(app: Flask, test_config: dict | None) -> None:
    """Load defaults, PORTAL_ environment variables, then the test overrides."""
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("PORTAL")
    if test_config:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or instance_secret_key(app)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app))
    app.config["SEARCH_INDEX_DIR"] = app.config["SEARCH_INDEX_DIR"] or str(
        PROJECT_ROOT / "search_index"
    )
    app.config.update(cache_settings(app))
    app.config.update(cookie_settings(app))


def instance_secret_key(app: Flask) -> str:
    """Read the instance's secret key, generating it on first run."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url(app: Flask) -> str:
    """Return the SQLAlchemy URL: PORTAL_DATABASE_URL or SQLite in the instance folder."""
    url = app.config["DATABASE_URL"]
    if not url:
        return f"sqlite:///{Path(app.instance_path) / 'portal.sqlite3'}"
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def engine_options(app: Flask) -> dict:
    """Connection pool settings: a dead connection is replaced before use, and on PostgreSQL
    a connection attempt gives up after DATABASE_CONNECT_TIMEOUT seconds and TCP keepalives
    notice a vanished server."""
    from portal.database import connect_options

    options: dict = {"pool_pre_ping": True}
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options["connect_args"] = connect_options(app.config["DATABASE_CONNECT_TIMEOUT"])
    return options


def cache_settings(app: Flask) -> dict:
    """Translate PORTAL_CACHE_URL into Flask-Caching settings."""
    url = app.config["CACHE_URL"]
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "CACHE_TYPE": "portal.cache_backends.ResilientRedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    if app.config.get("CACHE_TYPE"):
        return {}
    cache_dir = app.config.get("CACHE_DIR") or str(Path(app.instance_path) / "cache")
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": cache_dir, "CACHE_THRESHOLD": 5000}


def cookie_settings(app: Flask) -> dict:
    """Secure session and remember cookies when unset and the site is served over HTTPS."""
    https = app.config["SITE_URL"].startswith("https://")
    names = ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE")
    return {name: https for name in names if app.config.get(name) is None}


def register_extensions(app: Flask) -> None:
    """Bind the extension instances to the app."""
    from portal import database, i18n
    from portal.extensions import cache, csrf, db, limiter, login_manager, migrate
    from portal.services import stats_tally

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    cache.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app, add_context_processor=False)  # loaded lazily, on staff pages
    app.config.setdefault("RATELIMIT_KEY_PREFIX", app.config["CACHE_KEY_PREFIX"] + "ratelimit")
    limiter._key_prefix = ""  # Flask-Limiter would keep the first app's prefix: read this app's
    limiter.init_app(app)
    database.register_engine_events(app)
    i18n.init_app(app)
    stats_tally.register_session_events()  # the statistics tally follows every write


def register_blueprints(app: Flask) -> None:
    """Register every blueprint."""
    from portal.admin import register_admin
    from portal.alerts import init_app as register_alerts
    from portal.api import register_api
    from portal.feeds import bp as feeds_bp
    from portal.participation import bp as participation_bp
    from portal.participation.campaigns import bp as campaigns_bp
    from portal.public import bp as public_bp
    from portal.public.plan import bp as plan_bp
    from portal.site import bp as site_bp
    from portal.site.language import bp as language_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(site_bp)
    app.register_blueprint(language_bp)
    register_api(app)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(participation_bp)
    app.register_blueprint(campaigns_bp)
    app.register_blueprint(plan_bp)
    register_alerts(app)
    register_admin(app)


def register_error_handlers(app: Flask) -> None:
    """Render errors as pages or problem documents."""
    from portal.errors import register_error_handlers as register

    register(app)


def register_templating(app: Flask) -> None:
    """Register Jinja filters and globals in one place."""
    from portal.templating import register_templating as register

    register(app)


def register_commands(app: Flask) -> None:
    """Register the flask CLI commands."""
    from portal.cli import register_commands as register

    register(app)


def register_static_assets(app: Flask) -> None:
    """Fingerprinted static URLs with a year's immutable caching."""
    from portal.static_assets import register_static_assets as register

    register(app)


def register_fast_path(app: Flask) -> None:
    """Serve cached public pages to anonymous GETs before Flask runs; cookieless requests
    skip building the session signer."""
    from portal.fast_path import install_fast_path
    from portal.sessions import LazySigningSessionInterface

    app.session_interface = LazySigningSessionInterface()
    install_fast_path(app)


def register_security(app: Flask) -> None:
    """Security headers, control-character refusal and trusted proxies."""
    from portal.security import register_security as register

    register(app)


def register_round_trip_limit(app: Flask) -> None:
    """PostgreSQL round trips of a request give up after DATABASE_QUERY_TIMEOUT seconds (the
    outermost middleware, so installed last)."""
    from portal.database import register_round_trip_limit as register

    register(app)


def register_search(app: Flask) -> None:
    """Set up the search backend, index synchronisation and the search commands."""
    from portal.search import init_app

    with app.app_context():  # the search vocabulary reads the stored product catalogue
        init_app(app)
