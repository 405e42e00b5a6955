"""The scale-out search engine on PostgreSQL full-text search over our analysed tokens."""

from portal.search.postgres.backend import PostgresBackend

__all__ = ["PostgresBackend"]
