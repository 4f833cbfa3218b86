"""A receipt's own rules, one refusal at a time, and its life: a cheque's states, bounces, reversals, advances
and certificates, and the warning on cash above Tk 1,00,000."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.receivables.domain.events import (
    Allocation,
    Cheque,
    ChequeBounced,
    ChequeCleared,
    ChequeDeposited,
    ReceiptReversed,
    Wallet,
    WithholdingCertificateRecorded,
)
from hisab.receivables.domain.receipts import (
    AllocationInput,
    ChequeInput,
    Receipt,
    ReceiptMethod,
    ReceiptRequest,
    ReceiptStatus,
    ValidReceipt,
    WalletInput,
    WithholdingInput,
    cash_warnings,
    open_receipt,
    validate_receipt,
)

D = Decimal
TODAY = date(2026, 11, 26)
RECEIVED_ON = date(2026, 11, 20)
CHEQUE = ChequeInput("004512", "Sonali Bank", "Motijheel", date(2026, 11, 19))
WALLET = WalletInput("BKASH", "01712-345678", "9ab3xk2q")


def _request(**changes: object) -> ReceiptRequest:
    fields: dict[str, object] = {
        "customer_id": "customer-001",
        "customer_party_id": None,
        "receipt_date": RECEIVED_ON,
        "method": "BANK_TRANSFER",
        "amount": D("500000.00"),
        "deposit_account_code": None,
        "reference": "EFT 55120",
        "cheque": None,
        "wallet": None,
        "allocations": (AllocationInput("inv-1", D("400000.00")),),
        "withholdings": (),
    }
    fields.update(changes)
    return ReceiptRequest(**fields)  # type: ignore[arg-type]


def _refusals(request: ReceiptRequest) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as refused:
        validate_receipt(request, TODAY)
    return {(v.field, v.rule) for v in refused.value.violations}


def _valid(**changes: object) -> ValidReceipt:
    return validate_receipt(_request(**changes), TODAY)


# validate_receipt


def test_a_bank_transfer_with_an_allocation_is_valid_and_keeps_what_was_given() -> None:
    receipt = _valid()

    assert (receipt.method, str(receipt.amount), receipt.reference) == (
        ReceiptMethod.BANK_TRANSFER, "500000.00", "EFT 55120",
    )  # fmt: skip
    assert receipt.allocations == (Allocation("inv-1", D("400000.00")),)
    assert receipt.invoice_ids == {"inv-1"}


def test_a_receipt_without_a_date_is_dated_today() -> None:
    assert _valid(receipt_date=None).receipt_date == TODAY


def test_an_amount_given_without_paisa_is_kept_to_the_paisa() -> None:
    assert str(_valid(amount=D(500000), allocations=()).amount) == "500000.00"


def test_an_unknown_method_is_refused_by_method() -> None:
    assert _refusals(_request(method="BARTER")) == {("method", "method")}


@pytest.mark.parametrize("amount", [D(0), D("-1.00")])
def test_an_amount_that_is_not_positive_is_refused(amount: Decimal) -> None:
    assert ("amount", "positive") in _refusals(_request(amount=amount, allocations=()))


def test_an_amount_with_more_than_two_places_is_refused() -> None:
    assert _refusals(_request(amount=D("100.001"), allocations=())) == {("amount", "decimal_places")}


def test_an_amount_at_the_ceiling_is_refused() -> None:
    assert _refusals(_request(amount=D(10) ** 13, allocations=())) == {("amount", "amount_ceiling")}


def test_a_cheque_receipt_without_its_cheque_is_refused() -> None:
    assert _refusals(_request(method="CHEQUE")) == {("cheque", "required")}


def test_a_cheque_receipt_keeps_its_cheque() -> None:
    receipt = _valid(method="CHEQUE", cheque=CHEQUE)

    assert receipt.cheque == Cheque("004512", "Sonali Bank", "Motijheel", date(2026, 11, 19))


def test_a_cheque_on_a_receipt_by_another_method_is_refused() -> None:
    assert _refusals(_request(method="BANK_TRANSFER", cheque=CHEQUE)) == {("cheque", "cheque_only")}


def test_a_cheque_without_number_bank_or_date_is_refused_by_each_field() -> None:
    blank = ChequeInput(" ", None, None, None)

    assert _refusals(_request(method="CHEQUE", cheque=blank)) == {
        ("cheque.number", "required"),
        ("cheque.bank", "required"),
        ("cheque.cheque_date", "required"),
    }


def test_a_wallet_receipt_without_its_wallet_is_refused() -> None:
    assert _refusals(_request(method="MOBILE_WALLET")) == {("wallet", "required")}


def test_a_wallet_on_a_receipt_by_another_method_is_refused() -> None:
    assert _refusals(_request(method="CASH", wallet=WALLET)) == {("wallet", "wallet_only")}


def test_a_wallet_of_an_unknown_provider_is_refused() -> None:
    wallet = replace(WALLET, provider="PAYPAL")

    assert _refusals(_request(method="MOBILE_WALLET", wallet=wallet)) == {("wallet.provider", "provider")}


@pytest.mark.parametrize("msisdn", ["01212345678", "0171234567", "+447911123456", None])
def test_a_wallet_number_that_is_not_a_bangladeshi_mobile_is_refused(msisdn: str | None) -> None:
    wallet = replace(WALLET, msisdn=msisdn)

    assert _refusals(_request(method="MOBILE_WALLET", wallet=wallet)) == {("wallet.msisdn", "msisdn_format")}


@pytest.mark.parametrize("msisdn", ["01712-345678", "01712 345678", "+8801712345678", "8801712345678"])
def test_a_wallet_number_in_any_usual_spelling_is_kept_as_plus_880(msisdn: str) -> None:
    receipt = _valid(method="MOBILE_WALLET", wallet=replace(WALLET, msisdn=msisdn))

    assert receipt.wallet == Wallet("BKASH", "+8801712345678", "9AB3XK2Q")


def test_a_wallet_without_a_transaction_id_is_refused() -> None:
    wallet = replace(WALLET, transaction_id="  ")

    assert _refusals(_request(method="MOBILE_WALLET", wallet=wallet)) == {("wallet.transaction_id", "required")}


def test_allocations_adding_up_to_more_than_received_are_refused() -> None:
    allocations = (AllocationInput("inv-1", D("300000.00")), AllocationInput("inv-2", D("200000.01")))

    assert _refusals(_request(allocations=allocations)) == {("allocations", "more_than_received")}


def test_allocations_adding_up_to_exactly_what_was_received_are_valid() -> None:
    allocations = (AllocationInput("inv-1", D("300000.00")), AllocationInput("inv-2", D("200000.00")))

    assert _valid(allocations=allocations).invoice_ids == {"inv-1", "inv-2"}


def test_a_second_allocation_to_one_invoice_is_refused_by_its_index() -> None:
    allocations = (AllocationInput("inv-1", D("1.00")), AllocationInput("inv-1", D("2.00")))

    assert _refusals(_request(allocations=allocations)) == {("allocations[1].invoice_id", "duplicate_invoice")}


def test_an_allocation_that_is_not_positive_is_refused_by_its_index() -> None:
    allocations = (AllocationInput("inv-1", D("1.00")), AllocationInput("inv-2", D(0)))

    assert _refusals(_request(allocations=allocations)) == {("allocations[1].amount", "positive")}


def test_a_withholding_of_an_unknown_kind_is_refused() -> None:
    withheld = (WithholdingInput("inv-1", "GST", D("100.00")),)

    assert _refusals(_request(withholdings=withheld)) == {("withheld[0].kind", "kind")}


def test_vds_and_ait_on_one_invoice_are_valid_but_two_vds_are_refused() -> None:
    both = (WithholdingInput("inv-1", "VDS", D("100.00")), WithholdingInput("inv-1", "AIT", D("50.00")))
    twice = (WithholdingInput("inv-1", "VDS", D("100.00")), WithholdingInput("inv-1", "VDS", D("50.00")))

    assert [w.kind for w in _valid(withholdings=both).withholdings] == ["VDS", "AIT"]
    assert _refusals(_request(withholdings=twice)) == {("withheld[1].invoice_id", "duplicate_invoice")}


def test_a_certificate_number_without_its_date_is_refused() -> None:
    withheld = (WithholdingInput("inv-1", "VDS", D("100.00"), certificate_number="6.6/0042"),)

    assert _refusals(_request(withholdings=withheld)) == {("withheld[0].certificate_date", "certificate")}


def test_a_certificate_date_without_its_number_is_refused() -> None:
    withheld = (WithholdingInput("inv-1", "VDS", D("100.00"), certificate_date=date(2026, 11, 21)),)

    assert _refusals(_request(withholdings=withheld)) == {("withheld[0].certificate_date", "certificate")}


def test_a_withholding_amount_is_kept_to_the_paisa() -> None:
    withheld = (WithholdingInput("inv-1", "AIT", D(5000)),)

    assert str(_valid(withholdings=withheld).withholdings[0].amount) == "5000.00"


def test_a_receipt_dated_after_today_is_refused() -> None:
    assert _refusals(_request(receipt_date=date(2026, 11, 27))) == {("date", "not_in_future")}


def test_a_deposit_account_that_is_not_a_code_is_refused() -> None:
    assert _refusals(_request(deposit_account_code="bank account")) == {
        ("deposit_account_code", "deposit_account_code_format")
    }


def test_every_broken_rule_is_named_at_once() -> None:
    request = _request(method="CHEQUE", amount=D(0), receipt_date=date(2027, 1, 1))

    assert _refusals(request) == {("date", "not_in_future"), ("amount", "positive"), ("cheque", "required")}


# The Receipt aggregate


def _receipt(method: str = "CHEQUE", **changes: object) -> Receipt:
    extra: dict[str, object] = {"cheque": CHEQUE} if method == "CHEQUE" else {}
    extra.update(changes)
    valid = _valid(method=method, **extra)
    recorded = open_receipt("rct-1", valid, "RCT/2026-27/000001", 1, 2026)
    return Receipt.from_events("rct-1", [recorded])


def _after(receipt: Receipt, *events: object) -> Receipt:
    for event in events:
        receipt.apply(event)  # type: ignore[arg-type]
    return receipt


def test_a_cheque_is_received_then_deposited_then_cleared() -> None:
    receipt = _receipt()
    assert receipt.status is ReceiptStatus.RECEIVED

    deposited = receipt.deposit(date(2026, 11, 21))
    _after(receipt, deposited)
    assert (deposited, receipt.status) == (ChequeDeposited("rct-1", date(2026, 11, 21)), ReceiptStatus.DEPOSITED)

    cleared = receipt.clear(date(2026, 11, 23))
    _after(receipt, cleared)
    assert (cleared, receipt.status) == (ChequeCleared("rct-1", date(2026, 11, 23)), ReceiptStatus.CLEARED)
    assert receipt.version == 3


def test_a_receipt_by_any_other_method_is_completed_and_has_no_cheque_life() -> None:
    receipt = _receipt("BANK_TRANSFER")

    assert receipt.status is ReceiptStatus.COMPLETED
    with pytest.raises(IllegalTransitionError):
        receipt.deposit(TODAY)
    with pytest.raises(IllegalTransitionError):
        receipt.clear(TODAY)
    with pytest.raises(IllegalTransitionError):
        receipt.bounce(TODAY, "returned")


def test_a_received_cheque_cannot_be_cleared_before_it_is_deposited() -> None:
    with pytest.raises(IllegalTransitionError):
        _receipt().clear(TODAY)


def test_a_deposited_cheque_cannot_be_deposited_again() -> None:
    receipt = _after(_receipt(), ChequeDeposited("rct-1", TODAY))

    with pytest.raises(IllegalTransitionError):
        receipt.deposit(TODAY)


def test_a_received_or_deposited_cheque_bounces_with_its_reason() -> None:
    received = _receipt()
    deposited = _after(_receipt(), ChequeDeposited("rct-1", TODAY))

    assert received.bounce(TODAY, " insufficient funds ") == ChequeBounced("rct-1", TODAY, "insufficient funds")
    assert deposited.bounce(TODAY, "signature differs").reason == "signature differs"


def test_a_cleared_bounced_or_reversed_cheque_cannot_bounce() -> None:
    cleared = _after(_receipt(), ChequeDeposited("rct-1", TODAY), ChequeCleared("rct-1", TODAY))
    bounced = _after(_receipt(), ChequeBounced("rct-1", TODAY, "insufficient funds"))
    reversed_ = _after(_receipt(), ReceiptReversed("rct-1", TODAY, "recorded twice"))

    for receipt in (cleared, bounced, reversed_):
        with pytest.raises(IllegalTransitionError):
            receipt.bounce(TODAY, "again")


def test_a_bounce_without_a_reason_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _receipt().bounce(TODAY, "  ")

    assert [(v.field, v.rule) for v in refused.value.violations] == [("reason", "required")]


def test_a_bounced_receipt_settles_nothing_and_cannot_be_changed() -> None:
    receipt = _after(_receipt(), ChequeBounced("rct-1", TODAY, "insufficient funds"))

    assert receipt.undone
    with pytest.raises(IllegalTransitionError):
        receipt.reverse(TODAY, "again")
    with pytest.raises(IllegalTransitionError):
        receipt.allocate_advance((Allocation("inv-2", D("1.00")),), TODAY)


def test_any_standing_receipt_is_reversed_once() -> None:
    receipt = _receipt("CASH")

    reversal = receipt.reverse(TODAY, "recorded against the wrong customer")
    _after(receipt, reversal)

    assert reversal == ReceiptReversed("rct-1", TODAY, "recorded against the wrong customer")
    assert (receipt.status, receipt.undone) == (ReceiptStatus.REVERSED, True)
    with pytest.raises(IllegalTransitionError):
        receipt.reverse(TODAY, "again")


def test_an_advance_is_allocated_up_to_what_is_unallocated() -> None:
    receipt = _receipt("BANK_TRANSFER")
    assert (str(receipt.allocated), str(receipt.unallocated)) == ("400000.00", "100000.00")

    applied = receipt.allocate_advance((Allocation("inv-2", D("100000.00")),), TODAY)
    _after(receipt, applied)

    assert applied.allocated_on == TODAY
    assert (str(receipt.allocated), str(receipt.unallocated)) == ("500000.00", "0.00")


def test_an_advance_allocated_beyond_what_is_unallocated_is_refused_naming_what_is_left() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _receipt("BANK_TRANSFER").allocate_advance((Allocation("inv-2", D("100000.01")),), TODAY)

    (violation,) = refused.value.violations
    assert (violation.field, violation.rule) == ("allocations", "more_than_unallocated")
    assert "100000.00 unallocated" in violation.message


def test_an_advance_allocated_to_no_invoice_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _receipt("BANK_TRANSFER").allocate_advance((), TODAY)

    assert [(v.field, v.rule) for v in refused.value.violations] == [("allocations", "min_items")]


def _withheld_receipt() -> Receipt:
    return _receipt("BANK_TRANSFER", withholdings=(WithholdingInput("inv-1", "VDS", D("75000.00")),))


def test_a_withholding_is_numbered_after_its_receipt_and_takes_its_certificate_once() -> None:
    receipt = _withheld_receipt()
    assert list(receipt.withholdings) == ["rct-1:1"]

    recorded = receipt.record_certificate("rct-1:1", " 6.6/2026/0042 ", date(2026, 11, 25))
    _after(receipt, recorded)

    assert recorded == WithholdingCertificateRecorded("rct-1", "rct-1:1", "6.6/2026/0042", date(2026, 11, 25))
    assert receipt.withholdings["rct-1:1"].certificate_number == "6.6/2026/0042"
    with pytest.raises(IllegalTransitionError):
        receipt.record_certificate("rct-1:1", "6.6/2026/0043", date(2026, 11, 26))


def test_a_certificate_for_a_withholding_the_receipt_has_not_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _withheld_receipt().record_certificate("rct-1:2", "6.6/0042", TODAY)

    assert [(v.field, v.rule) for v in refused.value.violations] == [("withholding_id", "withholding")]


def test_a_certificate_without_a_number_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _withheld_receipt().record_certificate("rct-1:1", "", TODAY)

    assert [(v.field, v.rule) for v in refused.value.violations] == [("certificate_number", "required")]


def test_a_reversed_receipts_withholding_takes_no_certificate() -> None:
    receipt = _after(_withheld_receipt(), ReceiptReversed("rct-1", TODAY, "recorded twice"))

    with pytest.raises(IllegalTransitionError):
        receipt.record_certificate("rct-1:1", "6.6/0042", TODAY)


@pytest.mark.parametrize("change", ["deposit", "bounce", "reverse"])
def test_nothing_happens_to_a_receipt_before_its_own_date(change: str) -> None:
    receipt = _receipt()
    before = date(2026, 11, 19)

    with pytest.raises(InvalidInputError) as refused:
        if change == "deposit":
            receipt.deposit(before)
        elif change == "bounce":
            receipt.bounce(before, "insufficient funds")
        else:
            receipt.reverse(before, "recorded twice")

    assert [(v.field, v.rule) for v in refused.value.violations] == [("date", "after_receipt")]


def test_a_cheque_is_not_cleared_before_the_receipts_date() -> None:
    receipt = _after(_receipt(), ChequeDeposited("rct-1", RECEIVED_ON))

    with pytest.raises(InvalidInputError):
        receipt.clear(date(2026, 11, 19))
    assert receipt.clear(RECEIVED_ON) == ChequeCleared("rct-1", RECEIVED_ON)


# The cash rule


def test_cash_of_exactly_one_lakh_is_not_flagged() -> None:
    assert cash_warnings(ReceiptMethod.CASH, D("100000.00")) == ()


def test_cash_of_more_than_one_lakh_is_flagged_naming_the_rule() -> None:
    (warning,) = cash_warnings(ReceiptMethod.CASH, D("100000.01"))

    assert "s.46(1)(ka)" in warning
    assert "100,000" in warning


@pytest.mark.parametrize("method", [m for m in ReceiptMethod if m is not ReceiptMethod.CASH])
def test_more_than_one_lakh_by_any_other_method_is_not_flagged(method: ReceiptMethod) -> None:
    assert cash_warnings(method, D("5000000.00")) == ()
