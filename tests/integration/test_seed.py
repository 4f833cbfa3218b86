"""`hisab bench seed` writes what the service would have written: a replay agrees with it."""

from __future__ import annotations

import pytest

from hisab.benchmark.seed import SeedPlan, seed, tenant_name
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.domain.invoice import InvoiceStatus
from tests.builders import RATES, invoicing, rebuild
from tests.conftest import PostgresRoles

pytestmark = pytest.mark.postgres


@pytest.fixture
def roles(postgres_url: str, postgres_roles: PostgresRoles) -> PostgresRoles:
    """The service role and the owner, on a database emptied for this test."""
    return postgres_roles


async def test_seeded_invoices_are_listed_counted_and_equal_a_replay(roles: PostgresRoles) -> None:
    reported: list[int] = []
    plan = SeedPlan(invoices=25, tenants=2, batch=4)
    await seed(roles.app_url, plan, RATES, reported.append)
    assert sum(reported) == 25

    app = await PostgresDatabase.open(roles.app_url, min_size=1, max_size=1)
    try:
        page = await invoicing(app).invoices.list(tenant_name(0), InvoiceFilter(), 100, None)
        assert page.total_count == len(page.invoices) == 13
        approved = await invoicing(app).invoices.list(
            tenant_name(0), InvoiceFilter(statuses=(InvoiceStatus.APPROVED,)), 100, None
        )
        assert approved.total_count == 7  # the 1st and 4th of each batch of 4 (three), and the last batch of 1
        assert all(view.mushak_number and view.lines for view in approved.invoices)
    finally:
        await app.close()
    owner = await PostgresDatabase.open(roles.owner_url, min_size=1, max_size=1)
    try:
        assert await rebuild(owner, verify_only=True) == []
        async with owner._pool.acquire() as connection:
            # The outbox relay tails events by the id of the transaction that wrote them.
            assert await connection.fetchval("SELECT count(*) FROM events WHERE transaction_id IS NULL") == 0
    finally:
        await owner.close()
