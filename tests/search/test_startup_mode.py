"""The start-up rebuild runs when serving, never inside other CLI commands."""

import click
import pytest

from portal.search import default_startup_mode


@pytest.mark.parametrize(("command", "mode"), [("run", "background"), ("rebuild", "off")])
def test_cli_commands_other_than_run_do_not_rebuild(app, command, mode):
    app.testing = False
    try:
        with click.Context(click.Command(command)):
            assert default_startup_mode(app) == mode
        assert default_startup_mode(app) == "background"  # gunicorn: no click context
    finally:
        app.testing = True


def test_tests_never_rebuild_at_start_up(app):
    assert default_startup_mode(app) == "off"
