"""Languages: Chinese for everyone who did not choose, English by the switch, dates and numbers
per locale, the API by Accept-Language, and published vocabularies translated."""

from datetime import date

import pytest

from portal.i18n import (
    DOMAIN_VALUES,
    format_day,
    format_number,
    format_points,
    format_rate_limit,
    in_language,
    is_english,
    locale_of,
    zh,
    zh_runs,
)
from portal.models import (
    CampaignStatus,
    ChoiceKind,
    RecallKind,
    RecallType,
    RegulationLevel,
    RegulationStatus,
    Result,
    Scope,
    SubmissionStatus,
)
from tests.english import in_chinese, in_english


def english(client):
    """The client after choosing English with the switch's cookie."""
    client.set_cookie("lang", "en")
    return client


def test_chinese_is_the_default_even_when_the_browser_prefers_english(client):
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    assert "抽查公告" in page
    assert "Spot-check announcements" not in page


def test_the_language_cookie_turns_the_interface_english(client):
    page = english(client).get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert ">Recalls</a>" in page
    assert "跳到正文" not in page
    assert "Skip to content" in page


def test_staff_pages_follow_the_switch_too(client):
    page = client.get("/admin/sign-in", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert "工作人员登录" in page
    page = english(client).get("/admin/sign-in").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "<h1>Staff sign-in</h1>" in page


def test_an_unknown_language_cookie_is_ignored(client):
    client.set_cookie("lang", "fr")
    assert '<html lang="zh-Hans">' in client.get("/").get_data(as_text=True)


def test_the_switch_links_to_the_other_language(client):
    page = client.get("/announcements/?year=2026").get_data(as_text=True)
    assert '"/language/en?next=/announcements/?year%3D2026" lang="en" hreflang="en"' in page
    assert "/language/zh" not in page
    page = english(client).get("/announcements/?year=2026").get_data(as_text=True)
    assert '"/language/zh?next=/announcements/?year%3D2026" lang="zh-Hans"' in page
    assert "/language/en" not in page


def test_dates_and_numbers_follow_the_locale(app):
    with in_chinese(app):
        assert format_day(date(2026, 11, 26)) == "2026年11月26日"
        assert format_number(1234567) == "1,234,567"
        assert format_points(-1.25) == "-1.2 个百分点"
    with in_english(app):
        assert format_day(date(2026, 11, 26)) == "November 26, 2026"
        assert format_number(1234567) == "1,234,567"
        assert format_points(2.0) == "+2.0 percentage points"
        assert format_day(None) == "—"


def test_rate_limits_are_said_in_the_readers_language(app):
    with in_chinese(app):
        assert format_rate_limit("120 per minute") == "每分钟 120 次"
        assert format_rate_limit("5 per minute;30 per day") == "每分钟 5 次；每天 30 次"
        assert format_rate_limit("10/2 hours") == "每 2 小时 10 次"
    with in_english(app):
        assert format_rate_limit("5 per minute;30 per day") == "5 per minute; 30 per day"


def test_published_chinese_is_marked_only_on_english_pages(app):
    with in_chinese(app):
        assert zh("电线电缆") == "电线电缆"
    with in_english(app):
        assert zh("电线<电缆>") == '<span lang="zh-Hans">电线&lt;电缆&gt;</span>'
        assert zh("GB 5023") == "GB 5023"  # nothing to mark
        assert zh(None) == ""


def test_only_the_chinese_runs_of_english_text_are_marked(app):
    text = "合格 (passed) or 不合格; <b>电线 电缆</b>"
    with in_english(app):
        assert zh_runs(text) == (
            '<span lang="zh-Hans">合格</span> (passed) or <span lang="zh-Hans">不合格</span>; '
            '&lt;b&gt;<span lang="zh-Hans">电线 电缆</span>&lt;/b&gt;'
        )
        assert zh_runs(None) == ""
    with in_chinese(app):
        assert zh_runs(text) == "合格 (passed) or 不合格; &lt;b&gt;电线 电缆&lt;/b&gt;"


def test_in_language_says_things_in_another_language_and_comes_back(app):
    from flask_babel import gettext

    with in_chinese(app):
        with in_language("en"):
            assert gettext("首页") == "Home"
            assert is_english()
        assert gettext("首页") == "首页"
        assert not is_english()
    with in_english(app), in_language("zh"):
        assert gettext("首页") == "首页"
    with in_language("en"):  # outside a request: the `alerts send` command
        assert gettext("首页") == "Home"
    with in_language("xx"):
        assert gettext("首页") == "首页"


def test_only_the_openapi_document_takes_the_lang_argument_in_the_api(app):
    cases = {
        ("/api/v1/openapi.json?lang=en", "zh"): "en",
        ("/api/v1/openapi.json?lang=zh", "en"): "zh",
        ("/api/v1/openapi.json?lang=xx", "en"): "en",
        ("/api/v1/batches?lang=en", "zh"): "zh",
        ("/feeds/all.atom?lang=en", "zh"): "en",
        ("/announcements/?lang=en", "zh"): "zh",
    }
    for (url, preferred), expected in cases.items():
        with app.test_request_context(url, headers={"Accept-Language": preferred}) as context:
            assert locale_of(context.request) == expected, url


@pytest.mark.parametrize(
    "values",
    [
        Result.ALL,
        Scope.ALL,
        RecallType.ALL,
        RecallKind.ALL,
        RegulationLevel.ALL,
        RegulationStatus.ALL,
        SubmissionStatus.ALL,
        tuple(ChoiceKind.LABELS.values()),
        tuple(CampaignStatus.LABELS.values()),
    ],
)
def test_every_published_vocabulary_value_has_a_translation(app, values):
    assert set(values) <= set(DOMAIN_VALUES)
    with in_english(app):
        from flask_babel import gettext

        untranslated = [value for value in values if gettext(value) == value]
    assert untranslated == []


def test_api_problems_follow_accept_language_and_keep_machine_fields(client):
    chinese = client.get("/api/v1/batches?year=abc").get_json()
    english_doc = client.get(
        "/api/v1/batches?year=abc", headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}
    ).get_json()
    assert chinese["title"] == "输入有误"
    assert english_doc["title"] == "Invalid input"
    for key in ("type", "status"):
        assert chinese[key] == english_doc[key]
    assert set(chinese["errors"]) == set(english_doc["errors"]) == {"year"}


def test_api_without_a_preference_for_english_answers_in_chinese(client):
    for header in ("", "zh-CN,zh;q=0.9,en;q=0.8", "*", "fr"):
        doc = client.get("/api/v1/batches?year=abc", headers={"Accept-Language": header})
        assert doc.get_json()["title"] == "输入有误", header


def render_both_ways(app, source: str, **values) -> tuple[str, str]:
    """A template rendered with the portal's `_` and with Jinja's own newstyle gettext."""
    from jinja2.ext import _make_new_gettext

    from portal.i18n import request_translations

    ours = app.jinja_env.from_string(source).render(**values)
    jinja = _make_new_gettext(lambda message: request_translations().ugettext(message))
    theirs = app.jinja_env.from_string(source, globals={"_": jinja}).render(**values)
    return ours, theirs


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("{{ _('批次合格率 85%% 及以上') }}", {}),
        ("{{ _('共 %(total)s 条', total=total) }}", {"total": "<b>7</b>"}),
        ("{{ _('抽查公告') }}|{{ _('抽查公告') }}", {}),
        (
            "{% autoescape false %}{{ _('%(title)s（表格）', title=t) }}{% endautoescape %}",
            {"t": "<i>"},
        ),
    ],
)
def test_template_gettext_says_what_jinjas_gettext_says(app, source, values):
    for language in (in_chinese, in_english):
        with language(app):
            ours, theirs = render_both_ways(app, source, **values)
            assert ours == theirs


def test_remembered_template_phrases_never_cross_languages(app):
    template = app.jinja_env.from_string("{{ _('抽查公告') }}")
    with in_english(app):
        assert template.render() == "Spot-check announcements"
    with in_chinese(app):
        assert template.render() == "抽查公告"
    with in_english(app):
        assert template.render() == "Spot-check announcements"


def test_numbers_are_grouped_as_babel_groups_them(app):
    from babel.numbers import format_decimal

    with in_english(app):
        for value in (0, 7, 1234, -98765, 10**12, 1234.5):
            assert format_number(value) == format_decimal(value, locale="en")
        assert format_number(None) == format_number("") == "—"


def test_placeholders_may_take_any_name(app):
    from portal.i18n import gettext

    template = app.jinja_env.from_string("{{ _('页码：%(message)s', message=m) }}")
    with in_chinese(app):
        assert template.render(m="<x>") == "页码：&lt;x&gt;"
        assert gettext("%(context)s", context="a") == "a"
