"""What a context's SQL adapter is given: one transaction (or snapshot) of one database.

Contexts write their read models and run their queries through an `SqlSession`, so a new
context needs nothing from the database adapters but this: the statements run the same way on
SQLite and PostgreSQL, with each driver's placeholder style and value codec. Table names go
through `table()`, so that a rebuild can project into fresh tables with the very statements
the live path uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hisab.event_store.adapters.sql.params import Params, Style
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import ValueCodec


@dataclass(frozen=True, slots=True)
class SqlSession:
    fetch: Fetch
    style: Style
    codec: ValueCodec
    # Live table name -> the table this session writes instead (a rebuild's fresh tables).
    renamed: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_postgres(self) -> bool:
        """PostgreSQL takes arrays and runs several statements' work in one; SQLite does not."""
        return self.style == "numeric"

    def table(self, name: str) -> str:
        return self.renamed.get(name, name)

    def params(self) -> Params:
        return Params(self.style)

    def renaming(self, renamed: Mapping[str, str]) -> SqlSession:
        return SqlSession(self.fetch, self.style, self.codec, renamed)
