"""Signing in and out, the language switch, lock-out, CSRF refusal and session expiry, in a real browser."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import running_server
from tests.web.browser import accessibility_violations, sign_in, snap
from tests.web.server import WebServer


def test_a_user_signs_in_sees_the_dashboard_and_signs_out(page: Page, server: WebServer) -> None:
    user = server.user("clerk", name="Rahima Akter")
    page.goto(server.url)
    expect(page).to_have_url(f"{server.url}/sign-in?next=%2F")
    snap(page, "sign-in-en")
    sign_in(page, server, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Rahima Akter")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Invoices")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server.url}/sign-in?lang=en")
    page.goto(server.url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(page: Page, server: WebServer) -> None:
    user = server.user()
    page.goto(f"{server.url}/sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The username or password is wrong.")
    # What the user typed stays; the password does not.
    expect(page.get_by_label("Username")).to_have_value(user.username)
    expect(page.get_by_label("Password")).to_have_value("")
    page.get_by_label("Username").fill("nobody-here")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The username or password is wrong.")


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(page: Page, server: WebServer) -> None:
    user = server.user()
    page.goto(f"{server.url}/sign-in")
    for _ in range(5):
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill("guessing-again")
        page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("This account is locked")


def test_the_language_switch_is_remembered_for_the_user(browser: Browser, server: WebServer) -> None:
    user = server.user("clerk", name="Karim")
    first = browser.new_page()
    sign_in(first, server, user)
    first.get_by_role("button", name="বাংলা").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("স্বাগতম, Karim")
    expect(first.locator("html")).to_have_attribute("lang", "bn")
    snap(first, "dashboard-bn")
    first.close()
    # A new browser session, signed in afresh, opens in the language the user chose.
    second = browser.new_context().new_page()
    second.goto(f"{server.url}/sign-in")
    second.get_by_label("Username").fill(user.username)
    second.get_by_label("Password").fill(user.password)
    second.get_by_role("button", name="Sign in").click()
    expect(second.get_by_role("button", name="সাইন আউট")).to_be_visible()
    second.get_by_role("button", name="English").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Welcome, Karim")
    snap(second, "dashboard-en")
    second.close()


def test_a_form_posted_without_the_sessions_csrf_token_is_refused(page: Page, server: WebServer) -> None:
    user = server.user()
    sign_in(page, server, user)
    # The browser's own cookies, and a form another site could make: no token, so no change.
    response = page.request.post(f"{server.url}/language", form={"language": "bn", "next": "/"})
    assert response.status == 403
    assert "did not come from Hisab" in response.text()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_a_signed_in_page_is_refused_to_a_forged_session_cookie(server: WebServer) -> None:
    response = httpx.get(f"{server.url}/", cookies={"hisab_session": "forged.cookie.value"})
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2F"


def test_the_sign_in_page_and_the_dashboard_pass_the_accessibility_audit(page: Page, server: WebServer) -> None:
    page.goto(f"{server.url}/sign-in")
    assert accessibility_violations(page) == []
    sign_in(page, server, server.user())
    assert accessibility_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Invoices")).to_be_visible()
    snap(page, "dashboard-phone-en")


@pytest.fixture(scope="module")
def short_sessions(server: WebServer) -> Iterator[WebServer]:
    settings = server.settings.model_copy(update={"session_idle_seconds": 2})
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        yield WebServer(url, settings, http)


def test_an_idle_session_ends_and_signing_in_again_returns_to_the_page(page: Page, short_sessions: WebServer) -> None:
    user = short_sessions.user()
    sign_in(page, short_sessions, user)
    time.sleep(3)
    page.goto(f"{short_sessions.url}/?from=test")
    expect(page.get_by_role("status")).to_have_text("Your session has ended; please sign in again.")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{short_sessions.url}/?from=test")


def test_a_signed_in_client_changes_its_language_with_the_sessions_token(server: WebServer) -> None:
    with server.signed_in(server.user()) as client:
        changed = client.post("/language", data={"language": "bn", "next": "/"})
        assert changed.status_code == 303
        assert "স্বাগতম" in client.get("/").text
