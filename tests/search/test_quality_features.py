"""Issue 14 through search(): corrections, synonyms, article references, codes, best bets,
ranking and batch hits. The suite runs once per backend (PORTAL_SEARCH_BACKEND)."""

from datetime import date

import pytest

from portal.extensions import db
from portal.queries.common import load_args
from portal.search import SearchArgs, search
from tests.conftest import commit_content


def run(**args):
    """Load the arguments like a request would, then search."""
    return search(load_args(SearchArgs(), {key: str(value) for key, value in args.items()}))


@pytest.fixture
def bikes(corpus, create_category, create_enterprise, create_announcement):
    """An e-bike announcement with a failed batch carrying codes, besides the corpus."""
    category = create_category(code="1001", name="电动自行车")
    notice = create_announcement(
        results=(("不合格", ["制动性能"]), ("合格", [])),
        category=category,
        enterprise=create_enterprise(name="上海永久车业有限公司"),
        title="2026年电动自行车产品质量监督抽查结果公告",
        issued_on=date(2026, 9, 1),
    )
    failed, passed = notice.batches
    failed.batch_code, failed.report_number = "B240130-09", "SRIBS2024-03081-0068"
    failed.model_spec = "TDT-255Z 48V15Ah"
    passed.batch_code = "231127D"
    commit_content()
    return notice


def test_a_word_typed_by_sound_is_corrected_with_its_results(corpus):
    page = run(q="电线电揽")
    assert page.suggestion == "电线电缆"
    assert page.total > 0
    assert page.best_bets[0].ref == "category:0101"


def test_pinyin_typo_and_spacing(corpus):
    assert run(q="dianxain").suggestion == "电线电缆"
    joined, spaced = run(q="dianxian"), run(q="dian xian")
    assert joined.total == spaced.total > 0
    assert joined.best_bets[0].ref == "category:0101"


def test_everyday_words_find_catalogue_names_and_say_so(bikes):
    page = run(q="电瓶车")
    assert page.total > 0
    assert all("电动自行车" in hit.title for hit in page.hits)
    assert page.synonyms[0][0] == "电瓶车"
    assert "电动自行车" in page.synonyms[0][1]
    assert page.best_bets[0].ref == "category:1001"


@pytest.mark.parametrize(
    "query",
    [
        "产品质量法第15条",
        "产品质量法 15条",
        "质量法第十五条",
        "产品质量法 十五条",
        "产品质量法 art. 15",
    ],
)
def test_regulation_and_article_go_straight_to_it(corpus, query):
    page = run(q=query)
    assert page.best_bets[0].ref == "article:中华人民共和国产品质量法#15"
    assert page.best_bets[0].url.endswith("#" + corpus["regulation"].articles[1].anchor)


def test_an_article_number_alone_finds_the_article_label(corpus):
    page = run(q="第15条")
    assert page.hits[0].doc_type == "article"
    assert page.hits[0].title.endswith("第十五条")


@pytest.mark.parametrize("query", ["B240130-09", "b24013009", "240130", "SRIBS2024-03081-0068"])
def test_batch_and_report_numbers_find_the_batch_first(bikes, query):
    page = run(q=query)
    failed = bikes.batches[0]
    assert page.hits[0].doc_type == "batch"
    assert page.hits[0].record_id == failed.id


@pytest.mark.parametrize("query", ["TDT255Z", "TDT-255Z", "tdt 255z"])
def test_model_numbers_with_or_without_hyphens_and_spaces(bikes, query):
    assert run(q=query).hits[0].record_id == bikes.batches[0].id


def test_batch_hits_link_to_their_row_and_show_labelled_fields(bikes):
    hit = run(q="231127D").hits[0]
    batch = bikes.batches[1]
    assert hit.url == f"/announcements/{bikes.id}#batch-{batch.id}"
    labels = dict(hit.fields)
    assert set(labels) >= {"企业", "产品", "型号", "结果"}
    assert str(labels["企业"]) == "上海永久车业有限公司"
    failed = run(q="制动性能", type="batch").hits[0]
    assert str(dict(failed.fields)["不合格项目"]) == "<mark>制动性能</mark>"


def test_category_and_enterprise_names_are_best_bets(corpus):
    assert run(q="电线电缆").best_bets[0].url == "/categories/0101"
    bet = run(q="上海丰益电缆有限公司").best_bets[0]
    assert bet.ref == f"enterprise:{corpus['maker'].credit_code}"
    assert run(q="电线电缆", page=2).best_bets == []


def test_exact_phrase_ranks_before_scattered_words(corpus):
    hits = run(q="超标温升").hits  # the summary says 超标温升; a batch has 温升超标
    assert hits[0].doc_type == "announcement"


def test_failed_and_newer_first_when_text_matches_equally(corpus, create_announcement):
    switches = corpus["cable_notice"].category
    for year, results in ((2024, (("合格", []),)), (2026, (("不合格", ["温升"]),))):
        create_announcement(
            results=results,
            category=switches,
            title="开关产品质量监督抽查结果公告",
            summary="本次抽查开关产品。",
            issued_on=date(year, 6, 1),
        )
    hits = run(q="开关 监督抽查", type="announcement").hits
    assert [hit.date.year for hit in hits] == [2026, 2024]


def test_a_pasted_sentence_finds_the_national_law_first(corpus):
    from portal.models import Article, Regulation

    sentence = "为了加强对产品质量的监督管理，制定本法。"
    db.session.add(
        Regulation(
            title="上海市产品质量条例",
            source_name="上海市产品质量条例",
            level="地方性法规",
            version_on=date(2018, 12, 30),
            status="published",
            articles=[Article(number=1, label="第一条", text=sentence.replace("本法", "本条例"))],
        )
    )
    commit_content()
    hits = run(q="为了加强对产品质量的监督管理").hits
    assert [hit.title for hit in hits[:2]] == [
        "中华人民共和国产品质量法 第一条",
        "上海市产品质量条例 第一条",
    ]


def test_search_page_shows_correction_synonyms_and_best_bets(client, bikes):
    html = client.get("/search", query_string={"q": "电线电揽"}).get_data(as_text=True)
    assert "您是不是要找：" in html
    assert "电线电缆" in html
    assert 'class="best-bets"' in html
    html = client.get("/search", query_string={"q": "电瓶车"}).get_data(as_text=True)
    assert "已同时搜索：" in html
    html = client.get("/search", query_string={"q": "231127D"}).get_data(as_text=True)
    assert f'#batch-{bikes.batches[1].id}"' in html
    assert 'class="hit-fields"' in html
    row = client.get(f"/announcements/{bikes.id}").get_data(as_text=True)
    assert f'id="batch-{bikes.batches[1].id}"' in row


def test_synonym_edits_apply_without_reindex(bikes):
    from portal.models import SearchSynonym
    from portal.search import synonyms

    assert run(q="小电驴").total == 0
    db.session.add(SearchSynonym(words="电动自行车 小电驴"))
    db.session.commit()
    synonyms.forget()
    assert run(q="小电驴").total > 0
