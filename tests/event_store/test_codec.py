from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.event_store.adapters.codec import UnknownEventTypeError, decode_event, encode_event
from hisab.event_store.messages import DomainEvent
from hisab.event_store.registry import EVENT_TYPES
from hisab.invoicing.domain.approval_events import (
    ApprovalDelegated,
    ApprovalEscalated,
    InvoiceApprovalRecorded,
    InvoiceRejected,
    InvoiceSubmitted,
)
from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCancelled,
    InvoiceCreated,
    InvoiceDetailsChanged,
    InvoiceLinesCleared,
    InvoicePrinted,
    LineCalculation,
    LineItemAdded,
)
from hisab.invoicing.domain.imports import (
    ImportBatchWritten,
    ImportCompleted,
    ImportFailed,
    ImportKind,
    ImportStarted,
)
from hisab.invoicing.domain.item import ItemChanged, ItemDeactivated, ItemDetails, ItemRegistered
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteLine, NotePrinted
from hisab.invoicing.domain.party import PartyChanged, PartyDeactivated, PartyDetails, PartyKind, PartyRegistered
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.events import (
    AccountAdded,
    AccountChanged,
    AccountDeactivated,
    AccountRecord,
    ChartAdopted,
    FiscalYearClosed,
    JournalEntryDrafted,
    JournalEntryPosted,
    JournalEntryReversed,
    PeriodClosed,
    PeriodReopened,
    PostingAccount,
    PostingAccountSet,
    SourceDocument,
)
from hisab.ledger.domain.journal import JournalKind, JournalLine
from hisab.purchases.domain.events import (
    BillLine,
    BillOfEntry,
    BillRecorded,
    CertificateRow,
    CreditRefusal,
    CreditReversal,
    InputCredit,
    PaymentAllocation,
    PaymentRecorded,
    PaymentWithholding,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
    VdsCertificate,
    VdsCertificatePrinted,
    WithholdingDepositRecorded,
    WithholdingKind,
)
from hisab.receivables.domain.bank_statements import (
    BankStatementImported,
    StatementLine,
    StatementLineMatched,
    StatementLineUnmatched,
)
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    Allocation,
    BalanceWrittenOff,
    Cheque,
    ChequeBounced,
    ChequeCleared,
    ChequeDeposited,
    ReceiptRecorded,
    ReceiptReversed,
    Wallet,
    Withholding,
    WithholdingCertificateRecorded,
)
from hisab.taxpayer.domain.events import ApprovalLevel, ApprovalPolicySet, IssuingUnit, SupplierProfileSet
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.events import (
    CheckRecord,
    DepositKind,
    Override,
    VatDepositRecorded,
    VatReturnAmended,
    VatReturnPrepared,
    VatReturnSubmitted,
)

D = Decimal
DHAKA = timezone(timedelta(hours=6))
FAST = settings(max_examples=60, deadline=None)

CREATED = InvoiceCreated(
    invoice_id="inv-1",
    invoice_number="INV-2025-01-15-000001",
    vendor_id="vendor-001",
    customer_id="customer-001",
    vendor_tin="446337634099",
    vendor_bin="0028718210101",
    customer_tin=None,
    customer_bin=None,
    invoice_date=date(2025, 1, 15),
    due_date=date(2025, 2, 15),
    fiscal_year=2024,
    currency="BDT",
    buyer_name="মেসার্স রহিম ট্রেডার্স",
    buyer_address="House 12, Road 5\nDhanmondi, Dhaka 1205",
    delivery_destination=None,
)
ADDED = LineItemAdded(
    invoice_id="inv-1",
    line_id="inv-1:1",
    position=1,
    description="Construction Materials - Steel Rods \u09b0\u09a1",
    quantity=D("100.0000"),
    unit_price=D("5000.00"),
    vat_category=VATCategory.REDUCED,
    vat_rate=D("0.075"),
    supplementary_duty_rate=D("0.1"),
    advance_income_tax_rate=D("0"),
    hs_code="7214.20.00",
    unit_of_supply=None,
)
CALCULATED = InvoiceCalculated(
    invoice_id="inv-1",
    lines=(LineCalculation("inv-1:1", D("500000.00"), D("50000.00"), D("41250.00"), D("0.00")),),
    subtotal=D("500000.00"),
    supplementary_duty=D("50000.00"),
    vat=D("41250.00"),
    grand_total=D("591250.00"),
    advance_income_tax=D("0.00"),
    net_receivable=D("591250.00"),
)
APPROVED = InvoiceApproved("inv-1", "HO/2024-25/000001", 1, 2024, datetime(2025, 1, 20, 10, 30, 5, 123456, DHAKA))
CANCELLED = InvoiceCancelled("inv-1", "returned goods", datetime(2025, 1, 21, 3, 0, tzinfo=UTC))
PRINTED = InvoicePrinted(
    "inv-1", (CopyKind.ORIGINAL, CopyKind.SUPPLIER), Language.BN, "user-1", datetime(2025, 1, 20, 11, 0, tzinfo=DHAKA)
)
PROFILE_SET = SupplierProfileSet(
    "Karim Steel Ltd", "0028718210101", (IssuingUnit("HO", "Head office", "Motijheel C/A, Dhaka 1000"),),
    "Abdul Karim", "Managing Director",
)  # fmt: skip
KARIM = PartyDetails(
    "C-001", (PartyKind.CUSTOMER, PartyKind.SUPPLIER), "Karim Steel Ltd", "করিম স্টিল লিমিটেড", "0028718210101",
    "123456789012", None, "Motijheel C/A\nDhaka 1000", None, "+8801712345678", None, True, 30, D("500000.50"),
)  # fmt: skip
PARTY_REGISTERED = PartyRegistered("party-1", KARIM)
PARTY_CHANGED = PartyChanged("party-1", KARIM)
PARTY_DEACTIVATED = PartyDeactivated("party-1")
ROD = ItemDetails(
    "ROD-12", "Steel Rod 12 mm", "স্টিল রড", "7214.20", None, "kg", VATCategory.REDUCED, D("0.075"), D("0.10"),
    D("950.50"),
)  # fmt: skip


SERVICE = ItemDetails("AUDIT", "Audit", None, None, "S099", None, VATCategory.STANDARD, None, D("0"), D("0.00"))
IMPORT_EVENTS: list[DomainEvent] = [
    ImportStarted("import-1", ImportKind.INVOICES, "ab" * 32, total=2, rows=3),
    ImportBatchWritten("import-1", processed=2),
    ImportCompleted("import-1"),
    ImportFailed("import-1", processed=0, reason="records 1 to 2 could not be written"),
]
ITEM_EVENTS: list[DomainEvent] = [
    ItemRegistered("item-1", ROD),
    ItemChanged("item-1", SERVICE),
    ItemDeactivated("item-1"),
]
DETAILS_CHANGED = InvoiceDetailsChanged(
    "inv-1", "C-001", "party-1", "123456789012", "0028718210101", "Karim Steel Ltd", "Motijheel C/A\nDhaka 1000",
    None, date(2025, 3, 1),
)  # fmt: skip
LINES_CLEARED = InvoiceLinesCleared("inv-1")
POLICY_SET = ApprovalPolicySet(
    (ApprovalLevel("approver", Decimal("100000.00")), ApprovalLevel("manager", Decimal("1000000.00")),
     ApprovalLevel("cfo", None))
)  # fmt: skip
APPROVAL_EVENTS: list[DomainEvent] = [
    InvoiceSubmitted("inv-1", Decimal("1150000.00"), ("approver", "manager", "cfo"), (), "user-1"),
    InvoiceApprovalRecorded("inv-1", 1, "approver", "approver-1", None),
    ApprovalDelegated("inv-1", 2, "manager-2", "on leave", "manager-1"),
    ApprovalEscalated("inv-1", 2, "cfo", "urgent", "manager-2"),
    InvoiceRejected("inv-1", 2, "wrong customer BIN", "cfo-1"),
]
CASH = AccountRecord("1110", "Cash in hand", "হাতে নগদ", AccountType.ASSET, "1100", is_group=False)
LEDGER_EVENTS: list[DomainEvent] = [
    ChartAdopted("bd-default-2026", (CASH,), (PostingAccount("INVOICE", "RECEIVABLE", "1210"),)),
    AccountAdded(CASH),
    AccountChanged("1110", "Petty cash", None, "1100"),
    AccountDeactivated("1110"),
    PostingAccountSet(PostingAccount("INVOICE", "SALES", "4100")),
    PeriodClosed(2026, 5),
    PeriodReopened(2026, 5, "late supplier bill"),
    FiscalYearClosed(2025, "journal:closing"),
    JournalEntryDrafted(
        "journal:1", JournalKind.SALES, date(2026, 11, 30), "Tax invoice issued", "HO/2026-27/000001",
        (JournalLine("1210", D("575000.00"), D("0.00"), party_id="party-1"),
         JournalLine("4100", D("0.00"), D("575000.00"), project="Tower A", memo="Steel rods")),
        SourceDocument("INVOICE", "inv-1", "HO/2026-27/000001"), None, None,
    ),
    JournalEntryPosted("journal:1", "SJ/2026-27/000001", 1, 2026),
    JournalEntryReversed("journal:1", "journal:2", "tax invoice cancelled", date(2026, 12, 1)),
]  # fmt: skip
NOTE_LINES = (
    NoteLine("inv-1:1", D("10"), D("50000.00"), D("5000.00"), D("8250.00")),
    NoteLine("inv-1:2", D("0"), D("0.03"), D("0.00"), D("0.00")),
)
NOTE_EVENTS: list[DomainEvent] = [
    CreditNoteIssued(
        "inv-1", "note-1", "HO/CN/2026-27/000001", 1, 2026, date(2026, 12, 3),
        datetime(2026, 12, 3, 10, 15, 0, 5, DHAKA), "RETURN", "10 rods bent in transit", NOTE_LINES,
    ),
    DebitNoteIssued(
        "inv-1", "note-2", "HO/DN/2026-27/000001", 1, 2026, date(2026, 12, 4),
        datetime(2026, 12, 4, 9, 0, tzinfo=DHAKA), "PRICE_INCREASE", None, NOTE_LINES[:1],
    ),
    NotePrinted("inv-1", "note-1", (CopyKind.DUPLICATE,), Language.EN, "user-1", datetime(2026, 12, 5, tzinfo=UTC)),
]  # fmt: skip
ALLOCATION = Allocation("inv-1", D("300000.00"))
RECEIVABLE_EVENTS: list[DomainEvent] = [
    ReceiptRecorded(
        "rct-1", "RCT/2026-27/000001", 1, 2026, "C-001", "party-1", date(2026, 12, 3), "CHEQUE", D("300000.00"),
        None, "chq for INV-1", Cheque("004512", "Sonali Bank", "Motijheel", date(2026, 12, 2)), None, (ALLOCATION,),
        (Withholding("rct-1:1", "inv-1", "VDS", D("45000.00"), None, None),),
    ),
    ReceiptRecorded(
        "rct-2", "RCT/2026-27/000002", 2, 2026, "C-001", None, date(2026, 12, 3), "MOBILE_WALLET", D("5000.00"),
        "1131", None, None, Wallet("BKASH", "+8801712345678", "8N7A6B5C4D"), (), (),
    ),
    AdvanceAllocated("rct-2", (Allocation("inv-2", D("5000.00")),), date(2026, 12, 4)),
    ChequeDeposited("rct-1", date(2026, 12, 4)),
    ChequeCleared("rct-1", date(2026, 12, 6)),
    ChequeBounced("rct-1", date(2026, 12, 6), "insufficient funds"),
    ReceiptReversed("rct-2", date(2026, 12, 7), "recorded twice"),
    WithholdingCertificateRecorded("rct-1", "rct-1:1", "6.6/2026/0042", date(2026, 12, 20)),
    BalanceWrittenOff("inv-1", "party-1", D("0.40"), date(2026, 12, 31), "paisa left by the customer's bank"),
]  # fmt: skip
BANK_STATEMENT_EVENTS: list[DomainEvent] = [
    BankStatementImported(
        "st-1", "1121", True, "DBBL_CSV", "9f86d081884c7d65", date(2026, 12, 1), date(2026, 12, 3), D("1250000.00"),
        D("1549425.00"),
        (
            StatementLine("st-1:1", date(2026, 12, 1), D("300000.00"), "004512", "CLG CHQ DEP", D("1550000.00")),
            StatementLine("st-1:2", date(2026, 12, 3), D("-575.00"), None, "ATM CHARGES", None),
        ),
    ),
    StatementLineMatched("st-1", "st-1:1", "rct-1", "AUTO_REFERENCE"),
    StatementLineUnmatched("st-1", "st-1:1", "rct-1"),
]  # fmt: skip
SUPPLIER = SupplierSnapshot("party-9", "Meghna Cement Mills Ltd", "Narayanganj", "0004567890101", None, None)
REFUSED = CreditRefusal("reduced_rate_supply", "VAT charged at the reduced rate of 7.5% is not credited (s.46(1)(tha))")
PURCHASE_EVENTS: list[DomainEvent] = [
    BillRecorded(
        "bill-1", "BILL/2026-27/000001", 1, 2026, SUPPLIER, "MCM/2026-27/004512", date(2026, 11, 10),
        date(2026, 11, 12), date(2026, 12, 12), BillOfEntry("C-2026-118734", date(2026, 11, 5), "Chattogram"),
        (
            BillLine("bill-1:1", 1, "Cement", None, "2523.29", None, D("100.5"), "bag", D("50000.00"), D("0.00"),
                     D("7500.00"), VATCategory.STANDARD, D("0.15"), InputCredit.CLAIM, InputCredit.CLAIM, None,
                     "5110", "P-7"),
            BillLine("bill-1:2", 2, "Sand", "item-3", None, "S099", D("1"), None, D("1000.00"), D("10.00"),
                     D("75.75"), VATCategory.REDUCED, D("0.075"), InputCredit.CLAIM, InputCredit.NOT_ELIGIBLE,
                     REFUSED, None, None),
        ),
        "PO-118",
    ),
    SupplierNoteRecorded(
        "bill-1", "note-1", SupplierNoteKind.CREDIT, "MCM/CN/0091", date(2026, 11, 20), "10 bags damaged",
        (SupplierNoteLine("bill-1:1", D("10"), D("5000.00"), D("0.00"), D("750.00"), D("750.00")),
         SupplierNoteLine("bill-1:2", None, D("100.00"), D("0.00"), D("7.50"), D("0.00"))),
    ),
    PaymentRecorded(
        "pay-1", "PAY/2026-27/000001", 1, 2026, SUPPLIER, date(2026, 12, 1), "BANK_TRANSFER", D("54000.00"), None,
        None, (PaymentAllocation("bill-1", D("54000.00")),),
        (PaymentWithholding("pay-1:1", "bill-1", WithholdingKind.VDS, D("0.10"), D("7500.00"), D("750.00"), "S004"),),
        (CreditReversal("bill-1", D("0.00")),),
        VdsCertificate("cert-1", "HO/6.6/2026-27/000001", 1, 2026, date(2026, 12, 1),
                       (CertificateRow("bill-1", "MCM/2026-27/004512", date(2026, 11, 10), D("57500.00"),
                                       D("7500.00"), D("750.00")),)),
    ),
    VdsCertificatePrinted("pay-1", "cert-1", "bn", "user-1", date(2026, 12, 2)),
    WithholdingDepositRecorded("dep-1", WithholdingKind.VDS, "CH-2026-0042", date(2026, 12, 15), D("750.00"), None),
]  # fmt: skip
MOMENT = datetime(2026, 10, 20, 11, 30, 0, 250, DHAKA)
_FIGURES = (Figure(4, D("1000.00"), D("0.00"), D("150.00")), Figure(34, amount=D("-150.00")))
RETURN_EVENTS: list[DomainEvent] = [
    VatReturnPrepared("2026-27/Q1", date(2026, 7, 1), date(2026, 9, 30), _FIGURES, 2, False, MOMENT, "user-1"),
    VatReturnSubmitted(
        "2026-27/Q1", "NBR-17", MOMENT, date(2026, 10, 15), "LATE",
        (CheckRecord("output_vat", False, D("150.00"), D("0.00"), "output VAT differs"),),
        (Override("output_vat", "posted in October"),), "user-1",
    ),
    VatReturnAmended("2026-27/Q1", "keyed wrong", "NBR-17-A", MOMENT, _FIGURES, 3, False, "user-1"),
    VatDepositRecorded("dep-1", "2026-27/Q1", DepositKind.SD, "CH-1", date(2026, 10, 9), D("10.50"), "1/1133/15/0711"),
]  # fmt: skip
ONE_OF_EACH: list[DomainEvent] = [
    *PURCHASE_EVENTS,
    *RETURN_EVENTS,
    *RECEIVABLE_EVENTS,
    *BANK_STATEMENT_EVENTS,
    *NOTE_EVENTS,
    *LEDGER_EVENTS,
    POLICY_SET, *APPROVAL_EVENTS,
    CREATED, ADDED, CALCULATED, APPROVED, CANCELLED, PRINTED, PROFILE_SET, PARTY_REGISTERED, PARTY_CHANGED,
    PARTY_DEACTIVATED, *ITEM_EVENTS, DETAILS_CHANGED, LINES_CLEARED, *IMPORT_EVENTS,
]  # fmt: skip


def _round_trip(event: DomainEvent) -> DomainEvent:
    return decode_event(event.event_type, encode_event(event))


def _hisab_type_names() -> list[str]:
    """The events of Hisab's own contexts (tests register aggregates of their own too)."""
    return sorted(cls.event_type for cls in EVENT_TYPES.classes() if cls.__module__.startswith("hisab."))


def test_one_example_of_every_event_type_is_covered() -> None:
    assert {event.event_type for event in ONE_OF_EACH} == set(_hisab_type_names())


@pytest.mark.parametrize("event", ONE_OF_EACH, ids=lambda event: event.event_type)
def test_every_event_type_round_trips_to_an_equal_event(event: DomainEvent) -> None:
    decoded = _round_trip(event)

    assert type(decoded) is type(event)
    assert decoded == event


@pytest.mark.parametrize("event", ONE_OF_EACH, ids=lambda event: event.event_type)
def test_a_payload_already_parsed_to_a_dict_decodes_too(event: DomainEvent) -> None:
    assert decode_event(event.event_type, json.loads(encode_event(event))) == event


def test_type_names_are_stable_and_versioned() -> None:
    assert _hisab_type_names() == [
        "AccountAdded.v1",
        "AccountChanged.v1",
        "AccountDeactivated.v1",
        "AdvanceAllocated.v1",
        "ApprovalDelegated.v1",
        "ApprovalEscalated.v1",
        "ApprovalPolicySet.v1",
        "BalanceWrittenOff.v1",
        "BankStatementImported.v1",
        "BillRecorded.v1",
        "ChartAdopted.v1",
        "ChequeBounced.v1",
        "ChequeCleared.v1",
        "ChequeDeposited.v1",
        "CreditNoteIssued.v1",
        "DebitNoteIssued.v1",
        "FiscalYearClosed.v1",
        "ImportBatchWritten.v1",
        "ImportCompleted.v1",
        "ImportFailed.v1",
        "ImportStarted.v1",
        "InvoiceApprovalRecorded.v1",
        "InvoiceApproved.v1",
        "InvoiceCalculated.v1",
        "InvoiceCancelled.v1",
        "InvoiceCreated.v3",
        "InvoiceDetailsChanged.v1",
        "InvoiceLinesCleared.v1",
        "InvoicePrinted.v1",
        "InvoiceRejected.v1",
        "InvoiceSubmitted.v1",
        "ItemChanged.v1",
        "ItemDeactivated.v1",
        "ItemRegistered.v1",
        "JournalEntryDrafted.v1",
        "JournalEntryPosted.v1",
        "JournalEntryReversed.v1",
        "LineItemAdded.v3",
        "NotePrinted.v1",
        "PartyChanged.v1",
        "PartyDeactivated.v1",
        "PartyRegistered.v1",
        "PaymentRecorded.v1",
        "PeriodClosed.v1",
        "PeriodReopened.v1",
        "PostingAccountSet.v1",
        "ReceiptRecorded.v1",
        "ReceiptReversed.v1",
        "StatementLineMatched.v1",
        "StatementLineUnmatched.v1",
        "SupplierNoteRecorded.v1",
        "SupplierProfileSet.v1",
        "VatDepositRecorded.v1",
        "VatReturnAmended.v1",
        "VatReturnPrepared.v1",
        "VatReturnSubmitted.v1",
        "VdsCertificatePrinted.v1",
        "WithholdingCertificateRecorded.v1",
        "WithholdingDepositRecorded.v1",
    ]


def test_decimals_are_written_as_exact_strings() -> None:
    payload = json.loads(encode_event(ADDED))

    assert payload["supplementary_duty_rate"] == "0.1"
    assert payload["vat_rate"] == "0.075"
    assert payload["quantity"] == "100.0000"
    assert payload["unit_price"] == "5000.00"


def test_a_tenth_stays_a_tenth_in_the_json_text() -> None:
    text = encode_event(ADDED)

    assert '"supplementary_duty_rate":"0.1"' in text
    assert "0.1000000000000000055" not in text


def test_amounts_of_a_calculation_are_strings_in_the_json() -> None:
    payload = json.loads(encode_event(CALCULATED))

    assert payload["grand_total"] == "591250.00"
    assert payload["lines"][0]["vat"] == "41250.00"


def test_dates_and_times_are_iso_8601_with_their_offset() -> None:
    created, approved = json.loads(encode_event(CREATED)), json.loads(encode_event(APPROVED))

    assert created["invoice_date"] == "2025-01-15"
    assert approved["issued_at"] == "2025-01-20T10:30:05.123456+06:00"


def test_the_category_is_stored_by_name_and_decoded_as_the_enum() -> None:
    decoded = _round_trip(ADDED)

    assert json.loads(encode_event(ADDED))["vat_category"] == "REDUCED"
    assert isinstance(decoded, LineItemAdded)
    assert decoded.vat_category is VATCategory.REDUCED


def test_decoded_decimals_are_decimals_with_their_exponent_kept() -> None:
    decoded = _round_trip(ADDED)

    assert isinstance(decoded, LineItemAdded)
    assert type(decoded.quantity) is Decimal
    assert str(decoded.quantity) == "100.0000"
    assert str(decoded.supplementary_duty_rate) == "0.1"


def test_an_unknown_event_type_is_refused() -> None:
    with pytest.raises(UnknownEventTypeError, match=r"InvoiceDeleted\.v1"):
        decode_event("InvoiceDeleted.v1", "{}")


def test_a_known_name_with_another_version_is_unknown() -> None:
    with pytest.raises(UnknownEventTypeError):
        decode_event("InvoiceCreated.v9", encode_event(CREATED))


def test_a_stored_v1_creation_is_read_as_v2_without_a_buyer() -> None:
    v1_payload = {
        key: value
        for key, value in json.loads(encode_event(CREATED)).items()
        if key not in ("buyer_name", "buyer_address", "delivery_destination")
    }

    decoded = decode_event("InvoiceCreated.v1", json.dumps(v1_payload))

    assert decoded == InvoiceCreated(
        **{**v1_payload, "invoice_date": date(2025, 1, 15), "due_date": date(2025, 2, 15)},
        buyer_name=None,
        buyer_address=None,
        delivery_destination=None,
    )


def test_a_stored_v2_creation_is_read_as_v3_without_a_registered_customer() -> None:
    v2_payload = {k: v for k, v in json.loads(encode_event(CREATED)).items() if k != "customer_party_id"}

    decoded = decode_event("InvoiceCreated.v2", json.dumps(v2_payload))

    assert isinstance(decoded, InvoiceCreated)
    assert decoded.customer_party_id is None
    assert decoded.invoice_number == CREATED.invoice_number


def test_a_stored_v1_line_is_read_as_v2_without_an_item_or_service_code() -> None:
    v1_payload = {k: v for k, v in json.loads(encode_event(ADDED)).items() if k not in ("item_id", "service_code")}

    decoded = decode_event("LineItemAdded.v1", json.dumps(v1_payload))

    assert decoded == ADDED


def test_the_copies_and_language_of_a_print_are_stored_by_name() -> None:
    payload = json.loads(encode_event(PRINTED))

    assert payload["copies"] == ["ORIGINAL", "SUPPLIER"]
    assert payload["language"] == "bn"
    assert payload["printed_by"] == "user-1"


def _exact(places: int, high: str = "1e12") -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=-D(high), max_value=D(high), places=places, allow_nan=False, allow_infinity=False)


_amounts = _exact(2)


@given(
    quantity=_exact(4),
    unit_price=_exact(2),
    vat_rate=_exact(6, "1"),
    sd_rate=_exact(6, "5"),
    ait_rate=_exact(6, "1"),
)
@FAST
def test_line_decimals_survive_the_json_exactly(
    quantity: Decimal, unit_price: Decimal, vat_rate: Decimal, sd_rate: Decimal, ait_rate: Decimal
) -> None:
    event = LineItemAdded(
        "inv-1", "inv-1:1", 1, "x", quantity, unit_price, VATCategory.STANDARD, vat_rate, sd_rate, ait_rate, None, None
    )

    text = encode_event(event)
    decoded = decode_event(event.event_type, text)

    assert decoded == event
    assert isinstance(decoded, LineItemAdded)
    assert str(decoded.quantity) == str(quantity)
    assert f'"quantity":"{quantity}"' in text


@given(
    values=st.lists(st.tuples(_amounts, _amounts, _amounts, _amounts), min_size=0, max_size=5),
    totals=st.tuples(_amounts, _amounts, _amounts, _amounts, _amounts, _amounts),
)
@FAST
def test_calculation_amounts_survive_the_json_exactly(
    values: list[tuple[Decimal, Decimal, Decimal, Decimal]],
    totals: tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal],
) -> None:
    lines = tuple(LineCalculation(f"inv-1:{n}", *amounts) for n, amounts in enumerate(values, start=1))
    event = InvoiceCalculated("inv-1", lines, *totals)

    decoded = decode_event(event.event_type, encode_event(event))

    assert decoded == event
    assert isinstance(decoded, InvoiceCalculated)
    assert [str(line.vat) for line in decoded.lines] == [str(line.vat) for line in lines]


def _json_numbers(value: object) -> list[object]:
    if isinstance(value, dict):
        return [number for item in value.values() for number in _json_numbers(item)]
    if isinstance(value, list):
        return [number for item in value for number in _json_numbers(item)]
    return [value] if isinstance(value, float) else []


@pytest.mark.parametrize("event", ONE_OF_EACH, ids=lambda event: event.event_type)
def test_no_event_json_contains_a_float(event: DomainEvent) -> None:
    assert _json_numbers(json.loads(encode_event(event))) == []


@given(
    moment=st.datetimes(min_value=datetime(2019, 7, 1), max_value=datetime(2100, 1, 1)),
    offset_minutes=st.sampled_from([0, 360, -300, 345]),
    reason=st.text(min_size=1, max_size=50),
)
@FAST
def test_cancellations_survive_the_json_with_their_instant_and_reason(
    moment: datetime, offset_minutes: int, reason: str
) -> None:
    event = InvoiceCancelled("inv-1", reason, moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes))))

    decoded = decode_event(event.event_type, encode_event(event))

    assert decoded == event
    assert isinstance(decoded, InvoiceCancelled)
    assert decoded.cancelled_at.utcoffset() == timedelta(minutes=offset_minutes)
