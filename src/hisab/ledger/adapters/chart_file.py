"""The default chart of accounts, read from its data file (`default_chart.toml`) and checked whole."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any

from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import ChartTemplate, template_violations
from hisab.ledger.domain.events import AccountRecord, PostingAccount


class ChartFileError(ValueError):
    """The chart file is broken; the service must not start with it."""


def load_default_chart() -> ChartTemplate:
    text = files("hisab.ledger.adapters").joinpath("default_chart.toml").read_text(encoding="utf-8")
    return parse_chart(tomllib.loads(text))


def parse_chart(data: dict[str, Any]) -> ChartTemplate:
    try:
        accounts = tuple(
            AccountRecord(
                str(row["code"]),
                row["name"],
                row.get("name_bn"),
                AccountType(row["type"]),
                row.get("parent"),
                bool(row.get("group", False)),
            )
            for row in data["accounts"]
        )
        postings = tuple(
            PostingAccount(document_type, role, str(code))
            for document_type, roles in data.get("posting", {}).items()
            for role, code in roles.items()
        )
        template = ChartTemplate(str(data["name"]), accounts, postings)
    except (KeyError, ValueError, TypeError) as broken:
        raise ChartFileError(f"the chart file is malformed: {broken!r}") from broken
    problems = template_violations(template)
    if len({a.code for a in accounts}) != len(accounts):
        problems.append("two accounts share a code")
    if problems:
        raise ChartFileError("the chart file is inconsistent: " + "; ".join(problems))
    return template
