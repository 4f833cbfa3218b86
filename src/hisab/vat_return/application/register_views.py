"""The purchase and sales registers (Mushak-6.1, 6.2) as the API and the downloads show them, and what they read.

A register is the entries of its book over a period, in date order, each a numbered row with the columns
of bangladesh-vat-returns.md §2. The stock columns (opening, production, closing) are not kept: a service
business leaves them empty (UNCERTAIN, open question 11; docs/vat-registers.md).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from hisab.kernel.errors import InvalidCursorError
from hisab.vat_return.application.entry_ports import ReturnEntryQueries
from hisab.vat_return.domain.entries import DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry

_REFUSED = "the cursor is not one this service issued"


@dataclass(frozen=True, slots=True, order=True)
class RegisterKey:
    """Where a row stands in its register: the order of the rows, and the keyset page's cursor."""

    entry_date: date
    document_number: str
    document_type: str
    document_id: str
    position: int

    @classmethod
    def of(cls, positioned: PositionedEntry) -> RegisterKey:
        entry = positioned.entry
        return cls(
            entry.entry_date, entry.document_number, entry.document_type.value, entry.document_id, positioned.position
        )

    def encode(self, register: Register) -> str:
        raw = [register.value, self.entry_date.isoformat(), self.document_number, self.document_type,
               self.document_id, self.position]  # fmt: skip
        return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode()

    @classmethod
    def decode(cls, cursor: str, register: Register) -> RegisterKey:
        """The key a cursor of this register stands for; a cursor of the other register is refused."""
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
            book, day, number, document_type, document_id, position = raw
            if book != register.value or not isinstance(position, int) or isinstance(position, bool):
                raise InvalidCursorError(_REFUSED)
            return cls(date.fromisoformat(day), str(number), str(document_type), str(document_id), position)
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
            raise InvalidCursorError(_REFUSED) from error


@dataclass(frozen=True, slots=True)
class RegisterEntryPage:
    entries: list[PositionedEntry]
    has_next_page: bool
    total_count: int
    # How many rows of the period come before the page: its first row's serial is one more.
    before: int


@dataclass(frozen=True, slots=True)
class DocumentSum:
    """A register's entries of one kind of document over a period, summed as the entries are signed."""

    document_type: DocumentType
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal


class RegisterQueries(Protocol):
    async def register_page(
        self, tenant_id: str, register: Register, start: date, end: date, first: int, after: RegisterKey | None
    ) -> RegisterEntryPage:
        """At most `first` entries of the register dated `start` to `end`, in RegisterKey order, after `after`."""

    async def register_sums(self, tenant_id: str, register: Register, start: date, end: date) -> list[DocumentSum]:
        """The register's entries of the period summed by document type, in one query."""


class RemarkKind(StrEnum):
    CREDIT_NOTE = "CREDIT_NOTE"  # our 6.7 on an invoice
    DEBIT_NOTE = "DEBIT_NOTE"  # our 6.8 on an invoice
    CANCELLED = "CANCELLED"  # an issued invoice cancelled: its lines undone
    MISSING_BUYER_ID = "MISSING_BUYER_ID"  # a buyer with neither BIN nor NID (the 6.2's footnote asks for one)
    SUPPLIER_CREDIT_NOTE = "SUPPLIER_CREDIT_NOTE"  # a supplier's 6.7 against a bill
    SUPPLIER_DEBIT_NOTE = "SUPPLIER_DEBIT_NOTE"  # a supplier's 6.8 against a bill
    IMPORT = "IMPORT"  # bought on a bill of entry
    INPUT_CREDIT_NOT_TAKEN = "INPUT_CREDIT_NOT_TAKEN"  # VAT charged, none of it credited


@dataclass(frozen=True, slots=True)
class Remark:
    kind: RemarkKind
    # The document the remark cites: the invoice a note adjusts, the supplier's 6.3 a note is against.
    reference: str | None = None
    reference_date: date | None = None


@dataclass(frozen=True, slots=True)
class RegisterRow:
    serial: int
    cursor: str
    document_type: DocumentType
    entry_date: date
    counterparty_name: str
    counterparty_address: str | None
    bin: str | None
    nid: str | None
    # Columns 5-6 of the 6.1 (the supplier's invoice or the bill of entry), 12-13 of the 6.2 (our invoice or note).
    document_number: str
    document_date: date
    # The sales register prints the time of issue beside the date.
    issued_at: datetime | None
    description: str
    code: str | None
    quantity: Decimal | None
    unit: str | None
    # Signed as the register counts them: a credit note's are negative.
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal
    remarks: tuple[Remark, ...]
    missing_buyer_id: bool
    entry: ReturnEntry


@dataclass(frozen=True, slots=True)
class RegisterTotals:
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal


@dataclass(frozen=True, slots=True)
class RegisterPage:
    register: Register
    start: date
    end: date
    rows: list[RegisterRow]
    has_next_page: bool
    total_count: int
    # Over the whole period, not the page.
    totals: RegisterTotals


class ReturnEntryReads(ReturnEntryQueries, RegisterQueries, Protocol):
    """Both reads of the entries projection: the return's (sums, sub-forms) and the registers' (pages, totals)."""
