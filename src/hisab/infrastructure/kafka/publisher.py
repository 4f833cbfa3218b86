"""The relay's publisher: an idempotent librdkafka producer with acks=all.

confluent-kafka's producer is synchronous, so a batch is produced and flushed in a worker
thread. A batch counts as published only when every message of it has its delivery report
without error. After any failure the producer is thrown away (its queue purged) and a new
one, after making sure the topic exists again, publishes the batch anew.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from confluent_kafka import KafkaError, KafkaException, Message, Producer

from hisab.event_store.messages import StoredEvent
from hisab.event_store.outbox import PublishError
from hisab.infrastructure.kafka.client import KafkaOptions, base_config, ensure_topic
from hisab.infrastructure.kafka.envelope import encode_envelope, message_headers, message_key

# librdkafka keeps its own order per partition with idempotence on, even with several
# requests in flight, and retries within the delivery timeout. murmur2 is the Java client's
# partitioner, so a key lands on the same partition whichever client produced it.
_PRODUCER = {
    "enable.idempotence": True,
    "acks": "all",
    "linger.ms": 5,
    "compression.type": "lz4",
    "partitioner": "murmur2_random",
}
_FLUSH_MARGIN_SECONDS = 5.0

OnDelivery = Callable[[KafkaError | None, "Message[bytes, bytes]"], None]


class KafkaEventPublisher:
    def __init__(self, options: KafkaOptions) -> None:
        self._options = options
        self._producer: Producer | None = None

    async def publish(self, events: Sequence[StoredEvent]) -> None:
        await asyncio.to_thread(self._publish, list(events))

    async def close(self) -> None:
        await asyncio.to_thread(self._discard)

    def _publish(self, events: list[StoredEvent]) -> None:
        try:
            producer = self._producer or self._open()
            failures: list[KafkaError] = []

            def on_delivery(error: KafkaError | None, message: Message[bytes, bytes]) -> None:
                if error is not None:
                    failures.append(error)

            for stored in events:
                self._produce(producer, stored, on_delivery)
            unsent = producer.flush(self._options.delivery_timeout_ms / 1000 + _FLUSH_MARGIN_SECONDS)
        except (KafkaException, BufferError) as error:
            self._discard()
            raise PublishError(str(error)) from error
        if unsent or failures:
            self._discard()
            first = failures[0] if failures else f"{unsent} messages still unsent"
            raise PublishError(f"{len(failures) or unsent} of {len(events)} not acknowledged, first: {first}")

    def _produce(self, producer: Producer, stored: StoredEvent, on_delivery: OnDelivery) -> None:
        while True:
            try:
                producer.produce(
                    self._options.topic,
                    key=message_key(stored),
                    value=encode_envelope(stored),
                    headers=message_headers(stored),
                    on_delivery=on_delivery,
                )
                return
            except BufferError:  # the local queue is full: let deliveries drain it
                producer.poll(0.1)

    def _open(self) -> Producer:
        timeout = self._options.delivery_timeout_ms / 1000
        ensure_topic(self._options, timeout)
        config = {**base_config(self._options), **_PRODUCER, "message.timeout.ms": self._options.delivery_timeout_ms}
        self._producer = Producer(config)
        return self._producer

    def _discard(self) -> None:
        """Drop the producer and whatever it still queues: the batch will be sent again."""
        if self._producer is not None:
            self._producer.purge()
            self._producer.flush(0)
            self._producer = None
