"""auditTrail: a tenant admin's newest-first page of the reads the trail kept."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ariadne import EnumType, ObjectType, QueryType, ScalarType

from hisab.audit.application.dependencies import Audit
from hisab.audit.application.reads import MAX_PAGE_SIZE, ListReads, encode_audit_cursor, list_reads
from hisab.audit.domain.reads import AuditedRead, AuditFilter, Channel, RecordRead
from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under

query_type = QueryType()
json_scalar = ScalarType("JSON")
channel_enum = EnumType("ReadChannel", Channel)
audited_read_type = ObjectType("AuditedRead")
record_read_type = ObjectType("RecordRead")


@query_type.field("auditTrail")
async def resolve_audit_trail(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    size = page_size(first, MAX_PAGE_SIZE)
    raw = filter or {}
    where = AuditFilter(raw.get("user"), raw.get("from"), raw.get("to"))
    context = info.context
    with fields_under("filter"):
        page = await list_reads(ListReads(where, size, after), context.actor, context.services.get(Audit))
    return connection(page, page.entries, encode_audit_cursor, node=lambda entry: entry.read)


@audited_read_type.field("id")
def resolve_read_id(read: AuditedRead, info: Info) -> str:
    return read.read_id


@audited_read_type.field("at")
def resolve_read_at(read: AuditedRead, info: Info) -> datetime:
    return read.read_at.astimezone(UTC)


@audited_read_type.field("user")
def resolve_read_user(read: AuditedRead, info: Info) -> str:
    return read.user_id


@record_read_type.field("type")
def resolve_record_type(record: RecordRead, info: Info) -> str:
    return record.kind


@record_read_type.field("id")
def resolve_record_id(record: RecordRead, info: Info) -> str:
    return record.record_id


AUDIT_BINDABLES = (query_type, json_scalar, channel_enum, audited_read_type, record_read_type)
