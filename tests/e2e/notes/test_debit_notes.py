"""What a debit note (Mushak-6.8) adds to an issued invoice, and credits and debits together, over HTTP
(issue 13, scenarios 3 and 5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.e2e.ledger.books import dhaka_today, fiscal_year_of
from tests.e2e.notes.notes import (
    adjustments,
    amounts_of,
    assert_adjusted_exactly,
    by_amount,
    by_quantity,
    credit,
    credit_body,
    debit,
    debit_body,
    figures_of,
    issued,
    line_ids,
    taka,
)
from tests.e2e.operations import line, steel_rods
from tests.e2e.server import Caller, violated


def test_a_price_increase_adds_its_amount_and_the_vat_at_the_lines_rate(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    note = debit(caller, invoice["id"], by_amount(rods, 1000), reasonText="Steel price revised")

    assert (note["number"], note["serial"], note["reason"], note["reasonText"]) == (
        f"HO/DN/{fiscal_year_of(dhaka_today())}/000001",
        1,
        "PRICE_INCREASE",
        "Steel price revised",
    )
    assert note["mushak68Url"].startswith(f"/debit-notes/{note['id']}/mushak-6.8")
    assert amounts_of(note) == ("1000.00", "0.00", "150.00", "1150.00")
    assert figures_of(note["lines"][0]["before"]) == (100.0, "500000.00", "0.00", "75000.00", "575000.00")
    assert figures_of(note["lines"][0]["change"]) == (0.0, "1000.00", "0.00", "150.00", "1150.00")
    assert figures_of(note["lines"][0]["after"]) == (100.0, "501000.00", "0.00", "75150.00", "576150.00")
    read = adjustments(caller, invoice["id"])
    assert (read["creditedTotal"]["decimal"], read["debitedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == (
        "0.00",
        "1150.00",
        "576150.00",
    )
    assert ([n["id"] for n in read["debitNotes"]], read["creditNotes"], read["creditedInFull"]) == (
        [note["id"]],
        [],
        False,
    )
    assert_adjusted_exactly(read)


def test_a_debit_rounds_sd_and_vat_half_up_as_the_invoice_does(caller: Caller) -> None:
    invoice = issued(caller, steel_rods(lineItems=[line(quantity=10, unitPrice=10.01, supplementaryDutyRate=0.1)]))

    note = debit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 0.05))

    # SD 10% of 0.05 = 0.005 -> 0.01; VAT 15% of 0.06 = 0.009 -> 0.01.
    assert amounts_of(note) == ("0.05", "0.01", "0.01", "0.07")


def test_an_additional_quantity_is_valued_at_the_unit_price_and_may_then_be_credited_too(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    added = debit(caller, invoice["id"], by_quantity(rods, 5), reason="ADDITIONAL_QUANTITY")
    too_many = credit_body(caller, invoice["id"], by_quantity(rods, 105.0001))
    everything = credit(caller, invoice["id"], by_quantity(rods, 105))

    assert (added["reason"], figures_of(added["lines"][0]["change"])) == (
        "ADDITIONAL_QUANTITY",
        (5.0, "25000.00", "0.00", "3750.00", "28750.00"),
    )
    assert figures_of(added["lines"][0]["after"]) == (105.0, "525000.00", "0.00", "78750.00", "603750.00")
    assert violated(too_many) == {("input.lines[0].quantity", "more_than_remains")}
    assert figures_of(everything["lines"][0]["change"]) == (105.0, "525000.00", "0.00", "78750.00", "603750.00")
    read = adjustments(caller, invoice["id"])
    assert (read["creditedInFull"], read["adjustedTotal"]["decimal"]) == (True, "0.00")
    assert (read["creditedTotal"]["decimal"], read["debitedTotal"]["decimal"]) == ("603750.00", "28750.00")
    assert_adjusted_exactly(read)


def test_a_debit_note_for_another_reason_says_in_words_what_it_is(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    unexplained = debit_body(caller, invoice["id"], by_amount(rods, 10), reason="OTHER", reasonText="  ")
    explained = debit(caller, invoice["id"], by_amount(rods, 10), reason="OTHER", reasonText="Freight re-billed")

    assert violated(unexplained) == {("input.reasonText", "required")}
    assert (explained["reason"], explained["reasonText"], explained["serial"]) == ("OTHER", "Freight re-billed", 1)


def _changes_of(notes: list[dict[str, Any]], line_id: str, part: str) -> Decimal:
    """What `notes` changed of one line's `part`, summed from each note's own figures."""
    return sum(
        (
            taka(changed["change"][part])
            for note in notes
            for changed in note["lines"]
            if changed["invoiceLineId"] == line_id
        ),
        Decimal(0),
    )


def test_credits_and_debits_interleaved_keep_every_adjusted_figure_exact(caller: Caller) -> None:
    invoice = issued(
        caller,
        steel_rods(
            lineItems=[
                line(description="Cement with SD", quantity=7, unitPrice=333.33, supplementaryDutyRate=0.2),
                line(description="Delivery", quantity=1, unitPrice=999.99, vatCategory="REDUCED"),
            ]
        ),
    )
    cement, delivery = line_ids(invoice)
    steps = [
        ("credit", [by_quantity(cement, 1.5), by_amount(delivery, 0.07)]),
        ("debit", [by_amount(delivery, 333.33)]),
        ("credit", [by_amount(cement, 0.01)]),
        ("debit", [by_quantity(cement, 2.25)]),
        ("credit", [by_quantity(cement, 0.3333), by_amount(delivery, 1000.01)]),
        ("debit", [by_amount(cement, 0.03), by_quantity(delivery, 0.5)]),
    ]
    credits: list[dict[str, Any]] = []
    debits: list[dict[str, Any]] = []

    for kind, lines in steps:
        if kind == "credit":
            credits.append(credit(caller, invoice["id"], *lines))
        else:
            debits.append(debit(caller, invoice["id"], *lines))
        read = adjustments(caller, invoice["id"])
        assert_adjusted_exactly(read)
        for item in read["lineItems"]:
            for part in ("value", "supplementaryDuty", "vat", "total"):
                assert taka(item["credited"][part]) == _changes_of(credits, item["id"], part)
                assert taka(item["debited"][part]) == _changes_of(debits, item["id"], part)
        assert taka(read["creditedTotal"]) == sum((taka(n["total"]) for n in credits), Decimal(0))
        assert taka(read["debitedTotal"]) == sum((taka(n["total"]) for n in debits), Decimal(0))
    final = credit(caller, invoice["id"], reason="CANCELLATION")
    emptied = adjustments(caller, invoice["id"])
    debit(caller, invoice["id"], by_amount(delivery, 1))
    reopened = adjustments(caller, invoice["id"])

    assert [changed["invoiceLineId"] for changed in final["lines"]] == [cement, delivery]
    assert (emptied["creditedInFull"], emptied["adjustedTotal"]["decimal"]) == (True, "0.00")
    assert [figures_of(item["adjusted"])[1:] for item in emptied["lineItems"]] == [("0.00",) * 4] * 2
    assert_adjusted_exactly(emptied)
    # What a later debit note adds is owed again: the invoice is no longer credited in full.
    assert (reopened["creditedInFull"], reopened["adjustedTotal"]["decimal"]) == (False, "1.08")
    assert_adjusted_exactly(reopened)
