"""The domain's error tree. Every error a caller can act on is one of these."""

from __future__ import annotations

from dataclasses import dataclass


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
