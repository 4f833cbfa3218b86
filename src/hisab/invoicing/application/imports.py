"""Bulk import: a whole file validated first, then written in batches through the batch write path.

All or none, as far as one request can promise it: every row is checked before anything is
written, so a file with any error writes nothing. The records are then written in batches of
`batch_size`, each batch in one transaction with the `ImportBatchWritten` that counts it. A crash
between batches leaves the import RUNNING at its last committed batch, and the same upload
retried with the same Idempotency-Key resumes there; nothing is written twice.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import NewStream, Transaction
from hisab.event_store.streams import Decide, DecideStreams, Idempotency, appending
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.import_invoice_rows import InvoiceRecord, Masters, named_codes, read_invoices
from hisab.invoicing.application.import_rows import (
    ImportRejectedError,
    ItemRecord,
    PartyRecord,
    Table,
    read_items,
    read_parties,
    taken_code_errors,
)
from hisab.invoicing.application.import_views import ImportQueries, ImportView, project_import
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.imports import Import, ImportKind, ImportStarted, ImportStatus
from hisab.invoicing.domain.invoice import open_invoice
from hisab.invoicing.domain.item import ItemRegistered
from hisab.invoicing.domain.numbering import format_invoice_number, invoice_number_series
from hisab.invoicing.domain.party import register_party
from hisab.invoicing.domain.references import RegisteredItem, RegisteredParty
from hisab.kernel.errors import ConcurrencyError, ConflictError, InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.handler_telemetry import traced_handler
from hisab.kernel.telemetry import Telemetry

NOUN = "import"
Record = PartyRecord | ItemRecord | InvoiceRecord
DEFAULT_BATCH_SIZE = 500
RECENT_IMPORTS = 20


@dataclass(frozen=True, slots=True)
class Imports:
    """What the import use cases are given: invoicing's own dependencies, and the imports' read model."""

    invoicing: Invoicing
    imports: ImportQueries
    batch_size: int = DEFAULT_BATCH_SIZE
    telemetry: Telemetry = field(default_factory=Telemetry)


@dataclass(frozen=True, slots=True)
class StartImport:
    kind: ImportKind
    table: Table
    # The file's bytes, digested: what tells a retried upload from another file under the same key.
    file_sha256: str
    idempotency_key: str | None = None

    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.kind.value}:{self.file_sha256}".encode()).hexdigest()


class ImportInterruptedError(ConflictError):
    """A batch was refused when written; the batches before it stay, and the import is FAILED."""


def _view_id(view: ImportView) -> str:
    return view.import_id


@traced_handler("import_file", NOUN, found_in=_view_id)
async def import_file(command: StartImport, actor: Actor, imports: Imports) -> ImportView:
    """Validate the whole file, then write what the import has not written yet; the import as it ends."""
    invoicing = imports.invoicing
    key = command.idempotency_key
    idempotency = Idempotency(key, command.fingerprint()) if key is not None else None
    # A key used for another file is refused first, whether or not this file is valid.
    history = await invoicing.streams.answered(actor.tenant_id, idempotency) if idempotency else None
    records = await _read(command, actor, imports)
    if history:
        current = Import.from_events(s.event for s in history)
        if current.status is ImportStatus.COMPLETED:
            return project_import(history)
        import_id, processed = current.import_id, current.processed
    else:
        import_id, processed = invoicing.new_id(), 0
    try:
        await _ensure_codes_free(command.kind, records[processed:], actor, imports)
    except ImportRejectedError:
        # A retry while the first upload still writes finds that upload's own codes taken.
        if history and Import.from_events(await _events(import_id, actor, imports)).processed != processed:
            raise _busy(import_id) from None
        raise
    if not history:
        started = ImportStarted(import_id, command.kind, command.file_sha256, len(records), len(command.table.rows))
        recorded = await invoicing.streams.start(actor, lambda: import_id, appending([started]), idempotency)
        # A concurrent first upload under the same key won the race: this one resumes that import.
        current = Import.from_events(s.event for s in recorded.stream)
        import_id, processed = current.import_id, current.processed
    return await _write(import_id, records, processed, actor, imports)


async def get_import(import_id: str, actor: Actor, imports: Imports) -> ImportView:
    ensure_plausible_id(import_id, NOUN)
    view = await imports.imports.get(actor.tenant_id, import_id)
    if view is None:
        raise NotFoundError(f"import {import_id} not found")
    return view


async def recent_imports(actor: Actor, imports: Imports) -> list[ImportView]:
    return await imports.imports.recent(actor.tenant_id, RECENT_IMPORTS)


async def _read(command: StartImport, actor: Actor, imports: Imports) -> Sequence[Record]:
    invoicing = imports.invoicing
    if command.kind is ImportKind.PARTIES:
        return read_parties(command.table)
    if command.kind is ImportKind.ITEMS:
        # An item's rate is checked against the table in force today in Dhaka, as `createItem` does.
        return read_items(command.table, invoicing.rates, invoicing.clock().astimezone(BANGLADESH_TIME).date())
    return read_invoices(command.table, invoicing.rates, await _masters(command.table, actor, imports))


async def _masters(table: Table, actor: Actor, imports: Imports) -> Masters:
    """The parties and items the file names by code, read before anything is written, as `createInvoice` does."""
    invoicing, tenant_id = imports.invoicing, actor.tenant_id
    customer_codes, item_codes = named_codes(table)
    party_ids = await imports.imports.ids_by_code(tenant_id, ImportKind.PARTIES, sorted(customer_codes))
    item_ids = await imports.imports.ids_by_code(tenant_id, ImportKind.ITEMS, sorted(item_codes))
    parties = await invoicing.parties.get_many(tenant_id, list(party_ids.values())) if party_ids else {}
    items = await invoicing.items.get_many(tenant_id, list(item_ids.values())) if item_ids else {}
    policy = await invoicing.taxpayer.settings.get(tenant_id)
    return Masters(
        customers={v.details.code: RegisteredParty(v.party_id, v.details, v.active) for v in parties.values()},
        items={v.details.code: RegisteredItem(v.item_id, v.details, v.active) for v in items.values()},
        registered_customer_required=policy.require_registered_customers,
    )


async def _ensure_codes_free(kind: ImportKind, records: Sequence[Record], actor: Actor, imports: Imports) -> None:
    """Codes unique against the tenant's parties (or items), for the records still to write."""
    coded = [r for r in records if isinstance(r, (PartyRecord, ItemRecord))]
    if not coded:
        return
    taken = await imports.imports.ids_by_code(actor.tenant_id, kind, [r.details.code for r in coded])
    errors = taken_code_errors(coded, set(taken), "party" if kind is ImportKind.PARTIES else "item")
    if errors:
        raise ImportRejectedError(errors)


async def _write(
    import_id: str, records: Sequence[Record], processed: int, actor: Actor, imports: Imports
) -> ImportView:
    streams = imports.invoicing.streams
    last = await streams.read(actor.tenant_id, import_id) if processed >= len(records) else []
    for start in range(processed, len(records), imports.batch_size):
        batch = records[start : start + imports.batch_size]
        try:
            written = await streams.start_many(
                actor, _decide(batch, actor, imports.invoicing), alongside=(import_id, _counting(start, len(batch)))
            )
        except ConcurrencyError as error:
            raise _busy(import_id) from error
        except InvalidInputError as error:
            reason = f"records {start + 1} to {start + len(batch)} could not be written: {error}"
            await streams.change(actor, import_id, _failing(reason), noun=NOUN)
            raise ImportInterruptedError(
                f"{reason}; the {start} records before them are imported, and the same upload with the same "
                "Idempotency-Key resumes from there"
            ) from error
        assert written.alongside is not None
        last = written.alongside.stream
    return project_import(last)


async def _events(import_id: str, actor: Actor, imports: Imports) -> list[DomainEvent]:
    return [s.event for s in await imports.invoicing.streams.read(actor.tenant_id, import_id)]


def _busy(import_id: str) -> ConflictError:
    return ConflictError(
        f"import {import_id} is being written by another request; GET /imports/{import_id} shows its progress"
    )


def _counting(start: int, count: int) -> Decide[Any]:
    """The import's side of a batch: it must still be where this request left it, then counts the batch."""

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        current = Import.from_events(s.event for s in history)
        if current.processed != start:
            raise ConcurrencyError(f"import {current.import_id} is at {current.processed}, not {start}")
        return current.batch_written(count)

    return decide


def _failing(reason: str) -> Decide[Any]:
    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [Import.from_events(s.event for s in history).fail(reason)]

    return decide


def _decide(batch: Sequence[Record], actor: Actor, invoicing: Invoicing) -> DecideStreams[Any]:
    async def decide(transaction: Transaction[Any]) -> Sequence[NewStream]:
        invoices = [r for r in batch if isinstance(r, InvoiceRecord)]
        numbers = await _invoice_numbers(transaction, actor, invoices)
        streams: list[NewStream] = []
        for record in batch:
            stream_id = invoicing.new_id()
            streams.append(NewStream(stream_id, _opening(record, stream_id, numbers)))
        return streams

    return decide


async def _invoice_numbers(
    transaction: Transaction[Any], actor: Actor, invoices: Sequence[InvoiceRecord]
) -> dict[str, str]:
    """Each invoice's number by its ref: one block per invoice date, in the file's order, gapless."""
    counts = Counter(invoice_number_series(r.draft.invoice_date) for r in invoices)
    next_value = await transaction.counters.reserve(actor.tenant_id, counts)
    numbers: dict[str, str] = {}
    for record in invoices:
        series = invoice_number_series(record.draft.invoice_date)
        numbers[record.ref] = format_invoice_number(record.draft.invoice_date, next_value[series])
        next_value[series] += 1
    return numbers


def _opening(record: Record, stream_id: str, numbers: dict[str, str]) -> Sequence[DomainEvent]:
    if isinstance(record, PartyRecord):
        return [register_party(stream_id, record.details)]
    if isinstance(record, ItemRecord):
        return [ItemRegistered(stream_id, record.details)]
    return open_invoice(record.draft, stream_id, numbers[record.ref])
