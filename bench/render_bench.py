"""Render benchmark: CPU time of every main public page type, uncached, in Chinese and English.

Renders the pages in one process with the response cache off (PORTAL_DISABLE_RESPONSE_CACHE)
on a seeded demo instance (bench/load_bench.py's seeding: `seed-demo --scale`, default 6, about
100,000 batches, plus the search index), each page in both languages, and prints the CPU
milliseconds (thread time) p50 per page beside a fixed pure-Python CPU loop measured in the same
rounds, with the ratio page / loop (the machine's speed swings 2-4x; the ratio does not).

--golden DIR writes every rendered page (status line and body) to DIR; --compare DIR renders
them again and fails unless each is byte-identical (a change meant to make rendering cheaper
must not change what it renders). --profile PATH runs cProfile over one page (both languages,
several rounds) and prints the functions with the most cumulative and own time.

Run: python bench/render_bench.py --instance /tmp/render6 [--scale 6] [--rounds 7]
     [--golden DIR | --compare DIR] [--profile /stats/] [--only /stats/]
"""

import argparse
import cProfile
import hashlib
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load_bench import instance_env, seed  # noqa: E402
from bench.reference import loop_ms  # noqa: E402

LANGUAGES = ("zh", "en")
REFERENCE_ITERATIONS = 100_000


def reference_ms() -> float:
    """CPU time of the fixed loop (REFERENCE_ITERATIONS) in this thread."""
    return loop_ms(REFERENCE_ITERATIONS)


def pick_pages() -> list[tuple[str, str]]:
    """(label, path) of each page type, with records that make the detail pages heavy."""
    from sqlalchemy import text

    from portal.extensions import db

    def one(sql: str):
        return db.session.execute(text(sql)).scalar()

    announcement = one(
        "SELECT a.id FROM announcements a JOIN batches b ON b.announcement_id = a.id "
        "WHERE a.status = 'published' GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
    )
    recall = one("SELECT id FROM recalls WHERE status = 'published' ORDER BY id LIMIT 1")
    category = one(
        "SELECT c.code FROM product_categories c JOIN batches b ON b.category_id = c.id "
        "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
    )
    enterprise = one(
        "SELECT e.credit_code FROM enterprises e JOIN batches b ON b.enterprise_id = e.id "
        "GROUP BY e.id ORDER BY count(*) DESC LIMIT 1"
    )
    regulation = one(
        "SELECT r.id FROM regulations r JOIN articles a ON a.regulation_id = r.id "
        "WHERE r.status = 'published' GROUP BY r.id ORDER BY count(*) DESC LIMIT 1"
    )
    return [
        ("home", "/"),
        ("announcements", "/announcements/"),
        ("announcement (most batches)", f"/announcements/{announcement}"),
        ("recalls", "/recalls/"),
        ("recall", f"/recalls/{recall}"),
        ("stats", "/stats/"),
        ("categories", "/categories/"),
        ("category (most batches)", f"/categories/{category}"),
        ("enterprise (most batches)", f"/enterprises/{enterprise}"),
        ("regulations", "/regulations/"),
        ("regulation (most articles)", f"/regulations/{regulation}"),
        ("search", "/search?q=电线电缆"),
        ("feeds index", "/feeds/"),
        ("feed", "/feeds/all.atom"),
    ]


def make_client(app, language: str):
    """A test client whose requests carry the language cookie (none for Chinese)."""
    client = app.test_client()
    if language != "zh":
        client.set_cookie("lang", language)
    return client


def render(client, path: str) -> tuple[float, bytes]:
    """One request's CPU milliseconds and its status line plus body."""
    started = time.thread_time()
    response = client.get(path)
    body = response.get_data()
    elapsed = (time.thread_time() - started) * 1000
    return elapsed, f"{response.status}\n".encode() + body


def measure(app, pages, rounds: int) -> None:
    """Print each page's CPU ms p50 per language, the reference loop and the ratios."""
    clients = {language: make_client(app, language) for language in LANGUAGES}
    for client in clients.values():
        for _, path in pages:
            client.get(path)  # warm: templates compiled, catalogues and indexes loaded
    costs = {(path, lang): [] for _, path in pages for lang in LANGUAGES}
    references = []
    for _ in range(rounds):
        references.append(reference_ms())
        for _, path in pages:
            for language, client in clients.items():
                costs[(path, language)].append(render(client, path)[0])
    reference = statistics.median(references)
    print(f"reference CPU loop ({REFERENCE_ITERATIONS:,} iterations) p50 {reference:.1f} ms")
    print(f"{'page (response cache off)':<32}{'zh ms':>8}{'ratio':>7}{'en ms':>8}{'ratio':>7}")
    for label, path in pages:
        zh = statistics.median(costs[(path, "zh")])
        en = statistics.median(costs[(path, "en")])
        print(f"{label:<32}{zh:>8.1f}{zh / reference:>7.2f}{en:>8.1f}{en / reference:>7.2f}")


def golden_name(path: str, language: str) -> str:
    """A file name for one page's rendering."""
    safe = "".join(c if c.isascii() and c.isalnum() else "_" for c in path)
    return f"{language}{safe}-{hashlib.sha256(path.encode()).hexdigest()[:8]}.html"


def write_or_compare(app, pages, folder: Path, compare: bool) -> int:
    """Write every rendering to the folder, or compare with what is there; return mismatches."""
    folder.mkdir(parents=True, exist_ok=True)
    mismatches = 0
    for language in LANGUAGES:
        client = make_client(app, language)
        for label, path in pages:
            body = render(client, path)[1]
            file = folder / golden_name(path, language)
            if not compare:
                file.write_bytes(body)
                continue
            same = file.exists() and file.read_bytes() == body
            mismatches += not same
            print(f"{'same' if same else 'DIFFERENT':<10}{language}  {label}  {path}")
    return mismatches


def profile(app, path: str, rounds: int) -> None:
    """cProfile one page in both languages; print the top functions."""
    clients = [make_client(app, language) for language in LANGUAGES]
    for client in clients:
        client.get(path)
    profiler = cProfile.Profile(time.thread_time)  # CPU time: the machine is shared
    profiler.enable()
    for _ in range(rounds):
        for client in clients:
            client.get(path).get_data()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)


def main() -> None:
    """Parse the arguments, seed or reuse the instance and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True, help="folder of a seeded instance")
    parser.add_argument("--scale", type=float, default=6.0)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", action="append", help="measure only these paths")
    parser.add_argument("--golden", help="write every rendering to this folder")
    parser.add_argument("--compare", help="compare every rendering with this folder")
    parser.add_argument("--profile", help="cProfile this path")
    args = parser.parse_args()
    folder = Path(args.instance)
    seed(folder, args.scale)
    os.environ.update(instance_env(folder), PORTAL_DISABLE_RESPONSE_CACHE="true")
    from portal import create_app

    app = create_app()
    with app.app_context():
        pages = pick_pages()
    if args.only:
        pages = [(label, path) for label, path in pages if path in args.only] or [
            (path, path) for path in args.only
        ]
    if args.profile:
        profile(app, args.profile, args.rounds)
    elif args.golden or args.compare:
        mismatches = write_or_compare(
            app, pages, Path(args.golden or args.compare), bool(args.compare)
        )
        sys.exit(1 if mismatches else 0)
    else:
        measure(app, pages, args.rounds)


if __name__ == "__main__":
    main()
