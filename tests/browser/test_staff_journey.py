"""An import published and found, end to end in a real browser: an editor uploads a result
table, a second person publishes it, and a citizen finds its failed batch on a phone."""

import re

import pytest

from portal.extensions import db
from portal.models import Announcement, Role
from portal.services.accounts import create_user
from tests.conftest import make_credit_code

PASSWORD = "Kettle-Lamp-Orbit-42"
ENTERPRISE = "上海浏览器旅程电缆有限公司"
CODE = make_credit_code(840001)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def staff(site_app):
    """An editor and a publisher on the served site."""
    with site_app.app_context():
        create_user(None, "journey_editor", "旅程编辑", [Role.EDITOR], PASSWORD)
        create_user(None, "journey_publisher", "旅程发布员", [Role.PUBLISHER], PASSWORD)
        db.session.commit()
    return "journey_editor", "journey_publisher"


def signed_in_tab(browser, base_url: str, username: str):
    """A desktop tab of a new browser context, signed in through the form."""
    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.goto(base_url + "/admin/sign-in")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(re.compile(r"/admin/?$"))
    return tab


def result_table() -> bytes:
    """A two-batch XLSX as a testing agency sends it, one batch failed."""
    from tests.importing.builders import batch_row, result_workbook

    return result_workbook(
        [
            batch_row(1, name=ENTERPRISE, code=CODE, product="阻燃电力电缆"),
            batch_row(2, name=ENTERPRISE, code=CODE, result="不合格", failed="导体电阻"),
        ]
    )


def test_an_import_is_published_and_found_on_a_phone(browser, site, site_app, staff, page):
    pytest.importorskip("openpyxl")
    base_url, _paths = site
    editor, publisher = staff
    tab = signed_in_tab(browser, base_url, editor)
    tab.goto(base_url + "/admin/imports/")
    tab.get_by_label("结果表文件").set_input_files(
        {"name": "抽查结果.xlsx", "mimeType": XLSX, "buffer": result_table()}
    )
    tab.get_by_label("产品类别").select_option("0101")
    tab.get_by_role("button", name="上传并预览").click()
    tab.get_by_role("button", name="确认并保存为草稿").click()
    saved = tab.locator(".flash, [role=status], .notice").filter(has_text="已保存为草稿公告")
    announcement_id = int(re.search(r"id (\d+)", saved.first.inner_text()).group(1))
    tab.context.close()
    with site_app.app_context():
        assert db.session.get(Announcement, announcement_id).status == "draft"

    tab = signed_in_tab(browser, base_url, publisher)
    tab.goto(f"{base_url}/admin/content/announcements/{announcement_id}")
    tab.get_by_role("button", name="立即发布").click()
    tab.wait_for_load_state()
    tab.context.close()

    page.goto(base_url + "/")
    page.get_by_role("searchbox", name="搜索").fill(ENTERPRISE)
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/search\?"))
    page.locator(".hit h3 a", has_text=ENTERPRISE).first.click()
    page.wait_for_load_state()
    assert ENTERPRISE in page.locator("main").inner_text()
    page.goto(f"{base_url}/announcements/{announcement_id}?result=不合格")
    failed = page.locator(".batch-table tbody tr")
    assert failed.count() == 1
    assert "导体电阻" in failed.first.inner_text()
