"""``newscrawl repair``: decode and repair pages or text from files, stdin or JSON lines."""

from __future__ import annotations

import base64
import binascii
import json
import sys
from typing import BinaryIO

import click

from newscrawl.clean.decode import decode_html
from newscrawl.clean.repair import repair_html, repair_text


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype" in head or "<body" in head or "<p>" in head


def _repair_bytes(raw: bytes, content_type: str | None = None) -> tuple[str, str, list[dict]]:
    decoded = decode_html(raw, content_type=content_type)
    if _looks_like_html(decoded.text):
        text, repairs = repair_html(decoded.text)
    else:
        text, repairs = repair_text(decoded.text)
    return text, decoded.encoding, repairs


def _jsonl_line(line: str) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"invalid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"error": "expected a JSON object"}
    if isinstance(obj.get("text"), str):
        text, repairs = repair_text(obj["text"])
        return {"text": text, "encoding": None, "repairs": repairs}
    if isinstance(obj.get("bytes_b64"), str):
        try:
            raw = base64.b64decode(obj["bytes_b64"], validate=True)
        except (binascii.Error, ValueError):
            return {"error": "bytes_b64 is not valid base64"}
        content_type = obj.get("content_type")
        if content_type is not None and not isinstance(content_type, str):
            return {"error": "content_type must be a string"}
        decoded = decode_html(raw, content_type=content_type)
        text, repairs = repair_html(decoded.text)
        return {"text": text, "encoding": decoded.encoding, "repairs": repairs}
    return {"error": 'expected "text" (string) or "bytes_b64" (string)'}


def _run_jsonl(stdin: BinaryIO) -> None:
    out = sys.stdout
    for raw_line in stdin:
        line = raw_line.decode("utf-8", "replace").strip()
        if not line:
            continue
        try:
            result = _jsonl_line(line)
        except Exception as exc:  # one bad line must not stop the rest
            result = {"error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read {"text"} or {"bytes_b64", "content_type"} lines on stdin; '
    'write {"text", "encoding", "repairs"} lines.',
)
def repair(files: tuple[str, ...], jsonl: bool) -> None:
    """Decode and repair FILE... (pages or plain text; stdin without FILE) and print the text."""
    stdin = click.get_binary_stream("stdin")
    if jsonl:
        if files:
            raise click.UsageError("--jsonl reads stdin; give no FILE")
        _run_jsonl(stdin)
        return
    for name in files or ("-",):
        try:
            if name == "-":
                raw = stdin.read()
            else:
                with open(name, "rb") as fh:
                    raw = fh.read()
        except OSError as exc:
            raise click.ClickException(f"cannot read {name}: {exc.strerror}") from exc
        text, _encoding, _repairs = _repair_bytes(raw)
        click.echo(text)
