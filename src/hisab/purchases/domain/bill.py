"""A bill received as its events leave it: each line's figures after the supplier's notes against it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Protocol

from hisab.kernel.money import ZERO
from hisab.purchases.domain.events import (
    BillLine,
    BillRecorded,
    SupplierNoteKind,
    SupplierNoteRecorded,
    SupplierSnapshot,
)


class Figured(Protocol):
    """A line's amounts: a bill line's, or what a supplier's note changes of one."""

    @property
    def value(self) -> Decimal: ...

    @property
    def supplementary_duty(self) -> Decimal: ...

    @property
    def vat(self) -> Decimal: ...

    @property
    def creditable_vat(self) -> Decimal: ...


class Totals:
    """The sums of `lines`, for a bill and for a supplier's note alike."""

    __slots__ = ()
    lines: tuple[Figured, ...]

    @property
    def value(self) -> Decimal:
        return sum((line.value for line in self.lines), ZERO)

    @property
    def supplementary_duty(self) -> Decimal:
        return sum((line.supplementary_duty for line in self.lines), ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((line.vat for line in self.lines), ZERO)

    @property
    def creditable_vat(self) -> Decimal:
        return sum((line.creditable_vat for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        """Value + SD + VAT: for a bill, what the tenant owes the supplier after its notes, before any withholding."""
        return self.value + self.supplementary_duty + self.vat


@dataclass(frozen=True, slots=True)
class BillLineNow:
    """A bill line as recorded (`recorded`) and as the notes since leave it."""

    recorded: BillLine
    quantity: Decimal
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.value + self.supplementary_duty + self.vat


@dataclass(frozen=True, slots=True)
class Bill(Totals):
    recorded: BillRecorded
    lines: tuple[BillLineNow, ...]
    notes: tuple[SupplierNoteRecorded, ...]

    @property
    def bill_id(self) -> str:
        return self.recorded.bill_id

    @property
    def supplier(self) -> SupplierSnapshot:
        return self.recorded.supplier

    @property
    def received_date(self) -> date:
        return self.recorded.received_date

    def line(self, line_id: str) -> BillLineNow | None:
        return next((line for line in self.lines if line.recorded.line_id == line_id), None)

    @classmethod
    def from_events(cls, events: Iterable[object]) -> Bill:
        bill: Bill | None = None
        for event in events:
            if isinstance(event, BillRecorded):
                lines = tuple(
                    BillLineNow(line, line.quantity, line.value, line.supplementary_duty, line.vat, line.creditable_vat)
                    for line in event.lines
                )
                bill = cls(event, lines, ())
            elif isinstance(event, SupplierNoteRecorded) and bill is not None:
                bill = bill._noted(event)
        if bill is None:
            raise ValueError("a bill's stream starts with BillRecorded")
        return bill

    def _noted(self, note: SupplierNoteRecorded) -> Bill:
        sign = Decimal(-1) if note.kind is SupplierNoteKind.CREDIT else Decimal(1)
        changes = {change.line_id: change for change in note.lines}
        lines = []
        for line in self.lines:
            change = changes.get(line.recorded.line_id)
            if change is None:
                lines.append(line)
                continue
            lines.append(
                replace(
                    line,
                    quantity=line.quantity + sign * (change.quantity or ZERO),
                    value=line.value + sign * change.value,
                    supplementary_duty=line.supplementary_duty + sign * change.supplementary_duty,
                    vat=line.vat + sign * change.vat,
                    creditable_vat=line.creditable_vat + sign * change.creditable_vat,
                )
            )
        return replace(self, lines=tuple(lines), notes=(*self.notes, note))
