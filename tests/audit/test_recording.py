"""Keeping a read: what the trail gets, and a read refused (fail closed) when the trail cannot keep it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hisab.audit.application.dependencies import Audit
from hisab.audit.application.ports import AuditPage
from hisab.audit.application.reads import AuditUnavailableError, ReadMade, reads_are_kept, record_read
from hisab.audit.domain.reads import AuditedRead, AuditFilter, Channel, FieldRead, RecordRead
from hisab.kernel.errors import ErrorCode
from tests.builders import actor

MOMENT = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
READ = ReadMade(
    Channel.GRAPHQL,
    "Look",
    (FieldRead("invoice", {"id": "inv-1"}),),
    (RecordRead("Invoice", "inv-1"), RecordRead("Invoice", "inv-1")),
    ("NOT_FOUND", "FORBIDDEN", "NOT_FOUND"),
)


class _Trail:
    def __init__(self, failure: Exception | None = None) -> None:
        self.kept: list[AuditedRead] = []
        self._failure = failure

    async def record(self, read: AuditedRead) -> None:
        if self._failure is not None:
            raise self._failure
        self.kept.append(read)

    async def list(self, tenant_id: str, filter: AuditFilter, first: int, after_sequence: int | None) -> AuditPage:
        raise AssertionError("not listed here")


def _audit(trail: _Trail) -> Audit:
    return Audit(trail, frozenset({"vat_officer"}), lambda: MOMENT, lambda: "read-1")


async def test_a_kept_read_names_who_when_what_and_each_record_and_error_once() -> None:
    trail = _Trail()
    reader = actor("tenant-a", "officer-1")

    kept = await record_read(READ, reader, ["vat_officer", "viewer", "vat_officer"], _audit(trail))

    assert trail.kept == [kept]
    assert kept == AuditedRead(
        "read-1", "tenant-a", "officer-1", ("vat_officer", "viewer"), reader.correlation_id, MOMENT,
        Channel.GRAPHQL, "Look", READ.fields, (RecordRead("Invoice", "inv-1"),), ("FORBIDDEN", "NOT_FOUND"),
    )  # fmt: skip


async def test_a_read_the_trail_cannot_keep_is_refused_as_unavailable() -> None:
    trail = _Trail(OSError("disk full"))

    with pytest.raises(AuditUnavailableError) as refused:
        await record_read(READ, actor(), ["vat_officer"], _audit(trail))

    assert refused.value.code is ErrorCode.UNAVAILABLE
    assert "could not be recorded in the audit trail" in str(refused.value)


def test_reads_are_kept_for_the_audited_roles_only() -> None:
    audit = _audit(_Trail())

    assert reads_are_kept(frozenset({"vat_officer"}), audit)
    assert not reads_are_kept(frozenset({"admin", "clerk"}), audit)
