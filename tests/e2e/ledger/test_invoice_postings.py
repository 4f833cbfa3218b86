"""What approving and cancelling an invoice posts, and the posting rules (issue 12, scenario 3)."""

from __future__ import annotations

from typing import Any

from tests.e2e.ledger.books import (
    ACCOUNT_FIELDS,
    CREATE_ACCOUNT,
    ENTRY_FIELDS,
    LIST_ENTRIES,
    amounts,
    as_user,
    balance_of,
    dhaka_today,
    fiscal_year_of,
    listed_ids,
)
from tests.e2e.operations import APPROVE, CANCEL, CREATE, line, steel_rods, three_rates
from tests.e2e.server import Caller, only_error, violated

INVOICE_ENTRIES = f"""query($id: ID!) {{ invoice(id: $id) {{
  id status mushakNumber journalEntry {{ {ENTRY_FIELDS} }} journalEntries {{ {ENTRY_FIELDS} }} }} }}"""
RULE_FIELDS = f"documentType role description accountType accountCode account {{ {ACCOUNT_FIELDS} }}"
POSTING_RULES = f"{{ postingRules {{ {RULE_FIELDS} }} }}"
SET_POSTING = f"""mutation($documentType: String!, $role: String!, $accountCode: String!) {{
  setPostingAccount(documentType: $documentType, role: $role, accountCode: $accountCode) {{ {RULE_FIELDS} }} }}"""


def _issued(caller: Caller, invoice: dict[str, Any] | None = None) -> dict[str, Any]:
    created = caller.data(CREATE, {"input": invoice or steel_rods()})["createInvoice"]
    approved: dict[str, Any] = caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]
    return approved


def _entries_of(caller: Caller, invoice_id: str) -> dict[str, Any]:
    found: dict[str, Any] = caller.data(INVOICE_ENTRIES, {"id": invoice_id})["invoice"]
    return found


def test_approving_the_steel_rods_invoice_posts_its_sales_journal(caller: Caller) -> None:
    invoice = _issued(caller)

    read = _entries_of(caller, invoice["id"])

    entry = read["journalEntry"]
    today = dhaka_today()
    assert (entry["number"], entry["kind"], entry["status"]) == (
        f"SJ/{fiscal_year_of(today)}/000001",
        "SALES",
        "POSTED",
    )
    assert entry["date"] == today.isoformat()
    assert amounts(entry) == [
        ("1210", "575000.00", "0.00"),
        ("4100", "0.00", "500000.00"),
        ("2210", "0.00", "75000.00"),
    ]
    assert entry["lines"][0]["partyId"] == "customer-001"
    assert entry["totalDebit"] == entry["totalCredit"] == {"decimal": "575000.00"}
    assert entry["source"] == {
        "documentType": "INVOICE",
        "documentId": invoice["id"],
        "documentNumber": invoice["mushakNumber"],
    }
    assert entry["postedBy"] == caller.checker().user_id
    assert read["journalEntries"] == [entry]
    assert listed_ids(caller, filter={"kind": "SALES"}) == [entry["id"]]
    assert (balance_of(caller, "1210"), balance_of(caller, "4100"), balance_of(caller, "2210")) == (
        "575000.00",
        "500000.00",
        "75000.00",
    )


def test_a_draft_invoice_has_posted_nothing(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]

    read = _entries_of(caller, created["id"])

    assert (read["journalEntry"], read["journalEntries"]) == (None, [])
    assert listed_ids(caller) == []


def test_supplementary_duty_posts_to_sd_payable(caller: Caller) -> None:
    taxed = line(quantity=1, unitPrice=1000, supplementaryDutyRate=0.2)

    entry = _entries_of(caller, _issued(caller, steel_rods(lineItems=[taxed]))["id"])["journalEntry"]

    assert amounts(entry) == [
        ("1210", "1380.00", "0.00"),
        ("4100", "0.00", "1000.00"),
        ("2220", "0.00", "200.00"),
        ("2210", "0.00", "180.00"),
    ]


def test_each_line_is_credited_to_sales_and_the_vat_once(caller: Caller) -> None:
    entry = _entries_of(caller, _issued(caller, three_rates())["id"])["journalEntry"]

    assert amounts(entry) == [
        ("1210", "32250.00", "0.00"),
        ("4100", "0.00", "10000.00"),
        ("4100", "0.00", "10000.00"),
        ("4100", "0.00", "10000.00"),
        ("2210", "0.00", "2250.00"),
    ]
    assert [row["memo"] for row in entry["lines"][1:4]] == [
        "Supply at STANDARD",
        "Supply at REDUCED",
        "Supply at ZERO_RATED",
    ]


def test_cancelling_an_issued_invoice_posts_its_reversal(caller: Caller) -> None:
    invoice = _issued(caller)

    caller.data(CANCEL, {"id": invoice["id"], "reason": "Goods returned"})

    read = _entries_of(caller, invoice["id"])
    sales, reversal = sorted(read["journalEntries"], key=lambda entry: entry["kind"] == "REVERSING")
    year = fiscal_year_of(dhaka_today())
    assert (sales["number"], sales["status"]) == (f"SJ/{year}/000001", "REVERSED")
    assert (reversal["number"], reversal["status"], reversal["kind"]) == (f"RJ/{year}/000001", "POSTED", "REVERSING")
    assert sales["reversedBy"]["id"] == reversal["id"]
    assert reversal["reverses"]["id"] == sales["id"]
    assert amounts(reversal) == [
        ("1210", "0.00", "575000.00"),
        ("4100", "500000.00", "0.00"),
        ("2210", "75000.00", "0.00"),
    ]
    assert read["journalEntry"]["id"] == sales["id"]
    assert (balance_of(caller, "1210"), balance_of(caller, "2210")) == ("0.00", "0.00")


def test_cancelling_a_draft_invoice_posts_nothing(caller: Caller) -> None:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]

    caller.data(CANCEL, {"id": created["id"], "reason": "Entered twice"})

    assert _entries_of(caller, created["id"])["journalEntries"] == []


def test_receivables_equal_the_grand_totals_of_the_invoices_still_issued(caller: Caller) -> None:
    kept = _issued(caller)
    small = _issued(caller, steel_rods(lineItems=[line(quantity=1, unitPrice=1000)]))
    cancelled = _issued(caller, three_rates())
    caller.data(CANCEL, {"id": cancelled["id"], "reason": "Wrong customer"})

    expected = sum(float(invoice["grandTotal"]["decimal"]) for invoice in (kept, small))
    assert balance_of(caller, "1210") == f"{expected:.2f}" == "576150.00"
    assert len(listed_ids(caller, filter={"kind": "SALES"})) == 3
    assert len(listed_ids(caller, filter={"status": "REVERSED"})) == 1


def test_the_posting_rules_name_the_invoice_roles_and_their_accounts(caller: Caller) -> None:
    rules = caller.data(POSTING_RULES)["postingRules"]

    invoice_rules = {(r["role"], r["accountType"], r["accountCode"]) for r in rules if r["documentType"] == "INVOICE"}
    assert invoice_rules == {
        ("RECEIVABLE", "ASSET", "1210"),
        ("SALES", "INCOME", "4100"),
        ("SUPPLEMENTARY_DUTY", "LIABILITY", "2220"),
        ("VAT_OUTPUT", "LIABILITY", "2210"),
    }
    assert all(rule["description"] and rule["account"]["code"] == rule["accountCode"] for rule in rules)
    assert any(rule["accountCode"] == "3200" for rule in rules)


def test_a_new_posting_account_takes_the_next_invoice_and_leaves_earlier_ones(caller: Caller) -> None:
    before = _issued(caller)
    account = {"code": "4110", "name": "Sales - construction", "type": "INCOME", "parentCode": "4000"}
    caller.data(CREATE_ACCOUNT, {"input": account})

    rule = caller.data(SET_POSTING, {"documentType": "INVOICE", "role": "SALES", "accountCode": "4110"})

    assert (rule["setPostingAccount"]["accountCode"], rule["setPostingAccount"]["account"]["name"]) == (
        "4110",
        "Sales - construction",
    )
    after = _issued(caller)
    assert [code for code, _, _ in amounts(_entries_of(caller, after["id"])["journalEntry"])] == [
        "1210",
        "4110",
        "2210",
    ]
    assert [code for code, _, _ in amounts(_entries_of(caller, before["id"])["journalEntry"])] == [
        "1210",
        "4100",
        "2210",
    ]
    roles = {(r["documentType"], r["role"]): r["accountCode"] for r in caller.data(POSTING_RULES)["postingRules"]}
    assert roles[("INVOICE", "SALES")] == "4110"
    assert (balance_of(caller, "4100"), balance_of(caller, "4110")) == ("500000.00", "500000.00")


def test_a_posting_account_must_be_a_leaf_of_the_type_its_role_takes(caller: Caller) -> None:
    def set_sales(code: str) -> dict[str, Any]:
        return caller.graphql(SET_POSTING, {"documentType": "INVOICE", "role": "SALES", "accountCode": code})

    assert violated(set_sales("1110")) == {("accountCode", "account_type")}
    assert violated(set_sales("4000")) == {("accountCode", "leaf_account")}
    assert violated(set_sales("9999")) == {("accountCode", "account")}
    unknown_role = caller.graphql(SET_POSTING, {"documentType": "INVOICE", "role": "TIPS", "accountCode": "4100"})
    assert violated(unknown_role) == {("role", "posting_role")}
    roles = {(r["documentType"], r["role"]): r["accountCode"] for r in caller.data(POSTING_RULES)["postingRules"]}
    assert roles[("INVOICE", "SALES")] == "4100"


def test_posting_accounts_are_changed_with_the_manage_permission_only(caller: Caller) -> None:
    accountant = as_user(caller, "accountant-1", "accountant")

    body = accountant.graphql(SET_POSTING, {"documentType": "INVOICE", "role": "SALES", "accountCode": "4900"})

    assert only_error(body, "FORBIDDEN")["extensions"]["permission"] == "ledger:manage"


def test_an_invoices_entries_are_hidden_from_a_caller_without_ledger_read(caller: Caller) -> None:
    invoice = _issued(caller)
    viewer = as_user(caller, "viewer-1", "viewer")

    body = viewer.graphql("query($id: ID!) { invoice(id: $id) { id journalEntry { number } } }", {"id": invoice["id"]})

    error = only_error(body, "FORBIDDEN")
    assert error["extensions"]["permission"] == "ledger:read"
    assert viewer.data("query($id: ID!) { invoice(id: $id) { status } }", {"id": invoice["id"]})["invoice"] == {
        "status": "APPROVED"
    }
    only_error(viewer.graphql(LIST_ENTRIES), "FORBIDDEN")


def test_a_lines_project_and_cost_centre_are_posted_with_its_sale(caller: Caller) -> None:
    invoice = steel_rods(
        lineItems=[
            line(description="Rods for Tower A", quantity=60, project="Tower A", costCenter="CC-7"),
            line(description="Rods for Tower B", quantity=40, project="Tower B"),
        ]
    )
    issued = _issued(caller, invoice)

    entry = _entries_of(caller, issued["id"])["journalEntry"]
    sales = [(item["project"], item["costCenter"], item["credit"]["decimal"]) for item in entry["lines"][1:3]]
    query = (
        'query($asOf: Date!) { trialBalance(asOf: $asOf, project: "Tower A") '
        "{ rows { account { code } credit { decimal } } } }"
    )
    tower_a = caller.data(query, {"asOf": dhaka_today().isoformat()})["trialBalance"]

    assert sales == [("Tower A", "CC-7", "300000.00"), ("Tower B", None, "200000.00")]
    assert tower_a["rows"] == [{"account": {"code": "4100"}, "credit": {"decimal": "300000.00"}}]


NOTE_ENTRY = f"""mutation($input: IssueCreditNoteInput!) {{ issueCreditNote(input: $input) {{
  number journalEntry {{ {ENTRY_FIELDS} }} }} }}"""
DEBIT_NOTE_ENTRY = f"""mutation($input: IssueDebitNoteInput!) {{ issueDebitNote(input: $input) {{
  number journalEntry {{ {ENTRY_FIELDS} }} }} }}"""


def test_a_credit_and_a_debit_note_each_show_the_entry_they_posted(caller: Caller) -> None:
    invoice = _issued(caller)
    line_id = invoice["lineItems"][0]["id"]
    changed = {"invoiceId": invoice["id"], "lines": [{"invoiceLineId": line_id, "quantity": 2}]}

    credit = caller.data(NOTE_ENTRY, {"input": {**changed, "reason": "RETURN"}})["issueCreditNote"]
    debit = caller.data(DEBIT_NOTE_ENTRY, {"input": {**changed, "reason": "ADDITIONAL_QUANTITY"}})["issueDebitNote"]

    assert amounts(credit["journalEntry"]) == [
        ("1210", "0.00", "11500.00"),
        ("4200", "10000.00", "0.00"),
        ("2210", "1500.00", "0.00"),
    ]
    assert credit["journalEntry"]["source"] == {
        "documentType": "CREDIT_NOTE",
        "documentId": credit["journalEntry"]["source"]["documentId"],
        "documentNumber": credit["number"],
    }
    assert amounts(debit["journalEntry"]) == [
        ("1210", "11500.00", "0.00"),
        ("4100", "0.00", "10000.00"),
        ("2210", "0.00", "1500.00"),
    ]
    assert [e["kind"] for e in _entries_of(caller, invoice["id"])["journalEntries"]] == ["SALES"]
