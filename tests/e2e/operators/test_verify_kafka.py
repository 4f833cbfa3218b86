"""`hisab verify` asks Kafka as the relay would: the same bootstrap and the same client configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.broker import Broker
from tests.e2e.processes import run

pytestmark = pytest.mark.kafka


def test_verify_reaches_the_broker_the_relay_publishes_to(tmp_path: Path, kafka_broker: Broker) -> None:
    verified = run(tmp_path, "verify", HISAB_KAFKA_BOOTSTRAP=kafka_broker.bootstrap)

    assert f"ok   kafka       {kafka_broker.bootstrap}: 1 broker(s)" in verified.stdout


def test_verify_asks_with_the_client_configuration_of_the_relay(tmp_path: Path, kafka_broker: Broker) -> None:
    tls = json.dumps({"security.protocol": "ssl"})  # which this plaintext broker refuses, as it would the relay

    verified = run(tmp_path, "verify", HISAB_KAFKA_BOOTSTRAP=kafka_broker.bootstrap, HISAB_KAFKA_CLIENT_CONFIG=tls)

    assert verified.returncode == 1
    assert "FAIL kafka" in verified.stdout
    assert "fix: start the server, or correct HISAB_KAFKA_BOOTSTRAP and HISAB_KAFKA_CLIENT_CONFIG" in verified.stdout
