"""What gunicorn's master loads before forking: the search index, dictionaries, templates."""

import logging

from portal import preload as preload_module
from portal.preload import compile_templates, preload


def test_every_template_is_compiled(app):
    count = compile_templates(app)

    assert count >= 90
    assert len(app.jinja_env.cache) >= count
    assert app.jinja_env.get_template("base.html") is app.jinja_env.get_template("base.html")


def test_a_failing_step_is_logged_and_the_rest_still_loaded(app, monkeypatch, caplog):
    def broken(_app):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(preload_module, "preload_search", broken)
    with caplog.at_level(logging.ERROR, logger="portal.preload"):
        preload(app)

    assert "Preloading (broken) failed" in caplog.text
    assert len(app.jinja_env.cache) >= 90


def test_an_empty_site_preloads_without_an_error(app, caplog):
    with caplog.at_level(logging.INFO, logger="portal.preload"):
        preload(app)  # nothing indexed yet: the search index is skipped

    assert "Preloaded in" in caplog.text
    assert "failed" not in caplog.text


def test_locale_data_is_loaded_for_each_language(app):
    from babel import localedata

    preload_module.load_locale_data(app)

    assert {"zh", "en"} <= set(localedata._cache)
