"""`flask --app portal search rebuild|check`."""

import click
from flask import Flask
from flask.cli import AppGroup

from portal.extensions import db
from portal.search import maintenance, sources

search_cli = AppGroup("search", help="Build and check the search index.")


@search_cli.command("rebuild")
def rebuild_command():
    """Rebuild the search index from the database, with a progress bar."""
    total = sources.count_documents(db.session)
    try:
        with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
            count = maintenance.rebuild_index(progress=bar.update)
    except OSError as error:  # disk full or read-only: the live index is left as it was
        raise click.ClickException(f"Could not write the search index: {error}") from error
    click.echo(f"Indexed {count} documents.")


@search_cli.command("check")
def check_command():
    """Report differences between the index and the database; exit 1 when there are any."""
    report = maintenance.check_index()
    if report.problem:
        click.echo(f"Search index is {report.problem}.")
    for label, keys in (("Missing from index", report.missing), ("Not in database", report.extra)):
        if keys:
            click.echo(
                f"{label}: {len(keys)} ({', '.join(keys[:20])}{' …' if len(keys) > 20 else ''})"
            )
    if report.stale:
        click.echo("Index content version differs from the database.")
    if not report.ok:
        raise SystemExit(1)
    click.echo("Search index matches the database.")


def register_search_commands(app: Flask) -> None:
    """Add the search command group."""
    app.cli.add_command(search_cli)
