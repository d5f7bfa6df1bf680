"""`kerlint server`: imported by kerlint.cli's LazyGroup only when the subcommand runs."""

from __future__ import annotations

import click


@click.command("server")
def server_command():
    """Run the kerlint language server over stdio (for editors; needs the `lsp` extra)."""
    try:
        from kerlint.lsp.server import run
    except ImportError as exc:
        raise click.ClickException(f"`kerlint server` needs pygls and lsprotocol: {exc}. "
                                   "Install them with `pip install kerlint[lsp]`.") from exc
    run()
