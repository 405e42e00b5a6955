"""`flask create-user`: create a staff account from the command line."""

import sys

import click

from portal.errors import InvalidInputError
from portal.models import Role


def read_password(from_stdin: bool) -> str:
    """The password: one line from stdin for scripts, else typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, prompt_suffix=": ")


@click.command("create-user")
@click.argument("username")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help=f"Role ({'|'.join(Role.ALL)}); repeat it or separate roles with commas.",
)
@click.option(
    "--display-name", default="", help="Name shown in the back office (default: USERNAME)."
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
def create_user_command(username: str, roles: tuple[str, ...], display_name: str, password_stdin):
    """Create a staff account with the given roles."""
    from portal.services.accounts import check_new_username, clean_roles, create_user

    try:
        check_new_username(username.strip().lower())
        clean_roles(roles)
        user = create_user(None, username, display_name, roles, read_password(password_stdin))
    except InvalidInputError as error:
        raise click.ClickException(error.detail) from error
    click.echo(f"Created user {user.username} ({', '.join(user.roles)}).")
