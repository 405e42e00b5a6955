"""Fixtures of the public-page tests: the publishing fixtures, for draft previews."""

from tests.services.conftest import (  # noqa: F401 (re-exported fixtures)
    announcement_fields,
    draft_announcement,
    make_user,
)
