"""Turn what a user typed into a safe FTS5 expression over the tokenised index.

User text is never passed through as FTS5 syntax. Recognised: words, quoted phrases
(``"..."``, ``“...”``, ``「...」``), ``AND``, ``OR``, ``NOT`` and ``-word``; everything else
(``*``, ``'``, ``;``, ``NEAR``, brackets...) is text and is reduced to the index's tokens.
A term becomes an FTS5 phrase of its tokens (a Chinese word of n characters is a phrase of n
single characters, so ``西藏`` never matches ``西…藏``); an unquoted term ending in a
Latin/digit token is a prefix query (``econ`` finds ``Economy``). Terms are converted to
simplified Chinese like the index, so either script finds both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscrawl.archive.textindex import SPLIT_CHARS, tokenise

_LEXER = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?|([^\s"“「『]+))')
_TOKEN = re.compile(r"[^\W_]+")
_HAN = re.compile(f"[{SPLIT_CHARS}]")


@dataclass(frozen=True)
class Term:
    tokens: tuple[str, ...]
    prefix: bool

    def fts(self) -> str:
        # Tokens are runs of letters/digits: they can never contain a quote or an operator.
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")


@dataclass
class ParsedQuery:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    had_text: bool = False  # the user typed something (even if it had no searchable token)

    @property
    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    def match_expression(self) -> str | None:
        """FTS5 MATCH text for the positive part, or None when there is none."""
        if not self.groups:
            return None
        positive = " AND ".join(
            "(" + " OR ".join(term.fts() for term in group) + ")" for group in self.groups
        )
        if self.excluded:
            positive = f"({positive}) NOT ({self.exclusion_expression()})"
        return positive

    def exclusion_expression(self) -> str | None:
        return " OR ".join(term.fts() for term in self.excluded) or None


def make_term(text: str, quoted: bool) -> Term | None:
    tokens = tuple(token.lower() for token in _TOKEN.findall(tokenise(text)))
    if not tokens:
        return None
    prefix = not quoted and not _HAN.fullmatch(tokens[-1][-1])
    return Term(tokens, prefix)


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery(had_text=bool(text.strip()))
    negate_next = False
    join_next = False
    for match in _LEXER.finditer(text):
        dash, *quoted_parts, word = match.groups()
        quoted = next((part for part in quoted_parts if part is not None), None)
        if quoted is None and not dash:
            if word == "OR":
                join_next = bool(parsed.groups)
                continue
            if word == "AND":
                continue
            if word == "NOT":
                negate_next = True
                continue
        term = make_term(quoted if quoted is not None else word, quoted is not None)
        negate, negate_next = negate_next or bool(dash), False
        if term is None:
            continue
        if negate:
            parsed.excluded.append(term)
        elif join_next:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        join_next = False
    return parsed
