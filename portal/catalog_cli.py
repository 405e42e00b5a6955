"""The `catalog` command group: load the product catalogue from a CSV file."""

from pathlib import Path

import click

from portal.cli import report_error
from portal.errors import InvalidInputError
from portal.services.catalog import import_catalog


@click.group("catalog")
def catalog_command():
    """Manage the product catalogue (categories, product names, test items)."""


@catalog_command.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_catalog_command(path: Path):
    """Create or update categories from a catalogue CSV (by code); all rows or nothing."""
    try:
        result = import_catalog(path.read_bytes(), path.name)
    except InvalidInputError as error:
        report_error(error)
    click.echo(
        f"Catalogue imported: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged."
    )
