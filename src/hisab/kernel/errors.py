"""Every error this service raises on purpose, each carrying the code that tells a client what went wrong.

A new error is one line: a class under the right parent, or with its own `code`. The API
renders every error from its code in one place (`hisab.edge.errors`), and operators count
command outcomes from the same code (`outcome_of`), so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    UNAVAILABLE = "UNAVAILABLE"
    INTERNAL = "INTERNAL"


class HisabError(Exception):
    """Base of every error with a code. The message reaches the client unless the code is INTERNAL.

    INTERNAL is the default so that an error nobody classified is treated as our failure: the
    client sees only a generic message, and the log gets the stack trace.
    """

    code: ClassVar[ErrorCode] = ErrorCode.INTERNAL


class ApplicationError(HisabError):
    """Base of the errors a use case raises besides the domain's own."""


class NotFoundError(ApplicationError):
    """No such invoice for this tenant (another tenant's invoice is not found either)."""

    code = ErrorCode.NOT_FOUND


class SegregationOfDutiesError(ApplicationError):
    """The caller may do this in general, but not to this invoice: it would check its own work."""

    code = ErrorCode.FORBIDDEN


class ConflictError(ApplicationError):
    """The request collides with the current state of the data."""

    code = ErrorCode.CONFLICT


class ConcurrencyError(ConflictError):
    """The stream moved on since it was read: its expected version is stale."""


class IdempotencyKeyReusedError(ConflictError):
    """The idempotency key was already used for a request with a different body."""


class IdempotencyKeyTakenError(ApplicationError):
    """Another transaction recorded the same idempotency key first (the loser retries).

    The handler retries on it, so a client only meets it if that fails: then it is our failure.
    """


class InvalidCursorError(ApplicationError):
    """A pagination cursor that this service did not hand out."""

    code = ErrorCode.BAD_USER_INPUT


class UnavailableError(ApplicationError):
    """A service this one depends on does not answer; the request may be retried later."""

    code = ErrorCode.UNAVAILABLE


class DomainError(HisabError):
    """Base of every error raised by the domain."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: where (`field`, in the domain's own names), which rule (`rule`) and a sentence for humans."""

    field: str
    rule: str
    message: str


class InvalidInputError(DomainError):
    """Input broke one or more rules; every violation is listed, not just the first."""

    code = ErrorCode.BAD_USER_INPUT

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = tuple(violations)
        super().__init__("; ".join(f"{v.field}: {v.message}" for v in violations))

    @classmethod
    def single(cls, field: str, rule: str, message: str) -> InvalidInputError:
        return cls([Violation(field, rule, message)])


class IllegalTransitionError(DomainError):
    """The invoice's lifecycle does not allow this change from its current status."""

    code = ErrorCode.CONFLICT


class Outcome(StrEnum):
    """How a command ended, as operators count it."""

    OK = "ok"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    ERROR = "error"


# The kinds an operator tells apart: the client's mistake, a missing invoice, a lost race.
# Everything else counts as an error, a refusal (FORBIDDEN) included, as it always has.
_OUTCOMES: dict[ErrorCode, Outcome] = {
    ErrorCode.BAD_USER_INPUT: Outcome.INVALID,
    ErrorCode.NOT_FOUND: Outcome.NOT_FOUND,
    ErrorCode.CONFLICT: Outcome.CONFLICT,
}


def code_of(error: BaseException) -> ErrorCode:
    """The error's code; an exception that is not a HisabError is our failure."""
    return error.code if isinstance(error, HisabError) else ErrorCode.INTERNAL


def outcome_of(error: BaseException) -> Outcome:
    """The outcome a failed command is counted under, from the error's code."""
    return _OUTCOMES.get(code_of(error), Outcome.ERROR)
