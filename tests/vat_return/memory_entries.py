"""The return entries in memory: a ReturnEntryQueries the tests fill with the entries they need.

The entries projection is the registers' (built alongside); the return reads it only through this port,
so its tests state the entries of a period directly and check what the return makes of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from hisab.kernel.money import ZERO
from hisab.vat_return.application.entry_ports import NoteSum
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from tests.fakes_vat_entries import chosen_entries, documents_by_type, sums_by_note

CUSTOMER = Counterparty("party-1", "Rahim Builders Ltd", "Dhanmondi, Dhaka", "001745707-0402", None)


class MemoryReturnEntries:
    def __init__(self) -> None:
        self._entries: dict[str, list[ReturnEntry]] = {}

    def add(self, tenant_id: str, entries: Iterable[ReturnEntry]) -> None:
        self._entries.setdefault(tenant_id, []).extend(entries)

    def _of(self, tenant_id: str, start: date, end: date) -> list[ReturnEntry]:
        found = [e for e in self._entries.get(tenant_id, []) if start <= e.entry_date <= end]
        return sorted(found, key=lambda e: (e.entry_date, e.document_number, e.line_id))

    async def note_sums(self, tenant_id: str, start: date, end: date) -> dict[int, NoteSum]:
        return sums_by_note(self._of(tenant_id, start, end))

    async def entries(
        self,
        tenant_id: str,
        start: date,
        end: date,
        *,
        notes: frozenset[int] | None = None,
        register: Register | None = None,
        per_note: int | None = None,
    ) -> list[ReturnEntry]:
        return chosen_entries(self._of(tenant_id, start, end), notes, register, per_note)

    async def documents(self, tenant_id: str, start: date, end: date) -> dict[DocumentType, int]:
        return documents_by_type(self._of(tenant_id, start, end))


_BASE = ReturnEntry(
    document_type=DocumentType.INVOICE,
    document_id="inv-1",
    line_id="line-1",
    entry_date=date(2026, 7, 10),
    document_number="HO/2026-27/000001",
    document_date=date(2026, 7, 10),
    issued_at=datetime(2026, 7, 10, 6, 0),
    reference=None,
    reference_date=None,
    counterparty=CUSTOMER,
    description="Construction works",
    code="S004.00",
    quantity=Decimal(1),
    unit=None,
    value=ZERO,
    supplementary_duty=ZERO,
    vat=ZERO,
    creditable_vat=ZERO,
    vat_category="STANDARD",
    vat_rate=Decimal(15),
    imported=False,
    note=4,
    register=Register.SALES,
)


def entry(
    note: int, value: str = "0", vat: str = "0", *, sd: str = "0", creditable: str = "0", **changes: object
) -> ReturnEntry:
    """An entry of `note` with these amounts (Taka as text), the rest as a July 2026 sale."""
    return replace(
        _BASE,
        note=note,
        value=Decimal(value),
        vat=Decimal(vat),
        supplementary_duty=Decimal(sd),
        creditable_vat=Decimal(creditable),
        **changes,  # type: ignore[arg-type]
    )
