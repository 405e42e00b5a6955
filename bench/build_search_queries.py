"""Build the judged query set (bench/search_queries.json) from the demo data and regulations.

    python bench/build_search_queries.py

The hand-written queries below (typos, everyday words, article references, codes, pinyin) get
their answers from a fresh database holding every shipped regulation and seed_demo(scale=1):
the documents that answer each query, named stably (category code, announcement number, batch
report number, enterprise credit code, regulation title + article number, recall number).
Run it again only when the demo generator or the regulations change; review the diff.
"""

import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OUTPUT = Path(__file__).resolve().parent / "search_queries.json"

SOUND_TYPOS = [  # same or IME-confused sound, one character wrong -> category code
    ("电线电揽", "0101"),
    ("电线电览", "0101"),
    ("电线电难", "0101"),  # n/l
    ("电动自型车", "1001"),
    ("插头插桌", "0102"),  # z/zh
    ("移动电原", "0105"),
    ("儿童玩据", "0901"),
    ("电热汤", "0108"),  # -n/-ng
    ("灭火气", "0603"),
    ("安全冒", "0601"),
    ("婴儿窗", "0906"),
    ("吸油烟基", "0111"),
    ("断路气", "0604"),
    ("扫地机器任", "1109"),
    ("智能门所", "1105"),
    ("水尼", "0310"),
    ("烟花爆竺", "0709"),
    ("头亏", "1005"),
]
SYNONYMS = [  # everyday word -> category code
    ("电瓶车", "1001"),
    ("电驴", "1001"),
    ("充电宝", "0105"),
    ("插线板", "0102"),
    ("插排", "0102"),
    ("拖线板", "0102"),
    ("童装", "0903"),
    ("马桶", "0306"),
    ("煤气灶", "0201"),
    ("煤气罐", "0711"),
    ("电饭煲", "0106"),
    ("空气开关", "0604"),
    ("漏电保护器", "0604"),
    ("尿不湿", "0205"),
    ("电褥子", "0108"),
    ("电暖气", "0109"),
    ("保温杯", "0807"),
    ("化肥", "0401"),
]
ARTICLES = [  # (query, regulation title, article number)
    ("产品质量法 第26条", "中华人民共和国产品质量法", 26),
    ("产品质量法第二十六条", "中华人民共和国产品质量法", 26),
    ("产品质量法 二十六条", "中华人民共和国产品质量法", 26),
    ("产品质量法 art. 26", "中华人民共和国产品质量法", 26),
    ("质量法26条", "中华人民共和国产品质量法", 26),
    ("上海市产品质量条例第22条", "上海市产品质量条例", 22),
    ("上海市产品质量条例 第七条", "上海市产品质量条例", 7),
    ("重庆市产品质量条例第10条", "重庆市产品质量条例", 10),
    ("消费者权益保护法第24条", "中华人民共和国消费者权益保护法", 24),
    ("消费者权益保护法 第五十五条", "中华人民共和国消费者权益保护法", 55),
    ("标准化法第2条", "中华人民共和国标准化法", 2),
    ("计量法 9条", "中华人民共和国计量法", 9),
    ("特种设备安全法第十三条", "中华人民共和国特种设备安全法", 13),
    ("缺陷汽车产品召回管理条例第12条", "缺陷汽车产品召回管理条例", 12),
    ("认证认可条例 art 3", "中华人民共和国认证认可条例", 3),
    ("浙江省产品质量监督条例第5条", "浙江省产品质量监督条例", 5),
    ("工业产品生产许可证管理条例第二条", "中华人民共和国工业产品生产许可证管理条例", 2),
    ("产品质量法 第49条", "中华人民共和国产品质量法", 49),
]
CODES = [  # (query, kind) where kind says which field the code is in
    ("B240130-09", "batch_code"),
    ("240130", "batch_code"),
    ("231127D", "batch_code"),
    ("B230809-02", "batch_code"),
    ("SRIBS2024-03081-0070", "report_number"),
    ("SRIBS2024-03081-0067", "report_number"),
    ("SGS2026-10012-0119", "report_number"),
    ("TDT255Z", "model_spec"),
    ("TDT-255Z", "model_spec"),
    ("tdt 255z", "model_spec"),
    ("AD-587", "model_spec"),
    ("AD587", "model_spec"),
    ("K939-10A", "model_spec"),
    ("K93910A", "model_spec"),
    ("BCD-542WPD", "model_spec"),
    ("BCD542WPD", "model_spec"),
    ("9131010113385013XH", "credit_code"),
    ("913101016605231220", "credit_code"),
    ("沪召〔2024〕3号", "recall_number"),
    ("JT-GD6642N", "recall_models"),
]
PINYIN = [  # (query, category code)
    ("dianxiandianlan", "0101"),
    ("dian xian dian lan", "0101"),
    ("dianxian", "0101"),
    ("dian xian", "0101"),
    ("dianxain", "0101"),
    ("dxdl", "0101"),
    ("diandongzixingche", "1001"),
    ("dian dong zi xing che", "1001"),
    ("diandongzixinche", "1001"),
    ("chatouchazuo", "0102"),
    ("ertongwanju", "0901"),
    ("ertong wanju", "0901"),
    ("miehuoqi", "0603"),
    ("yidongdianyuan", "0105"),
    ("duanluqi", "0604"),
    ("dianretan", "0108"),
    ("dianrethan", "0108"),
    ("saodijiqiren", "1109"),
]
CATEGORY_NAMES = ["0101", "1001", "0102", "0901", "0603", "0306", "0105", "0201"]
PRODUCTS = [
    "折叠电动自行车",
    "磁吸无线充电宝",
    "扫拖一体机器人",
    "即热式智能坐便器",
    "移动式插座",
    "聚氯乙烯绝缘软电线",
    "PP-R冷热水管",
    "儿童电话手表",
    "电动自行车乘员头盔",
    "手提式干粉灭火器",
    "油汀取暖器",
    "婴儿连体衣",
]
FAILED = [  # (query, category code or None, failed item)
    ("电线电缆 导体电阻", "0101", "导体电阻"),
    ("导体电阻", None, "导体电阻"),
    ("阻燃性能", None, "阻燃性能"),
    ("甲醛含量", None, "甲醛含量"),
    ("甲醛释放量", None, "甲醛释放量"),
    ("防触电保护", None, "防触电保护"),
    ("过放电保护", None, "过放电保护"),
    ("制动性能", None, "制动性能"),
    ("最高设计车速", None, "最高设计车速"),
    ("泄漏电流和电气强度", None, "泄漏电流和电气强度"),
    ("热负荷准确度", None, "热负荷准确度"),
    ("骚扰电压", None, "骚扰电压"),
    ("纤维含量", None, "纤维含量"),
    ("可迁移元素", None, "可迁移元素"),
    ("充电保护", None, "充电保护"),
    ("高锰酸钾消耗量", None, "高锰酸钾消耗量"),
    ("下颏带的强度", None, "下颏带的强度"),
]
TRADITIONAL_EXTRA = [
    ("產品質量法 第二十六條", "article", ("中华人民共和国产品质量法", 26)),
    ("電線電纜 導體電阻", "failed", ("0101", "导体电阻")),
    ("電瓶車", "category", "1001"),
]
TRADITIONAL_CATEGORIES = [
    "0101",
    "1001",
    "0901",
    "0102",
    "0201",
    "0108",
    "0906",
    "0603",
    "0604",
    "1005",
    "0909",
    "0708",
    "0709",
    "0111",
]


def make_app(folder: Path):
    """An app on a temporary SQLite database."""
    from portal import create_app

    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'judged.sqlite3'}",
            "SEARCH_INDEX_DIR": str(folder / "index"),
            "SEARCH_STARTUP_REBUILD": "off",
            "SEARCH_AUTO_INDEX": False,
            "SECRET_KEY": "judged",
        }
    )


def load() -> None:
    """Every shipped regulation and the scale-1 demo content."""
    from portal.data import shipped_regulation_paths
    from portal.demo.generate import seed_demo
    from portal.extensions import db
    from portal.services.regulations import import_regulation_files

    db.drop_all()
    db.create_all()
    import_regulation_files(shipped_regulation_paths())
    seed_demo(scale=1.0)


def alnum(text: str | None) -> str:
    """Letters and digits only, lower case (how a code is compared)."""
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


class Answers:
    """Stable identifiers of the documents answering each kind of query."""

    def __init__(self):
        from portal.extensions import db
        from portal.models import (
            Announcement,
            Article,
            Batch,
            Enterprise,
            ProductCategory,
            Recall,
            Regulation,
        )

        session = db.session
        self.categories = {c.code: c for c in session.scalars(db.select(ProductCategory))}
        self.announcements = list(
            session.scalars(db.select(Announcement).order_by(Announcement.issued_on.desc()))
        )
        self.batches = list(session.scalars(db.select(Batch).order_by(Batch.id)))
        self.enterprises = list(session.scalars(db.select(Enterprise).order_by(Enterprise.id)))
        self.recalls = list(session.scalars(db.select(Recall).order_by(Recall.id)))
        self.articles = list(
            session.scalars(
                db.select(Article).join(Regulation).order_by(Regulation.id, Article.number)
            )
        )

    def category(self, code: str) -> list[str]:
        """The category and its announcements, newest first."""
        category = self.categories[code]
        found = [f"category:{code}"]
        found += [
            f"announcement:{a.number}" for a in self.announcements if a.category_id == category.id
        ]
        return found

    def failed(self, code: str | None, item: str) -> list[str]:
        """Failed batches with the item (of the category, when given)."""
        return [
            f"batch:{b.report_number}"
            for b in self.batches
            if item in (b.failed_items or []) and (code is None or b.category.code == code)
        ]

    def article(self, title: str, number: int) -> list[str]:
        """The article, checked to exist."""
        for article in self.articles:
            if article.regulation.title == title and article.number == number:
                return [f"article:{title}#{number}"]
        raise LookupError(f"{title} {number}")

    def sentence_articles(self, sentence: str) -> list[str]:
        """Articles whose text holds the sentence word for word (national law first)."""
        found = [
            (not a.regulation.title.startswith("中华人民共和国"), a.regulation.id, a.number)
            for a in self.articles
            if sentence in a.text
        ]
        titles = {a.regulation.id: a.regulation.title for a in self.articles}
        return [f"article:{titles[rid]}#{number}" for _, rid, number in sorted(found)]

    def code(self, query: str, kind: str) -> list[str]:
        """Records holding the code (compared on letters and digits only)."""
        key = alnum(query)
        if kind == "credit_code":
            return [
                f"enterprise:{e.credit_code}"
                for e in self.enterprises
                if alnum(e.credit_code) == key
            ]
        if kind == "recall_number":
            return [f"recall:{r.number}" for r in self.recalls if r.number == query]
        if kind == "recall_models":
            return [f"recall:{r.number}" for r in self.recalls if key in alnum(r.models)]
        found = []
        for batch in self.batches:
            value = getattr(batch, kind) or ""
            parts = [alnum(part) for part in re.split(r"[\s]+", value)] + [alnum(value)]
            parts += [alnum(part) for part in re.split(r"[^0-9A-Za-z]+", value)]
            parts += re.findall(r"[0-9]+|[a-z]+", alnum(value))
            if key in parts or (kind == "batch_code" and key == alnum(value)):
                found.append(f"batch:{batch.report_number}")
        return found

    def product(self, name: str) -> list[str]:
        """The product's category, its announcements and the batches of the product."""
        batches = [b for b in self.batches if b.product_name == name]
        found = self.category(batches[0].category.code)
        return found + [f"batch:{b.report_number}" for b in batches]

    def enterprise(self, text: str) -> list[str]:
        """Enterprises whose name holds the text."""
        return [f"enterprise:{e.credit_code}" for e in self.enterprises if text in e.name]


def sentences(answers: Answers) -> list[tuple[str, list[str]]]:
    """Pasted sentences: a clause of every 45th article (12 to 30 characters)."""
    picked = [("生产者应当对其生产的产品质量负责", None)]
    for article in answers.articles[::45]:
        clauses = [c for c in re.split(r"[，。；：、\n（）]", article.text) if 12 <= len(c) <= 30]
        if clauses:
            picked.append((clauses[0], None))
    return [(text, answers.sentence_articles(text)) for text, _ in picked]


def enterprise_names(answers: Answers) -> list[tuple[str, list[str]]]:
    """Enterprises with a public record: every 300th, by full and by short name."""
    from portal.extensions import db
    from portal.models import Enterprise
    from portal.queries.enterprises import has_public_record

    public = list(
        db.session.scalars(db.select(Enterprise).where(has_public_record()).order_by(Enterprise.id))
    )
    queries = []
    for index, enterprise in enumerate(public[::300]):
        name = enterprise.name
        if index % 2:
            short = re.sub(r"^上海(市)?|(有限公司|有限责任公司|股份有限公司|厂|公司)$", "", name)
            short = re.sub(
                r"^(黄浦|徐汇|长宁|静安|普陀|虹口|杨浦|闵行|宝山|嘉定|浦东新|金山|松江|青浦|奉贤|崇明)区",
                "",
                short,
            )
            name = short
        queries.append((name, answers.enterprise(name)))
    return queries


def judged_pairs(answers: Answers) -> list[tuple[str, str, list[str]]]:
    """(query, class, answers) for every query, in class order."""
    import opencc

    traditional = opencc.OpenCC("s2t").convert
    name = {code: category.name for code, category in answers.categories.items()}
    extra = {"article": answers.article, "failed": answers.failed, "category": answers.category}
    pairs = [(q, "sound_typo", answers.category(code)) for q, code in SOUND_TYPOS]
    pairs += [(q, "synonym", answers.category(code)) for q, code in SYNONYMS]
    pairs += [(q, "article", answers.article(title, n)) for q, title, n in ARTICLES]
    pairs += [(q, "sentence", found) for q, found in sentences(answers)]
    pairs += [(q, "code", answers.code(q, kind)) for q, kind in CODES]
    pairs += [(q, "name", found) for q, found in enterprise_names(answers)]
    pairs += [(name[code], "product", answers.category(code)) for code in CATEGORY_NAMES]
    pairs += [(product, "product", answers.product(product)) for product in PRODUCTS]
    pairs += [(q, "failed_item", answers.failed(code, item)) for q, code, item in FAILED]
    pairs += [
        (traditional(name[code]), "traditional", answers.category(code))
        for code in TRADITIONAL_CATEGORIES
    ]
    pairs += [
        (
            q,
            "traditional",
            extra[kind](*target) if isinstance(target, tuple) else extra[kind](target),
        )
        for q, kind, target in TRADITIONAL_EXTRA
    ]
    pairs += [(q, "pinyin", answers.category(code)) for q, code in PINYIN]
    return pairs


def build() -> list[dict]:
    """Every judged query with its class and answers (each query once)."""
    items: list[dict] = []
    for query, cls, found in judged_pairs(Answers()):
        if not found:
            raise LookupError(f"no answer for {query}")
        if all(item["query"] != query for item in items):
            items.append({"query": query, "class": cls, "answers": found})
    return items


def main() -> None:
    """Build the set on a temporary database and write the JSON file."""
    from portal.extensions import db

    with tempfile.TemporaryDirectory(prefix="judged-") as folder:
        app = make_app(Path(folder))
        with app.app_context():
            load()
            items = build()
            db.session.remove()
    OUTPUT.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", "utf-8")
    counts = {}
    for item in items:
        counts[item["class"]] = counts.get(item["class"], 0) + 1
    print(f"{len(items)} queries: {counts}")


if __name__ == "__main__":
    main()
