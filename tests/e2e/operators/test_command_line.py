"""The `hisab` command as a user runs it: serve, token, migrate, projections rebuild --verify."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import httpx
import jwt
import pytest

from tests.conftest import ADMIN_URL, admin_execute, database_named
from tests.e2e.operations import APPROVE, CREATE, steel_rods
from tests.e2e.processes import hisab_serve, run
from tests.e2e.server import free_port


def _printed_token(printed: list[str], user: str) -> dict[str, str]:
    token = printed[printed.index(next(p for p in printed if p.startswith(f"{user} ("))) + 1]
    return {"Authorization": f"Bearer {token}"}


def test_the_embedded_default_serves_prints_working_tokens_and_survives_a_restart(tmp_path: Path) -> None:
    port = free_port()
    graphql = f"http://127.0.0.1:{port}/graphql"
    with hisab_serve(tmp_path, port) as printed:
        assert f"GraphiQL:  {graphql}" in printed
        maker, checker = _printed_token(printed, "dev-user"), _printed_token(printed, "dev-checker")
        body = {"query": CREATE, "variables": {"input": steel_rods()}}
        invoice_id = httpx.post(graphql, json=body, headers=maker).json()["data"]["createInvoice"]["id"]
        approve = {"query": APPROVE, "variables": {"id": invoice_id}}
        own = httpx.post(graphql, json=approve, headers=maker).json()
        approved = httpx.post(graphql, json=approve, headers=checker).json()
    assert own["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert approved["data"]["approveInvoice"]["approvedBy"] == "dev-checker"
    assert (tmp_path / ".hisab" / "hisab.db").exists()

    verified = run(tmp_path, "projections", "rebuild", "--verify")
    assert verified.returncode == 0, verified.stderr
    assert "verified" in verified.stdout

    minted = run(tmp_path, "token", "--tenant", "dev-tenant", "--user", "auditor").stdout.strip()
    with hisab_serve(tmp_path, port):
        query = {"query": "{ invoices { totalCount edges { node { status mushakNumber } } } }"}
        auditor = {"Authorization": f"Bearer {minted}"}
        listed = httpx.post(f"http://127.0.0.1:{port}/graphql", json=query, headers=auditor)
    assert listed.json()["data"]["invoices"]["totalCount"] == 1
    assert listed.json()["data"]["invoices"]["edges"][0]["node"]["status"] == "APPROVED"


@pytest.mark.postgres
def test_postgres_is_served_only_once_migrated(tmp_path: Path, postgres_database: str) -> None:
    name = f"hisab_cli_{uuid.uuid4().hex[:10]}"
    asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    try:
        url = database_named(ADMIN_URL, name)
        secret = "cli-test-secret-long-enough-for-hs256-0123456789"
        refused = run(tmp_path, "serve", "--port", str(free_port()), HISAB_DATABASE_URL=url, HISAB_JWT_SECRET=secret)
        assert refused.returncode == 1
        assert "run `hisab migrate` first" in refused.stderr

        migrated = run(tmp_path, "migrate", HISAB_DATABASE_URL=url)
        assert migrated.returncode == 0, migrated.stderr
        verified = run(tmp_path, "projections", "rebuild", "--verify", HISAB_DATABASE_URL=url)
        assert verified.returncode == 0, verified.stderr
        as_owner_in_production = run(
            tmp_path, "serve", "--port", str(free_port()), HISAB_DATABASE_URL=url, HISAB_JWT_SECRET=secret,
            HISAB_JWT_REFRESH_SECRET=secret[::-1], HISAB_SESSION_SECRET=secret + "-web", HISAB_ENVIRONMENT="production",
        )  # fmt: skip
        assert as_owner_in_production.returncode != 0
        assert "row-level security does not apply" in as_owner_in_production.stderr
    finally:
        asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


def test_hisab_token_mints_access_and_refresh_tokens_with_the_roles_asked_for(tmp_path: Path) -> None:
    secrets = {"HISAB_JWT_SECRET": "cli-secret-long-enough-for-hs256-0123456789",
               "HISAB_JWT_REFRESH_SECRET": "cli-refresh-secret-long-enough-0123456789"}  # fmt: skip
    plain = run(tmp_path, "token", "--tenant", "t", "--user", "u", **secrets)
    scoped = run(tmp_path, "token", "--tenant", "t", "--user", "u", "--role", "viewer", "--role", "clerk", **secrets)
    paired = run(tmp_path, "token", "--tenant", "t", "--user", "u", "--refresh", **secrets)

    assert jwt.decode(plain.stdout.strip(), options={"verify_signature": False})["roles"] == ["admin"]
    assert jwt.decode(scoped.stdout.strip(), options={"verify_signature": False})["roles"] == ["viewer", "clerk"]
    pair = json.loads(paired.stdout)
    refresh = jwt.decode(pair["refreshToken"], secrets["HISAB_JWT_REFRESH_SECRET"], algorithms=["HS256"])
    assert (refresh["typ"], pair["tokenType"]) == ("refresh", "Bearer")


def test_hisab_token_refuses_a_production_configuration_unless_forced(tmp_path: Path) -> None:
    production = {"HISAB_ENVIRONMENT": "production", "HISAB_JWT_SECRET": "p" * 40, "HISAB_JWT_REFRESH_SECRET": "r" * 40,
                  "HISAB_SESSION_SECRET": "s" * 40}  # fmt: skip

    refused = run(tmp_path, "token", "--tenant", "t", "--user", "u", **production)
    forced = run(tmp_path, "token", "--tenant", "t", "--user", "u", "--force", **production)

    assert refused.returncode != 0
    assert "production" in refused.stderr
    assert refused.stdout == ""
    assert forced.returncode == 0
    assert jwt.decode(forced.stdout.strip(), "p" * 40, algorithms=["HS256"])["typ"] == "access"
