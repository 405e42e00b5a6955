"""Detail pages show their corrections (更正说明) with the date."""

from portal.services.corrections import correct_record, withdraw_record


def test_announcement_page_shows_corrections(client, create_announcement):
    announcement = create_announcement(title="电热水壶抽查")
    assert "更正说明" not in client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    correct_record(announcement, {"summary": "更正后的摘要"}, "第3批次的不合格项目名称有误。")
    body = client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    assert "更正说明" in body
    assert "第3批次的不合格项目名称有误。" in body
    assert "<time datetime=" in body


def test_recall_and_regulation_pages_show_corrections(client, create_recall):
    from datetime import date

    from portal.extensions import db
    from portal.models import Regulation

    recall = create_recall(title="召回", product_name="电暖器")
    regulation = Regulation(
        title="条例", source_name="条例", level="地方性法规", version_on=date(2026, 1, 1)
    )
    db.session.add(regulation)
    db.session.commit()
    correct_record(recall, {"quantity": 1200}, "涉及数量更正为1200台。")
    correct_record(regulation, {"document_number": "第1号"}, "补充文号。")
    withdraw_record(regulation, "误发。")
    assert "涉及数量更正为1200台。" in client.get(f"/recalls/{recall.id}").get_data(as_text=True)
    body = client.get(f"/regulations/{regulation.id}").get_data(as_text=True)
    assert "补充文号。" in body
    assert "误发。" in body
