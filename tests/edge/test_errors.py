"""Errors rendered from the code they carry: GraphQL's `extensions.code`, and HTTP statuses outside GraphQL."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from graphql import GraphQLError
from starlette.responses import JSONResponse

from hisab.access.adapters.auth import AuthenticationError, ForbiddenError
from hisab.edge.errors import (
    INTERNAL_MESSAGE,
    RequestRefusedError,
    classify,
    fields_under,
    format_error,
    graphql_path,
    http_error,
)
from hisab.edge.json_body import BodyError
from hisab.edge.permissions import Permission, PermissionDeniedError
from hisab.invoicing.application.errors import SupplierProfileMissingError
from hisab.kernel.errors import (
    ConcurrencyError,
    ConflictError,
    ErrorCode,
    HisabError,
    IdempotencyKeyReusedError,
    IdempotencyKeyTakenError,
    IllegalTransitionError,
    InvalidCursorError,
    InvalidInputError,
    NotFoundError,
    SegregationOfDutiesError,
    UnavailableError,
    Violation,
)


class _UnclassifiedError(HisabError):
    """A new error whose author forgot to give it a code."""


SECRET = "postgresql://hisab:s3cret@db/hisab: SELECT * FROM events"

CODES = [
    (InvalidInputError.single("due_date", "required", "needed"), ErrorCode.BAD_USER_INPUT),
    (InvalidCursorError("the cursor is not one this service issued"), ErrorCode.BAD_USER_INPUT),
    (NotFoundError("invoice inv-1 not found"), ErrorCode.NOT_FOUND),
    (ConflictError("taken"), ErrorCode.CONFLICT),
    (ConcurrencyError("stale"), ErrorCode.CONFLICT),
    (IdempotencyKeyReusedError("reused"), ErrorCode.CONFLICT),
    (IllegalTransitionError("already APPROVED"), ErrorCode.CONFLICT),
    (SupplierProfileMissingError("no profile"), ErrorCode.CONFLICT),
    (SegregationOfDutiesError("you created it"), ErrorCode.FORBIDDEN),
    (PermissionDeniedError(Permission.INVOICE_APPROVE), ErrorCode.FORBIDDEN),
    (ForbiddenError("wrong tenant"), ErrorCode.FORBIDDEN),
    (AuthenticationError("token expired"), ErrorCode.UNAUTHENTICATED),
    (UnavailableError("Redis: ConnectionError"), ErrorCode.UNAVAILABLE),
]
STATUSES = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.UNAVAILABLE: 503,
}


def _raised_in_resolver(error: Exception) -> GraphQLError:
    return GraphQLError(str(error), path=["createInvoice"], original_error=error)


def _json(response: JSONResponse) -> Any:
    return json.loads(bytes(response.body))


@pytest.mark.parametrize(("error", "code"), CODES, ids=lambda value: value.__class__.__name__)
def test_graphql_reports_the_code_each_error_carries(error: Exception, code: ErrorCode) -> None:
    assert classify(_raised_in_resolver(error)) is code
    assert format_error(_raised_in_resolver(error))["extensions"]["code"] == code.value


@pytest.mark.parametrize(("error", "code"), CODES, ids=lambda value: value.__class__.__name__)
def test_outside_graphql_the_status_follows_from_the_code(error: Exception, code: ErrorCode) -> None:
    response = http_error(error)

    assert response.status_code == STATUSES[code]
    assert _json(response)["errors"][0]["extensions"]["code"] == code.value


@pytest.mark.parametrize(
    "error",
    [RuntimeError(SECRET), _UnclassifiedError(SECRET), IdempotencyKeyTakenError(SECRET)],
    ids=lambda value: value.__class__.__name__,
)
def test_an_error_without_a_code_of_its_own_is_internal_and_says_nothing(error: Exception) -> None:
    formatted = format_error(_raised_in_resolver(error))

    assert classify(_raised_in_resolver(error)) is ErrorCode.INTERNAL
    assert (formatted["message"], formatted["extensions"]) == (INTERNAL_MESSAGE, {"code": "INTERNAL"})
    assert "s3cret" not in json.dumps(formatted)
    assert "SELECT" not in json.dumps(formatted)


@pytest.mark.parametrize(
    "error",
    [RuntimeError(SECRET), _UnclassifiedError(SECRET), IdempotencyKeyTakenError(SECRET)],
    ids=lambda value: value.__class__.__name__,
)
def test_outside_graphql_an_unclassified_error_is_a_500_whose_trace_only_the_log_sees(
    error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="hisab.edge.errors"):
        response = http_error(error)

    assert response.status_code == 500
    assert _json(response) == {
        "data": None,
        "errors": [{"message": INTERNAL_MESSAGE, "extensions": {"code": "INTERNAL"}}],
    }
    assert [record.exc_info[1] for record in caplog.records if record.exc_info] == [error]


def test_a_scalar_that_refuses_a_value_is_bad_input_but_a_value_error_in_a_resolver_is_ours() -> None:
    refused = GraphQLError("not a date", original_error=ValueError("not a date"))

    assert classify(refused) is ErrorCode.BAD_USER_INPUT
    assert classify(_raised_in_resolver(ValueError("bug"))) is ErrorCode.INTERNAL


def test_graphql_own_errors_without_a_path_are_bad_input_and_with_one_are_ours() -> None:
    assert classify(GraphQLError("Syntax Error")) is ErrorCode.BAD_USER_INPUT
    assert classify(GraphQLError("Cannot return null", path=["invoice", "status"])) is ErrorCode.INTERNAL


def test_a_violation_is_listed_with_its_field_and_rule_outside_graphql_too() -> None:
    error = InvalidInputError.single("filter.customer_id", "control_characters", "no NUL")

    assert _json(http_error(error)) == {
        "data": None,
        "errors": [
            {
                "message": "filter.customerId: no NUL",
                "extensions": {
                    "code": "BAD_USER_INPUT",
                    "violations": [{"field": "filter.customerId", "rule": "control_characters", "message": "no NUL"}],
                },
            }
        ],
    }


def test_a_segregation_of_duties_refusal_says_forbidden_and_a_permission_names_itself_in_graphql() -> None:
    duties = format_error(_raised_in_resolver(SegregationOfDutiesError("you created this invoice")))
    permission = format_error(_raised_in_resolver(PermissionDeniedError(Permission.INVOICE_APPROVE)))

    assert duties["message"] == "Forbidden: you created this invoice"
    assert _json(http_error(SegregationOfDutiesError("you created this invoice")))["errors"][0]["message"] == (
        "Forbidden: you created this invoice"
    )
    assert permission["extensions"] == {"code": "FORBIDDEN", "permission": "invoice:approve"}


def test_a_refusal_keeps_the_status_of_its_code_and_its_headers() -> None:
    refused = RequestRefusedError(ErrorCode.RATE_LIMITED, "Too many requests", headers={"Retry-After": "3"})

    response = http_error(refused)

    assert (response.status_code, response.headers["Retry-After"]) == (429, "3")
    assert _json(response)["errors"][0] == {"message": "Too many requests", "extensions": {"code": "RATE_LIMITED"}}


def test_a_body_too_large_keeps_its_413_with_a_body_violation() -> None:
    response = http_error(BodyError("the request body is larger than 10 bytes", rule="body_size", status=413))

    assert response.status_code == 413
    assert _json(response)["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "violations": [{"field": "body", "rule": "body_size", "message": "the request body is larger than 10 bytes"}],
    }


@pytest.mark.parametrize(
    ("domain", "graphql"),
    [
        ("due_date", "dueDate"),
        ("lines", "lineItems"),
        ("lines[12].unit_price", "lineItems[12].unitPrice"),
        ("lines[0].advance_income_tax_rate", "lineItems[0].advanceIncomeTaxRate"),
        ("vendor_tin", "vendorTIN"),
        ("customer_bin", "customerBIN"),
        ("units[1].address", "units[1].address"),
        ("officer_name", "officerName"),
        ("filter.customer_id", "filter.customerId"),
        ("filter.fiscalYear", "filter.fiscalYear"),
        ("lineItems[0].unitPrice", "lineItems[0].unitPrice"),
    ],
)
def test_each_segment_of_a_domain_path_is_spelled_for_graphql_keeping_indices(domain: str, graphql: str) -> None:
    assert graphql_path(domain) == graphql


def test_fields_under_puts_the_spelled_paths_under_the_argument_and_names_the_field_alike_in_messages() -> None:
    violations = [
        Violation("vendor_id", "required", "vendor_id must not be empty"),
        Violation("lines[0].unit_price", "non_negative", "the number must not be negative"),
    ]

    with pytest.raises(InvalidInputError) as raised, fields_under("input"):
        raise InvalidInputError(violations)

    assert raised.value.violations == (
        Violation("input.vendorId", "required", "vendorId must not be empty"),
        Violation("input.lineItems[0].unitPrice", "non_negative", "the number must not be negative"),
    )


def test_fields_under_takes_the_renames_of_its_input() -> None:
    with pytest.raises(InvalidInputError) as raised, fields_under("profile", {"bin": "BIN"}):
        raise InvalidInputError.single("bin", "bin_format", "a BIN is 13 digits")

    assert raised.value.violations[0].field == "profile.BIN"
