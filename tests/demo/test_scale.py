"""Demo content at other scales (each on an empty database)."""

import pytest

from portal.demo.generate import seed_demo


def test_tiny_scale_still_has_two_announcements_per_half_year(app):
    counts = seed_demo(0.02)
    assert counts["announcements"] == 12
    assert counts["batches"] >= 12 * 3


def test_scale_must_be_positive(app):
    with pytest.raises(ValueError, match="positive"):
        seed_demo(0)
