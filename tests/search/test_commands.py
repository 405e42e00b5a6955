"""`flask search rebuild` and `flask search check`."""

from portal.search import registry


def test_rebuild_then_check_is_clean(runner, corpus):
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 0, check.output
    assert "matches the database" in check.output


def test_check_reports_a_missing_document_and_exits_1(runner, corpus):
    backend = registry.backend()
    backend.apply([], [f"recall:{corpus['recall'].id}"])
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 1
    assert f"recall:{corpus['recall'].id}" in check.output
    runner.invoke(args=["search", "rebuild"])
    assert runner.invoke(args=["search", "check"]).exit_code == 0
