"""The VAT return over HTTP: a period's return computed with every note and its sub-form, deposits, the
cross-checks, prepare and submit (a failed check overridden with a reason, a late return), the lock that
then refuses documents dated in the period, an amendment; the periods listed; permissions and refusals."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.e2e.operations import APPROVE, CREATE, MONEY, steel_rods
from tests.e2e.server import Caller, only_error, violated
from tests.vat_return.memory_entries import MemoryReturnEntries, entry

Q1 = "2026-27/Q1"
NOTE_FIELDS = f"note value {MONEY} supplementaryDuty {MONEY} vat {MONEY} amount {MONEY}"
RETURN_FIELDS = f"""period startsOn endsOn dueOn status type nil
  notes {{ {NOTE_FIELDS} }}
  note4: note(number: 4) {{ {NOTE_FIELDS} sources(first: 1) {{ totalCount entries {{ documentType documentNumber
    entryDate counterpartyName counterpartyBin code value {MONEY} vat {MONEY} }} }} }}
  netPayable {MONEY} closingBalance {MONEY}
  deposits {{ id kind challanNumber date amount {MONEY} code }}
  preparedAt submittedAt submissionReference overrides {{ check reason }} amendments"""
GET = f"query($period: String!) {{ vatReturn(period: $period) {{ {RETURN_FIELDS} }} }}"
CHECKS = """query($period: String!) { vatReturnChecks(period: $period) {
  name passed expected actual difference words warnings } }"""
PERIODS = "query($from: Date!, $to: Date!) { taxPeriods(from: $from, to: $to) { label startsOn endsOn dueOn status } }"
PREPARE = f"mutation($period: String!) {{ prepareVatReturn(period: $period) {{ {RETURN_FIELDS} }} }}"
SUBMIT = f"""mutation($period: String!, $reference: String!, $at: DateTime!, $overrides: [CheckOverrideInput!]) {{
  submitVatReturn(period: $period, submissionReference: $reference, submittedAt: $at, overrides: $overrides) {{
    {RETURN_FIELDS} }} }}"""
AMEND = f"""mutation($period: String!, $reason: String!, $reference: String!, $at: DateTime!) {{
  amendVatReturn(period: $period, reason: $reason, submissionReference: $reference, submittedAt: $at) {{
    {RETURN_FIELDS} }} }}"""
DEPOSIT = f"""mutation($period: String!, $challan: String!, $date: Date!, $amount: Float!, $code: String!,
  $kind: VatDepositKind) {{
  recordVatDeposit(period: $period, challanNumber: $challan, date: $date, amount: $amount, code: $code, kind: $kind) {{
    {RETURN_FIELDS} }} }}"""
AT = "2026-11-20T11:00:00+06:00"
EVERY_CHECK = ["output_vat", "input_vat", "vds_certificates", "register_documents"]


def _quarter(entries: MemoryReturnEntries, caller: Caller) -> None:
    """Sales at 15% with SD and at 10%, an export, a creditable purchase, VDS certified by a customer."""
    entries.add(
        caller.tenant_id,
        [
            entry(4, "1000000", "157500", sd="50000", entry_date=date(2026, 7, 10)),
            entry(7, "500000", "50000", code="S004.00", vat_rate="10", entry_date=date(2026, 8, 1),
                  document_id="inv-2", document_number="HO/2026-27/000002"),
            entry(1, "300000", entry_date=date(2026, 9, 1), document_id="inv-3", document_number="HO/2026-27/000003"),
            entry(14, "400000", "60000", creditable="60000", entry_date=date(2026, 8, 5), document_id="bill-1"),
            entry(29, vat="15000", reference="6.6/2026-27/17", entry_date=date(2026, 9, 20), document_id="rct-1"),
        ],
    )  # fmt: skip


def _notes(body: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {note["note"]: note for note in body["notes"]}


def _decimal(money: dict[str, Any] | None) -> str | None:
    return None if money is None else str(money["decimal"])


def test_a_quarters_return_is_computed_prepared_submitted_past_a_failed_check_and_amended(
    caller: Caller, entries: MemoryReturnEntries
) -> None:
    _quarter(entries, caller)

    computed = caller.data(GET, {"period": Q1})["vatReturn"]

    assert (computed["status"], computed["startsOn"], computed["endsOn"], computed["dueOn"], computed["nil"]) == (
        "OPEN", "2026-07-01", "2026-09-30", "2026-10-15", False,
    )  # fmt: skip
    # Not filed by 15 October: filed now, it is a late return (s.65).
    assert computed["type"] == "LATE"
    notes = _notes(computed)
    assert len(notes) == 68
    assert [_decimal(notes[9][column]) for column in ("value", "supplementaryDuty", "vat")] == [
        "1800000.00", "50000.00", "207500.00",
    ]  # fmt: skip
    assert (_decimal(notes[1]["vat"]), _decimal(notes[23]["vat"]), _decimal(notes[29]["amount"])) == (
        None, "60000.00", "15000.00",
    )  # fmt: skip
    # 34 = 207,500 - 60,000 + 0 - 15,000
    assert computed["netPayable"]["decimal"] == "132500.00"
    sources = computed["note4"]["sources"]
    assert sources["totalCount"] == 1
    assert sources["entries"][0]["counterpartyBin"] == "001745707-0402"

    deposited = caller.data(
        DEPOSIT,
        {"period": Q1, "challan": "A-CH-17", "date": "2026-11-19", "amount": 132500, "code": "1/1133/0015/0311"},
    )["recordVatDeposit"]
    assert [(d["kind"], d["amount"]["decimal"]) for d in deposited["deposits"]] == [("VAT", "132500.00")]
    assert deposited["closingBalance"]["decimal"] == "0.00"

    caller.data(PREPARE, {"period": Q1})
    checks = {c["name"]: c for c in caller.data(CHECKS, {"period": Q1})["vatReturnChecks"]}
    assert list(checks) == EVERY_CHECK
    # The books have no VAT of these (the test's) entries: output VAT differs by all of it.
    assert (checks["output_vat"]["passed"], checks["output_vat"]["expected"], checks["output_vat"]["difference"]) == (
        False, "207500.00", "-207500.00",
    )  # fmt: skip
    assert checks["vds_certificates"]["passed"]

    refused = caller.graphql(SUBMIT, {"period": Q1, "reference": "NBR-17", "at": AT})
    assert violated(refused) == {("overrides", "check_failed")}

    failed = [name for name, check in checks.items() if not check["passed"]]
    overrides = [{"check": name, "reason": "entries of a test, not of the books"} for name in failed]
    submitted = caller.data(SUBMIT, {"period": Q1, "reference": "NBR-17", "at": AT, "overrides": overrides})[
        "submitVatReturn"
    ]
    assert (submitted["status"], submitted["type"], submitted["submissionReference"]) == ("SUBMITTED", "LATE", "NBR-17")
    assert [o["check"] for o in submitted["overrides"]] == failed
    assert caller.data(GET, {"period": Q1})["vatReturn"] == submitted

    amended = caller.data(
        AMEND, {"period": Q1, "reason": "The export's value was keyed wrong", "reference": "NBR-17-A", "at": AT}
    )["amendVatReturn"]
    assert (amended["status"], amended["type"], amended["amendments"]) == ("AMENDED", "AMENDED", 1)


def test_a_submitted_period_refuses_an_invoice_dated_in_it_and_lists_as_submitted(caller: Caller) -> None:
    draft = caller.data(CREATE, {"input": steel_rods(invoiceDate="2026-09-29", dueDate="2026-12-31")})["createInvoice"]
    caller.data(PREPARE, {"period": Q1})
    nil = caller.data(SUBMIT, {"period": Q1, "reference": "NBR-NIL", "at": AT})["submitVatReturn"]
    # A nil return has 20 days; 20 October 2026 is Durga Puja.
    assert (nil["nil"], nil["dueOn"], nil["type"]) == (True, "2026-10-21", "LATE")

    created = caller.graphql(CREATE, {"input": steel_rods(invoiceDate="2026-08-10", dueDate="2026-12-31")})
    approved = caller.checker().graphql(APPROVE, {"id": draft["id"]})

    assert violated(created) == {("input.invoiceDate", "tax_period_locked")}
    assert "the tax period 2026-27/Q1 was filed on 2026-11-20" in only_error(created, "BAD_USER_INPUT")["message"]
    assert violated(approved) == {("invoiceDate", "tax_period_locked")}
    later = caller.data(CREATE, {"input": steel_rods(invoiceDate="2026-10-01", dueDate="2026-12-31")})
    assert later["createInvoice"]["status"] == "DRAFT"
    periods = caller.data(PERIODS, {"from": "2026-06-01", "to": "2026-12-31"})["taxPeriods"]
    assert [(p["label"], p["status"], p["dueOn"]) for p in periods] == [
        ("2026-06", "OPEN", "2026-07-20"), (Q1, "SUBMITTED", "2026-10-21"), ("2026-27/Q2", "OPEN", "2027-01-20"),
    ]  # fmt: skip


def test_reading_preparing_and_submitting_need_their_own_permissions(caller: Caller) -> None:
    viewer = Caller(caller.http, caller.tenant_id, "viewer-1", ("viewer",))
    accountant = Caller(caller.http, caller.tenant_id, "accountant-1", ("accountant",))

    assert viewer.data(GET, {"period": Q1})["vatReturn"]["status"] == "OPEN"
    only_error(viewer.graphql(PREPARE, {"period": Q1}), "FORBIDDEN")
    assert accountant.data(PREPARE, {"period": Q1})["prepareVatReturn"]["status"] == "PREPARED"
    only_error(accountant.graphql(SUBMIT, {"period": Q1, "reference": "NBR-1", "at": AT}), "FORBIDDEN")


def test_a_period_that_is_none_or_has_no_draft_is_refused(caller: Caller) -> None:
    assert violated(caller.graphql(GET, {"period": "2026-27/Q5"})) == {("period", "period_format")}
    assert violated(caller.graphql(GET, {"period": "2026-08"})) == {("period", "return_frequency")}
    at_the_calendars_edge = {"period": Q1, "reference": "NBR-1", "at": "0001-01-01T00:00:00+14:00"}
    assert violated(caller.graphql(SUBMIT, at_the_calendars_edge)) == {("submittedAt", "range")}
    no_draft = only_error(caller.graphql(SUBMIT, {"period": Q1, "reference": "NBR-1", "at": AT}), "CONFLICT")
    assert "prepare it first" in no_draft["message"]
    bad_deposit = caller.graphql(
        DEPOSIT, {"period": Q1, "challan": "", "date": "2026-11-19", "amount": 0, "code": "one", "kind": "SD"}
    )
    assert violated(bad_deposit) == {
        ("challanNumber", "required"), ("amount", "amount"), ("code", "treasury_code"),
    }  # fmt: skip
