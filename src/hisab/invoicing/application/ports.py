"""What invoicing asks of its read model."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from hisab.invoicing.application.approval_views import PendingApprovalView
from hisab.invoicing.application.item_views import ItemView
from hisab.invoicing.application.note_views import NoteView
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.invoicing.domain.notes import NoteKind
from hisab.invoicing.domain.party import PartyKind

if TYPE_CHECKING:
    # parties.py imports this module (through dependencies.py) for the port it implements.
    from hisab.invoicing.application.parties import PartyView


@dataclass(frozen=True, slots=True)
class InvoiceFilter:
    statuses: tuple[InvoiceStatus, ...] = ()
    customer_id: str | None = None
    vendor_id: str | None = None
    fiscal_year: int | None = None
    invoice_date_from: date | None = None
    invoice_date_to: date | None = None
    # The grand total, both bounds included.
    min_total: Decimal | None = None
    max_total: Decimal | None = None
    mushak_number: str | None = None
    customer_party_id: str | None = None
    # Part of the internal number, the Mushak serial, the customer id or the buyer's name.
    search: str | None = None
    # How far it is paid (UNPAID, PARTIALLY_PAID, PAID, WRITTEN_OFF), and whether something is owed
    # past the due date on a day: invoicing keeps no payments, so the receivables context answers these.
    payment_statuses: tuple[str, ...] = ()
    overdue_on: date | None = None
    # Issued, or cancelled, on a Dhaka day from the first to the second (both included): a tax period's.
    issued_between: tuple[date, date] | None = None
    cancelled_between: tuple[date, date] | None = None


@dataclass(frozen=True, slots=True)
class InvoicePage:
    invoices: list[InvoiceView]
    has_next_page: bool
    total_count: int


class InvoiceQueries(Protocol):
    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None: ...

    async def get_many(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceView]:
        """The invoices of these ids that exist, by id, with their lines, in one round of queries."""

    async def by_number(self, tenant_id: str, number: str) -> InvoiceView | None:
        """The invoice whose internal number or Mushak serial is `number`."""

    async def list(self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None) -> InvoicePage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""


@dataclass(frozen=True, slots=True)
class PartyFilter:
    # A party matches when it is of any of these kinds (none: every kind).
    kinds: tuple[PartyKind, ...] = ()
    # Part of the code, either name or the BIN, as `search_term` spells it.
    search: str | None = None
    active: bool | None = None


@dataclass(frozen=True, slots=True)
class PartyPage:
    parties: list[PartyView]
    has_next_page: bool
    total_count: int


class PartyQueries(Protocol):
    async def get(self, tenant_id: str, party_id: str) -> PartyView | None: ...

    async def get_many(self, tenant_id: str, party_ids: Sequence[str]) -> dict[str, PartyView]:
        """The parties of these ids that exist, by id, in one query."""

    async def list(self, tenant_id: str, filter: PartyFilter, first: int, after_sequence: int | None) -> PartyPage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""


@dataclass(frozen=True, slots=True)
class ItemFilter:
    # Matches the code, either name (case-insensitively) or the HS or service code, anywhere in them.
    search: str | None = None
    active: bool | None = None


@dataclass(frozen=True, slots=True)
class ItemPage:
    items: list[ItemView]
    has_next_page: bool
    total_count: int


class ItemQueries(Protocol):
    async def get(self, tenant_id: str, item_id: str) -> ItemView | None: ...

    async def get_many(self, tenant_id: str, item_ids: Sequence[str]) -> dict[str, ItemView]:
        """The items of these ids that exist, by id, in one query."""

    async def list(self, tenant_id: str, filter: ItemFilter, first: int, after_sequence: int | None) -> ItemPage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""


@dataclass(frozen=True, slots=True)
class PendingApprovalPage:
    entries: list[PendingApprovalView]
    has_next_page: bool
    total_count: int


class ApprovalQueueQueries(Protocol):
    async def pending(
        self, tenant_id: str, user_id: str, roles: frozenset[str], first: int, after_sequence: int | None
    ) -> PendingApprovalPage:
        """What `user_id`, holding `roles`, may approve now: the current level's role is one of `roles` (or the
        level was delegated to the user), the user did not make the invoice nor approve an earlier level of it.
        Newest first (by `sequence`), strictly after the given sequence when one is given."""


@dataclass(frozen=True, slots=True)
class NoteFilter:
    kind: NoteKind
    invoice_id: str | None = None
    # The note's date, both bounds included.
    date_from: date | None = None
    date_to: date | None = None
    customer_id: str | None = None
    customer_party_id: str | None = None


@dataclass(frozen=True, slots=True)
class NotePage:
    notes: list[NoteView]
    has_next_page: bool
    total_count: int


class NoteQueries(Protocol):
    async def get(self, tenant_id: str, note_id: str) -> NoteView | None: ...

    async def list(self, tenant_id: str, filter: NoteFilter, first: int, after_sequence: int | None) -> NotePage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""

    async def of_invoices(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, builtins.list[NoteView]]:
        """The notes of each of these invoices (of both kinds, oldest first), in one query."""
