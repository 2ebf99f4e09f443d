"""``newscrawl serve``: browse the archive in Datasette."""

from __future__ import annotations

from pathlib import Path

import click

from newscrawl.archive import Archive, ArchiveError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8001, show_default=True)
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def serve(host: str, port: int, db: str) -> None:
    """Run Datasette over the archive, with labels, search and canned queries."""
    # Datasette and uvicorn are imported here, not at start-up of every newscrawl command.
    import uvicorn

    from newscrawl.serve import build

    path = Path(db)
    try:
        Archive(path, readonly=True).close()  # a clear error for a missing or old archive
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"serving {path} on http://{host}:{port}/", err=True)
    uvicorn.run(build(path).app(), host=host, port=port, log_level="warning")
