"""What the browser tests repeat: signing in, reading a page's error, checking accessibility, screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.web.server import WebServer, WebUser

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# `make web-screenshots` sets this to docs/images/web; elsewhere no screenshot is written.
SCREENSHOTS = os.environ.get("HISAB_WEB_SCREENSHOTS")


def sign_in(page: Page, server: WebServer, user: WebUser, next_path: str = "/") -> None:
    page.goto(f"{server.url}/sign-in?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def field_error(page: Page, field: str) -> str:
    """The error shown under a form field (its id is `e-<field>`)."""
    return page.locator(f'[id="e-{field}"]').inner_text()


def accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA on the page as it is now."""
    page.evaluate(AXE_SOURCE)
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def snap(page: Page, name: str) -> None:
    """A screenshot for docs/web.md, when screenshots are asked for (HISAB_WEB_SCREENSHOTS names the directory)."""
    if SCREENSHOTS:
        directory = Path(SCREENSHOTS)
        directory.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(directory / f"{name}.png"), full_page=True)
