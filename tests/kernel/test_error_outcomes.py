"""Operators count a failed command under the outcome its error's code implies."""

from __future__ import annotations

import pytest

from hisab.edge.permissions import Permission, PermissionDeniedError
from hisab.invoicing.application.errors import SupplierProfileMissingError
from hisab.kernel.errors import (
    ConcurrencyError,
    IdempotencyKeyTakenError,
    IllegalTransitionError,
    InvalidCursorError,
    InvalidInputError,
    NotFoundError,
    Outcome,
    SegregationOfDutiesError,
    outcome_of,
)


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (InvalidInputError.single("due_date", "required", "needed"), Outcome.INVALID),
        (InvalidCursorError("bad cursor"), Outcome.INVALID),
        (NotFoundError("invoice not found"), Outcome.NOT_FOUND),
        (ConcurrencyError("stale"), Outcome.CONFLICT),
        (IllegalTransitionError("already APPROVED"), Outcome.CONFLICT),
        (SupplierProfileMissingError("no profile"), Outcome.CONFLICT),
        (SegregationOfDutiesError("you created it"), Outcome.ERROR),
        (PermissionDeniedError(Permission.INVOICE_READ), Outcome.ERROR),
        (IdempotencyKeyTakenError("key"), Outcome.ERROR),
        (RuntimeError("bug"), Outcome.ERROR),
    ],
    ids=lambda value: value.__class__.__name__,
)
def test_the_outcome_of_a_failure_follows_from_its_code(error: Exception, outcome: Outcome) -> None:
    assert outcome_of(error) is outcome
