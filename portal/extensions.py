"""Unbound extension instances, bound to the app in create_app()."""

from flask import current_app, request
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from portal.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
cache = Cache()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
babel = Babel()


class StaffLoginManager(LoginManager):
    """Flask-Login, touching the session only under /admin/ (public pages never vary on cookies)."""

    def _update_remember_cookie(self, response):
        """Set or clear the remember cookie after staff requests only (sign-in/out live there)."""
        if not request.path.startswith("/admin"):
            return response
        return super()._update_remember_cookie(response)


login_manager = StaffLoginManager()


def configured_limit(setting: str):
    """A Flask-Limiter limit read from a setting at request time."""
    return lambda: current_app.config[setting]
