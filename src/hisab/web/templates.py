"""The Jinja2 environment of the pages: autoescaped, with the filters that write in the user's language.

`render(..., block=...)` renders one block of a template (jinja2-fragments), which is what an
htmx request gets: the same template serves the whole page and the fragment it swaps in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from jinja2_fragments import render_block

from hisab.web import formatting
from hisab.web.assets import Assets
from hisab.web.i18n import Catalog

TEMPLATE_DIRECTORY = Path(__file__).parent / "templates"


def _in_language(format_value: Callable[..., str]) -> Callable[..., str]:
    @pass_context
    def filter_(context: Context, value: Any, *args: Any) -> str:
        return format_value(value, context["language"], *args)

    return filter_


class Templates:
    def __init__(self, catalog: Catalog, assets: Assets, directory: Path = TEMPLATE_DIRECTORY) -> None:
        self.environment = Environment(
            loader=FileSystemLoader(directory),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

        @pass_context
        def translate(context: Context, text: str, **values: object) -> str:
            return catalog.translate(text, context["language"], **values)

        self.environment.globals.update({"_": translate, "asset": assets.url})
        self.environment.filters.update(
            {
                "money": _in_language(formatting.money),
                "number": _in_language(formatting.number),
                "quantity": _in_language(formatting.quantity),
                "rate": _in_language(formatting.rate),
                "day": _in_language(formatting.day),
                "moment": _in_language(formatting.moment),
                "digits": _in_language(formatting.digits),
            }
        )

    def render(self, name: str, context: Mapping[str, Any], *, block: str | None = None) -> str:
        if block is not None:
            return str(render_block(self.environment, name, block, **context))
        return self.environment.get_template(name).render(**context)
