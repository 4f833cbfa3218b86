"""`hisab bench`: measure a running server with the standard workload."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from hisab.access.adapters.tokens import Identity
from hisab.benchmark.journal_seed import JournalSeedPlan, seed_journal
from hisab.benchmark.report import as_json, table, verdict
from hisab.benchmark.runner import BenchConfig, run
from hisab.benchmark.seed import SeedPlan, seed
from hisab.benchmark.targets import DEFAULT_TARGETS, load_targets
from hisab.benchmark.web_workload import session_cookie
from hisab.benchmark.workload import OPERATIONS
from hisab.bootstrap import Rules, open_database, services_for
from hisab.cli.token import issuer_or_fail
from hisab.config import Settings
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.infrastructure.token_keys import session_secret
from hisab.ledger.application.dependencies import Ledger

bench = typer.Typer(help="Benchmark a running Hisab server over HTTP.", no_args_is_help=True)


@bench.command("run")
def run_command(
    url: Annotated[str, typer.Option(help="Base URL of the server.")] = "http://127.0.0.1:8000",
    concurrency: Annotated[list[int], typer.Option(help="Concurrent connections; repeat for several runs.")] = [2, 10],  # noqa: B006
    duration: Annotated[float, typer.Option(help="Measured seconds per operation.")] = 10.0,
    warmup: Annotated[float, typer.Option(help="Unmeasured seconds per operation first.")] = 2.0,
    operations: Annotated[str, typer.Option(help=f"Comma-separated, from: {', '.join(OPERATIONS)}.")] = (
        "create,create10,get,list,approve,party_create,invoice_update,import"
    ),
    tenant: Annotated[str, typer.Option(help="Tenant the benchmark writes to.")] = "bench",
    import_invoices: Annotated[int, typer.Option(min=1, help="Invoices per request of `import`.")] = 10_000,
    targets: Annotated[Path | None, typer.Option(help="TOML targets instead of issue 6's table.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Run the workload at each concurrency; exit 1 if a target is missed."""
    chosen = tuple(op.strip() for op in operations.split(",") if op.strip())
    unknown = [op for op in chosen if op not in OPERATIONS]
    if unknown:
        raise typer.BadParameter(f"unknown operations {unknown}; choose from {', '.join(OPERATIONS)}")
    settings = Settings()
    issuer = issuer_or_fail(settings)
    pages = session_cookie(session_secret(settings), tenant, "bench-maker")
    summaries = []
    for connections in concurrency:
        config = BenchConfig(
            url=url,
            maker_token=issuer.access_token(Identity(tenant, "bench-maker", ("admin",)), 3600),
            checker_token=issuer.access_token(Identity(tenant, "bench-checker", ("admin",)), 3600),
            concurrency=connections,
            duration=duration,
            warmup=warmup,
            operations=chosen,
            import_invoices=import_invoices,
            session_headers=pages,
        )
        summaries.extend(asyncio.run(run(config)))
    goals = load_targets(targets) if targets else DEFAULT_TARGETS
    typer.echo(as_json(summaries, goals) if json_output else table(summaries, goals))
    if any(verdict(s, goals) == "FAIL" for s in summaries):
        raise typer.Exit(code=1)


@bench.command("seed")
def seed_command(
    invoices: Annotated[int, typer.Option(min=0, help="Invoices to add, spread evenly over the tenants.")] = 10_000,
    tenants: Annotated[int, typer.Option(min=1, help="Tenants seed-0000, seed-0001, ...")] = 1,
    batch: Annotated[int, typer.Option(min=1, max=20_000, help="Invoices per transaction.")] = 2000,
    journal_lines: Annotated[
        int, typer.Option(min=0, help="Instead of invoices: posted journal lines for tenant seed-0000.")
    ] = 0,
) -> None:
    """Add realistic invoices, a third issued and some of those credited (or posted journal entries instead),
    through the event store and the projections."""
    settings = Settings()
    if not settings.database_url.startswith("postgresql"):
        raise typer.BadParameter("seeding is for PostgreSQL: set HISAB_DATABASE_URL to the service role's URL")
    if journal_lines:
        _seed_journal(settings, JournalSeedPlan(journal_lines))
        return
    plan = SeedPlan(invoices=invoices, tenants=tenants, batch=batch)
    seconds = asyncio.run(
        seed(settings.database_url, plan, load_rate_table(settings.vat_rates_file), _progress(invoices, "invoices"))
    )
    issued, credited = plan.totals()
    typer.echo(
        f"seeded {invoices:,} invoices ({issued:,} issued, {credited:,} of them with a credit note) "
        f"in {tenants} tenant(s) in {seconds:.1f} s ({invoices / seconds:,.0f}/s)"
    )


def _seed_journal(settings: Settings, plan: JournalSeedPlan) -> None:
    async def seeding() -> float:
        database = await open_database(settings)
        try:
            ledger = services_for(database, Rules.from_settings(settings)).get(Ledger)
            return await seed_journal(plan, ledger, _progress(plan.lines, "journal lines"))
        finally:
            await database.close()

    seconds = asyncio.run(seeding())
    typer.echo(
        f"seeded {plan.lines:,} posted journal lines in {plan.tenant} in {seconds:.1f} s "
        f"({plan.lines / seconds:,.0f}/s)"
    )


def _progress(total: int, noun: str) -> Callable[[int], None]:
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if done % 100_000 < count or done == total:
            typer.echo(f"{done:,} {noun}", err=True)

    return report
