"""The load generator: an aiohttp client with one kept-alive connection per worker.

aiohttp parses HTTP in C, so the client spends little CPU per request; each phase also
reports the client's own CPU share, so a run can tell whether the client was the bottleneck.
"""

from __future__ import annotations

import asyncio
import resource
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp

from hisab.benchmark.note_workload import (
    ISSUED_INVOICES,
    NOTED_INVOICES,
    CreditQueue,
    creditable,
    creditable_lines,
    noted_invoice_ids,
)
from hisab.benchmark.receivables_workload import OPEN_INVOICES, RECEIVABLE_OPERATIONS, ReceiptQueue, open_invoices
from hisab.benchmark.stats import Summary, summarize
from hisab.benchmark.web_workload import PAGE_OPERATIONS
from hisab.benchmark.workload import ACCOUNT_LEDGER, POST_JOURNAL_ENTRY, WorkloadState, import_csv, ledger_page
from hisab.kernel.fiscal_year import BANGLADESH_TIME


@dataclass(frozen=True, slots=True)
class BenchConfig:
    url: str
    maker_token: str
    checker_token: str
    concurrency: int
    duration: float
    warmup: float
    operations: tuple[str, ...]
    approve_pool: int = 2000
    seed_invoices: int = 200
    # Invoices per request of `import`: issue 11 asks for 10,000 in one request.
    import_invoices: int = 10_000
    # `account_ledger_deep` fetches the page after this many pages of 50 (issue 12: page 1,000).
    ledger_deep_pages: int = 999
    # `credit_note_issue` credits the lines of this many issued invoices in turn (issuing them if need be).
    note_pool: int = 2000
    # `receipt_record` pays this many open invoices in turn; `customer_statement` is of their customers.
    receipt_pool: int = 2000
    # The pages' session cookie (`page_*` operations): a signed-in user of the benchmark's tenant.
    session_headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Phase:
    latencies: list[float]
    errors: int = 0


async def run(config: BenchConfig) -> list[Summary]:
    """Prepare data, then run each operation for a warm-up and a measured period."""
    connector = aiohttp.TCPConnector(limit=config.concurrency, force_close=False)
    async with aiohttp.ClientSession(base_url=config.url, connector=connector) as session:
        state = WorkloadState()
        # The seeded invoices stay drafts (approvals get pools of their own): corrections edit them.
        state.editable = await _fill(session, config, state, config.seed_invoices)
        summaries = []
        for operation in config.operations:
            for measured in (False, True):
                await _prepare(session, config, state, operation)
                if measured:
                    summaries.append(await _measured(session, config, state, operation))
                else:
                    await _phase(session, config, state, operation, config.warmup)
        return summaries


async def _prepare(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, op: str) -> None:
    """What an operation needs before each of its periods, found or made unmeasured."""
    if op == "account_ledger_deep" and state.deep_cursor is None:
        state.deep_cursor = await _walk_ledger(session, config)
    if op == "credit_note_issue" and state.credits is None:
        state.credits = await _creditable(session, config, state)
    if op == "invoice_with_notes_get" and not state.noted:
        state.noted = await _noted_invoices(session, config)
    if op in RECEIVABLE_OPERATIONS and state.receipts is None:
        state.today = datetime.now(BANGLADESH_TIME).date().isoformat()
        state.receipts = ReceiptQueue(await _open_invoices(session, config))
    if op == "approve":
        # Approvals use drafts up; each period starts with a fresh pool, made beforehand.
        state.drafts = await _fill(session, config, state, config.approve_pool)


async def _measured(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, op: str) -> Summary:
    cpu_before, started = _cpu_seconds(), time.perf_counter()
    phase = await _phase(session, config, state, op, config.duration)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
    per_request = config.import_invoices if op == "import" else 1
    return summarize(op, config.concurrency, phase.latencies, phase.errors, elapsed, cpu, per_request)


async def _fill(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, count: int) -> list[str]:
    """Create `count` one-line invoices before measuring, as fast as the server allows; return their ids."""
    first = len(state.created)
    remaining = iter(range(count))

    async def worker() -> None:
        for _ in remaining:
            await _send(session, config, state, "create")

    await asyncio.gather(*(worker() for _ in range(config.concurrency)))
    return state.created[first:]


async def _phase(
    session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, op: str, seconds: float
) -> _Phase:
    phase = _Phase([])
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            outcome = await _send(session, config, state, op)
            if outcome is None:
                return
            phase.latencies.append(time.perf_counter() - started)
            phase.errors += 0 if outcome else 1

    await asyncio.gather(*(worker() for _ in range(config.concurrency)))
    return phase


async def _send(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, op: str) -> bool | None:
    """One request (two for `journal_post`); True if it succeeded, False if not, None if the workload ran dry."""
    request = state.request(op)
    if request is None:
        return None
    query, variables = request
    token = config.checker_token if op == "approve" else config.maker_token
    if op in PAGE_OPERATIONS:
        return await _page(session, query, config.session_headers)
    if op == "import":
        headers = {"Authorization": f"Bearer {token}"}
        return await _upload(session, query, import_csv(config.import_invoices, variables["batch"]), headers)
    data = await _graphql(session, query, variables, token)
    if data is None:
        return False
    if op in ("create", "create10"):
        state.created.append(data["createInvoice"]["id"])
    if op == "journal_post":
        # Maker-checker: the draft's maker may not post it, so the second user does.
        entry = {"id": data["createJournalEntry"]["id"]}
        return await _graphql(session, POST_JOURNAL_ENTRY, entry, config.checker_token) is not None
    return True


async def _graphql(
    session: aiohttp.ClientSession, query: str, variables: dict[str, Any], token: str
) -> dict[str, Any] | None:
    """The response's data, or None if the request failed or answered with errors."""
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with session.post("/graphql", json={"query": query, "variables": variables}, headers=headers) as reply:
            body: dict[str, Any] = await reply.json()
    except (aiohttp.ClientError, ValueError):
        return None
    if reply.status != 200 or body.get("errors"):
        return None
    data: dict[str, Any] = body["data"]
    return data


async def _walk_ledger(session: aiohttp.ClientSession, config: BenchConfig) -> str | None:
    """Page through the account's ledger once: the cursor after `ledger_deep_pages` pages, or after its
    last page if it has fewer (then `account_ledger_deep` measures a shallower page; the seeded books
    of docs/performance.md have over 2,000), None if it has no lines."""
    cursor: str | None = None
    for page in range(config.ledger_deep_pages):
        data = await _graphql(session, ACCOUNT_LEDGER, ledger_page(cursor), config.maker_token)
        if data is None:
            raise RuntimeError(f"page {page + 1} of the account ledger failed")
        info = data["accountLedger"]["pageInfo"]
        cursor = info["endCursor"] or cursor
        if not info["hasNextPage"]:
            break
    return cursor


async def _creditable(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState) -> CreditQueue:
    """The lines of `note_pool` issued invoices that can still be credited. A tenant with fewer (one not
    seeded) first gets the rest, up to an approval pool of them, created and approved as `create` and
    `approve` do, unmeasured."""
    invoices = await _issued_invoices(session, config)
    missing = min(config.note_pool - len(invoices), config.approve_pool)
    if missing > 0:
        state.drafts = await _fill(session, config, state, missing)
        await _drain(session, config, state, "approve")
        invoices = await _issued_invoices(session, config)
    return CreditQueue(creditable_lines(invoices))


async def _issued_invoices(session: aiohttp.ClientSession, config: BenchConfig) -> list[dict[str, Any]]:
    """Up to `note_pool` of the newest issued invoices with a line left to credit, with their lines."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    while len(found) < config.note_pool:
        data = await _graphql(session, ISSUED_INVOICES, {"after": cursor}, config.maker_token)
        if data is None:
            raise RuntimeError(f"reading the issued invoices failed after {len(found)}")
        page = data["invoices"]
        found += [edge["node"] for edge in page["edges"] if creditable(edge["node"])]
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    return found[: config.note_pool]


async def _noted_invoices(session: aiohttp.ClientSession, config: BenchConfig) -> list[str]:
    data = await _graphql(session, NOTED_INVOICES, {}, config.maker_token)
    if data is None:
        raise RuntimeError("reading the credit notes failed")
    return noted_invoice_ids(data)


async def _open_invoices(session: aiohttp.ClientSession, config: BenchConfig) -> list[Any]:
    """Up to `receipt_pool` of the newest issued invoices that still owe something."""
    found: list[Any] = []
    cursor: str | None = None
    while len(found) < config.receipt_pool:
        data = await _graphql(session, OPEN_INVOICES, {"after": cursor}, config.maker_token)
        if data is None:
            raise RuntimeError(f"reading the open invoices failed after {len(found)}")
        found += open_invoices(data)
        info = data["invoiceBalances"]["pageInfo"]
        if not info["hasNextPage"]:
            break
        cursor = info["endCursor"]
    return found[: config.receipt_pool]


async def _drain(session: aiohttp.ClientSession, config: BenchConfig, state: WorkloadState, op: str) -> None:
    """Send `op` until the workload runs dry (approving every draft of a pool), unmeasured."""

    async def worker() -> None:
        while await _send(session, config, state, op) is not None:
            pass

    await asyncio.gather(*(worker() for _ in range(config.concurrency)))


async def _page(session: aiohttp.ClientSession, path: str, headers: dict[str, str]) -> bool:
    """One page as a browser gets it: a success is a 200 with the whole HTML read."""
    try:
        async with session.get(path, headers=headers, allow_redirects=False) as reply:
            await reply.read()
    except aiohttp.ClientError:
        return False
    return reply.status == 200


async def _upload(session: aiohttp.ClientSession, path: str, content: str, headers: dict[str, str]) -> bool:
    try:
        async with session.post(path, data=content.encode(), headers={**headers, "Content-Type": "text/csv"}) as reply:
            await reply.read()
    except aiohttp.ClientError:
        return False
    return reply.status == 201


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
