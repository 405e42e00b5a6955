"""A Redis cache that degrades to "no cache" while Redis is unreachable or hung."""

import logging
import time
from functools import wraps

from flask_caching.backends.rediscache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failure, Redis is left alone for this long, so a hung server costs one timeout.
RETRY_SECONDS = 5.0
# What each cache operation answers while Redis is away.
FALLBACKS = {
    "get": None,
    "get_many": None,
    "has": False,
    "set": False,
    "add": True,  # "claimed": without Redis every request renders its own page
    "set_many": [],
    "delete": False,
    "delete_many": [],
    "unlink": None,
    "clear": False,
    "inc": None,
    "dec": None,
}


def _degrading(method, name: str):
    """Wrap a cache method: on a Redis error, log once per outage and answer the fallback."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.is_unavailable():
            return _fallback(name, args)
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            if not self.is_unavailable():
                logger.warning("Redis cache unavailable, serving uncached: %s", error)
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return _fallback(name, args)

    return wrapper


def _fallback(name: str, args: tuple):
    """The fallback answer of an operation (get_many answers one None per key)."""
    if name == "get_many":
        return [None] * len(args)
    return FALLBACKS[name]


class ResilientRedisCache(RedisCache):
    """RedisCache whose failures are cache misses, with a short pause before trying again."""

    retry_at = 0.0

    def is_unavailable(self) -> bool:
        """True while a recent failure keeps Redis out of the request path."""
        return time.monotonic() < self.retry_at

    def ping(self) -> bool:
        """True when Redis answers now (for the health check)."""
        try:
            return bool(self._write_client.ping())
        except (RedisError, OSError):
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False


for _name in FALLBACKS:
    setattr(ResilientRedisCache, _name, _degrading(getattr(RedisCache, _name), _name))
