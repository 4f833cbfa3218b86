"""Bulk import's use case on every backend: batches, a crash between them, the resumed retry."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from dataclasses import replace
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.import_rows import ImportRejectedError, Table, TableRow
from hisab.invoicing.application.imports import (
    ImportInterruptedError,
    Imports,
    StartImport,
    get_import,
    import_file,
    recent_imports,
)
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.application.ports import InvoiceFilter, PartyFilter
from hisab.invoicing.domain.imports import ImportKind, ImportStatus
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import ConflictError, IdempotencyKeyReusedError
from tests.builders import actor, rebuild, services

COLUMNS = ("code", "kind", "legal_name")


def parties(count: int, prefix: str = "C") -> StartImport:
    rows = tuple(
        TableRow(n + 2, {"code": f"{prefix}-{n}", "kind": "CUSTOMER", "legal_name": f"Party {n}"}) for n in range(count)
    )
    return _command(ImportKind.PARTIES, Table(COLUMNS, rows), key=f"{prefix}-{count}")


def invoices(count: int) -> StartImport:
    columns = ("invoice_ref", "vendor_id", "customer_id", "invoice_date", "due_date", "description", "quantity",
               "unit_price")  # fmt: skip
    rows = tuple(
        TableRow(
            n + 2,
            dict(zip(columns, (f"R-{n}", "v-1", "c-1", "2025-01-15", "2025-02-15", "Rods", "2", "100"), strict=True)),
        )
        for n in range(count)
    )
    return _command(ImportKind.INVOICES, Table(columns, rows), key=f"invoices-{count}")


def _command(kind: ImportKind, table: Table, key: str) -> StartImport:
    digest = hashlib.sha256(repr(table).encode()).hexdigest()
    return StartImport(kind, table, digest, key)


def imports_of(database: Database[Any], batch_size: int = 2, fail_after: int | None = None) -> Imports:
    """The import use cases in batches of `batch_size`; with `fail_after`, ids run out (a crash) after that many."""
    wired = services(database).get(Imports)
    issued = itertools.count()

    def new_id() -> str:
        if fail_after is not None and next(issued) >= fail_after:
            raise RuntimeError("the server went away")
        return str(uuid.uuid4())

    return replace(wired, invoicing=replace(wired.invoicing, new_id=new_id), batch_size=batch_size)


async def party_codes(imports: Imports) -> list[str]:
    page = await imports.invoicing.parties.list("tenant-a", PartyFilter(), 100, None)
    return sorted(view.details.code for view in page.parties)


class TestImportContract:
    async def test_an_import_writes_every_batch_and_completes(self, database: Database[Any]) -> None:
        imports = imports_of(database)

        view = await import_file(parties(5), actor(), imports)

        assert (view.status, view.total, view.processed, view.version) == (ImportStatus.COMPLETED, 5, 5, 5)
        assert await get_import(view.import_id, actor(), imports) == view
        assert await recent_imports(actor(), imports) == [view]
        assert await party_codes(imports) == [f"C-{n}" for n in range(5)]
        assert await rebuild(database, verify_only=True) == []

    async def test_a_crash_between_batches_resumes_from_the_last_committed_one(self, database: Database[Any]) -> None:
        # Ids: one for the import, then one per party; the fourth party's id fails its batch (parties 3 and 4).
        with pytest.raises(RuntimeError):
            await import_file(parties(5), actor(), imports_of(database, fail_after=4))
        imports = imports_of(database)
        (interrupted,) = await recent_imports(actor(), imports)
        assert (interrupted.status, interrupted.processed) == (ImportStatus.RUNNING, 2)

        resumed = await import_file(parties(5), actor(), imports)

        assert resumed.import_id == interrupted.import_id
        assert (resumed.status, resumed.processed) == (ImportStatus.COMPLETED, 5)
        assert await party_codes(imports) == [f"C-{n}" for n in range(5)]
        assert await import_file(parties(5), actor(), imports) == resumed

    async def test_another_file_under_the_same_key_is_refused(self, database: Database[Any]) -> None:
        imports = imports_of(database)
        await import_file(parties(3), actor(), imports)

        with pytest.raises(IdempotencyKeyReusedError):
            await import_file(replace(parties(2), idempotency_key="C-3"), actor(), imports)
        broken = replace(parties(2), table=Table(("colour",), ()), idempotency_key="C-3")
        with pytest.raises(IdempotencyKeyReusedError):
            await import_file(broken, actor(), imports)

    async def test_a_taken_code_is_refused_before_anything_is_written(self, database: Database[Any]) -> None:
        imports = imports_of(database)
        await create_party(PartyInput("C-3", (PartyKind.CUSTOMER,), "Early Ltd"), actor(), imports.invoicing)

        with pytest.raises(ImportRejectedError) as refused:
            await import_file(parties(5), actor(), imports)

        assert [(e.row, e.column, e.rule) for e in refused.value.errors] == [(5, "code", "unique")]
        assert await recent_imports(actor(), imports) == []
        assert await party_codes(imports) == ["C-3"]

    async def test_a_batch_refused_when_written_fails_the_import_and_keeps_the_batches_before(
        self, database: Database[Any]
    ) -> None:
        imports = imports_of(database)
        command = parties(5)
        # The code is taken after the file was checked: the parties' unique index refuses the third batch.
        checked = imports.imports.ids_by_code

        async def taken_meanwhile(tenant_id: str, kind: ImportKind, codes: Any) -> dict[str, str]:
            found = await checked(tenant_id, kind, codes)
            await create_party(PartyInput("C-4", (PartyKind.CUSTOMER,), "Quick Ltd"), actor(), imports.invoicing)
            return found

        racing = replace(imports, imports=_Queries(imports.imports, taken_meanwhile))
        with pytest.raises(ImportInterruptedError):
            await import_file(command, actor(), racing)

        (failed,) = await recent_imports(actor(), imports)
        assert (failed.status, failed.processed) == (ImportStatus.FAILED, 4)
        assert failed.reason is not None
        assert "C-4" in failed.reason
        assert await party_codes(imports) == [f"C-{n}" for n in range(5)]

    async def test_a_retry_while_the_first_upload_writes_is_a_conflict(self, database: Database[Any]) -> None:
        with pytest.raises(RuntimeError):
            await import_file(parties(5), actor(), imports_of(database, fail_after=4))
        imports = imports_of(database)
        checked = imports.imports.ids_by_code

        async def first_upload_goes_on(tenant_id: str, kind: ImportKind, codes: Any) -> dict[str, str]:
            await import_file(parties(5), actor(), imports)
            return await checked(tenant_id, kind, codes)

        racing = replace(imports, imports=_Queries(imports.imports, first_upload_goes_on))
        with pytest.raises(ConflictError, match="being written by another request"):
            await import_file(parties(5), actor(), racing)

        assert await party_codes(imports) == [f"C-{n}" for n in range(5)]

    async def test_invoices_are_numbered_gaplessly_across_batches(self, database: Database[Any]) -> None:
        imports = imports_of(database, batch_size=3)

        view = await import_file(invoices(7), actor(), imports)

        page = await imports.invoicing.invoices.list("tenant-a", InvoiceFilter(), 10, None)
        assert view.processed == page.total_count == 7
        assert sorted(v.invoice_number for v in page.invoices) == [f"INV-2025-01-15-{n:06d}" for n in range(1, 8)]
        assert await rebuild(database, verify_only=True) == []


class _Queries:
    """The imports' queries with `ids_by_code` replaced."""

    def __init__(self, inner: Any, ids_by_code: Any) -> None:
        self._inner = inner
        self.ids_by_code = ids_by_code

    async def get(self, tenant_id: str, import_id: str) -> Any:
        return await self._inner.get(tenant_id, import_id)

    async def recent(self, tenant_id: str, limit: int) -> Any:
        return await self._inner.recent(tenant_id, limit)
