"""Event rows read as an outbox, for either database: decoding that stops at a poison event."""

from __future__ import annotations

from collections.abc import Iterable

from hisab.event_store.adapters.sql.events import stored_event
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.outbox import PoisonEventError, RawEvent

RAW_COLUMNS = "position, event_id, tenant_id, stream_id, version, event_type, payload, correlation_id, occurred_at"


def decoded_prefix(rows: Iterable[Row], codec: ValueCodec) -> list[StoredEvent]:
    """The rows decoded, up to the first that does not decode; that one is an error only when
    it comes first, so everything before a poison event is still published."""
    decoded: list[StoredEvent] = []
    for row in rows:
        try:
            decoded.append(stored_event(row, codec))
        except Exception as error:  # whatever the decoder raises, the event cannot be published
            if decoded:
                break
            reason = f"{error.__class__.__name__}: {error}"
            raise PoisonEventError(row["position"], row["event_type"], reason) from error
    return decoded


def raw_event(row: Row) -> RawEvent:
    return RawEvent(
        position=row["position"],
        event_id=str(row["event_id"]),
        tenant_id=row["tenant_id"],
        stream_id=row["stream_id"],
        version=row["version"],
        event_type=row["event_type"],
        payload=str(row["payload"]),
        correlation_id=row["correlation_id"],
        occurred_at=str(row["occurred_at"]),
    )
