"""Flask CLI commands: init-db, seed-demo, import-regulations (and import-results)."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade

from portal.database import refresh_statistics


@click.command("init-db")
def init_db_command():
    """Create or migrate the database schema to the latest version."""
    upgrade()
    click.echo("Database schema is up to date.")


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
    """Import regulation Markdown files (default: the shared data folder)."""
    from portal.services.regulations import import_regulation_files

    added = import_regulation_files(list(paths) or regulation_paths())
    click.echo(f"Regulations added: {len(added)}")


@click.command("export")
def export_command():
    """Regenerate the bulk downloads (gzipped JSON Lines + CSV) and their manifest."""
    from portal.api.exports import export_datasets, export_dir

    manifest = export_datasets()
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


def regulation_paths() -> list[Path]:
    """The Markdown files of the shared regulation data (a warning when the folder is missing)."""
    folder = Path(current_app.config["SHARED_DATA_DIR"]) / "regulations"
    if not folder.is_dir():
        click.echo(f"Warning: no regulation folder at {folder} (set PORTAL_SHARED_DATA_DIR).")
    return sorted(folder.glob("*.md"))


def register_commands(app: Flask) -> None:
    """Register the commands on the app."""
    from portal.import_command import import_results_command

    app.cli.add_command(import_results_command)
    commands = (init_db_command, seed_demo_command, import_regulations_command, export_command)
    for command in (*commands, backup_command, restore_command):
        app.cli.add_command(command)
