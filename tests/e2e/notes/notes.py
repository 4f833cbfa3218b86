"""The GraphQL documents of credit and debit notes, the steps their end-to-end tests repeat, and a
server whose clock a test may set back (so an invoice can be issued days before its note)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from hisab.bootstrap import Rules
from hisab.config import Settings
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from tests.conftest import PostgresRoles
from tests.e2e.ledger.books import ENTRY_FIELDS, GET_ENTRY, LIST_ENTRIES, dhaka_today
from tests.e2e.operations import APPROVE, CREATE, MONEY, steel_rods
from tests.e2e.server import Caller, running_server, settings_for

FIGURES = f"quantity value {MONEY} supplementaryDuty {MONEY} vat {MONEY} total {MONEY}"
NOTE_LINE_FIELDS = f"""invoiceLineId position description unitOfSupply hsCode serviceCode vatCategory
  unitPrice {MONEY} supplementaryDutyRate vatRate
  before {{ {FIGURES} }} change {{ {FIGURES} }} after {{ {FIGURES} }}"""
NOTE_FACTS = f"""id number serial fiscalYear invoiceId invoiceMushakNumber invoiceIssuedAt customerId customerPartyId
  date issuedAt issuedBy reason reasonText printCount warnings
  value {MONEY} supplementaryDuty {MONEY} vat {MONEY} total {MONEY}
  lines {{ {NOTE_LINE_FIELDS} }}"""
CREDIT_NOTE_FIELDS = f"{NOTE_FACTS} invoice {{ id status }} mushak67Url"
DEBIT_NOTE_FIELDS = f"{NOTE_FACTS} invoice {{ id status }} mushak68Url"
ISSUE_CREDIT = (
    f"mutation($input: IssueCreditNoteInput!) {{ issueCreditNote(input: $input) {{ {CREDIT_NOTE_FIELDS} }} }}"
)
ISSUE_DEBIT = f"mutation($input: IssueDebitNoteInput!) {{ issueDebitNote(input: $input) {{ {DEBIT_NOTE_FIELDS} }} }}"
CREDIT_NOTE = f"query($id: ID!) {{ creditNote(id: $id) {{ {CREDIT_NOTE_FIELDS} }} }}"
DEBIT_NOTE = f"query($id: ID!) {{ debitNote(id: $id) {{ {DEBIT_NOTE_FIELDS} }} }}"
_PAGE = "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number serial date invoiceId } }"
CREDIT_NOTES = f"""query($first: Int, $after: String, $filter: NoteFilter) {{
  creditNotes(first: $first, after: $after, filter: $filter) {{ {_PAGE} }} }}"""
DEBIT_NOTES = f"""query($first: Int, $after: String, $filter: NoteFilter) {{
  debitNotes(first: $first, after: $after, filter: $filter) {{ {_PAGE} }} }}"""
_ADJUSTMENTS = f"""creditedTotal {MONEY} debitedTotal {MONEY} adjustedTotal {MONEY}
  credited {{ {FIGURES} }} debited {{ {FIGURES} }} adjusted {{ {FIGURES} }}"""
INVOICE_NOTES = f"""query($id: ID!) {{ invoice(id: $id) {{
  id status version grandTotal {MONEY} creditedInFull {_ADJUSTMENTS}
  creditNotes {{ id number }} debitNotes {{ id number }}
  lineItems {{ id quantity amount {MONEY} supplementaryDuty {MONEY} vatAmount {MONEY} total {MONEY}
    {_ADJUSTMENTS} }} }} }}"""


# Invoices and notes


def issued(caller: Caller, invoice: dict[str, Any] | None = None) -> dict[str, Any]:
    """An invoice made by the caller and approved (issued) by its checker."""
    created = caller.data(CREATE, {"input": invoice or steel_rods()})["createInvoice"]
    approved: dict[str, Any] = caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]
    return approved


def line_ids(invoice: dict[str, Any]) -> list[str]:
    return [line["id"] for line in invoice["lineItems"]]


def by_quantity(line_id: str, quantity: float) -> dict[str, Any]:
    return {"invoiceLineId": line_id, "quantity": quantity}


def by_amount(line_id: str, amount: float) -> dict[str, Any]:
    return {"invoiceLineId": line_id, "amount": amount}


def note_input(invoice_id: str, reason: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    given: dict[str, Any] = {"invoiceId": invoice_id, "reason": reason, "lines": list(lines)}
    given.update(changes)
    return given


def credit_body(caller: Caller, invoice_id: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The response to a credit note (reason RETURN unless `changes` say otherwise)."""
    given = note_input(invoice_id, changes.pop("reason", "RETURN"), *lines, **changes)
    return caller.graphql(ISSUE_CREDIT, {"input": given})


def debit_body(caller: Caller, invoice_id: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The response to a debit note (reason PRICE_INCREASE unless `changes` say otherwise)."""
    given = note_input(invoice_id, changes.pop("reason", "PRICE_INCREASE"), *lines, **changes)
    return caller.graphql(ISSUE_DEBIT, {"input": given})


def credit(caller: Caller, invoice_id: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A credit note that must be issued."""
    body = credit_body(caller, invoice_id, *lines, **changes)
    assert "errors" not in body, body["errors"]
    note: dict[str, Any] = body["data"]["issueCreditNote"]
    return note


def debit(caller: Caller, invoice_id: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A debit note that must be issued."""
    body = debit_body(caller, invoice_id, *lines, **changes)
    assert "errors" not in body, body["errors"]
    note: dict[str, Any] = body["data"]["issueDebitNote"]
    return note


def adjustments(caller: Caller, invoice_id: str) -> dict[str, Any]:
    """The invoice as its notes left it."""
    found: dict[str, Any] = caller.data(INVOICE_NOTES, {"id": invoice_id})["invoice"]
    return found


# Figures


def taka(money: dict[str, Any]) -> Decimal:
    return Decimal(money["decimal"])


def amounts_of(figures: dict[str, Any]) -> tuple[str, str, str, str]:
    """(value, SD, VAT, total) of a LineFigures or a note, as the exact strings the API sent."""
    return (
        figures["value"]["decimal"],
        figures["supplementaryDuty"]["decimal"],
        figures["vat"]["decimal"],
        figures["total"]["decimal"],
    )


def figures_of(figures: dict[str, Any]) -> tuple[float, str, str, str, str]:
    """(quantity, value, SD, VAT, total) of a LineFigures."""
    return (figures["quantity"], *amounts_of(figures))


def assert_adjusted_exactly(invoice: dict[str, Any]) -> None:
    """Adjusted = invoiced - credited + debited, to the paisa, for the invoice and for each of its lines,
    and the invoice's figures are the sums of its lines'."""
    assert taka(invoice["adjustedTotal"]) == (
        taka(invoice["grandTotal"]) - taka(invoice["creditedTotal"]) + taka(invoice["debitedTotal"])
    )
    for line in invoice["lineItems"]:
        invoiced = (line["quantity"], line["amount"], line["supplementaryDuty"], line["vatAmount"], line["total"])
        for part, first in zip(("quantity", "value", "supplementaryDuty", "vat", "total"), invoiced, strict=True):
            changed = _exact(line["debited"][part]) - _exact(line["credited"][part])
            assert _exact(line["adjusted"][part]) == _exact(first) + changed, (line["id"], part)
        assert taka(line["adjustedTotal"]) == taka(line["adjusted"]["total"])
        assert (line["creditedTotal"], line["debitedTotal"]) == (line["credited"]["total"], line["debited"]["total"])
    for part in ("value", "supplementaryDuty", "vat", "total"):
        for figures in ("credited", "debited", "adjusted"):
            of_lines = sum(taka(line[figures][part]) for line in invoice["lineItems"])
            assert taka(invoice[figures][part]) == of_lines, (figures, part)


def _exact(figure: Any) -> Decimal:
    """A Money's decimal, or a quantity (a Float) as the decimal it was written as."""
    return taka(figure) if isinstance(figure, dict) else Decimal(str(figure))


# The books


def note_entry(caller: Caller, note: dict[str, Any]) -> dict[str, Any]:
    """The journal entry a note posted, as the note names it; it is in the sales journal too."""
    field = "creditNote" if note["number"].split("/")[1] == "CN" else "debitNote"
    query = f"query($id: ID!) {{ {field}(id: $id) {{ journalEntry {{ {ENTRY_FIELDS} }} }} }}"
    entry: dict[str, Any] = caller.data(query, {"id": note["id"]})[field]["journalEntry"]
    listed = caller.data(LIST_ENTRIES, {"first": 100, "filter": {"kind": "SALES"}})["journalEntries"]
    assert entry["id"] in [edge["node"]["id"] for edge in listed["edges"]]
    assert caller.data(GET_ENTRY, {"id": entry["id"]})["journalEntry"] == entry
    return entry


# A server whose clock a test sets back

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class ServerClock:
    """The server's "now": the real time, or as many days before it as a test asks for.

    An invoice is issued at the server's now and a note may not be dated before that issue or after
    today, so a note days after its invoice (an invoice-age limit, a back-dated note, a note in last
    month's closed period) needs the invoice issued while the clock is set back.
    """

    def __init__(self) -> None:
        self._back = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) - self._back

    @contextmanager
    def days_ago(self, days: int) -> Iterator[date]:
        """Within the block the server lives `days` days ago; yields that day (in Dhaka)."""
        self._back = timedelta(days=days)
        try:
            yield dhaka_today() - timedelta(days=days)
        finally:
            self._back = timedelta(0)

    @contextmanager
    def on(self, moment: datetime) -> Iterator[date]:
        """Within the block the server lives at `moment` (and on from it); yields that day (in Dhaka)."""
        self._back = datetime.now(UTC) - moment
        try:
            yield moment.astimezone(BANGLADESH_TIME).date()
        finally:
            self._back = timedelta(0)


@contextmanager
def server_with_clock(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, clock: ServerClock
) -> Iterator[str]:
    """The real server on the backend `request` names, built by `hisab.bootstrap`, but with `clock`.

    The rules (and with them the clock every context reads) are made once, when the server starts,
    so the seam is replaced only while it starts.
    """
    data_dir = tmp_path_factory.mktemp("hisab-e2e-notes")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    settings = settings_for(database, data_dir)
    made = Rules.from_settings

    def with_clock(given: Settings) -> Rules:
        return replace(made(given), clock=clock)

    with ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Rules, "from_settings", with_clock)
            url = stack.enter_context(running_server(settings))
        yield url
