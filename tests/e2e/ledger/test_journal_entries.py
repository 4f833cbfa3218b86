"""Manual journal entries over HTTP, on SQLite and PostgreSQL (issue 12, scenario 2), and hostile input."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.e2e.ledger.books import (
    CREATE_ENTRY,
    GET_ENTRY,
    LIST_ENTRIES,
    POST_ENTRY,
    REVERSE_ENTRY,
    amounts,
    as_user,
    balance_of,
    cr,
    dr,
    draft,
    entry_input,
    listed_ids,
    posted,
)
from tests.e2e.server import Caller, new_tenant, only_error, violated

RENT = (dr("5400", 25000, costCenter="HQ", memo="November rent"), cr("1121", 25000))


def _post(caller: Caller, entry_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = caller.checker().data(POST_ENTRY, {"id": entry_id})["postJournalEntry"]
    return entry


def test_a_new_entry_is_a_draft_without_a_number(caller: Caller) -> None:
    made = draft(caller, "2026-11-10", *RENT, reference="RENT-NOV")

    assert {key: made[key] for key in ("number", "kind", "status", "date", "fiscalYear", "period")} == {
        "number": None,
        "kind": "GENERAL",
        "status": "DRAFT",
        "date": "2026-11-10",
        "fiscalYear": "2026-27",
        "period": "2026-27/P05",
    }
    assert (made["narration"], made["reference"], made["createdBy"]) == ("Test entry", "RENT-NOV", caller.user_id)
    assert (made["postedBy"], made["postedAt"], made["source"], made["reverses"]) == (None, None, None, None)
    assert amounts(made) == [("5400", "25000.00", "0.00"), ("1121", "0.00", "25000.00")]
    assert [(line["lineNumber"], line["account"]["code"]) for line in made["lines"]] == [(1, "5400"), (2, "1121")]
    assert (made["lines"][0]["costCenter"], made["lines"][0]["memo"]) == ("HQ", "November rent")
    assert made["totalDebit"] == made["totalCredit"] == {"decimal": "25000.00"}
    assert caller.data(GET_ENTRY, {"id": made["id"]})["journalEntry"] == made
    assert balance_of(caller, "5400") == "0.00"


def test_the_maker_may_not_post_their_own_entry(caller: Caller) -> None:
    made = draft(caller, "2026-11-10", *RENT)

    only_error(caller.graphql(POST_ENTRY, {"id": made["id"]}), "FORBIDDEN")

    assert caller.data(GET_ENTRY, {"id": made["id"]})["journalEntry"]["status"] == "DRAFT"


def test_a_checker_posts_an_entry_and_numbers_are_gapless_per_kind_and_fiscal_year(caller: Caller) -> None:
    first = _post(caller, draft(caller, "2026-11-10", *RENT)["id"])
    receipt = _post(caller, draft(caller, "2026-11-11", dr("1121", 100), cr("1210", 100), kind="CASH_RECEIPT")["id"])
    second = _post(caller, draft(caller, "2026-11-12", *RENT)["id"])
    last_year = _post(caller, draft(caller, "2026-06-30", *RENT)["id"])

    assert (first["status"], first["postedBy"]) == ("POSTED", caller.checker().user_id)
    assert first["postedAt"] is not None
    assert [first["number"], second["number"]] == ["GJ/2026-27/000001", "GJ/2026-27/000002"]
    assert receipt["number"] == "CR/2026-27/000001"
    assert (last_year["number"], last_year["fiscalYear"], last_year["period"]) == (
        "GJ/2025-26/000001",
        "2025-26",
        "2025-26/P12",
    )
    assert balance_of(caller, "5400") == "75000.00"


def test_a_refused_post_consumes_no_number(caller: Caller) -> None:
    unbalanced = draft(caller, "2026-11-10", dr("5400", 100), cr("1121", 99))
    only_error(caller.checker().graphql(POST_ENTRY, {"id": unbalanced["id"]}), "BAD_USER_INPUT")

    assert _post(caller, draft(caller, "2026-11-10", *RENT)["id"])["number"] == "GJ/2026-27/000001"


def test_a_posted_entry_is_not_posted_again(caller: Caller) -> None:
    entry = posted(caller, "2026-11-10", *RENT)

    only_error(caller.checker().graphql(POST_ENTRY, {"id": entry["id"]}), "CONFLICT")

    assert balance_of(caller, "5400") == "25000.00"


def test_a_stale_expected_version_is_a_conflict(caller: Caller) -> None:
    made = draft(caller, "2026-11-10", *RENT)

    stale = caller.checker().graphql(POST_ENTRY, {"id": made["id"], "expectedVersion": made["version"] + 1})
    current = caller.checker().data(POST_ENTRY, {"id": made["id"], "expectedVersion": made["version"]})

    assert "version" in only_error(stale, "CONFLICT")["message"]
    assert current["postJournalEntry"]["status"] == "POSTED"


def test_an_unbalanced_draft_is_not_posted_and_the_error_shows_both_totals(caller: Caller) -> None:
    made = draft(caller, "2026-11-10", dr("5400", 1000), dr("5500", 0.5), cr("1121", 999.99))

    body = caller.checker().graphql(POST_ENTRY, {"id": made["id"]})

    error = only_error(body, "BAD_USER_INPUT")
    said = error["message"] + " ".join(v["message"] for v in error["extensions"]["violations"])
    assert "1000.50" in said
    assert "999.99" in said
    assert caller.data(GET_ENTRY, {"id": made["id"]})["journalEntry"]["status"] == "DRAFT"


def test_a_line_on_a_group_or_an_unknown_account_is_refused_naming_the_line(caller: Caller) -> None:
    lines = [dr("5400", 10), dr("5000", 10), cr("9999", 10), cr("1121", 10)]

    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *lines)})

    assert violated(body) == {("input.lines[1].accountCode", "leaf_account"), ("input.lines[2].accountCode", "account")}
    messages = " ".join(v["message"] for v in only_error(body, "BAD_USER_INPUT")["extensions"]["violations"])
    assert "5000" in messages
    assert "9999" in messages


def test_amounts_are_exact_paisa_on_one_side_and_never_negative(caller: Caller) -> None:
    lines = [dr("5400", 10.005), cr("1121", -5), {"accountCode": "1110", "debit": 5, "credit": 5}, cr("1121", 10)]

    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *lines)})

    assert violated(body) == {
        ("input.lines[0].debit", "paisa"),
        ("input.lines[1].credit", "non_negative"),
        ("input.lines[2]", "one_side"),
    }


def test_an_entry_has_two_lines_and_a_kind_a_person_may_enter(caller: Caller) -> None:
    one_line = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", dr("5400", 10))})
    sales = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *RENT, kind="SALES")})
    blank = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *RENT, narration="  ")})

    assert violated(one_line) == {("input.lines", "min_lines")}
    assert violated(sales) == {("input.kind", "kind")}
    assert violated(blank) == {("input.narration", "required")}


def test_reversing_posts_the_mirror_and_links_both_entries(caller: Caller) -> None:
    original = posted(caller, "2026-11-03", dr("5400", 2000, project="TOWER-A"), cr("1121", 2000, project="TOWER-A"))

    reversal = caller.checker().data(
        REVERSE_ENTRY, {"id": original["id"], "date": "2026-11-20", "reason": "Entered twice"}
    )["reverseJournalEntry"]

    assert (reversal["kind"], reversal["status"], reversal["number"]) == ("REVERSING", "POSTED", "RJ/2026-27/000001")
    assert (reversal["date"], reversal["reversalReason"]) == ("2026-11-20", "Entered twice")
    assert amounts(reversal) == [("5400", "0.00", "2000.00"), ("1121", "2000.00", "0.00")]
    assert [line["project"] for line in reversal["lines"]] == ["TOWER-A", "TOWER-A"]
    assert reversal["reverses"] == {"id": original["id"], "number": original["number"]}
    reread = caller.data(GET_ENTRY, {"id": original["id"]})["journalEntry"]
    assert (reread["status"], reread["number"]) == ("REVERSED", original["number"])
    assert reread["reversedBy"] == {"id": reversal["id"], "number": "RJ/2026-27/000001"}
    assert amounts(reread) == amounts(original)
    assert balance_of(caller, "5400") == "0.00"
    assert balance_of(caller, "5400", "2026-11-19") == "2000.00"


def test_an_entry_is_reversed_once_only(caller: Caller) -> None:
    original = posted(caller, "2026-11-03", *RENT)
    reverse = {"id": original["id"], "date": "2026-11-20", "reason": "Wrong month"}
    caller.checker().data(REVERSE_ENTRY, reverse)

    again = only_error(caller.checker().graphql(REVERSE_ENTRY, reverse), "CONFLICT")

    assert "reversed" in again["message"]
    assert balance_of(caller, "5400") == "0.00"


def test_a_draft_is_not_reversed_and_a_reversal_is_not_dated_before_its_entry(caller: Caller) -> None:
    made = draft(caller, "2026-11-10", *RENT)
    entry = posted(caller, "2026-11-10", *RENT)

    only_error(caller.graphql(REVERSE_ENTRY, {"id": made["id"], "date": "2026-11-20", "reason": "x"}), "CONFLICT")
    early = caller.graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-09", "reason": "Too early"})
    no_reason = caller.graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-20", "reason": " "})

    assert violated(early) == {("date", "after_original")}
    assert violated(no_reason) == {("reason", "required")}


def test_an_unknown_entry_reads_as_nothing_and_is_not_posted(caller: Caller) -> None:
    unknown = "journal:00000000-0000-0000-0000-000000000000"

    read = caller.graphql(GET_ENTRY, {"id": unknown})
    assert read["data"] == {"journalEntry": None}
    if read.get("errors"):
        only_error(read, "NOT_FOUND")
    only_error(caller.checker().graphql(POST_ENTRY, {"id": unknown}), "NOT_FOUND")


def _four_entries(caller: Caller) -> dict[str, str]:
    return {
        "tower_a": posted(caller, "2026-08-10", dr("5200", 1000, project="TOWER-A"), cr("1121", 1000))["id"],
        "receipt": posted(
            caller, "2026-09-15", dr("1121", 5000), cr("1210", 5000, partyId="party-karim"), kind="CASH_RECEIPT"
        )["id"],
        "draft": draft(caller, "2026-10-20", dr("5400", 700), cr("1110", 700))["id"],
        "tower_b": posted(caller, "2026-11-05", dr("5200", 300, project="TOWER-B"), cr("2100", 300), kind="ADJUSTMENT")[
            "id"
        ],
    }


def test_journal_entries_are_filtered_by_kind_status_dates_account_project_and_party(caller: Caller) -> None:
    ids = _four_entries(caller)

    def found(**filter: Any) -> set[str]:
        return set(listed_ids(caller, filter=filter))

    assert found(kind="CASH_RECEIPT") == {ids["receipt"]}
    assert found(status="DRAFT") == {ids["draft"]}
    assert found(status="POSTED") == {ids["tower_a"], ids["receipt"], ids["tower_b"]}
    assert found(status="REVERSED") == set()
    assert found(**{"from": "2026-09-15", "to": "2026-10-20"}) == {ids["receipt"], ids["draft"]}
    assert found(to="2026-08-10") == {ids["tower_a"]}
    assert found(accountCode="5200") == {ids["tower_a"], ids["tower_b"]}
    assert found(accountCode="1121") == {ids["tower_a"], ids["receipt"]}
    assert found(project="TOWER-A") == {ids["tower_a"]}
    assert found(partyId="party-karim") == {ids["receipt"]}
    assert found(kind="GENERAL", status="POSTED") == {ids["tower_a"]}
    assert found() == set(ids.values())


def test_journal_entries_are_paged_by_cursor_without_gaps_or_repeats(caller: Caller) -> None:
    ids = _four_entries(caller)

    first = caller.data(LIST_ENTRIES, {"first": 3})["journalEntries"]
    rest = caller.data(LIST_ENTRIES, {"first": 3, "after": first["pageInfo"]["endCursor"]})["journalEntries"]

    assert (len(first["edges"]), first["pageInfo"]["hasNextPage"]) == (3, True)
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    assert (len(rest["edges"]), rest["pageInfo"]["hasNextPage"]) == (1, False)
    paged = [edge["node"]["id"] for edge in first["edges"] + rest["edges"]]
    assert sorted(paged) == sorted(ids.values())
    # Newest first, as every list of Hisab.
    assert paged == [ids["tower_b"], ids["draft"], ids["receipt"], ids["tower_a"]]


def test_another_tenant_sees_none_of_the_entries(caller: Caller) -> None:
    entry = posted(caller, "2026-11-10", *RENT)
    stranger = Caller(caller.http, new_tenant())

    assert listed_ids(stranger) == []
    assert stranger.graphql(GET_ENTRY, {"id": entry["id"]})["data"] == {"journalEntry": None}
    assert balance_of(stranger, "5400") == "0.00"
    only_error(
        stranger.checker().graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-20", "reason": "x"}), "NOT_FOUND"
    )


def test_concurrent_posts_take_consecutive_numbers(caller: Caller) -> None:
    drafts = [draft(caller, "2026-11-10", *RENT)["id"] for _ in range(8)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda entry_id: _post_alone(caller, entry_id), drafts))

    assert sorted(numbers) == [f"GJ/2026-27/{n:06d}" for n in range(1, 9)]
    assert balance_of(caller, "5400") == "200000.00"


def _post_alone(caller: Caller, entry_id: str) -> str:
    """Post on a client of its own, as a separate user agent would."""
    with httpx.Client(base_url=caller.http.base_url, timeout=30) as http:
        checker = Caller(http, caller.tenant_id, "checker-1", caller.roles)
        number: str = checker.data(POST_ENTRY, {"id": entry_id})["postJournalEntry"]["number"]
        return number


def test_an_accountant_posts_another_accountants_draft(caller: Caller) -> None:
    maker, checker = as_user(caller, "rahim", "accountant"), as_user(caller, "karim", "accountant")
    made = draft(maker, "2026-11-10", *RENT)

    entry = checker.data(POST_ENTRY, {"id": made["id"]})["postJournalEntry"]

    assert (entry["createdBy"], entry["postedBy"], entry["number"]) == ("rahim", "karim", "GJ/2026-27/000001")


# Hostile input: each is refused as BAD_USER_INPUT naming what is wrong, never a stack trace.


def _refused_cleanly(body: dict[str, Any]) -> dict[str, Any]:
    error = only_error(body, "BAD_USER_INPUT")
    assert "Traceback" not in str(body)
    assert "stacktrace" not in error.get("extensions", {})
    return error


def test_a_nul_byte_in_the_narration_is_refused(caller: Caller) -> None:
    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *RENT, narration="rent\x00paid")})

    _refused_cleanly(body)
    assert violated(body) == {("input.narration", "control_characters")}
    assert listed_ids(caller) == []


def test_nul_bytes_in_a_line_are_refused(caller: Caller) -> None:
    line = dr("5400", 10, memo="a\x00b", project="p\x00")

    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", line, cr("1121", 10))})

    assert violated(body) == {
        ("input.lines[0].memo", "control_characters"),
        ("input.lines[0].project", "control_characters"),
    }


def test_a_nul_byte_in_a_reversal_reason_is_refused(caller: Caller) -> None:
    entry = posted(caller, "2026-11-10", *RENT)

    body = caller.checker().graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-20", "reason": "typo\x00"})

    _refused_cleanly(body)
    assert violated(body) == {("reason", "control_characters")}
    assert caller.data(GET_ENTRY, {"id": entry["id"]})["journalEntry"]["status"] == "POSTED"


def test_overlong_text_and_amounts_beyond_the_ceiling_are_refused(caller: Caller) -> None:
    lines = [dr("5400", 1e15), cr("1121", 10, memo="m" * 201)]

    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", *lines, narration="n" * 501)})

    assert violated(body) == {
        ("input.narration", "max_length"),
        ("input.lines[0].debit", "max_amount"),
        ("input.lines[1].memo", "max_length"),
    }


def test_a_negative_page_size_is_refused(caller: Caller) -> None:
    body = caller.graphql(LIST_ENTRIES, {"first": -1})

    _refused_cleanly(body)
    assert "first" in str(body["errors"][0])


@pytest.mark.parametrize("field", ["project", "accountCode", "partyId"])
def test_a_nul_byte_in_a_filter_is_refused_naming_it(caller: Caller, field: str) -> None:
    # As the invoices' filters are: on PostgreSQL a NUL cannot even be a text parameter.
    body = caller.graphql(LIST_ENTRIES, {"filter": {field: "a\x00b"}})

    _refused_cleanly(body)
    assert violated(body) == {(f"filter.{field}", "control_characters")}


def test_an_entry_of_ten_thousand_lines_is_refused_by_its_line_count(caller: Caller) -> None:
    lines = [dr("5400", 1) for _ in range(5000)] + [cr("1121", 1) for _ in range(5000)]

    response = caller.post(CREATE_ENTRY, {"input": entry_input("2026-11-10", *lines)})

    assert response.status_code == 200, response.text[:500]
    body = response.json()
    _refused_cleanly(body)
    assert ("input.lines", "max_lines") in violated(body)
    assert listed_ids(caller) == []


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "02/12/2026", ""])
def test_an_impossible_date_is_refused_naming_the_date(caller: Caller, day: str) -> None:
    body = caller.graphql(CREATE_ENTRY, {"input": entry_input(day, *RENT)})

    error = _refused_cleanly(body)
    assert "date" in error["message"]
    assert listed_ids(caller) == []


def test_an_impossible_date_in_a_filter_or_a_reversal_is_refused(caller: Caller) -> None:
    entry = posted(caller, "2026-11-10", *RENT)

    listed = caller.graphql(LIST_ENTRIES, {"filter": {"from": "2026-13-01"}})
    reversal = caller.graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-31", "reason": "x"})

    assert "from" in _refused_cleanly(listed)["message"]
    assert "date" in _refused_cleanly(reversal)["message"]
    assert caller.data(GET_ENTRY, {"id": entry["id"]})["journalEntry"]["status"] == "POSTED"
