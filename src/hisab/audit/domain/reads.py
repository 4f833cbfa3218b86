"""A read the audit trail keeps: who read which of a tenant's records, when, and by which request.

A read changes no record, so it is no event of any aggregate: the trail is its own primary
record, append-only (docs/decisions.md, "The audit trail is a table of its own, not events").
Which reads are kept is decided by the reader's roles: those the operator names as audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.text import text_violation

MAX_USER_LENGTH = 200


class Channel(StrEnum):
    """How the read was asked: a GraphQL query, or a plain HTTP GET (a document download)."""

    GRAPHQL = "GRAPHQL"
    HTTP = "HTTP"


@dataclass(frozen=True, slots=True)
class FieldRead:
    """One thing asked for: a root field of a query, or an HTTP route, with its arguments as sent."""

    name: str
    # JSON values as the client wrote them, variables resolved; an HTTP read's path and query parameters.
    arguments: Mapping[str, object]
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class RecordRead:
    """A record the read returned, named by its kind (`Invoice`, `Party`, `Item`) and id."""

    kind: str
    record_id: str


@dataclass(frozen=True, slots=True)
class AuditedRead:
    read_id: str
    tenant_id: str
    user_id: str
    roles: tuple[str, ...]
    correlation_id: str
    read_at: datetime
    channel: Channel
    # The client's name of its GraphQL operation, or the HTTP request line (`GET /path?query`).
    operation: str | None
    fields: tuple[FieldRead, ...]
    records: tuple[RecordRead, ...]
    # The codes of the errors the read met (FORBIDDEN, NOT_FOUND...): an attempt is kept too.
    error_codes: tuple[str, ...]


def is_audited(roles: Iterable[str], audited_roles: frozenset[str]) -> bool:
    """Whether a reader holding `roles` has every read kept: any one audited role is enough."""
    return not audited_roles.isdisjoint(roles)


def distinct_records(records: Iterable[RecordRead]) -> tuple[RecordRead, ...]:
    """Each record once, sorted by kind and id.

    A query that names a record twice read it once; and root fields resolve concurrently, so the
    order they finish in says nothing worth keeping.
    """
    return tuple(sorted(set(records), key=lambda record: (record.kind, record.record_id)))


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Reads by one user, and within a time span; both ends are inclusive."""

    user_id: str | None = None
    read_from: datetime | None = None
    read_to: datetime | None = None


def validate_filter(raw: AuditFilter) -> AuditFilter:
    """The filter with its user trimmed, or InvalidInputError naming every problem."""
    found: list[Violation] = []
    user = raw.user_id.strip() if raw.user_id is not None else None
    if user is not None:
        problem = text_violation(user, "user")
        if problem is not None:
            found.append(problem)
        elif not user:
            found.append(Violation("user", "required", "user must not be empty when given"))
        elif len(user) > MAX_USER_LENGTH:
            found.append(Violation("user", "max_length", f"user has at most {MAX_USER_LENGTH} characters"))
    if raw.read_from is not None and raw.read_to is not None and raw.read_from > raw.read_to:
        found.append(Violation("to", "not_before_from", "to must not be earlier than from"))
    if found:
        raise InvalidInputError(found)
    return AuditFilter(user, raw.read_from, raw.read_to)
