"""Every note the service refuses, and how it says so, over HTTP on SQLite and PostgreSQL (issue 13).

A refused note changes nothing: the invoice keeps what it carried and the next good note takes the
next serial. The server's clock is set back where a note must come days after its invoice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.invoicing.test_approvals import SET_POLICY, SUBMIT
from tests.e2e.ledger.books import as_user, dhaka_today
from tests.e2e.notes.notes import (
    BACKENDS,
    ISSUE_CREDIT,
    ISSUE_DEBIT,
    ServerClock,
    adjustments,
    by_amount,
    by_quantity,
    credit,
    credit_body,
    debit,
    debit_body,
    issued,
    line_ids,
    note_input,
    server_with_clock,
)
from tests.e2e.operations import CANCEL, CREATE, GET, line, steel_rods
from tests.e2e.server import JWT_SECRET, Caller, new_tenant, only_error, violated

CLOCK = ServerClock()
SETTINGS = "{ tenantSettings { noteMaxInvoiceAgeDays } }"
LIMIT = """mutation($days: Int) { updateTenantSettings(input: {noteMaxInvoiceAgeDays: $days}) {
  noteMaxInvoiceAgeDays } }"""
RELAX = """mutation { updateTenantSettings(input: {creatorMayApprove: true}) {
  creatorMayApprove noteMaxInvoiceAgeDays } }"""


@pytest.fixture(scope="module", params=BACKENDS)
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_with_clock(request, tmp_path_factory, CLOCK) as url:
        yield url


def _two_lines(caller: Caller) -> dict[str, Any]:
    """100 rods at 5000 and one delivery at 10000, both at 15%."""
    lines = [line(), line(description="Delivery", quantity=1, unitPrice=10000)]
    return issued(caller, steel_rods(lineItems=lines))


def _unchanged(caller: Caller, invoice: dict[str, Any]) -> None:
    """Nothing was issued against the invoice: no note, nothing credited or debited."""
    read = adjustments(caller, invoice["id"])
    assert (read["creditNotes"], read["debitNotes"]) == ([], [])
    assert read["adjustedTotal"] == read["grandTotal"]


# What a line may take


def test_a_credit_of_more_than_a_line_carries_is_refused_naming_each_line_and_what_remains(caller: Caller) -> None:
    invoice = _two_lines(caller)
    rods, delivery = line_ids(invoice)
    credit(caller, invoice["id"], by_quantity(rods, 10))

    body = credit_body(caller, invoice["id"], by_quantity(rods, 90.5), by_amount(delivery, 10000.01))

    assert violated(body) == {
        ("input.lines[0].quantity", "more_than_remains"),
        ("input.lines[1].amount", "more_than_remains"),
    }
    by_field = {v["field"]: v["message"] for v in body["errors"][0]["extensions"]["violations"]}
    assert by_field == {
        "input.lines[0].quantity": "line 1 carries a quantity of 90 and a value of 450000.00 (SD 0.00, VAT 67500.00) "
        "after earlier notes; a quantity of 90.5 is more than that",
        "input.lines[1].amount": "line 2 carries a quantity of 1 and a value of 10000.00 (SD 0.00, VAT 1500.00) "
        "after earlier notes; crediting a value of 10000.01 is more than that",
    }
    read = adjustments(caller, invoice["id"])
    assert (len(read["creditNotes"]), read["creditedTotal"]["decimal"]) == (1, "57500.00")
    assert credit(caller, invoice["id"], by_quantity(rods, 90))["serial"] == 2


def test_an_amount_of_more_than_a_line_still_carries_after_an_earlier_note_is_refused(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    credit(caller, invoice["id"], by_amount(rods, 499999.99))

    body = credit_body(caller, invoice["id"], by_amount(rods, 0.02))

    assert violated(body) == {("input.lines[0].amount", "more_than_remains")}
    assert (
        "carries a quantity of 100 and a value of 0.01 (SD 0.00, VAT 0.00)"
        in only_error(body, "BAD_USER_INPUT")["message"]
    )
    assert credit(caller, invoice["id"], by_amount(rods, 0.01))["lines"][0]["after"]["total"]["decimal"] == "0.00"


@pytest.mark.parametrize(
    ("given", "field", "rule"),
    [
        pytest.param({"quantity": 0}, "input.lines[0].quantity", "positive", id="zero-quantity"),
        pytest.param({"quantity": -1}, "input.lines[0].quantity", "positive", id="negative-quantity"),
        pytest.param({"amount": 0}, "input.lines[0].amount", "positive", id="zero-amount"),
        pytest.param({"amount": -0.01}, "input.lines[0].amount", "positive", id="negative-amount"),
        pytest.param({"quantity": 1.00001}, "input.lines[0].quantity", "decimal_places", id="five-places-quantity"),
        pytest.param({"amount": 1.001}, "input.lines[0].amount", "decimal_places", id="three-places-amount"),
        pytest.param({"quantity": 1, "amount": 5000}, "input.lines[0]", "quantity_or_amount", id="both"),
        pytest.param({}, "input.lines[0]", "quantity_or_amount", id="neither"),
    ],
)
def test_a_line_gives_a_positive_quantity_or_amount_of_few_places_and_not_both(
    caller: Caller, given: dict[str, Any], field: str, rule: str
) -> None:
    invoice = issued(caller)
    given_line = {"invoiceLineId": line_ids(invoice)[0], **given}

    credited = credit_body(caller, invoice["id"], given_line)
    debited = debit_body(caller, invoice["id"], given_line)

    assert violated(credited) == violated(debited) == {(field, rule)}
    _unchanged(caller, invoice)


def test_a_quantity_worth_less_than_a_paisa_is_refused(caller: Caller) -> None:
    invoice = issued(caller, steel_rods(lineItems=[line(quantity=3, unitPrice=0.23)]))

    # 0.0001 x 0.23 = 0.000023: nothing to the paisa.
    body = credit_body(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 0.0001))

    assert violated(body) == {("input.lines[0].quantity", "positive")}


def test_a_line_of_another_invoice_is_refused(caller: Caller) -> None:
    invoice, other = issued(caller), issued(caller)

    body = credit_body(caller, invoice["id"], by_quantity(line_ids(other)[0], 1))

    assert violated(body) == {("input.lines[0].invoiceLineId", "invoice_line")}
    _unchanged(caller, invoice)
    _unchanged(caller, other)


def test_a_line_named_twice_in_one_note_is_refused(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    body = credit_body(caller, invoice["id"], by_quantity(rods, 60), by_quantity(rods, 60))

    assert violated(body) == {("input.lines[1].invoiceLineId", "duplicate_line")}
    _unchanged(caller, invoice)


@pytest.mark.parametrize("lines", [pytest.param([], id="empty"), pytest.param(None, id="null")])
def test_a_credit_note_names_its_lines_unless_it_cancels_the_supply(caller: Caller, lines: list[Any] | None) -> None:
    invoice = issued(caller)

    for reason in ("RETURN", "PRICE_REDUCTION", "QUANTITY_SHORTFALL"):
        assert violated(credit_body(caller, invoice["id"], reason=reason, lines=lines)) == {
            ("input.lines", "min_lines")
        }
    assert violated(credit_body(caller, invoice["id"], reason="OTHER", reasonText="x", lines=lines)) == {
        ("input.lines", "min_lines")
    }
    assert violated(debit_body(caller, invoice["id"])) == {("input.lines", "min_lines")}
    _unchanged(caller, invoice)


def test_a_note_for_another_reason_must_say_what_it_is(caller: Caller) -> None:
    invoice = issued(caller)

    body = credit_body(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1), reason="OTHER")

    assert violated(body) == {("input.reasonText", "required")}


# When a note may be dated


def test_a_note_is_dated_neither_after_today_nor_before_its_invoices_issue(caller: Caller) -> None:
    today = dhaka_today()
    with CLOCK.days_ago(10) as issue_day:
        invoice = issued(caller)
    [rods] = line_ids(invoice)

    def dated(day: str) -> dict[str, Any]:
        return credit_body(caller, invoice["id"], by_quantity(rods, 1), date=day)

    tomorrow = dated((today + timedelta(days=1)).isoformat())
    before_issue = dated(str(issue_day - timedelta(days=1)))

    assert violated(tomorrow) == {("input.date", "not_in_future")}
    assert violated(before_issue) == {("input.date", "after_invoice")}
    assert str(issue_day) in only_error(before_issue, "BAD_USER_INPUT")["message"]
    on_issue = credit(caller, invoice["id"], by_quantity(rods, 1), date=str(issue_day))
    today_note = credit(caller, invoice["id"], by_quantity(rods, 1))
    assert [(n["date"], n["serial"]) for n in (on_issue, today_note)] == [(str(issue_day), 1), (today.isoformat(), 2)]


def test_the_tenants_limit_on_an_invoices_age_refuses_later_notes_until_it_is_removed(caller: Caller) -> None:
    with CLOCK.days_ago(40) as issue_day:
        invoice = issued(caller)
    [rods] = line_ids(invoice)
    assert caller.data(SETTINGS)["tenantSettings"] == {"noteMaxInvoiceAgeDays": None}

    set_to = caller.data(LIMIT, {"days": 30})["updateTenantSettings"]
    late_credit = credit_body(caller, invoice["id"], by_quantity(rods, 1))
    late_debit = debit_body(caller, invoice["id"], by_amount(rods, 1))
    a_day_late = credit_body(caller, invoice["id"], by_quantity(rods, 1), date=str(issue_day + timedelta(days=31)))
    in_time = credit(caller, invoice["id"], by_quantity(rods, 1), date=str(issue_day + timedelta(days=30)))
    removed = caller.data(LIMIT, {"days": None})["updateTenantSettings"]
    after_removal = credit(caller, invoice["id"], by_quantity(rods, 1))

    assert set_to == {"noteMaxInvoiceAgeDays": 30}
    assert (
        violated(late_credit) == violated(late_debit) == violated(a_day_late) == {("input.date", "invoice_age_limit")}
    )
    assert "30 days" in only_error(late_credit, "BAD_USER_INPUT")["message"]
    assert (in_time["serial"], in_time["date"]) == (1, str(issue_day + timedelta(days=30)))
    assert removed == {"noteMaxInvoiceAgeDays": None}
    assert caller.data(SETTINGS)["tenantSettings"] == {"noteMaxInvoiceAgeDays": None}
    assert after_removal["serial"] == 2


def test_a_limit_of_zero_days_allows_a_note_on_the_day_of_issue_only(caller: Caller) -> None:
    caller.data(LIMIT, {"days": 0})
    with CLOCK.days_ago(1) as issue_day:
        yesterdays = issued(caller)
    todays = issued(caller)

    assert violated(credit_body(caller, yesterdays["id"], by_quantity(line_ids(yesterdays)[0], 1))) == {
        ("input.date", "invoice_age_limit")
    }
    assert credit(caller, yesterdays["id"], by_quantity(line_ids(yesterdays)[0], 1), date=str(issue_day))["serial"] == 1
    assert credit(caller, todays["id"], by_quantity(line_ids(todays)[0], 1))["serial"] == 2


def test_changing_another_setting_keeps_the_invoice_age_limit(caller: Caller) -> None:
    caller.data(LIMIT, {"days": 5})
    with CLOCK.days_ago(6):
        invoice = issued(caller)

    relaxed = caller.data(RELAX)["updateTenantSettings"]
    # The limit's variable left out: the field is not given at all, so it keeps its value too.
    unchanged = caller.data(LIMIT)["updateTenantSettings"]

    assert relaxed == {"creatorMayApprove": True, "noteMaxInvoiceAgeDays": 5}
    assert unchanged == {"noteMaxInvoiceAgeDays": 5}
    assert violated(credit_body(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1))) == {
        ("input.date", "invoice_age_limit")
    }


@pytest.mark.parametrize("days", [-1, 3651, 2**31 - 1])
def test_an_invoice_age_limit_out_of_range_is_refused(caller: Caller, days: int) -> None:
    caller.data(LIMIT, {"days": 3650})

    body = caller.graphql(LIMIT, {"days": days})

    assert violated(body) == {("input.noteMaxInvoiceAgeDays", "range")}
    assert caller.data(SETTINGS)["tenantSettings"] == {"noteMaxInvoiceAgeDays": 3650}


# Which invoices take notes, and who issues them


def _pending(caller: Caller) -> dict[str, Any]:
    caller.data(SET_POLICY, {"input": {"levels": [{"role": "manager"}]}})
    clerk = as_user(caller, "clerk-1", "clerk")
    created: dict[str, Any] = clerk.data(CREATE, {"input": steel_rods()})["createInvoice"]
    submitted = clerk.data(SUBMIT, {"id": created["id"]})["submitInvoice"]
    assert submitted["status"] == "PENDING_APPROVAL"
    return created


def test_only_an_issued_invoice_takes_notes(caller: Caller) -> None:
    draft = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    cancelled = issued(caller)
    caller.data(CANCEL, {"id": cancelled["id"], "reason": "Wrong customer"})
    pending = _pending(caller)

    for invoice, status in ((draft, "DRAFT"), (cancelled, "CANCELLED"), (pending, "PENDING_APPROVAL")):
        lines = [by_quantity(line_ids(invoice)[0], 1)]
        for body in (credit_body(caller, invoice["id"], *lines), debit_body(caller, invoice["id"], *lines)):
            assert status in only_error(body, "CONFLICT")["message"]
        assert caller.data(GET, {"id": invoice["id"]})["invoice"]["status"] == status


def test_another_tenants_invoice_and_an_unknown_one_are_not_found(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    other_tenant = Caller(caller.http, new_tenant())

    for who, invoice_id in ((other_tenant, invoice["id"]), (caller, "00000000-0000-0000-0000-000000000000")):
        only_error(credit_body(who, invoice_id, by_quantity(rods, 1)), "NOT_FOUND")
        only_error(debit_body(who, invoice_id, by_quantity(rods, 1)), "NOT_FOUND")
        only_error(credit_body(who, invoice_id, reason="CANCELLATION"), "NOT_FOUND")
    _unchanged(caller, invoice)


def test_only_a_caller_who_may_adjust_invoices_issues_notes(caller: Caller) -> None:
    invoice = issued(caller)
    lines = [by_quantity(line_ids(invoice)[0], 1)]

    for role in ("clerk", "viewer", "accountant"):
        who = as_user(caller, f"{role}-1", role)
        for body in (credit_body(who, invoice["id"], *lines), debit_body(who, invoice["id"], *lines)):
            assert only_error(body, "FORBIDDEN")["extensions"]["permission"] == "invoice:adjust"
    _unchanged(caller, invoice)
    approver = as_user(caller, "approver-1", "approver")
    assert credit(approver, invoice["id"], *lines)["issuedBy"] == "approver-1"


def test_an_invoice_with_notes_can_no_longer_be_cancelled(caller: Caller) -> None:
    credited, debited = issued(caller), issued(caller)
    credit(caller, credited["id"], by_quantity(line_ids(credited)[0], 1))
    debit(caller, debited["id"], by_amount(line_ids(debited)[0], 1))

    for invoice in (credited, debited):
        refused = only_error(caller.graphql(CANCEL, {"id": invoice["id"], "reason": "Goods returned"}), "CONFLICT")
        assert "CANCELLATION" in refused["message"]
        assert caller.data(GET, {"id": invoice["id"]})["invoice"]["status"] == "APPROVED"


def test_a_stale_expected_version_issues_nothing_and_a_retry_issues_no_second_note(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    version = invoice["version"]

    stale = credit_body(caller, invoice["id"], by_quantity(rods, 1), expectedVersion=version - 1)
    first = credit(caller, invoice["id"], by_quantity(rods, 1), expectedVersion=version)
    retried = credit_body(caller, invoice["id"], by_quantity(rods, 1), expectedVersion=version)
    stale_debit = debit_body(caller, invoice["id"], by_amount(rods, 1), expectedVersion=version)

    assert f"version {version - 1}" in only_error(stale, "CONFLICT")["message"]
    assert first["serial"] == 1
    only_error(retried, "CONFLICT")
    only_error(stale_debit, "CONFLICT")
    read = adjustments(caller, invoice["id"])
    assert ([n["id"] for n in read["creditNotes"]], read["debitNotes"]) == ([first["id"]], [])
    assert read["version"] == version + 1
    assert credit(caller, invoice["id"], by_quantity(rods, 1), expectedVersion=version + 1)["serial"] == 2


# Input nobody announced


def _no_internal_error(body: dict[str, Any]) -> dict[str, Any]:
    """The body's one error: never INTERNAL, never a trace or a driver's words."""
    errors = body.get("errors") or []
    assert len(errors) == 1, body
    assert errors[0]["extensions"]["code"] != "INTERNAL", body
    text = json.dumps(body)
    for leak in ("Traceback", "InvalidOperation", "decimal.", "asyncpg", "sqlite3", "SELECT ", JWT_SECRET):
        assert leak not in text
    error: dict[str, Any] = errors[0]
    return error


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        pytest.param({"reasonText": "bent\x00rods"}, "input.reasonText", "control_characters", id="nul-in-reason"),
        pytest.param({"reasonText": "bell\x07"}, "input.reasonText", "control_characters", id="bell-in-reason"),
        pytest.param({"reasonText": "x" * 501}, "input.reasonText", "max_length", id="501-characters"),
        pytest.param({"lines": [by_quantity("x" * 10_000, 1)]}, "input.lines[0].invoiceLineId", "invoice_line",
                     id="line-id-of-10000-characters"),
        pytest.param({"lines": [by_quantity("a\x00b", 1)]}, "input.lines[0].invoiceLineId", "invoice_line",
                     id="nul-in-line-id"),
    ],
)  # fmt: skip
def test_awkward_text_in_a_note_is_refused_naming_the_field(
    caller: Caller, changes: dict[str, Any], field: str, rule: str
) -> None:
    invoice = issued(caller)
    given = note_input(invoice["id"], "RETURN", by_quantity(line_ids(invoice)[0], 1), **changes)

    body = caller.graphql(ISSUE_CREDIT, {"input": given})

    _no_internal_error(body)
    assert violated(body) == {(field, rule)}
    # Nothing sent is echoed by the screenful: an unknown line id of 10,000 characters is not repeated.
    assert len(json.dumps(body)) < 2_000
    _unchanged(caller, invoice)


def test_a_reason_of_500_characters_with_line_breaks_is_kept_verbatim(caller: Caller) -> None:
    invoice = issued(caller)
    text = ("Returned: bent rods\n" * 25)[:499] + "."

    note = credit(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1), reasonText=text)

    assert note["reasonText"] == text


@pytest.mark.parametrize(
    ("document", "given", "field", "rule"),
    [
        pytest.param(ISSUE_CREDIT, {"amount": 1e13}, "input.lines[0].amount", "amount_ceiling", id="credit-1e13"),
        pytest.param(ISSUE_CREDIT, {"amount": 9999999999999.99}, "input.lines[0].amount", "more_than_remains",
                     id="credit-just-under-1e13"),
        pytest.param(ISSUE_CREDIT, {"quantity": 1e-9}, "input.lines[0].quantity", "decimal_places", id="credit-1e-9"),
        pytest.param(ISSUE_CREDIT, {"quantity": 1e30}, "input.lines[0].quantity", "amount_ceiling",
                     id="credit-quantity-1e30"),
        pytest.param(ISSUE_CREDIT, {"quantity": 1e300}, "input.lines[0].quantity", "amount_ceiling",
                     id="credit-quantity-1e300"),
        pytest.param(ISSUE_DEBIT, {"amount": 1e13}, "input.lines[0].amount", "amount_ceiling", id="debit-1e13"),
        # 9 x 10^12 with 15% VAT on a line of 575,000: over 10^13 in all.
        pytest.param(ISSUE_DEBIT, {"amount": 9e12}, "input.lines[0].amount", "amount_ceiling", id="debit-9e12"),
        pytest.param(ISSUE_DEBIT, {"quantity": 1e-9}, "input.lines[0].quantity", "decimal_places", id="debit-1e-9"),
        pytest.param(ISSUE_DEBIT, {"quantity": 1e30}, "input.lines[0].quantity", "amount_ceiling",
                     id="debit-quantity-1e30"),
        pytest.param(ISSUE_DEBIT, {"amount": 1e300}, "input.lines[0].amount", "amount_ceiling",
                     id="debit-amount-1e300"),
    ],
)  # fmt: skip
def test_huge_and_tiny_numbers_are_refused_naming_the_field(
    caller: Caller, document: str, given: dict[str, Any], field: str, rule: str
) -> None:
    invoice = issued(caller)
    reason = "RETURN" if document == ISSUE_CREDIT else "PRICE_INCREASE"
    lines = [{"invoiceLineId": line_ids(invoice)[0], **given}]

    body = caller.graphql(document, {"input": note_input(invoice["id"], reason, *lines)})

    _no_internal_error(body)
    assert violated(body) == {(field, rule)}
    _unchanged(caller, invoice)


def test_an_invoice_id_of_10000_characters_or_with_a_nul_is_not_found(caller: Caller) -> None:
    invoice = issued(caller)
    lines = [by_quantity(line_ids(invoice)[0], 1)]

    for invoice_id in ("x" * 10_000, "a\x00b", ""):
        for body in (credit_body(caller, invoice_id, *lines), debit_body(caller, invoice_id, *lines)):
            assert _no_internal_error(body)["extensions"]["code"] == "NOT_FOUND"
