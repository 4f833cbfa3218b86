"""`hisab users`: the web app's local accounts (add, passwd, disable, enable, roles, list).

Passwords are read from the terminal without echo, or from standard input with
`--password-stdin` (for scripts); they are never taken as an argument, which would leave them
in the shell's history and the process list.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from hisab.access.application.users import UserAccounts
from hisab.bootstrap import open_database, user_accounts
from hisab.cli.output import fail
from hisab.config import Settings
from hisab.kernel.errors import HisabError, InvalidInputError

users = typer.Typer(help="The web app's local user accounts.", no_args_is_help=True)
T = TypeVar("T")
PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _run(action: Callable[[UserAccounts], Awaitable[T]]) -> T:
    async def run() -> T:
        settings = Settings()
        database = await open_database(settings)
        try:
            return await action(user_accounts(settings, database))
        finally:
            await database.close()

    try:
        return asyncio.run(run())
    except InvalidInputError as error:
        raise fail("; ".join(f"{v.field}: {v.message}" for v in error.violations)) from None
    except HisabError as error:
        raise fail(str(error)) from None


@users.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Letters, digits, dots, dashes, underscores.")],
    tenant: Annotated[str, typer.Option(help="The tenant the user works for.")],
    role: Annotated[list[str], typer.Option(help="A role (repeatable), as HISAB_ROLES defines them.")],
    name: Annotated[str, typer.Option(help="The name shown in the app; default: the username.")] = "",
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a local user who signs in to the web app with a password."""
    password = _password(password_stdin)
    account = _run(lambda accounts: accounts.add(tenant, username, password, tuple(role), name))
    typer.echo(f"added {account.username} (tenant {account.tenant_id}, roles {', '.join(account.roles)})")


@users.command("passwd")
def passwd(username: str, password_stdin: PasswordStdin = False) -> None:
    """Set a user's password (which also lifts a lock-out and ends their sessions)."""
    password = _password(password_stdin)
    account = _run(lambda accounts: accounts.change_password(username, password))
    typer.echo(f"password of {account.username} changed")


@users.command("disable")
def disable(username: str) -> None:
    """Stop a user from signing in; their open sessions end at their next request."""
    account = _run(lambda accounts: accounts.set_disabled(username, True))
    typer.echo(f"{account.username} disabled")


@users.command("enable")
def enable(username: str) -> None:
    """Let a disabled user sign in again."""
    account = _run(lambda accounts: accounts.set_disabled(username, False))
    typer.echo(f"{account.username} enabled")


@users.command("roles")
def roles(username: str, role: Annotated[list[str], typer.Option(help="A role (repeatable).")]) -> None:
    """Replace a user's roles."""
    account = _run(lambda accounts: accounts.set_roles(username, tuple(role)))
    typer.echo(f"{account.username}: {', '.join(account.roles)}")


@users.command("list")
def list_users(tenant: Annotated[str, typer.Option(help="The tenant whose users to list.")]) -> None:
    """The tenant's local users, their roles and whether each may sign in."""
    for account in _run(lambda accounts: accounts.store.accounts(tenant)):
        state = "disabled" if account.disabled else "active"
        typer.echo(f"{account.username}\t{account.display_name}\t{', '.join(account.roles)}\t{state}")
