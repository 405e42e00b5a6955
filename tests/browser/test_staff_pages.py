"""Every staff page type in a real browser: axe-core finds nothing serious and, on a phone,
nothing scrolls sideways (staff use phones too); in both languages the Nu HTML checker reports
no error."""

import re

import pytest

from tests.browser.test_html_validity import nu_errors
from tests.browser.test_pages import SCROLL_WIDTH, axe_findings
from tests.test_english_staff_pages import (
    PAGE_TYPES,
    PASSWORD,
    signed_in,
    staff_data,
    staff_paths,
    uploaded_preview,
)

WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def staff_ids(site_app):
    """A staff member with every role and the records the staff pages show."""
    from portal.extensions import db

    with site_app.app_context():
        ids = staff_data(site_app)
        db.session.commit()
    return ids


@pytest.fixture(scope="module")
def staff_tab(browser, site, staff_ids):
    """A tab signed in as the all-roles staff member."""
    base_url, _paths = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(base_url + "/admin/sign-in")
    tab.get_by_label("用户名").fill("english")
    tab.get_by_label("密码", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(re.compile(r"/admin/?$"))
    yield tab
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_staff_page_passes_axe_at_desktop_and_phone_width(
    site, staff_ids, staff_tab, axe_source, page_type
):
    base_url, _paths = site
    path = staff_paths(staff_ids)[page_type]
    for width in WIDTHS:
        staff_tab.set_viewport_size({"width": width, "height": 900})
        staff_tab.goto(base_url + path)
        assert axe_findings(staff_tab, axe_source) == [], f"{page_type} at {width}px"
        if width < 1280:
            overflow = staff_tab.evaluate(f"{SCROLL_WIDTH} - innerWidth")
            assert overflow <= 0, f"{page_type} scrolls {overflow}px sideways at {width}px"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_staff_page_type_is_valid_html(site_app, staff_ids, vnu_command, tmp_path, language):
    client = signed_in(site_app, language)
    preview = uploaded_preview(site_app, client, staff_ids["category code"])
    paths = staff_paths(staff_ids) | {"imports preview": preview}
    bodies = {f"{name} ({path})": client.get(path).data for name, path in paths.items()}
    assert len(bodies) == len(PAGE_TYPES) + 1
    errors = nu_errors(vnu_command, bodies, tmp_path)
    assert errors == [], "\n".join(errors)
