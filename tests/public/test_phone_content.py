"""Content a citizen reads: full names, batch fields, telephone links, regulations in order."""

from datetime import date

from portal.data import REGULATIONS_DIR
from portal.services.regulations import import_regulation_files


def text_of(response) -> str:
    """The decoded body of a response."""
    return response.get_data(as_text=True)


def test_batch_rows_show_every_field_the_api_carries(client, create_announcement):
    announcement = create_announcement(results=[("不合格", ["标志"])])
    batch = announcement.batches[0]
    batch.report_number, batch.note, batch.batch_code = "SQI-2026-0042", "企业已整改", "20260301A"
    batch.produced_on = date(2026, 3, 1)
    from portal.extensions import db

    db.session.commit()
    body = text_of(client.get(f"/announcements/{announcement.id}"))
    api = client.get(f"/api/v1/announcements/{announcement.id}").get_json()
    assert api["batches"][0]["report_number"] == "SQI-2026-0042"
    for value in ["SQI-2026-0042", "企业已整改", "20260301A", "2026年3月1日", "标志", "浦东新区"]:
        assert value in body


def test_out_of_range_page_says_so_and_links_the_last_page(
    client, create_announcement, create_recall
):
    create_announcement()
    create_recall()
    response = client.get("/announcements/?page=999")
    assert response.status_code == 404  # crawlers drop it; a person reads why and where to go
    body = text_of(response)
    assert "第 999 页不存在：共 1 页" in body
    assert 'href="/announcements/?page=1"' in body
    assert "请减少筛选条件" not in body
    filtered = client.get("/announcements/?year=1999")
    assert filtered.status_code == 200
    assert "没有符合条件的抽查公告。请减少筛选条件后再试。" in text_of(filtered)
    assert client.get("/announcements/?page=1").status_code == 200
    assert client.get("/recalls/?page=5").status_code == 404
    assert client.get("/regulations/?page=5").status_code == 200  # nothing published: no pages


def test_lists_link_their_csv_with_the_same_filters(client, create_announcement):
    announcement = create_announcement()
    body = text_of(client.get(f"/announcements/?category={announcement.category.code}&page=1"))
    csv_href = f"/api/v1/announcements.csv?category={announcement.category.code}"
    assert f'href="{csv_href}"' in body
    assert client.get(csv_href).status_code == 200
    assert 'href="/api/v1/recalls.csv"' in text_of(client.get("/recalls/"))
    assert 'href="/api/v1/regulations.csv?level=' in text_of(client.get("/regulations/?level=法律"))


def test_category_page_shows_common_failed_items(client, create_announcement, create_category):
    wires = create_category(code="0101", name="电线电缆")
    create_announcement(
        category=wires, results=[("不合格", ["导体电阻", "标志"]), ("不合格", ["导体电阻"])]
    )
    body = text_of(client.get("/categories/0101"))
    assert "常见不合格项目" in body
    assert body.index("导体电阻</a>（2 批次）") < body.index("标志</a>（1 批次）")
    assert 'href="/categories/0101?result=%E4%B8%8D%E5%90%88%E6%A0%BC#batches-title"' in body


def test_recall_names_its_company_and_links_the_hotline(client, create_recall):
    recall = create_recall(contact="上海测试电器有限公司客服热线：400-000-1234（工作日）")
    body = text_of(client.get(f"/recalls/{recall.id}"))
    assert "<dt>召回企业</dt><dd>上海测试电器有限公司</dd>" in body
    assert '<a href="tel:4000001234">400-000-1234</a>' in body


def test_regulations_list_this_city_first_with_issuer_and_scope(client, app):
    folder = REGULATIONS_DIR
    names = [
        "产品质量法(2018-12-29)",
        "上海市产品质量条例(2012-04-19)",
        "重庆市产品质量条例(2014-08-01)",
    ]
    regulations = import_regulation_files([folder / f"{name}.md" for name in names])
    body = text_of(client.get("/regulations/"))
    assert body.index("上海市产品质量条例") < body.index("中华人民共和国产品质量法")
    assert body.index("中华人民共和国产品质量法") < body.index("重庆市产品质量条例")
    assert "制定机关：上海市人民代表大会常务委员会" in body
    assert "重庆市的地方性法规，不适用于上海市，仅供参考。" in body
    shanghai = next(r for r in regulations if r.title == "上海市产品质量条例")
    page = text_of(client.get(f"/regulations/{shanghai.id}"))
    assert "第50–50条" not in page
    assert "（第50条）" in page
    assert "不适用于上海市" not in page
    chongqing = next(r for r in regulations if r.title == "重庆市产品质量条例")
    assert "不适用于上海市" in text_of(client.get(f"/regulations/{chongqing.id}"))
