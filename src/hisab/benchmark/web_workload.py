"""Issue 16's pages in the workload: what the accountants' web app answers, timed as a browser would ask.

The pages are fetched with a session cookie the benchmark signs itself with the session secret (the
server's, from the same environment), for a user of the benchmark's tenant holding the admin role.
`page_invoices` is the invoice list of 50, `page_invoice` one invoice's page (with its lines, trail and
actions), `page_dashboard` the page after signing in (with the approvals count of the navigation).
"""

from __future__ import annotations

from hisab.kernel.language import Language
from hisab.web.session import COOKIE, SessionCookies, new_session

PAGE_OPERATIONS = ("page_dashboard", "page_invoices", "page_invoice")
INVOICE_LIST_PATH = "/invoices?first=50"


def page_path(operation: str, invoice_id: str | None) -> str | None:
    if operation == "page_dashboard":
        return "/"
    if operation == "page_invoices":
        return INVOICE_LIST_PATH
    return f"/invoices/{invoice_id}" if invoice_id else None


def session_cookie(secret: str, tenant_id: str, user_id: str) -> dict[str, str]:
    """The Cookie header of a signed-in identity-provider user with the admin role (no local account needed)."""
    cookies = SessionCookies(secret, idle_seconds=3600, lifetime_seconds=3600, secure=False)
    session = new_session(tenant_id, user_id, "oidc", "Benchmark", Language.EN, roles=("admin",))
    return {"Cookie": f"{COOKIE}={cookies.sign(session)}"}
