"""The static files, served under names that change with their content, so browsers may cache them for a year."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

STATIC_DIRECTORY = Path(__file__).parent / "static"
URL_PATH = "/static"
_IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    media_type: str


class Assets:
    """Every file of the static directory, read once: `url("htmx.min.js")` is `/static/<digest>/htmx.min.js`."""

    def __init__(self, directory: Path = STATIC_DIRECTORY) -> None:
        self._urls: dict[str, str] = {}
        self._files: dict[str, Asset] = {}
        for path in sorted(directory.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(directory).as_posix()
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            self._urls[name] = f"{URL_PATH}/{digest}/{name}"
            self._files[f"{digest}/{name}"] = Asset(body, media_type)

    def url(self, name: str) -> str:
        return self._urls[name]

    async def serve(self, request: Request) -> Response:
        asset = self._files.get(f"{request.path_params['digest']}/{request.path_params['name']}")
        if asset is None:
            return Response("Not found", status_code=404, media_type="text/plain")
        return Response(asset.body, media_type=asset.media_type, headers={"Cache-Control": _IMMUTABLE})
