"""What a credit note (Mushak-6.7) takes off an issued invoice, line by line, over HTTP
(issue 13, scenarios 1, 2 and 5)."""

from __future__ import annotations

from tests.e2e.ledger.books import dhaka_today, fiscal_year_of
from tests.e2e.notes.notes import (
    CREDIT_NOTE,
    adjustments,
    amounts_of,
    assert_adjusted_exactly,
    by_amount,
    by_quantity,
    credit,
    credit_body,
    debit,
    figures_of,
    issued,
    line_ids,
)
from tests.e2e.operations import line, steel_rods, three_rates
from tests.e2e.server import Caller, only_error, violated

ZERO = ("0.00", "0.00", "0.00", "0.00")


def test_a_quantity_returned_is_valued_at_the_unit_price_with_vat_at_the_lines_rate(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    note = credit(caller, invoice["id"], by_quantity(rods, 2.5), reasonText="2.5 rods returned bent")

    year = fiscal_year_of(dhaka_today())
    # The serial names the fiscal year short (2026-27), the note's fiscalYear in full (2026-2027).
    assert (note["number"], note["serial"], note["fiscalYear"]) == (
        f"HO/CN/{year}/000001",
        1,
        f"{year[:4]}-{int(year[:4]) + 1}",
    )
    assert (note["invoiceId"], note["invoiceMushakNumber"], note["customerId"]) == (
        invoice["id"],
        invoice["mushakNumber"],
        "customer-001",
    )
    assert (note["reason"], note["reasonText"], note["date"]) == (
        "RETURN",
        "2.5 rods returned bent",
        dhaka_today().isoformat(),
    )
    assert (note["issuedBy"], note["printCount"], note["invoice"]) == (
        caller.user_id,
        0,
        {"id": invoice["id"], "status": "APPROVED"},
    )
    assert amounts_of(note) == ("12500.00", "0.00", "1875.00", "14375.00")
    [changed] = note["lines"]
    assert (changed["invoiceLineId"], changed["position"], changed["unitPrice"]["decimal"]) == (rods, 1, "5000.00")
    assert figures_of(changed["before"]) == (100.0, "500000.00", "0.00", "75000.00", "575000.00")
    assert figures_of(changed["change"]) == (2.5, "12500.00", "0.00", "1875.00", "14375.00")
    assert figures_of(changed["after"]) == (97.5, "487500.00", "0.00", "73125.00", "560625.00")
    read = adjustments(caller, invoice["id"])
    assert (read["creditedTotal"]["decimal"], read["debitedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == (
        "14375.00",
        "0.00",
        "560625.00",
    )
    assert [n["id"] for n in read["creditNotes"]] == [note["id"]]
    assert (read["creditedInFull"], read["debitNotes"], read["status"]) == (False, [], "APPROVED")
    assert figures_of(read["lineItems"][0]["adjusted"]) == figures_of(changed["after"])
    assert_adjusted_exactly(read)


def test_a_quantity_is_valued_half_up_then_sd_on_the_value_and_vat_on_value_and_sd(caller: Caller) -> None:
    # 10 at 10.01 with 10% SD: 100.10, SD 10.01, VAT 15% of 110.11 = 16.5165, 16.52 to the paisa.
    invoice = issued(caller, steel_rods(lineItems=[line(quantity=10, unitPrice=10.01, supplementaryDutyRate=0.1)]))
    assert (invoice["supplementaryDuty"]["decimal"], invoice["vatAmount"]["decimal"]) == ("10.01", "16.52")

    note = credit(caller, invoice["id"], by_quantity(invoice["lineItems"][0]["id"], 0.5))

    # 0.5 x 10.01 = 5.005 -> 5.01; SD 0.501 -> 0.50; VAT 15% of 5.51 = 0.8265 -> 0.83.
    assert figures_of(note["lines"][0]["change"]) == (0.5, "5.01", "0.50", "0.83", "6.34")
    assert amounts_of(note) == ("5.01", "0.50", "0.83", "6.34")
    assert figures_of(note["lines"][0]["after"]) == (9.5, "95.09", "9.51", "15.69", "120.29")


def test_an_amount_reduces_the_value_and_the_taxes_in_proportion_and_leaves_the_quantity(caller: Caller) -> None:
    invoice = issued(caller)

    note = credit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 1000.50), reason="PRICE_REDUCTION")

    # VAT 15% of 1000.50 = 150.075, 150.08 half-up.
    assert (note["reason"], amounts_of(note)) == ("PRICE_REDUCTION", ("1000.50", "0.00", "150.08", "1150.58"))
    assert figures_of(note["lines"][0]["change"]) == (0.0, "1000.50", "0.00", "150.08", "1150.58")
    assert figures_of(note["lines"][0]["after"]) == (100.0, "498999.50", "0.00", "74849.92", "573849.42")
    assert adjustments(caller, invoice["id"])["adjustedTotal"]["decimal"] == "573849.42"


def test_one_note_credits_several_lines_each_at_its_own_rate(caller: Caller) -> None:
    invoice = issued(caller, three_rates())
    standard, reduced, zero_rated = line_ids(invoice)

    note = credit(
        caller,
        invoice["id"],
        by_amount(standard, 2500.50),
        by_quantity(reduced, 0.5),
        by_amount(zero_rated, 100),
        reason="QUANTITY_SHORTFALL",
    )

    assert [(n["position"], n["vatCategory"], n["vatRate"]) for n in note["lines"]] == [
        (1, "STANDARD", 0.15),
        (2, "REDUCED", 0.075),
        (3, "ZERO_RATED", 0.0),
    ]
    assert [amounts_of(n["change"]) for n in note["lines"]] == [
        ("2500.50", "0.00", "375.08", "2875.58"),
        ("5000.00", "0.00", "375.00", "5375.00"),
        ("100.00", "0.00", "0.00", "100.00"),
    ]
    assert amounts_of(note) == ("7600.50", "0.00", "750.08", "8350.58")
    read = adjustments(caller, invoice["id"])
    assert (read["grandTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == ("32250.00", "23899.42")
    assert [figures_of(item["adjusted"]) for item in read["lineItems"]] == [
        (1.0, "7499.50", "0.00", "1124.92", "8624.42"),
        (0.5, "5000.00", "0.00", "375.00", "5375.00"),
        (1.0, "9900.00", "0.00", "0.00", "9900.00"),
    ]
    assert_adjusted_exactly(read)


def test_each_line_of_a_note_is_rounded_on_its_own(caller: Caller) -> None:
    # Two lines of 2 at 0.23: each carries 0.46 and VAT 0.069 -> 0.07.
    washers = [line(description=f"Washers {size}", quantity=2, unitPrice=0.23) for size in ("M6", "M8")]
    invoice = issued(caller, steel_rods(lineItems=washers))

    note = credit(caller, invoice["id"], *(by_quantity(line_id, 1) for line_id in line_ids(invoice)))

    # 15% of 0.23 = 0.0345 -> 0.03 on each line: 0.06, where rounding the note's 0.069 once would make 0.07.
    assert [amounts_of(changed["change"]) for changed in note["lines"]] == [("0.23", "0.00", "0.03", "0.26")] * 2
    assert amounts_of(note) == ("0.46", "0.00", "0.06", "0.52")


def test_notes_in_sequence_each_start_from_what_the_one_before_left(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    first = credit(caller, invoice["id"], by_quantity(rods, 10))
    second = credit(caller, invoice["id"], by_amount(rods, 1000.50), reason="PRICE_REDUCTION")
    halfway = adjustments(caller, invoice["id"])
    last = credit(caller, invoice["id"], by_quantity(rods, 90))

    assert [note["serial"] for note in (first, second, last)] == [1, 2, 3]
    assert second["lines"][0]["before"] == first["lines"][0]["after"]
    assert last["lines"][0]["before"] == second["lines"][0]["after"]
    assert figures_of(second["lines"][0]["after"]) == (90.0, "448999.50", "0.00", "67349.92", "516349.42")
    assert halfway["creditedInFull"] is False
    # The rest of the quantity takes the rest of everything, whatever the amount credit did to the price.
    assert figures_of(last["lines"][0]["change"]) == (90.0, "448999.50", "0.00", "67349.92", "516349.42")
    assert figures_of(last["lines"][0]["after"]) == (0.0, *ZERO)
    read = adjustments(caller, invoice["id"])
    assert (read["creditedInFull"], read["creditedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == (
        True,
        "575000.00",
        "0.00",
    )
    assert [n["number"] for n in read["creditNotes"]] == [n["number"] for n in (first, second, last)]
    assert_adjusted_exactly(read)


def test_the_last_note_takes_exactly_the_tax_left_where_rounding_each_note_would_not(caller: Caller) -> None:
    # Both lines: 3 at 0.23. With 10% SD: 0.69, SD 0.069 -> 0.07, VAT 15% of 0.76 = 0.114 -> 0.11.
    # Without SD: 0.69, VAT 0.1035 -> 0.10. One third, rounded per note, is SD 0.02 and VAT 0.04 on the
    # first line (3 notes would take SD 0.06 and VAT 0.12) and VAT 0.03 on the second (0.09 in all).
    invoice = issued(
        caller,
        steel_rods(
            lineItems=[
                line(description="Washers with SD", quantity=3, unitPrice=0.23, supplementaryDutyRate=0.1),
                line(description="Washers", quantity=3, unitPrice=0.23),
            ]
        ),
    )
    with_sd, plain = line_ids(invoice)
    assert [amounts_of({"value": i["amount"], "supplementaryDuty": i["supplementaryDuty"], "vat": i["vatAmount"],
                        "total": i["total"]}) for i in invoice["lineItems"]] == [
        ("0.69", "0.07", "0.11", "0.87"),
        ("0.69", "0.00", "0.10", "0.79"),
    ]  # fmt: skip

    notes = [credit(caller, invoice["id"], by_quantity(with_sd, 1), by_amount(plain, 0.23)) for _ in range(3)]

    assert [amounts_of(n["lines"][0]["change"]) for n in notes] == [
        ("0.23", "0.02", "0.04", "0.29"),
        ("0.23", "0.02", "0.04", "0.29"),
        ("0.23", "0.03", "0.03", "0.29"),
    ]
    assert [amounts_of(n["lines"][1]["change"]) for n in notes] == [
        ("0.23", "0.00", "0.03", "0.26"),
        ("0.23", "0.00", "0.03", "0.26"),
        ("0.23", "0.00", "0.04", "0.27"),
    ]
    assert [amounts_of(n["lines"][i]["after"]) for n in notes[-1:] for i in (0, 1)] == [ZERO, ZERO]
    read = adjustments(caller, invoice["id"])
    assert (read["creditedInFull"], read["creditedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == (
        True,
        "1.66",
        "0.00",
    )
    assert [figures_of(item["adjusted"]) for item in read["lineItems"]] == [(0.0, *ZERO), (3.0, *ZERO)]
    assert_adjusted_exactly(read)


def test_a_cancellation_without_lines_credits_everything_the_invoice_still_carries(caller: Caller) -> None:
    invoice = issued(caller, three_rates())
    standard, reduced, zero_rated = line_ids(invoice)
    credit(caller, invoice["id"], by_amount(standard, 2500.50))

    note = credit(caller, invoice["id"], reason="CANCELLATION", reasonText="The order was called off", lines=None)

    assert [(n["invoiceLineId"], figures_of(n["change"])) for n in note["lines"]] == [
        (standard, (1.0, "7499.50", "0.00", "1124.92", "8624.42")),
        (reduced, (1.0, "10000.00", "0.00", "750.00", "10750.00")),
        (zero_rated, (1.0, "10000.00", "0.00", "0.00", "10000.00")),
    ]
    assert [figures_of(n["after"]) for n in note["lines"]] == [(0.0, *ZERO)] * 3
    read = adjustments(caller, invoice["id"])
    assert (read["creditedInFull"], read["creditedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == (
        True,
        "32250.00",
        "0.00",
    )
    assert_adjusted_exactly(read)


def test_nothing_more_is_credited_once_an_invoice_is_credited_in_full(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    credit(caller, invoice["id"], reason="CANCELLATION")

    again = credit_body(caller, invoice["id"], reason="CANCELLATION")
    one_more = credit_body(caller, invoice["id"], by_quantity(rods, 1))
    a_paisa = credit_body(caller, invoice["id"], by_amount(rods, 0.01))

    assert violated(again) == {("input.lines", "nothing_left")}
    assert violated(one_more) == {("input.lines[0].quantity", "more_than_remains")}
    assert violated(a_paisa) == {("input.lines[0].amount", "more_than_remains")}
    assert only_error(a_paisa, "BAD_USER_INPUT")["message"].endswith(
        "line 1 carries a quantity of 0 and a value of 0.00 (SD 0.00, VAT 0.00) after earlier notes: "
        "nothing is left to credit"
    )
    read = adjustments(caller, invoice["id"])
    assert (len(read["creditNotes"]), read["adjustedTotal"]["decimal"]) == (1, "0.00")


def test_a_credit_of_more_than_5000_of_vat_to_a_buyer_without_a_bin_is_issued_with_a_warning(caller: Caller) -> None:
    no_bin, with_bin = issued(caller), issued(caller, steel_rods(customerBIN="002871821-0101"))
    rods, registered_rods = line_ids(no_bin)[0], line_ids(with_bin)[0]

    warned = credit(caller, no_bin["id"], by_quantity(rods, 40))
    # 15% of 33333.33 = 4999.9995, 5000.00 to the paisa: not more than 5000.
    at_the_limit = credit(caller, no_bin["id"], by_amount(rods, 33333.33))
    registered = credit(caller, with_bin["id"], by_quantity(registered_rods, 40))
    debited = debit(caller, no_bin["id"], by_amount(rods, 100000))

    assert (warned["vat"]["decimal"], at_the_limit["vat"]["decimal"]) == ("30000.00", "5000.00")
    [warning] = warned["warnings"]
    assert "BIN" in warning
    assert "s.52(2)" in warning
    assert at_the_limit["warnings"] == registered["warnings"] == debited["warnings"] == []
    assert caller.data(CREDIT_NOTE, {"id": warned["id"]})["creditNote"]["warnings"] == [warning]
