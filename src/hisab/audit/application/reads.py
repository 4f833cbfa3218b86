"""Keeping a read of an audited reader (fail closed), and a tenant admin's page of the trail."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from hisab.audit.application.dependencies import Audit
from hisab.audit.application.ports import AuditEntry, AuditPage
from hisab.audit.domain.reads import (
    AuditedRead,
    AuditFilter,
    Channel,
    FieldRead,
    RecordRead,
    distinct_records,
    is_audited,
    validate_filter,
)
from hisab.event_store.messages import Actor
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import UnavailableError

MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("audit:")
_log = logging.getLogger(__name__)


class AuditUnavailableError(UnavailableError):
    """The read could not be kept in the audit trail, so its data is withheld: fail closed."""

    def __init__(self) -> None:
        super().__init__("the read could not be recorded in the audit trail, so it is refused; try again shortly")


@dataclass(frozen=True, slots=True)
class ReadMade:
    """What an entry point saw of one read: what was asked, what came back, what went wrong."""

    channel: Channel
    operation: str | None
    fields: tuple[FieldRead, ...]
    records: tuple[RecordRead, ...] = ()
    error_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListReads:
    filter: AuditFilter = field(default_factory=AuditFilter)
    first: int = 20
    after: str | None = None


def reads_are_kept(roles: Iterable[str], audit: Audit) -> bool:
    return is_audited(roles, audit.audited_roles)


async def record_read(read: ReadMade, actor: Actor, roles: Iterable[str], audit: Audit) -> AuditedRead:
    """Keep the read before its data leaves; raise AuditUnavailableError if it cannot be kept."""
    audited = AuditedRead(
        read_id=audit.new_id(),
        tenant_id=actor.tenant_id,
        user_id=actor.user_id,
        roles=tuple(sorted(set(roles))),
        correlation_id=actor.correlation_id,
        read_at=audit.clock(),
        channel=read.channel,
        operation=read.operation,
        fields=read.fields,
        records=distinct_records(read.records),
        error_codes=tuple(sorted(set(read.error_codes))),
    )
    try:
        await audit.trail.record(audited)
    except Exception as error:  # whatever kept the write from committing, the read is refused
        _log.error("the audit trail could not keep a read of %s by %s", actor.tenant_id, actor.user_id, exc_info=error)
        raise AuditUnavailableError() from error
    return audited


async def list_reads(query: ListReads, actor: Actor, audit: Audit) -> AuditPage:
    where = validate_filter(query.filter)
    after = _CURSORS.decode(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await audit.trail.list(actor.tenant_id, where, first, after)


def encode_audit_cursor(entry: AuditEntry) -> str:
    return _CURSORS.encode(entry.sequence)
