"""`hisab users` against an SQLite data directory, as an operator runs it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hisab.cli import app


def test_an_operator_adds_lists_disables_and_resets_a_user(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {
        "HISAB_ENVIRONMENT": "test", "HISAB_DATA_DIR": str(tmp_path),
        "HISAB_DATABASE_URL": f"sqlite:///{tmp_path / 'hisab.db'}", "HISAB_AUTO_MIGRATE": "true",
    }  # fmt: skip
    added = runner.invoke(
        app, ["users", "add", "rahima", "--tenant", "t1", "--role", "clerk", "--name", "Rahima Akter",
              "--password-stdin"], input="correct horse battery\n", env=env,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "added rahima (tenant t1, roles clerk)" in added.output
    listed = runner.invoke(app, ["users", "list", "--tenant", "t1"], env=env)
    assert listed.output.splitlines() == ["rahima\tRahima Akter\tclerk\tactive"]
    assert runner.invoke(app, ["users", "disable", "rahima"], env=env).output.strip() == "rahima disabled"
    listed = runner.invoke(app, ["users", "list", "--tenant", "t1"], env=env)
    assert listed.output.splitlines() == ["rahima\tRahima Akter\tclerk\tdisabled"]
    changed = runner.invoke(app, ["users", "passwd", "rahima", "--password-stdin"], input="another long one\n", env=env)
    assert changed.output.strip() == "password of rahima changed"
    short = runner.invoke(app, ["users", "passwd", "rahima", "--password-stdin"], input="short\n", env=env)
    assert short.exit_code != 0
    assert "a password has at least 10 characters" in short.output
