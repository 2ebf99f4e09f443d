"""Browse the archive with Datasette, with shipped metadata and Chinese-aware search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from newscrawl.serve import plugin

METADATA = Path(__file__).with_name("metadata.json")


def metadata_for(db_path: Path) -> dict[str, Any]:
    """The shipped metadata, keyed by the database name Datasette gives ``db_path``."""
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {db_path.stem: metadata["databases"]["archive"]}
    return metadata


def build(db_path: Path) -> Datasette:
    if not pm.is_registered(plugin):
        pm.register(plugin, name="newscrawl-archive")
    return Datasette(
        [str(db_path)],
        metadata=metadata_for(db_path),
        settings={"sql_time_limit_ms": 3000},
    )
