"""Hand-made Mushak-9.1 views for the documents' and exports' tests, and the worked quarter of the docs.

The documents render what the computation gives them; these views stand in for it. The worked
quarter is a construction firm's first quarter of 2026-27: sales at 15% (one with SD), at 10%
(construction, S004.00), exempt and exported; bills at 15% (local and imported) and at 7.5%; VDS on
both sides; a debit and a credit note. Its figures are written by hand from §1.2's formulas.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.vat_return.application.return_views import (
    DepositView,
    NoteFigure,
    ReturnStatus,
    ReturnTaxpayer,
    ReturnType,
    VatReturnView,
)
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.form import NOTES, Column

ZERO = Decimal(0)
TAXPAYER = ReturnTaxpayer(
    bin="0001234560101",
    name="Meghna Builders Ltd.",
    name_bn="মেঘনা বিল্ডার্স লিমিটেড",
    address="House 12, Road 7, Dhanmondi, Dhaka 1205",
    address_bn="বাড়ি ১২, সড়ক ৭, ধানমন্ডি, ঢাকা ১২০৫",
)
BUYER = Counterparty("party-rupali", "Rupali Housing Ltd.", "Gulshan, Dhaka", "0007654320101", None)
GOVERNMENT = Counterparty("party-roads", "Roads and Highways Department", "Tejgaon, Dhaka", "0008887770101", None)
FOREIGN = Counterparty("party-gulf", "Gulf Contracting LLC", "Dubai", None, None)
STEEL = Counterparty("party-bsrm", "BSRM Steels Ltd.", "Chattogram", "0001112220101", None)
IMPORTER = Counterparty("party-cranes", "Liebherr Cranes GmbH", "Germany", None, None)
SAND = Counterparty("party-sand", "Padma Sand Traders", "Munshiganj", "0003334440101", None)


def entry(
    document_type: DocumentType,
    number: str,
    day: date,
    note: int,
    value: str,
    vat: str = "0",
    sd: str = "0",
    *,
    counterparty: Counterparty = BUYER,
    code: str | None = "S004.00",
    description: str = "Construction works",
    line_id: str = "1",
    creditable: bool = False,
) -> ReturnEntry:
    register = Register.PURCHASES if note in range(10, 23) else Register.SALES if note < 10 else None
    return ReturnEntry(
        document_type=document_type,
        document_id=f"id-{number}",
        line_id=line_id,
        entry_date=day,
        document_number=number,
        document_date=day,
        issued_at=None,
        reference=None,
        reference_date=None,
        counterparty=counterparty,
        description=description,
        code=code,
        quantity=None,
        unit=None,
        value=Decimal(value),
        supplementary_duty=Decimal(sd),
        vat=Decimal(vat),
        creditable_vat=Decimal(vat) if creditable else ZERO,
        vat_category=None,
        vat_rate=None,
        imported=note in (11, 13, 15, 17, 22),
        note=note,
        register=register,
    )


def figure(note: int, *sources: ReturnEntry, amount: str | None = None) -> NoteFigure:
    """A note's figure as the computation gives it: the sums of its sources in the columns it has."""
    columns = next(form.columns for form in NOTES if form.note == note)
    if Column.AMOUNT in columns:
        total = Decimal(amount) if amount is not None else sum((s.vat for s in sources), ZERO)
        return NoteFigure(note, None, None, None, total, sources, len(sources))

    def column(name: Column, of: str) -> Decimal | None:
        return sum((getattr(s, of) for s in sources), ZERO) if name in columns else None

    return NoteFigure(
        note, column(Column.VALUE, "value"), column(Column.SD, "supplementary_duty"), column(Column.VAT, "vat"), None,
        sources, len(sources),
    )  # fmt: skip


def totals(note: int, value: str | None, sd: str | None, vat: str | None) -> NoteFigure:
    """A note the form computes from others (9, 23): no sources of its own."""

    def amount(text: str | None) -> Decimal | None:
        return Decimal(text) if text is not None else None

    return NoteFigure(note, amount(value), amount(sd), amount(vat), None, (), 0)


def every_note(given: dict[int, NoteFigure]) -> tuple[NoteFigure, ...]:
    """All 68 notes in the form's order, the given ones with their figures and the rest at zero."""
    return tuple(given.get(form.note) or figure(form.note) for form in NOTES)


def return_view(
    notes: dict[int, NoteFigure] | None = None,
    *,
    period: str = "2026-27/Q1",
    status: ReturnStatus = ReturnStatus.OPEN,
    deposits: tuple[DepositView, ...] = (),
    nil: bool = False,
    taxpayer: ReturnTaxpayer | None = TAXPAYER,
) -> VatReturnView:
    filed = status in (ReturnStatus.SUBMITTED, ReturnStatus.AMENDED)
    return VatReturnView(
        period=period,
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 9, 30),
        due_on=date(2026, 10, 15),
        status=status,
        return_type=ReturnType.ORIGINAL,
        nil=nil,
        taxpayer=taxpayer,
        notes=every_note(notes or {}),
        deposits=deposits,
        prepared_at=datetime(2026, 10, 5, 6, 0, tzinfo=UTC) if status is not ReturnStatus.OPEN else None,
        submitted_at=datetime(2026, 10, 12, 8, 30, tzinfo=UTC) if filed else None,
        submission_reference="NBR-9.1-2026-0001234" if filed else None,
        overrides=(),
        amendments=1 if status is ReturnStatus.AMENDED else 0,
    )


INVOICE, BILL = DocumentType.INVOICE, DocumentType.BILL
# Part 3: sales. The second 15% invoice carries 10% SD, and its VAT is on value plus SD.
SALES_15 = (
    entry(INVOICE, "INV/2026-27/000002", date(2026, 7, 20), 4, "1000000.00", "150000.00",
          code="S004.00", description="Site office fit-out"),
    entry(INVOICE, "INV/2026-27/000001", date(2026, 7, 20), 4, "200000.00", "33000.00", "20000.00",
          code="2523.29.00", description="Cement, 50 kg bag"),
)  # fmt: skip
SALES_10 = (
    entry(INVOICE, "INV/2026-27/000003", date(2026, 8, 5), 7, "5000000.00", "500000.00",
          counterparty=GOVERNMENT, description="Road construction, Tejgaon link"),
)  # fmt: skip
EXEMPT = (
    entry(INVOICE, "INV/2026-27/000004", date(2026, 8, 18), 3, "300000.00", code="S099.60",
          description="Training of site workers"),
)  # fmt: skip
EXPORT = (
    entry(INVOICE, "INV/2026-27/000005", date(2026, 9, 2), 1, "2000000.00", counterparty=FOREIGN,
          code="S004.00", description="Design services, Dubai tower"),
)  # fmt: skip
BILLS_15 = (
    entry(BILL, "BILL/2026-27/000001", date(2026, 7, 8), 14, "400000.00", "60000.00", counterparty=STEEL,
          code="7214.20.00", description="Steel rods 60 grade", creditable=True),
)  # fmt: skip
IMPORTS_15 = (
    entry(BILL, "BILL/2026-27/000002", date(2026, 7, 25), 15, "600000.00", "90000.00", counterparty=IMPORTER,
          code="8426.20.00", description="Tower crane (bill of entry C-12345)", creditable=True),
)  # fmt: skip
BILLS_75 = (
    entry(BILL, "BILL/2026-27/000003", date(2026, 8, 10), 16, "100000.00", "7500.00", counterparty=SAND,
          code="2505.10.00", description="River sand"),
)  # fmt: skip
VDS_DEDUCTED = (
    entry(DocumentType.VDS_DEDUCTED, "PAY/2026-27/000001", date(2026, 7, 30), 24, "0", "6000.00",
          counterparty=STEEL, code=None, description="VDS on BILL/2026-27/000001, 6.6 HO/6.6/2026-27/000001"),
)  # fmt: skip
DEBIT_NOTES = (
    entry(DocumentType.DEBIT_NOTE, "DN/2026-27/000001", date(2026, 9, 10), 26, "20000.00", "3000.00",
          description="Additional works, INV/2026-27/000002"),
)  # fmt: skip
VDS_CERTIFIED = (
    entry(DocumentType.VDS_CERTIFIED, "RCPT/2026-27/000001", date(2026, 9, 15), 29, "0", "50000.00",
          counterparty=GOVERNMENT, code=None, description="6.6 RHD/6.6/2026-27/000088 on INV/2026-27/000003"),
)  # fmt: skip
CREDIT_NOTES = (
    entry(DocumentType.CREDIT_NOTE, "CN/2026-27/000001", date(2026, 9, 20), 31, "50000.00", "7500.00",
          description="Price reduction, INV/2026-27/000002"),
)  # fmt: skip
DEPOSITS = (
    DepositView("dep-1", "VAT", "TR-2026-10-0042", date(2026, 10, 12), Decimal("484500.00"), "1/1133/0015/0311"),
    DepositView("dep-2", "SD", "TR-2026-10-0043", date(2026, 10, 12), Decimal("20000.00"), "1/1133/0015/0711"),
)


def worked_quarter(status: ReturnStatus = ReturnStatus.SUBMITTED) -> VatReturnView:
    """The construction firm's quarter; every computed note by hand:

    9 = 1..8: value 2,000,000 + 300,000 + 1,200,000 + 5,000,000 = 8,500,000; SD 20,000; VAT 683,000.
    23 = value 400,000 + 600,000 + 100,000 = 1,100,000; creditable VAT 60,000 + 90,000 = 150,000.
    28 = 6,000 + 3,000 = 9,000; 33 = 50,000 + 7,500 = 57,500.
    34 = 683,000 - 150,000 + 9,000 - 57,500 = 484,500 = 35 = 50; 36 = 20,000 = 37 = 51.
    58 = 484,500 and 59 = 20,000 deposited, so 65 = 58 - (50 + 67) = 0 and 66 = 0.
    """
    notes = {
        1: figure(1, *EXPORT),
        3: figure(3, *EXEMPT),
        4: figure(4, *SALES_15),
        7: figure(7, *SALES_10),
        9: totals(9, "8500000.00", "20000.00", "683000.00"),
        14: figure(14, *BILLS_15),
        15: figure(15, *IMPORTS_15),
        16: figure(16, *BILLS_75),
        23: totals(23, "1100000.00", None, "150000.00"),
        24: figure(24, *VDS_DEDUCTED),
        26: figure(26, *DEBIT_NOTES),
        28: figure(28, amount="9000.00"),
        29: figure(29, *VDS_CERTIFIED),
        31: figure(31, *CREDIT_NOTES),
        33: figure(33, amount="57500.00"),
        34: figure(34, amount="484500.00"),
        35: figure(35, amount="484500.00"),
        36: figure(36, amount="20000.00"),
        37: figure(37, amount="20000.00"),
        50: figure(50, amount="484500.00"),
        51: figure(51, amount="20000.00"),
        58: figure(58, amount="484500.00"),
        59: figure(59, amount="20000.00"),
    }
    return return_view(notes, status=status, deposits=DEPOSITS)


def with_status(view: VatReturnView, status: ReturnStatus) -> VatReturnView:
    return replace(view, status=status)
