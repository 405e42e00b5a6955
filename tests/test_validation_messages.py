"""marshmallow's built-in messages in the reader's language, on pages and in the API."""

import inspect

import marshmallow.fields
import marshmallow.validate
import pytest
from flask_babel import gettext

from portal.validation_messages import TEMPLATES, localise_errors, localise_message
from tests.english import in_chinese, in_english

CJK_MESSAGE = "。"  # every Chinese message ends with a full stop

# Values for the placeholders of marshmallow's templates, to format them as marshmallow does.
EXAMPLE_VALUES = {
    "max": 200,
    "min": 1990,
    "equal": 18,
    "choices": "合格, 不合格",
    "values": "a, b",
    "input": "2026-13-01",
    "other": "x",
    "obj_type": "datetime",  # also "date" and "time" below
    "awareness": "naive",
}


def marshmallow_templates() -> set[str]:
    """Every message template marshmallow 4 ships: field error messages and validators'."""
    found = {"Unknown field."}
    for _name, cls in inspect.getmembers(marshmallow.fields, inspect.isclass):
        found.update(getattr(cls, "default_error_messages", {}).values())
    for _name, cls in inspect.getmembers(marshmallow.validate, inspect.isclass):
        for attribute in ("default_message", "message_min", "message_max", "message_all"):
            value = getattr(cls, attribute, None)
            if isinstance(value, str):
                found.add(value)
        found.update(
            getattr(cls, name)
            for name in ("message_equal",)
            if isinstance(getattr(cls, name, None), str)
        )
    return found


def formatted(template: str) -> list[str]:
    """The messages a template produces (Range's operators expanded)."""
    ops = [("greater than or equal to", "less than or equal to"), ("greater than", "less than")]
    if "{min_op}" in template or "{max_op}" in template:
        return [
            template.format(min_op=low, max_op=high).format(**EXAMPLE_VALUES)
            for low, _ in ops
            for _, high in ops
        ]
    if "{input!r}" in template:
        return []  # timedelta's repr message: fields this portal does not use
    if "{obj_type}" in template:
        kinds = ("datetime", "time") if "{awareness}" in template else ("datetime", "date", "time")
        return [template.format(**(EXAMPLE_VALUES | {"obj_type": kind})) for kind in kinds]
    return [template.format(**EXAMPLE_VALUES)]


@pytest.mark.parametrize("template", sorted(marshmallow_templates()))
def test_every_marshmallow_message_is_said_in_chinese(app, template):
    for message in formatted(template):
        with in_chinese(app):
            chinese = localise_message(message)
        assert chinese != message, f"no Chinese for marshmallow's {message!r}"
        assert chinese.endswith(CJK_MESSAGE)


def test_english_readers_get_english(app):
    with in_english(app):
        assert localise_message("Not a valid integer.") == "Not a valid integer."
        assert localise_message("Longer than maximum length 200.") == (
            "Longer than maximum length 200."
        )
        assert localise_errors({"q": ["Missing data for required field."]}) == {
            "q": ["Missing data for required field."]
        }


def test_values_are_kept_and_unknown_text_passes_through(app):
    with in_chinese(app):
        assert localise_message("Longer than maximum length 200.") == "长度不能超过 200。"
        assert (
            localise_message(
                "Must be greater than or equal to 1990 and less than or equal to 2100."
            )
            == "应在 1990 到 2100 之间。"
        )
        assert localise_message("已经是中文。") == "已经是中文。"
        assert localise_errors({"a": {"0": ["Not a valid integer."]}}) == {
            "a": {"0": ["不是有效的整数。"]}
        }


def test_every_chinese_message_has_an_english_translation(app):
    with in_english(app):
        untranslated = [chinese for _template, chinese in TEMPLATES if gettext(chinese) == chinese]
    assert untranslated == []


def test_the_422_pages_speak_chinese(client):
    response = client.get("/announcements/?year=abc")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<strong>year</strong>：不是有效的整数。" in page
    assert "Not a valid integer" not in page
    search = client.get("/search?q=" + "长" * 201)
    assert search.status_code == 422
    assert "长度不能超过 200。" in search.get_data(as_text=True)
    assert "Longer than maximum length" not in search.get_data(as_text=True)


def test_the_422_page_speaks_english_after_the_switch(client):
    client.set_cookie("lang", "en")
    page = client.get("/announcements/?year=abc").get_data(as_text=True)
    assert "Not a valid integer." in page
    assert "不是有效的整数" not in page


def test_api_problems_carry_chinese_messages(client):
    doc = client.get("/api/v1/batches?year=abc&per_page=1000&colour=red").get_json()
    assert doc["errors"]["year"] == ["不是有效的整数。"]
    assert doc["errors"]["colour"] == ["不支持该查询参数，请查阅接口文档中的参数列表。"]
    assert all(
        message.endswith("。") for messages in doc["errors"].values() for message in messages
    )


def test_api_problems_in_english_on_request(client):
    doc = client.get("/api/v1/batches?year=abc", headers={"Accept-Language": "en"}).get_json()
    assert doc["errors"] == {"year": ["Not a valid integer."]}
    assert doc["status"] == 422


def test_missing_required_arguments_are_said_in_chinese(client):
    doc = client.get("/api/v1/suggestions/stats").get_json()
    assert doc["status"] == 422
    assert doc["errors"]["year"] == ["缺少必填项。"]


def test_api_docs_say_the_rate_limit_in_chinese(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assert "每分钟 120 次" in page
    assert "per minute" not in page
    client.set_cookie("lang", "en")
    assert "120 per minute" in client.get("/api/docs").get_data(as_text=True)
