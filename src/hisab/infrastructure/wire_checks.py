"""Is a Redis server or a Kafka broker there? One request each, in its own protocol.

`hisab verify` asks these before a deployment; they need no client library, so they work
whether or not the feature that uses the server is installed.
"""

from __future__ import annotations

import asyncio
import ssl
import struct
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 5.0
_KAFKA_API_VERSIONS = 18


class ProbeError(Exception):
    """The server was not there, or did not answer as it should; the message says which."""


async def redis_ping(url: str) -> str:
    """PING (after AUTH when the URL carries a password); return the server's answer."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ProbeError("a Redis URL looks like redis://[:password@]host:6379/0 (rediss:// for TLS)")
    commands: list[list[str]] = []
    if parts.password is not None:
        commands.append(["AUTH", *([unquote(parts.username)] if parts.username else []), unquote(parts.password)])
    commands.append(["PING"])
    tls = ssl.create_default_context() if parts.scheme == "rediss" else None
    reader, writer = await _connect(parts.hostname, parts.port or 6379, tls)
    try:
        answer = ""
        for command in commands:
            writer.write(_resp(command))
            await writer.drain()
            answer = (await asyncio.wait_for(reader.readline(), TIMEOUT_SECONDS)).decode(errors="replace").strip()
            if not answer.startswith("+"):
                raise ProbeError(f"Redis answered {command[0]} with {answer or 'nothing'}")
        return answer.removeprefix("+")
    finally:
        writer.close()


async def kafka_api_versions(bootstrap: str) -> str:
    """Send ApiVersions (v0) to the first bootstrap server; return how many APIs it offers."""
    host, _, port = bootstrap.split(",")[0].strip().rpartition(":")
    if not host or not port.isdigit():
        raise ProbeError("HISAB_KAFKA_BOOTSTRAP lists host:port pairs, such as kafka:9092")
    reader, writer = await _connect(host, int(port), None)
    try:
        client_id = b"hisab-verify"
        header = struct.pack(">hhih", _KAFKA_API_VERSIONS, 0, 1, len(client_id)) + client_id
        writer.write(struct.pack(">i", len(header)) + header)
        await writer.drain()
        size = struct.unpack(">i", await asyncio.wait_for(reader.readexactly(4), TIMEOUT_SECONDS))[0]
        body = await asyncio.wait_for(reader.readexactly(size), TIMEOUT_SECONDS)
    except (asyncio.IncompleteReadError, struct.error, TimeoutError) as error:
        raise ProbeError(f"{host}:{port} did not answer as a Kafka broker") from error
    finally:
        writer.close()
    correlation_id, error_code, count = struct.unpack(">ihi", body[:10])
    if correlation_id != 1 or error_code != 0:
        raise ProbeError(f"{host}:{port} answered ApiVersions with error code {error_code}")
    return f"{host}:{port} offers {count} APIs"


async def _connect(
    host: str, port: int, tls: ssl.SSLContext | None
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    try:
        return await asyncio.wait_for(asyncio.open_connection(host, port, ssl=tls), TIMEOUT_SECONDS)
    except (OSError, TimeoutError) as error:
        raise ProbeError(f"cannot connect to {host}:{port} ({error.__class__.__name__}: {error})") from error


def _resp(command: list[str]) -> bytes:
    parts = [f"*{len(command)}\r\n".encode()]
    for argument in command:
        data = argument.encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)
