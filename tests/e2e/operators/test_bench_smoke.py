"""A tiny run of the benchmark against a real server: it must work, not be fast."""

from __future__ import annotations

import asyncio

from hisab.access.adapters.tokens import Identity
from hisab.benchmark.runner import BenchConfig, run
from hisab.benchmark.web_workload import session_cookie
from hisab.benchmark.workload import OPERATIONS
from tests.e2e.server import ISSUER, SESSION_SECRET, new_tenant


def test_every_operation_of_the_standard_workload_runs_without_errors(base_url: str) -> None:
    tenant = new_tenant()
    config = BenchConfig(
        url=base_url,
        maker_token=ISSUER.access_token(Identity(tenant, "maker", ("admin",))),
        checker_token=ISSUER.access_token(Identity(tenant, "checker", ("admin",))),
        concurrency=2,
        duration=0.3,
        warmup=0.05,
        operations=OPERATIONS,
        approve_pool=200,
        seed_invoices=10,
        import_invoices=20,
        session_headers=session_cookie(SESSION_SECRET, tenant, "maker"),
    )
    summaries = asyncio.run(run(config))
    assert [s.operation for s in summaries] == list(OPERATIONS)
    assert all(s.count > 0 and s.errors == 0 for s in summaries), summaries
