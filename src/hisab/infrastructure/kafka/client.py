"""librdkafka configuration shared by the publisher and the consumer, and topic creation."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic

_log = logging.getLogger("hisab.kafka")


@dataclass(frozen=True, slots=True)
class KafkaOptions:
    bootstrap: str
    topic: str
    partitions: int = 6
    replication_factor: int = -1  # the broker's default.replication.factor
    delivery_timeout_ms: int = 30_000
    session_timeout_ms: int = 45_000
    extra: dict[str, str] = field(default_factory=dict)  # TLS/SASL and other librdkafka settings


def base_config(options: KafkaOptions) -> dict[str, Any]:
    """librdkafka's own log lines go to Python logging, not to stderr."""
    return {"bootstrap.servers": options.bootstrap, "logger": _log, "error_cb": _log_error, **options.extra}


def ensure_topic(options: KafkaOptions, timeout: float) -> None:
    """Create the topic with the configured partitions unless it exists (its partitions are kept)."""
    admin = AdminClient(base_config(options))
    topic = NewTopic(options.topic, num_partitions=options.partitions, replication_factor=options.replication_factor)
    for future in admin.create_topics([topic], request_timeout=timeout).values():
        try:
            future.result(timeout)
        except KafkaException as error:
            if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise


def _log_error(error: KafkaError) -> None:
    """Connection trouble is retried by librdkafka and by the relay; it is worth a warning only."""
    _log.warning("kafka: %s", error)
