"""A bulk import as an aggregate of its own: what file it was, how far it got, how it ended.

An import is validated whole before it starts, then written in batches; each batch commits with
the event that counts it (`ImportBatchWritten`), so the import's progress is exactly what was
committed, and an interrupted import resumes after its last counted batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from hisab.event_store.messages import DomainEvent
from hisab.event_store.registry import EVENT_TYPES
from hisab.kernel.errors import IllegalTransitionError


class ImportKind(StrEnum):
    PARTIES = "parties"
    ITEMS = "items"
    INVOICES = "invoices"


class ImportStatus(StrEnum):
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class ImportStarted:
    event_type: ClassVar[str] = "ImportStarted.v1"

    import_id: str
    kind: ImportKind
    # The SHA-256 of the file's bytes: a retry under the same Idempotency-Key must send the same file.
    file_sha256: str
    # Records to create (an invoice is one record however many rows its lines take) and data rows.
    total: int
    rows: int


@dataclass(frozen=True, slots=True)
class ImportBatchWritten:
    """A batch committed; `processed` counts every record written so far, this batch's included."""

    event_type: ClassVar[str] = "ImportBatchWritten.v1"

    import_id: str
    processed: int


@dataclass(frozen=True, slots=True)
class ImportCompleted:
    event_type: ClassVar[str] = "ImportCompleted.v1"

    import_id: str


@dataclass(frozen=True, slots=True)
class ImportFailed:
    """A batch was refused when written (say, a code another user took meanwhile); the batches
    before it stay written, and a retry with the same Idempotency-Key resumes at this one."""

    event_type: ClassVar[str] = "ImportFailed.v1"

    import_id: str
    processed: int
    reason: str


IMPORT_EVENTS: tuple[type[DomainEvent], ...] = (ImportStarted, ImportBatchWritten, ImportCompleted, ImportFailed)
EVENT_TYPES.register(IMPORT_EVENTS)


@dataclass(frozen=True, slots=True)
class Import:
    import_id: str
    kind: ImportKind
    file_sha256: str
    total: int
    rows: int
    processed: int
    status: ImportStatus
    reason: str | None

    @classmethod
    def from_events(cls, events: Iterable[object]) -> Import:
        found: Import | None = None
        for event in events:
            match event:
                case ImportStarted(import_id, kind, sha, total, rows):
                    found = cls(import_id, kind, sha, total, rows, 0, ImportStatus.RUNNING, None)
                case ImportBatchWritten(_, processed) if found is not None:
                    found = _with(found, processed, ImportStatus.RUNNING, None)
                case ImportCompleted() if found is not None:
                    found = _with(found, found.processed, ImportStatus.COMPLETED, None)
                case ImportFailed(_, processed, reason) if found is not None:
                    found = _with(found, processed, ImportStatus.FAILED, reason)
        if found is None:
            raise ValueError("an import's stream begins with ImportStarted")
        return found

    @property
    def remaining(self) -> int:
        return self.total - self.processed

    def batch_written(self, count: int) -> list[DomainEvent]:
        """The events that record a batch of `count` records; the last batch completes the import."""
        if self.status is ImportStatus.COMPLETED:
            raise IllegalTransitionError(f"import {self.import_id} is complete")
        if not 0 < count <= self.remaining:
            raise ValueError(f"a batch of {count} does not fit the {self.remaining} records left")
        processed = self.processed + count
        written: list[DomainEvent] = [ImportBatchWritten(self.import_id, processed)]
        return [*written, ImportCompleted(self.import_id)] if processed == self.total else written

    def fail(self, reason: str) -> ImportFailed:
        if self.status is ImportStatus.COMPLETED:
            raise IllegalTransitionError(f"import {self.import_id} is complete")
        return ImportFailed(self.import_id, self.processed, reason)


def _with(found: Import, processed: int, status: ImportStatus, reason: str | None) -> Import:
    return Import(found.import_id, found.kind, found.file_sha256, found.total, found.rows, processed, status, reason)
