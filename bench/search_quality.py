"""Search quality on the judged query set: success@1, success@3, MRR and zero-result rate.

    python bench/search_quality.py                    # both backends
    python bench/search_quality.py --backend whoosh
    python bench/search_quality.py --backend postgres --database postgresql://postgres@127.0.0.1/test
    python bench/search_quality.py --show-failures

Each run seeds a temporary instance (every shipped regulation and seed_demo at scale 1), builds
its index, runs every query of bench/search_queries.json through search() as the search page
does and compares the first ten results (best bets first, then hits) with the judged answers.
A query succeeds at k when one of its answers is among the first k results. hitMRR ranks the
hits alone (best bets left out): what the document-type weights were tuned on.
"""

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = Path(__file__).resolve().parent / "search_queries.json"
DEPTH = 10


@contextmanager
def temporary_database(backend: str, base_url: str, folder: Path):
    """An SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if backend != "postgres":
        yield f"sqlite:///{folder / 'quality.sqlite3'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base_url).set(drivername="postgresql+psycopg")
    name = f"search_quality_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_app(backend: str, database: str, folder: Path):
    """An app on the temporary database, its index in the folder, result cache off."""
    from portal import create_app

    return create_app(
        {
            "DATABASE_URL": database,
            "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": str(folder / "search_index"),
            "SEARCH_STARTUP_REBUILD": "off",
            "SEARCH_DISABLE_CACHE": True,
            "CACHE_TYPE": "SimpleCache",
            "SECRET_KEY": "quality",
        }
    )


def load_instance(app) -> None:
    """Every shipped regulation, seed_demo(scale=1), then one index rebuild."""
    from portal.data import shipped_regulation_paths
    from portal.demo.generate import seed_demo
    from portal.extensions import db
    from portal.search.maintenance import rebuild_index
    from portal.services.regulations import import_regulation_files

    db.drop_all()
    db.create_all()
    app.config["SEARCH_AUTO_INDEX"] = False
    import_regulation_files(shipped_regulation_paths())
    seed_demo(scale=1.0)
    app.config["SEARCH_AUTO_INDEX"] = True
    rebuild_index()


def stable_ids() -> dict[tuple[str, int], str]:
    """(doc type, record id) -> the judged set's identifier of that document."""
    from portal.extensions import db
    from portal.models import Announcement, Article, Batch, Enterprise, Recall, Regulation

    ids: dict[tuple[str, int], str] = {}
    session = db.session
    for key, number in session.execute(db.select(Announcement.id, Announcement.number)):
        ids[("announcement", key)] = f"announcement:{number}"
    for key, number in session.execute(db.select(Batch.id, Batch.report_number)):
        ids[("batch", key)] = f"batch:{number}"
    for key, code in session.execute(db.select(Enterprise.id, Enterprise.credit_code)):
        ids[("enterprise", key)] = f"enterprise:{code}"
    for key, number in session.execute(db.select(Recall.id, Recall.number)):
        ids[("recall", key)] = f"recall:{number}"
    articles = db.select(Article.id, Regulation.title, Article.number).join(Regulation)
    for key, title, number in session.execute(articles):
        ids[("article", key)] = f"article:{title}#{number}"
    return ids


def ranked_results(app, query: str, ids: dict) -> list[str]:
    """The first DEPTH results of the search page for the query, as judged identifiers."""
    from portal.queries.common import load_args
    from portal.search import SearchArgs, search

    raw = {"q": query, "per_page": str(DEPTH)}
    with app.test_request_context("/search", query_string=raw):
        page = search(load_args(SearchArgs(), raw))
    found = [f"bet={bet.ref}" for bet in getattr(page, "best_bets", [])]
    found += [ids.get((hit.doc_type, hit.record_id), "?") for hit in page.hits]
    return found[:DEPTH]


def first_rank(found: list[str], answers: set[str], bets: bool = True) -> int | None:
    """The rank of the first answer (best bets counted, or hits only)."""
    ranked = [doc.removeprefix("bet=") for doc in found if bets or not doc.startswith("bet=")]
    return next((i + 1 for i, doc in enumerate(ranked) if doc in answers), None)


def score(items: list[dict], results: list[list[str]]) -> dict[str, dict[str, float]]:
    """success@1, success@3, MRR and zero-result rate per class and overall."""
    groups: dict[str, list[tuple[dict, list[str]]]] = defaultdict(list)
    for item, found in zip(items, results, strict=True):
        groups[item["class"]].append((item, found))
        groups["overall"].append((item, found))
    table = {}
    for name, pairs in groups.items():
        s1 = s3 = rr = hits_rr = zero = 0.0
        for item, found in pairs:
            answers = set(item["answers"])
            rank = first_rank(found, answers)
            hit_rank = first_rank(found, answers, bets=False)
            s1 += rank == 1
            s3 += rank is not None and rank <= 3
            rr += 1 / rank if rank else 0
            hits_rr += 1 / hit_rank if hit_rank else 0
            zero += not found
        n = len(pairs)
        table[name] = {
            "n": n,
            "s@1": s1 / n,
            "s@3": s3 / n,
            "mrr": rr / n,
            "hits_mrr": hits_rr / n,
            "zero": zero / n,
        }
    return table


def print_table(backend: str, table: dict, seconds: float) -> None:
    """One line per class, overall last."""
    print(f"\n{backend}: {table['overall']['n']} queries in {seconds:.1f}s")
    print(f"{'class':14} {'n':>4} {'s@1':>6} {'s@3':>6} {'MRR':>6} {'hitMRR':>6} {'zero':>6}")
    for name in sorted(table, key=lambda n: (n == "overall", n)):
        row = table[name]
        print(
            f"{name:14} {row['n']:>4} {row['s@1']:>6.3f} {row['s@3']:>6.3f} "
            f"{row['mrr']:>6.3f} {row['hits_mrr']:>6.3f} {row['zero']:>6.3f}"
        )


def run(backend: str, args) -> dict:
    """Seed, index, query and score one backend."""
    items = json.loads(QUERIES.read_text("utf-8"))
    with tempfile.TemporaryDirectory(prefix="search-quality-") as name:
        folder = Path(name)
        with temporary_database(backend, args.database, folder) as database:
            app = make_app(backend, database, folder)
            with app.app_context():
                from portal.extensions import db

                load_instance(app)
                ids = stable_ids()
                started = time.perf_counter()
                results = [ranked_results(app, item["query"], ids) for item in items]
                seconds = time.perf_counter() - started
                db.session.remove()
                db.engine.dispose()
    table = score(items, results)
    print_table(backend, table, seconds)
    if args.show_failures:
        for item, found in zip(items, results, strict=True):
            rank = first_rank(found, set(item["answers"]))
            if rank is None or rank > 3:
                print(f"  miss [{item['class']}] {item['query']}: {found[:3]}")
    return table


def main() -> None:
    """Parse arguments and score each backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("whoosh", "postgres", "both"), default="both")
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    backends = ("whoosh", "postgres") if args.backend == "both" else (args.backend,)
    tables = {backend: run(backend, args) for backend in backends}
    if args.json:
        Path(args.json).write_text(json.dumps(tables, indent=1))


if __name__ == "__main__":
    main()
