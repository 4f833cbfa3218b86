"""Is a Redis server or a Kafka broker there? Asked with the clients and settings the service uses.

`hisab verify` asks these before a deployment. They go through redis-py and librdkafka with the
service's own URL and client configuration (TLS, SASL and the rest of HISAB_KAFKA_CLIENT_CONFIG),
so a check passes exactly when the service would reach the server.
"""

from __future__ import annotations

import asyncio

from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient
from redis import RedisError
from redis.asyncio import Redis

from hisab.infrastructure.kafka.client import KafkaOptions, base_config

TIMEOUT_SECONDS = 5.0


class ProbeError(Exception):
    """The server was not there, or did not answer as it should; the message says which."""


async def redis_ping(url: str) -> str:
    """PING (redis-py sends AUTH first when the URL carries a password); return the server's answer."""
    try:
        client = Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
    except ValueError as error:
        raise ProbeError("a Redis URL looks like redis://[:password@]host:6379/0 (rediss:// for TLS)") from error
    try:
        # redis-py turns the server's +PONG into True.
        if not await client.ping():
            raise ProbeError("Redis did not answer PING with PONG")
    except RedisError as error:
        raise ProbeError(f"Redis did not answer PING ({error.__class__.__name__}: {error})") from error
    finally:
        await client.aclose()
    return "PONG"


async def kafka_metadata(options: KafkaOptions) -> str:
    """Ask the cluster for its metadata, as the relay's admin client does; say what it holds."""
    if not all(_is_host_and_port(server) for server in options.bootstrap.split(",")):
        raise ProbeError("HISAB_KAFKA_BOOTSTRAP lists host:port pairs, such as kafka:9092")
    try:
        admin = AdminClient(base_config(options))
    except KafkaException as error:
        raise ProbeError(f"the Kafka client configuration is not valid ({error.args[0].str()})") from error
    try:
        # librdkafka blocks while it waits for the brokers, so it waits off the event loop.
        metadata = await asyncio.to_thread(admin.list_topics, timeout=TIMEOUT_SECONDS)
    except KafkaException as error:
        raise ProbeError(f"{options.bootstrap} did not answer as a Kafka cluster ({error.args[0].str()})") from error
    topic = "exists" if options.topic in metadata.topics else "is created by the relay on its first start"
    return f"{options.bootstrap}: {len(metadata.brokers)} broker(s); topic {options.topic} {topic}"


def _is_host_and_port(server: str) -> bool:
    host, _, port = server.strip().rpartition(":")
    return bool(host) and port.isdigit()
