"""The dashboard: what waits for the signed-in user, and the day's first steps."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.web.pages import Page, Web


def routes(web: Web) -> list[BaseRoute]:
    return [web.page("/", dashboard)]


async def dashboard(page: Page) -> Response:
    return await page.render("home.html")
