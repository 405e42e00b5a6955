"""The OpenAPI document, the docs page, and a schemathesis run over every endpoint."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory, database_url):
    """An app with a small demo dataset, one withdrawn announcement and the bulk files."""
    from portal.api.exports import export_datasets
    from portal.demo.generate import seed_demo
    from portal.models import Announcement

    tmp_path = tmp_path_factory.mktemp("openapi")
    config = make_test_config(tmp_path, database_url, API_RATE_LIMIT="100000 per minute")
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_demo(scale=0.02)
        db.session.get(Announcement, 1).status = "withdrawn"
        db.session.commit()
        export_datasets()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(seeded_app):
    """The schema as schemathesis loads it from the running app."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", seeded_app)


# positive_data_acceptance is left out: some schema-valid inputs are rightly refused
# (a date range that ends before it starts, NUL characters, ids that do not exist).
EXCLUDED_CHECKS = [positive_data_acceptance]


def operations(schema) -> list:
    """Every operation of the document (failing loudly on an invalid one)."""
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_endpoint_conforms_to_the_document(api_schema, mode):
    checked = []
    for operation in operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=10,
            derandomize=True,  # the same cases on every run; explore with more locally
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)

        try:
            check()
        except Unsatisfiable:
            # An operation without parameters has no invalid input to send.
            assert mode == GenerationMode.NEGATIVE
        checked.append(operation.label)
    assert len(checked) >= 17


def test_openapi_document_lists_every_resource(seeded_app):
    document = seeded_app.test_client().get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    for path in (
        "/api/v1/announcements",
        "/api/v1/announcements/{announcement_id}",
        "/api/v1/batches",
        "/api/v1/batches.csv",
        "/api/v1/recalls",
        "/api/v1/recalls/{recall_id}",
        "/api/v1/regulations",
        "/api/v1/regulations/{regulation_id}",
        "/api/v1/enterprises/{credit_code}",
        "/api/v1/categories",
        "/api/v1/stats",
        "/api/v1/plan/{year}",
        "/api/v1/suggestions/stats",
        "/api/v1/downloads",
        "/catalog.jsonld",
    ):
        assert path in paths
    parameters = {p["name"] for p in document["paths"]["/api/v1/batches"]["get"]["parameters"]}
    assert {
        "category",
        "enterprise",
        "result",
        "district",
        "issued_from",
        "issued_to",
        "updated_since",
        "sort",
        "page",
        "per_page",
        "format",
    } <= parameters
    assert "RateLimit-Limit" in document["info"]["description"]
    batches = document["paths"]["/api/v1/batches"]["get"]["responses"]
    assert {"ETag", "Link", "RateLimit-Remaining"} <= set(batches["200"]["headers"])
    assert batches["429"] == {"$ref": "#/components/responses/TOO_MANY_REQUESTS"}
    too_many = document["components"]["responses"]["TOO_MANY_REQUESTS"]
    assert "Retry-After" in too_many["headers"]
    assert "application/problem+json" in too_many["content"]


def test_no_personal_fields_in_any_schema(seeded_app):
    text = seeded_app.test_client().get("/api/v1/openapi.json").get_data(as_text=True)
    for private in (
        "contact_name",
        "contact_phone",
        "contact_email",
        "password",
        "username",
        "access_code",
        "tracking_number",
    ):
        assert private not in text


def test_docs_page_renders_the_reference_without_script(seeded_app):
    client = seeded_app.test_client()
    response = client.get("/api/docs")
    page = response.get_data(as_text=True)
    assert "<script" not in page.split("</main>")[0].split("<main")[-1]
    assert "swagger" not in page.lower()
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "/api/v1/openapi.json" in page
    # The overview table links every operation to its own section.
    assert 'href="#get-api-v1-batches"' in page
    assert 'id="get-api-v1-batches"' in page
    batches = page.split('id="get-api-v1-batches"')[1].split("</article>")[0]
    assert "<code>per_page</code>" in batches
    assert "1–100；默认 20" in batches
    assert '<a href="#schema-BatchPage">BatchPage</a>' in batches
    assert "参数有误" in batches  # 422 in words, not "Unprocessable Entity"
    assert "Unprocessable" not in page
    assert 'id="schema-Batch"' in page
    assert "<code>report_number</code>" in page
    assert re.search(r"限额为每(分钟|小时|秒|天) \d+ 次", page)
    assert " per " not in page
