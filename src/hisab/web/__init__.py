"""The web app for accountants: server-rendered pages (Jinja2 and htmx) over the contexts' application services.

It sits beside the GraphQL API, not on it: a page calls the same use cases a resolver calls,
with the signed-in user as the actor, so a rule holds the same way in both.
"""
