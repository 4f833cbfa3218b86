"""Errors of the application layer; the API renders each kind in one place."""

from __future__ import annotations

from dataclasses import dataclass


class ApplicationError(Exception):
    """Base of the errors a use case raises besides the domain's own."""


class NotFoundError(ApplicationError):
    """No such invoice for this tenant (another tenant's invoice is not found either)."""


class SegregationOfDutiesError(ApplicationError):
    """The caller may do this in general, but not to this invoice: it would check its own work."""


class ConflictError(ApplicationError):
    """The request collides with the current state of the data."""


class ConcurrencyError(ConflictError):
    """The stream moved on since it was read: its expected version is stale."""


class IdempotencyKeyReusedError(ConflictError):
    """The idempotency key was already used for a request with a different body."""


class IdempotencyKeyTakenError(ApplicationError):
    """Another transaction recorded the same idempotency key first (the loser retries)."""


class InvalidCursorError(ApplicationError):
    """A pagination cursor that this service did not hand out."""


class UnavailableError(ApplicationError):
    """A service this one depends on does not answer; the request may be retried later."""


class DomainError(Exception):
    """Base of every error raised by the domain."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: where (`field`), which rule (`rule`) and a sentence for humans."""

    field: str
    rule: str
    message: str


class InvalidInputError(DomainError):
    """Input broke one or more rules; every violation is listed, not just the first."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = tuple(violations)
        super().__init__("; ".join(f"{v.field}: {v.message}" for v in violations))

    @classmethod
    def single(cls, field: str, rule: str, message: str) -> InvalidInputError:
        return cls([Violation(field, rule, message)])


class IllegalTransitionError(DomainError):
    """The invoice's lifecycle does not allow this change from its current status."""
