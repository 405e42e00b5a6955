"""An enterprise known only from drafts is not public: no page, API record, download or hit."""

from portal.api.exports import export_datasets
from portal.search import search
from tests.conftest import commit_content


def enterprise_outputs(client, code: str) -> dict[str, bool]:
    """Where the enterprise shows up publicly."""
    with client.get("/api/v1/downloads/enterprises.csv") as downloads:
        listed = code in downloads.get_data(as_text=True)
    return {
        "page": client.get(f"/enterprises/{code}").status_code == 200,
        "api": client.get(f"/api/v1/enterprises/{code}").status_code == 200,
        "feed": client.get(f"/feeds/enterprises/{code}.atom").status_code == 200,
        "download": listed,
        "search": any(hit.doc_type == "enterprise" for hit in search({"q": "保密电缆"}).items),
    }


def test_a_draft_only_enterprise_appears_once_its_announcement_is_published(
    app, client, create_announcement, create_enterprise
):
    secret = create_enterprise(name="上海保密电缆有限公司")
    announcement = create_announcement(enterprise=secret, status="draft")
    export_datasets()
    assert enterprise_outputs(client, secret.credit_code) == dict.fromkeys(
        ("page", "api", "feed", "download", "search"), False
    )
    announcement.status = "published"
    commit_content()
    export_datasets()
    assert all(enterprise_outputs(client, secret.credit_code).values())
