"""An example consumer: reads envelopes back and proves they round-trip to the stored event.

Delivery is at least once, so a real consumer keeps the ids of the events it applied (or
the last `stream_version` per invoice) and ignores a repeat; see docs/events.md.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, Message, TopicPartition

from hisab.event_store.messages import StoredEvent
from hisab.infrastructure.kafka.client import KafkaOptions, base_config
from hisab.infrastructure.kafka.envelope import decode_envelope, encode_envelope


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    partition: int
    offset: int
    value: bytes
    stored: StoredEvent

    @property
    def round_trips(self) -> bool:
        """The envelope decodes to a stored event that encodes back to the very same bytes."""
        return encode_envelope(self.stored) == self.value


class KafkaEventConsumer:
    """In a consumer group (offsets committed after each event is handed out) or, without one,
    every partition read from the beginning and nothing committed."""

    def __init__(self, options: KafkaOptions, group: str | None) -> None:
        self._options = options
        self._group = group

    def events(self, max_events: int | None, idle_seconds: float | None) -> Iterator[ReceivedEvent]:
        """Events as they arrive, until `max_events` were read or none came for `idle_seconds`."""
        consumer = Consumer(self._config())
        try:
            count, last_seen, attached = 0, time.monotonic(), False
            while max_events is None or count < max_events:
                attached = attached or self._attach(consumer)
                message = consumer.poll(0.2) if attached else None
                if message is None:
                    if idle_seconds is not None and time.monotonic() - last_seen > idle_seconds:
                        return
                    continue
                last_seen = time.monotonic()
                yield _received(message)
                count += 1
                if self._group is not None:
                    consumer.commit(message=message, asynchronous=False)
        finally:
            consumer.close()

    def _config(self) -> dict[str, object]:
        return {
            **base_config(self._options),
            "group.id": self._group or f"hisab-consume-{uuid.uuid4().hex}",
            "enable.auto.commit": False,
            "auto.offset.reset": "earliest",
            "session.timeout.ms": self._options.session_timeout_ms,
        }

    def _attach(self, consumer: Consumer) -> bool:
        """Subscribe, or assign every partition; False while the topic does not exist yet."""
        if self._group is not None:
            consumer.subscribe([self._options.topic])
            return True
        topic = consumer.list_topics(self._options.topic, timeout=10).topics[self._options.topic]
        if topic.error is not None and topic.error.code() != KafkaError.UNKNOWN_TOPIC_OR_PART:
            raise KafkaException(topic.error)
        if topic.error is not None or not topic.partitions:
            time.sleep(0.2)  # the relay creates the topic with its first publish
            return False
        consumer.assign([TopicPartition(self._options.topic, p, OFFSET_BEGINNING) for p in topic.partitions])
        return True


def _received(message: Message[bytes, bytes]) -> ReceivedEvent:
    error = message.error()
    if error is not None:
        raise KafkaException(error)
    value = message.value() or b""
    return ReceivedEvent(message.partition() or 0, message.offset() or 0, value, decode_envelope(value))
