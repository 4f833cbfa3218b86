"""Signing in through an identity provider (OpenID Connect, code + PKCE) in a real browser."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import running_app, running_server, settings_for
from tests.web.oidc.provider import CLIENT_ID, FakeProvider


@dataclass
class OidcServer:
    url: str
    provider: FakeProvider


@pytest.fixture(scope="module")
def oidc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    provider = FakeProvider()
    with running_app(provider.app()) as provider_url:
        provider.url = provider_url
        data_dir = tmp_path_factory.mktemp("hisab-oidc")
        settings = settings_for(
            f"sqlite:///{data_dir / 'hisab.db'}", data_dir, oidc_issuer=provider_url, oidc_client_id=CLIENT_ID,
            oidc_provider_name="Example ID",
        )  # fmt: skip
        with running_server(settings) as url:
            yield OidcServer(url, provider)


def test_a_provider_user_signs_in_with_pkce_and_sees_what_their_roles_allow(page: Page, oidc: OidcServer) -> None:
    tenant = f"tenant-{uuid.uuid4().hex[:8]}"
    oidc.provider.claims = {"sub": "u-1", "tenant_id": tenant, "roles": ["clerk", "astronaut"], "name": "Karim Uddin"}
    page.goto(f"{oidc.url}/sign-in")
    page.get_by_role("link", name="Sign in with Example ID").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Karim Uddin")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Invoices")).to_be_visible()
    method, challenge = oidc.provider.challenges[-1]
    assert method == "S256"
    assert challenge
    assert oidc.provider.verified[-1] is True


def test_a_provider_user_without_a_known_role_is_refused(page: Page, oidc: OidcServer) -> None:
    oidc.provider.claims = {"sub": "u-2", "tenant_id": "tenant-x", "roles": ["astronaut"]}
    page.goto(f"{oidc.url}/sign-in")
    page.get_by_role("link", name="Sign in with Example ID").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Your organisation's sign-in gives you no role in Hisab; ask your administrator."
    )


def test_a_callback_with_a_wrong_state_is_refused(page: Page, oidc: OidcServer) -> None:
    page.goto(f"{oidc.url}/sign-in/oidc/callback?code=forged&state=forged")
    expect(page.get_by_role("alert")).to_have_text("Your organisation's sign-in did not sign you in; please try again.")
    page.goto(oidc.url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_a_provider_refusal_shows_the_sign_in_page_in_bengali(page: Page, oidc: OidcServer) -> None:
    page.goto(f"{oidc.url}/sign-in/oidc/callback?error=access_denied&lang=bn")
    expect(page.get_by_role("alert")).to_have_text("আপনার প্রতিষ্ঠানের সাইন-ইন আপনাকে সাইন ইন করায়নি; আবার চেষ্টা করুন।")
