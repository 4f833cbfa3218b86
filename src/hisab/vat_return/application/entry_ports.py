"""What the registers and the return read of the return entries (the vat_return entries projection)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from hisab.vat_return.domain.entries import DocumentType, Register, ReturnEntry


@dataclass(frozen=True, slots=True)
class NoteSum:
    """A note's entries of a period, summed."""

    note: int
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal
    entries: int


class ReturnEntryQueries(Protocol):
    async def note_sums(self, tenant_id: str, start: date, end: date) -> dict[int, NoteSum]:
        """Every note with entries dated from `start` to `end` (inclusive), summed."""

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
        """The entries of the period (of these notes, or of this register), by date, document number and line;
        with `per_note`, only the first that many of each note (a sub-form's first page)."""

    async def documents(self, tenant_id: str, start: date, end: date) -> dict[DocumentType, int]:
        """How many documents of each type have entries in the period."""
