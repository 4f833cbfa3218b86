"""The JWKS cache, read from a file the test rewrites, on a clock the test moves."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from hisab.access.adapters.jwks import JwksKeys, KeysUnavailableError, UnknownKeyError
from tests.keys import Signer, jwks

OLD, NEW, OTHER_KIND = Signer.new("ES256", "old"), Signer.new("ES256", "new"), Signer.new("RS256", "rsa")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "jwks.json"
    path.write_text(jwks(OLD, OTHER_KIND))
    return path


async def test_an_unknown_key_id_reloads_at_most_once_per_interval(source: Path) -> None:
    clock = Clock()
    keys = JwksKeys(str(source), "ES256", cache_seconds=300, min_reload_seconds=30, clock=clock)
    assert (await keys.key_for("old")).key_id == "old"
    await asyncio.to_thread(source.write_text, jwks(OLD, NEW))

    with pytest.raises(UnknownKeyError):
        await keys.key_for("new")
    clock.now += 31
    assert (await keys.key_for("new")).key_id == "new"


async def test_keys_of_another_algorithm_verify_nothing(source: Path) -> None:
    keys = JwksKeys(str(source), "ES256", cache_seconds=300, clock=Clock())

    with pytest.raises(UnknownKeyError):
        await keys.key_for("rsa")


async def test_a_key_set_that_cannot_be_read_keeps_the_last_good_keys(source: Path) -> None:
    clock = Clock()
    keys = JwksKeys(str(source), "ES256", cache_seconds=300, clock=clock)
    await keys.key_for("old")
    await asyncio.to_thread(source.write_text, "not json")
    clock.now += 301

    assert (await keys.key_for("old")).key_id == "old"


async def test_without_any_readable_key_set_tokens_cannot_be_verified(tmp_path: Path) -> None:
    keys = JwksKeys(str(tmp_path / "missing.json"), "ES256", cache_seconds=300)

    with pytest.raises(KeysUnavailableError):
        await keys.key_for("old")
