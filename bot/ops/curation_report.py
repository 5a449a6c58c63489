"""`osi-bot curation`: the curation log as a to-do list for the knowledge file.

The most asked terms the bot could not place, and the entries people disputed most (👎
still standing, with the questions asked and what they said was wrong), with counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.ops.curation import CURATION_LOG, RecordKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bot.ops.curation import CurationRecord

__all__ = ["CurationReport", "DisputedEntry", "UnknownTerm", "build_report"]

DEFAULT_LIMIT = 10
_EXAMPLES = 3


class UnknownTerm(NamedTuple):
    term: str
    asked: int
    examples: tuple[str, ...]  # questions asked, newest first


class DisputedEntry(NamedTuple):
    entry: str
    disputes: int  # 👎 still standing (changed to 👍 ones not counted)
    answer: str  # the answer given, as last disputed ("Envoy: L7, L6, L5")
    comments: tuple[str, ...]  # "what was wrong?", newest first
    examples: tuple[str, ...]  # questions asked, newest first


class CurationReport(NamedTuple):
    records: int
    unknown_terms: tuple[UnknownTerm, ...]
    disputed: tuple[DisputedEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "unknown_terms": [_listed(t._asdict()) for t in self.unknown_terms],
            "disputed_entries": [_listed(d._asdict()) for d in self.disputed],
        }

    def as_text(self, source: str) -> str:
        lines = [f"Curation report: {self.records} record(s) in {source}."]
        if not self.records:
            lines.append(
                f"Nothing kept yet. The bots keep questions and disputes with {CURATION_LOG}=true."
            )
            return "\n".join(lines)
        lines += ["", "Most asked unknown terms (add them to the knowledge file):"]
        lines += [
            f"  {t.asked:>4}  {t.term}  e.g. {_quoted(t.examples)}" for t in self.unknown_terms
        ] or ["  (none)"]
        lines += ["", "Most disputed entries (check what the knowledge file says):"]
        for d in self.disputed:
            comments = f", {len(d.comments)} comment(s)" if d.comments else ""
            lines.append(f"  {d.disputes:>4}  {d.entry}  (answered {d.answer}{comments})")
            if d.examples:
                lines.append(f"        asked: {_quoted(d.examples)}")
            lines += [f"        wrong: “{comment}”" for comment in d.comments]
        if not self.disputed:
            lines.append("  (none)")
        return "\n".join(lines)


def _listed(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


def _quoted(texts: Sequence[str]) -> str:
    return ", ".join(f"“{text}”" for text in texts)


def _newest_distinct(texts: Iterable[str], limit: int) -> tuple[str, ...]:
    return tuple(dict.fromkeys(reversed(list(texts))))[:limit]


def build_report(
    records: Sequence[CurationRecord], *, limit: int = DEFAULT_LIMIT
) -> CurationReport:
    """The top `limit` unknown terms and disputed entries in `records` (oldest first)."""
    unknown: dict[str, list[str]] = defaultdict(list)
    downs: Counter[str] = Counter()
    about: dict[str, list[CurationRecord]] = defaultdict(list)
    for record in records:
        if record.kind is RecordKind.UNKNOWN:
            unknown[record.subject].append(record.question)
            continue
        about[record.subject].append(record)
        if record.kind is RecordKind.DOWN:
            downs[record.subject] += 1
        elif record.kind is RecordKind.RETRACTED:
            downs[record.subject] -= 1
    terms = sorted(unknown.items(), key=lambda item: (-len(item[1]), item[0]))
    disputed = []
    for entry, kept in about.items():
        comments = _newest_distinct((r.comment for r in kept if r.comment), _EXAMPLES)
        standing = max(0, downs[entry])
        if standing or comments:
            disputed.append(
                DisputedEntry(
                    entry,
                    standing,
                    next((r.answer for r in reversed(kept) if r.answer), ""),
                    comments,
                    _newest_distinct((r.question for r in kept if r.question), _EXAMPLES),
                )
            )
    disputed.sort(key=lambda d: (-d.disputes, -len(d.comments), d.entry))
    return CurationReport(
        len(records),
        tuple(
            UnknownTerm(term, len(asked), _newest_distinct(asked, _EXAMPLES))
            for term, asked in terms[:limit]
        ),
        tuple(disputed[:limit]),
    )
