"""The purchase register (Mushak-6.1) and the sales register (Mushak-6.2) of a period, page by page or whole.

The rows are the return entries of the register's book; the registers add what an entry does not keep:
its serial in the period, the sign the register counts it with, the remarks, and an unregistered buyer's
NID, which the party master holds (invoicing's PartyQueries), not the invoice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.event_store.messages import Actor
from hisab.invoicing.application.ports import PartyQueries
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import ZERO
from hisab.vat_return.application.register_views import (
    RegisterEntryPage,
    RegisterKey,
    RegisterPage,
    RegisterRow,
    RegisterTotals,
    Remark,
    RemarkKind,
    ReturnEntryReads,
)
from hisab.vat_return.domain.entries import DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry
from hisab.vat_return.domain.entry_rules import register_sign

# The cap of every page the API returns (api/graphql/limits.py counts a query's cost by it).
MAX_PAGE_SIZE = 100
# A download reads the period in pages of this many rows.
_DOWNLOAD_PAGE = 1000
# A register is kept per tax period; a year and a day is the longest span a download may cover.
MAX_PERIOD_DAYS = 366
_REMARKS = {
    DocumentType.CREDIT_NOTE: RemarkKind.CREDIT_NOTE,
    DocumentType.DEBIT_NOTE: RemarkKind.DEBIT_NOTE,
    DocumentType.INVOICE_CANCELLATION: RemarkKind.CANCELLED,
    DocumentType.SUPPLIER_CREDIT_NOTE: RemarkKind.SUPPLIER_CREDIT_NOTE,
    DocumentType.SUPPLIER_DEBIT_NOTE: RemarkKind.SUPPLIER_DEBIT_NOTE,
}


@dataclass(frozen=True, slots=True)
class Registers:
    """What the registers' use cases are given."""

    entries: ReturnEntryReads
    parties: PartyQueries


def check_period(start: date, end: date) -> None:
    if start > end:
        raise InvalidInputError.single("from", "after_to", f"the period starts {start}, after its end {end}")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise InvalidInputError.single("to", "period_length", f"a register covers at most {MAX_PERIOD_DAYS} days")


async def register_page(
    register: Register,
    start: date,
    end: date,
    first: int,
    after: str | None,
    actor: Actor,
    registers: Registers,
) -> RegisterPage:
    """One keyset page of the register, with the period's totals."""
    check_period(start, end)
    if first < 0:
        raise InvalidInputError.single("first", "non_negative", "first must not be negative")
    key = RegisterKey.decode(after, register) if after else None
    tenant_id = actor.tenant_id
    page = await registers.entries.register_page(tenant_id, register, start, end, min(first, MAX_PAGE_SIZE), key)
    rows = await _rows(register, page, tenant_id, registers)
    totals = await register_totals(register, start, end, tenant_id, registers)
    return RegisterPage(register, start, end, rows, page.has_next_page, page.total_count, totals)


async def whole_register(
    register: Register, start: date, end: date, actor: Actor, registers: Registers
) -> RegisterPage:
    """Every row of the period: what a download prints."""
    check_period(start, end)
    rows: list[RegisterRow] = []
    key: RegisterKey | None = None
    while True:
        page = await registers.entries.register_page(actor.tenant_id, register, start, end, _DOWNLOAD_PAGE, key)
        rows += await _rows(register, page, actor.tenant_id, registers)
        if not page.has_next_page:
            break
        key = RegisterKey.of(page.entries[-1])
    totals = await register_totals(register, start, end, actor.tenant_id, registers)
    return RegisterPage(register, start, end, rows, False, len(rows), totals)


async def register_totals(
    register: Register, start: date, end: date, tenant_id: str, registers: Registers
) -> RegisterTotals:
    sums = await registers.entries.register_sums(tenant_id, register, start, end)
    signs = [(register_sign(s.document_type), s) for s in sums]
    return RegisterTotals(
        sum((sign * s.value for sign, s in signs), ZERO),
        sum((sign * s.supplementary_duty for sign, s in signs), ZERO),
        sum((sign * s.vat for sign, s in signs), ZERO),
        sum((sign * s.creditable_vat for sign, s in signs), ZERO),
    )


async def _rows(register: Register, page: RegisterEntryPage, tenant_id: str, registers: Registers) -> list[RegisterRow]:
    nids = await _nids(page.entries, tenant_id, registers)
    return [_row(register, positioned, page.before + n, nids) for n, positioned in enumerate(page.entries, start=1)]


async def _nids(entries: Sequence[PositionedEntry], tenant_id: str, registers: Registers) -> dict[str, str]:
    """The NID of each party without a BIN on the page, from the party master, in one query."""
    wanted = {
        p.entry.counterparty.party_id
        for p in entries
        if p.entry.counterparty.party_id and not p.entry.counterparty.bin and not p.entry.counterparty.nid
    }
    if not wanted:
        return {}
    parties = await registers.parties.get_many(tenant_id, sorted(wanted))
    return {party_id: view.details.nid for party_id, view in parties.items() if view.details.nid}


def _row(register: Register, positioned: PositionedEntry, serial: int, nids: dict[str, str]) -> RegisterRow:
    entry = positioned.entry
    party = entry.counterparty
    nid = party.nid or (nids.get(party.party_id) if party.party_id and not party.bin else None)
    missing = register is Register.SALES and not party.bin and not nid
    sign = register_sign(entry.document_type)
    # The 6.1 prints the supplier's invoice (or the bill of entry) a bill stands for; the rest print their own.
    number, day = entry.document_number, entry.document_date
    if entry.document_type is DocumentType.BILL and entry.reference and entry.reference_date:
        number, day = entry.reference, entry.reference_date
    return RegisterRow(
        serial=serial,
        cursor=RegisterKey.of(positioned).encode(register),
        document_type=entry.document_type,
        entry_date=entry.entry_date,
        counterparty_name=party.name,
        counterparty_address=party.address,
        bin=party.bin,
        nid=nid,
        document_number=number,
        document_date=day,
        issued_at=entry.issued_at if register is Register.SALES else None,
        description=entry.description,
        code=entry.code,
        quantity=_signed(sign, entry.quantity) if entry.quantity is not None else None,
        unit=entry.unit,
        value=_signed(sign, entry.value),
        supplementary_duty=_signed(sign, entry.supplementary_duty),
        vat=_signed(sign, entry.vat),
        creditable_vat=_signed(sign, entry.creditable_vat),
        remarks=_remarks(entry, missing),
        missing_buyer_id=missing,
        entry=entry,
    )


def _signed(sign: Decimal, amount: Decimal) -> Decimal:
    # Adding zero turns a negated zero (-0.00) into the 0.00 a register prints.
    return sign * amount + 0


def _remarks(entry: ReturnEntry, missing_buyer_id: bool) -> tuple[Remark, ...]:
    remarks = []
    kind = _REMARKS.get(entry.document_type)
    if kind is not None:
        remarks.append(Remark(kind, entry.reference, entry.reference_date))
    if entry.imported and entry.document_type is DocumentType.BILL:
        remarks.append(Remark(RemarkKind.IMPORT, entry.reference, entry.reference_date))
    if entry.document_type is DocumentType.BILL and entry.vat and not entry.creditable_vat:
        remarks.append(Remark(RemarkKind.INPUT_CREDIT_NOT_TAKEN))
    if missing_buyer_id:
        remarks.append(Remark(RemarkKind.MISSING_BUYER_ID))
    return tuple(remarks)
