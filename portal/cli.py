"""Flask CLI commands: init-db, seed-demo, regulations, import-results, export, publish-due."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade

from portal.database import refresh_statistics
from portal.errors import InvalidInputError


@click.command("init-db")
def init_db_command():
    """Create or migrate the database schema to the latest version (and write the downloads)."""
    upgrade()
    click.echo("Database schema is up to date.")
    export_command.callback()  # an empty portal still lists its (empty) bulk downloads


@click.command("seed-demo")
@click.option("--scale", default=1.0, show_default=True, help="Multiplier of the batch count.")
def seed_demo_command(scale: float):
    """Load the real regulations and idempotent, deterministic demo content."""
    from portal.demo.generate import seed_demo
    from portal.services.regulations import import_regulation_files

    upgrade()
    regulations = import_regulation_files(regulation_paths())
    counts = seed_demo(scale=scale)
    refresh_statistics()
    click.echo(f"Regulations added: {len(regulations)}")
    for name, count in counts.items():
        click.echo(f"{name} added: {count}")
    export_command.callback()


@click.command("import-regulations")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def import_regulations_command(paths: tuple[Path, ...]):
    """Import regulation Markdown files (default: the shipped portal/data/regulations)."""
    from portal.services.regulations import import_regulation_files

    files = [
        file for path in paths for file in (sorted(path.glob("*.md")) if path.is_dir() else [path])
    ]
    try:
        added = import_regulation_files(files or regulation_paths())
    except ValueError as error:
        raise click.ClickException(f"Could not parse a regulation file: {error}") from None
    click.echo(f"Regulations added: {len(added)}")


@click.command("amend-regulation")
@click.argument("regulation_id", type=int)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def amend_regulation_command(regulation_id: int, path: Path):
    """Replace a regulation's text with a newer version from a Markdown file (old text kept)."""
    from portal.extensions import db
    from portal.models import Regulation
    from portal.services.regulations import amend_regulation

    regulation = db.session.get(Regulation, regulation_id)
    if regulation is None:
        raise click.ClickException(f"No regulation with id {regulation_id}.")
    try:
        amend_regulation(regulation, path.read_bytes(), path.name)
    except InvalidInputError as error:
        report_error(error)
    click.echo(f"Regulation {regulation_id} amended: version of {regulation.version_on}.")


@click.command("export")
def export_command():
    """Regenerate the bulk downloads (gzipped JSON Lines + CSV) and their manifest."""
    from portal.api.export_hook import refresh_downloads
    from portal.api.exports import export_dir

    try:
        manifest = refresh_downloads(force=True)
    except OSError as error:  # disk full or read-only: the previous files stay as they were
        raise click.ClickException(f"Could not write the bulk downloads: {error}") from error
    click.echo(f"Bulk downloads written to {export_dir()}: {len(manifest['files'])} files")


@click.command("backup")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the archive (default: instance/backups).",
)
def backup_command(output: Path | None):
    """Write a consistent backup: database, uploads and instance secret key (.tar.gz)."""
    from portal.services.backup import create_backup

    info = create_backup(output or Path(current_app.instance_path) / "backups")
    click.echo(f"Backup written: {info.path} ({len(info.manifest['files'])} files)")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-reindex", is_flag=True, help="Skip rebuilding the search index afterwards.")
def restore_command(archive: Path, yes: bool, no_reindex: bool):
    """Replace the database, uploads and secret key with a backup (stop the servers first)."""
    from portal.errors import PortalError
    from portal.search import maintenance
    from portal.services.backup import restore_backup

    if not yes:
        click.confirm("This replaces the current database and uploads. Continue?", abort=True)
    try:
        manifest = restore_backup(archive)
    except PortalError as error:
        raise click.ClickException(error.detail) from error
    click.echo(f"Restored the backup made at {manifest['created_at']}.")
    if not no_reindex:
        click.echo(f"Search index rebuilt: {maintenance.rebuild_index()} documents.")


@click.group("stats")
def stats_command():
    """The statistics tally behind the home page, /stats/ and /api/v1/stats."""


@stats_command.command("rebuild")
def stats_rebuild_command():
    """Recount the tally from the batch rows (after restoring or editing the database by hand)."""
    from portal.extensions import db
    from portal.services.stats_tally import rebuild

    cells = rebuild(db.session.connection())
    db.session.commit()
    click.echo(f"Statistics tally rebuilt: {cells} cells.")


@stats_command.command("check")
def stats_check_command():
    """Compare the tally with figures counted from the batch rows; exit 1 on a difference."""
    from portal.queries.stats_check import tally_differences

    differences = tally_differences()
    for difference in differences:
        click.echo(difference, err=True)
    if differences:
        raise SystemExit(1)
    click.echo("Statistics tally matches the batch rows.")


@click.command("publish-due")
def publish_due_command():
    """Publish every scheduled draft that is due, then refresh stale bulk downloads (cron)."""
    from portal.api.export_hook import refresh_downloads
    from portal.services.publishing import publish_due

    for entity_type, record_id in publish_due():
        click.echo(f"Published {entity_type} {record_id}")
    if refresh_downloads(wait=False) is not None:
        click.echo("Bulk downloads regenerated.")


def regulation_paths() -> list[Path]:
    """The regulation Markdown files shipped in portal/data/regulations."""
    from portal.data import shipped_regulation_paths

    return shipped_regulation_paths()


def report_error(error: InvalidInputError) -> None:
    """Print an input error with its messages (by row or field), then exit with status 1."""
    click.echo(error.detail, err=True)
    for where, messages in error.errors.items():
        for message in messages:
            click.echo(f"  {where}：{message}", err=True)
    raise SystemExit(1)


def register_commands(app: Flask) -> None:
    """Register the commands on the app."""
    from portal.catalog_cli import catalog_command
    from portal.import_command import import_results_command

    app.cli.add_command(import_results_command)
    commands = (init_db_command, seed_demo_command, import_regulations_command, export_command)
    for command in (*commands, backup_command, restore_command):
        app.cli.add_command(command)
    app.cli.add_command(catalog_command)
    app.cli.add_command(amend_regulation_command)
    app.cli.add_command(publish_due_command)
    app.cli.add_command(stats_command)
