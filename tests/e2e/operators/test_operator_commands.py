"""The operator's commands, run as an operator runs them: `hisab verify` and `hisab migrate ...`."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hisab.infrastructure import migrations
from hisab.infrastructure.migrations import head_revision, new_revision
from tests.conftest import ADMIN_URL, admin_execute, database_named
from tests.e2e.processes import run
from tests.e2e.server import JWT_SECRET, free_port

SECRET = {"HISAB_JWT_SECRET": JWT_SECRET}


def test_verify_passes_for_the_embedded_default(tmp_path: Path) -> None:
    verified = run(tmp_path, "verify")

    assert verified.returncode == 0, verified.stdout
    assert "every check passed" in verified.stdout
    assert "applied on start" in verified.stdout


def test_verify_fails_on_an_unreachable_database_and_says_how_to_fix_it(tmp_path: Path) -> None:
    unreachable = f"postgresql://hisab:hunter2@127.0.0.1:{free_port()}/hisab"

    verified = run(tmp_path, "verify", HISAB_DATABASE_URL=unreachable, **SECRET)

    assert verified.returncode == 1
    assert "FAIL database" in verified.stdout
    assert "fix: start PostgreSQL, or correct host, port, user, password and database" in verified.stdout
    assert "hunter2" not in verified.stdout


def test_verify_fails_in_production_without_a_jwt_secret(tmp_path: Path) -> None:
    verified = run(tmp_path, "verify", HISAB_ENVIRONMENT="production")

    assert verified.returncode == 1
    assert "FAIL jwt" in verified.stdout
    assert "fix: set HISAB_JWT_SECRET" in verified.stdout


def test_verify_reports_a_setting_it_cannot_read(tmp_path: Path) -> None:
    verified = run(tmp_path, "verify", HISAB_PORT="eighty")

    assert verified.returncode == 1
    assert "FAIL settings" in verified.stdout
    assert "port" in verified.stdout


def test_verify_checks_redis_and_kafka_when_they_are_configured(tmp_path: Path, redis_url: str) -> None:
    verified = run(tmp_path, "verify", HISAB_REDIS_URL=redis_url, HISAB_KAFKA_BOOTSTRAP=f"127.0.0.1:{free_port()}")

    assert verified.returncode == 1
    assert "ok   redis       PONG" in verified.stdout
    assert "FAIL kafka" in verified.stdout
    assert "fix: start the server, or correct HISAB_KAFKA_BOOTSTRAP" in verified.stdout


@pytest.fixture
def empty_postgres(postgres_database: str) -> Iterator[str]:
    name = f"hisab_ops_{uuid.uuid4().hex[:10]}"
    asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    try:
        yield database_named(ADMIN_URL, name)
    finally:
        asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.mark.postgres
def test_verify_wants_postgres_migrated_and_names_its_version(tmp_path: Path, empty_postgres: str) -> None:
    before = run(tmp_path, "verify", HISAB_DATABASE_URL=empty_postgres, **SECRET)
    run(tmp_path, "migrate", HISAB_DATABASE_URL=empty_postgres)
    after = run(tmp_path, "verify", HISAB_DATABASE_URL=empty_postgres, **SECRET)

    assert before.returncode == 1
    assert "FAIL migrations  at no migration, behind this release's head" in before.stdout
    assert "fix: run `hisab migrate`" in before.stdout
    assert after.returncode == 0, after.stdout
    assert "PostgreSQL 1" in after.stdout


def test_migrate_status_lists_each_migration_as_applied_or_pending(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hisab.db'}"

    pending = run(tmp_path, "migrate", "status", HISAB_DATABASE_URL=url)
    run(tmp_path, "migrate", HISAB_DATABASE_URL=url)
    applied = run(tmp_path, "migrate", "status", HISAB_DATABASE_URL=url)

    head = head_revision()
    assert "is at no migration, behind" in pending.stdout
    assert f"{head}  pending" in pending.stdout
    assert f"is at head ({head})" in applied.stdout
    assert f"{head}  applied" in applied.stdout


def test_migrate_downgrade_asks_first_and_does_nothing_when_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hisab.db'}"
    run(tmp_path, "migrate", HISAB_DATABASE_URL=url)

    refused = run(tmp_path, "migrate", "downgrade", "base", stdin="n\n", HISAB_DATABASE_URL=url)

    assert refused.returncode == 1
    assert "Downgrade" in refused.stdout
    assert "dropped, with their data" in refused.stdout
    assert f"is at head ({head_revision()})" in run(tmp_path, "migrate", "status", HISAB_DATABASE_URL=url).stdout


def test_migrate_downgrade_with_yes_undoes_the_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hisab.db'}"
    run(tmp_path, "migrate", HISAB_DATABASE_URL=url)

    downgraded = run(tmp_path, "migrate", "downgrade", "base", "--yes", HISAB_DATABASE_URL=url)

    assert downgraded.returncode == 0, downgraded.stderr
    assert "is now at base (no migration)" in downgraded.stdout
    upgraded = run(tmp_path, "migrate", HISAB_DATABASE_URL=url)
    assert upgraded.returncode == 0, upgraded.stderr


def test_migrate_downgrade_to_an_unknown_revision_is_refused_with_a_pointer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hisab.db'}"
    run(tmp_path, "migrate", HISAB_DATABASE_URL=url)

    refused = run(tmp_path, "migrate", "downgrade", "nonesuch", "--yes", HISAB_DATABASE_URL=url)

    assert refused.returncode == 1
    assert "hisab migrate status" in refused.stderr


def test_a_new_migration_follows_the_head_and_is_numbered_like_the_others(tmp_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(migrations.__file__).parent, scripts, ignore=shutil.ignore_patterns("__pycache__"))

    path = new_revision("Add a column for the branch", script_location=str(scripts))

    number = int(head_revision() or "0") + 1
    assert path.name == f"{number:04d}_add_a_column_for_the_branch.py"
    text = path.read_text()
    assert f"revision = '{number:04d}'" in text
    assert f"down_revision = '{head_revision()}'" in text
