"""The invoices area of the web app: the list of invoices (issue 16, flow 2)."""

from hisab.web.invoices.pages import routes

__all__ = ["routes"]
