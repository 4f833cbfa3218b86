"""The checks `hisab verify` makes of Redis and Kafka, against the real servers and against nothing."""

from __future__ import annotations

import uuid

import pytest

from hisab.infrastructure.kafka.client import KafkaOptions
from hisab.infrastructure.wire_checks import ProbeError, kafka_metadata, redis_ping
from tests.broker import Broker, free_port


@pytest.mark.redis
async def test_redis_answers_ping_with_pong(redis_url: str) -> None:
    assert await redis_ping(redis_url) == "PONG"


async def test_a_redis_that_is_not_there_is_reported_with_the_reason() -> None:
    with pytest.raises(ProbeError, match=r"Redis did not answer PING .*ConnectionError"):
        await redis_ping(f"redis://127.0.0.1:{free_port()}/0")


async def test_a_url_that_is_not_a_redis_url_is_refused_with_the_form_it_takes() -> None:
    with pytest.raises(ProbeError, match=r"a Redis URL looks like redis://"):
        await redis_ping("http://127.0.0.1:6379")


@pytest.mark.kafka
async def test_the_broker_answers_with_its_metadata_and_whether_the_topic_exists(kafka_broker: Broker) -> None:
    options = KafkaOptions(kafka_broker.bootstrap, f"verify-{uuid.uuid4().hex[:8]}")

    answer = await kafka_metadata(options)

    assert answer.startswith(f"{kafka_broker.bootstrap}: 1 broker(s); topic {options.topic}")
    assert "is created by the relay" in answer


@pytest.mark.kafka
async def test_the_kafka_check_uses_the_services_client_configuration(kafka_broker: Broker) -> None:
    """A plaintext broker refuses a client configured for TLS, as it would refuse the relay."""
    options = KafkaOptions(kafka_broker.bootstrap, "verify", extra={"security.protocol": "ssl"})

    with pytest.raises(ProbeError, match="did not answer as a Kafka cluster"):
        await kafka_metadata(options)


async def test_a_client_configuration_librdkafka_does_not_know_is_named() -> None:
    options = KafkaOptions(f"127.0.0.1:{free_port()}", "verify", extra={"sasl.nonsense": "x"})

    with pytest.raises(ProbeError, match=r'not valid .*"sasl\.nonsense"'):
        await kafka_metadata(options)


async def test_a_broker_that_is_not_there_is_reported() -> None:
    with pytest.raises(ProbeError, match="did not answer as a Kafka cluster"):
        await kafka_metadata(KafkaOptions(f"127.0.0.1:{free_port()}", "verify"))


async def test_a_bootstrap_list_without_ports_is_refused_with_an_example() -> None:
    with pytest.raises(ProbeError, match="host:port pairs, such as kafka:9092"):
        await kafka_metadata(KafkaOptions("kafka:9092,kafka2", "verify"))
