"""Sentences about an answer, shared by every renderer so all platforms say the same thing.

Plain text only: renderers add their own markup and must escape what they echo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lexicon import is_english_word
from bot.core.model import Answer, AnswerKind, Relation

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

    from bot.core.knowledge import Knowledge, Layer
    from bot.core.model import Subject

__all__ = [
    "ASK_HINT",
    "EXAMPLE_QUESTIONS",
    "HELP_INTRO",
    "NO_TEXT_TO_READ",
    "TRUNCATED_NOTE",
    "basis_line",
    "beyond_table_lines",
    "comparison_line",
    "headline",
    "layer_codes",
    "layer_list",
    "layer_title",
    "mentioned_list",
    "other_layers_line",
    "related_line",
    "related_list",
    "subject_label",
    "tools_by_origin",
    "understood_line",
    "unknown_line",
    "works",
]

HELP_INTRO = (
    "I place Kubernetes networking tools and concepts on the OSI model. "
    "Ask me about a tool, a concept or a layer."
)
ASK_HINT = "Ask about a Kubernetes networking tool or concept, or a layer from 1 to 7."
TRUNCATED_NOTE = "Your message was long; I read only its beginning."
# "Which OSI layer?" on a message without words: an image, a bot's embed alone.
NO_TEXT_TO_READ = (
    "That message has no text I can read. Use “Which OSI layer?” on a message with words "
    "in it, or ask me with /osi."
)
EXAMPLE_QUESTIONS = (
    "what layer is metallb?",
    "envoy",
    "is calico layer 2?",
    "where do sticky sessions live?",
    "what runs at layer 6?",
    "the data link layer",
)


def layer_title(layer: Layer) -> str:
    return f"Layer {layer.number} ({layer.name})"


def layer_list(layers: Sequence[Layer]) -> str:
    """ "Layer 4 (Transport)" or "Layers 7 (Application), 6 (Presentation) and 5 (Session)"."""
    if len(layers) == 1:
        return layer_title(layers[0])
    parts = [f"{layer.number} ({layer.name})" for layer in layers]
    return f"Layers {', '.join(parts[:-1])} and {parts[-1]}"


def _asked(numbers: Sequence[int], knowledge: Knowledge | None) -> str:
    names = [
        layer_title(knowledge.layers[n]) if knowledge and n in knowledge.layers else f"Layer {n}"
        for n in numbers
    ]
    return " or ".join(names)


def layer_codes(numbers: Sequence[int]) -> str:
    """ "L7, L6" """
    return ", ".join(f"L{n}" for n in numbers)


def subject_label(subject: Subject) -> str:
    """ "HAProxy (L5)" """
    return f"{subject.entry.name} ({layer_codes(subject.layer_numbers)})"


def comparison_line(answer: Answer) -> str | None:
    """How the first two subjects' layers compare: "HAProxy (L5) sits above MetalLB (L4)"."""
    relation = answer.relation
    if relation is None:
        return None
    first, second = answer.subjects[0], answer.subjects[1]
    if relation is Relation.SAME:
        noun = "layer" if len(first.layers) == 1 else "layers"
        return f"Same {noun}: {subject_label(first)} and {subject_label(second)}."
    if relation is Relation.OVERLAP:
        shared = [n for n in first.layer_numbers if n in second.layer_numbers]
        return (
            f"Both work at {layer_codes(shared)}: "
            f"{subject_label(first)} and {subject_label(second)}."
        )
    if relation is Relation.DIFFERENT:  # interleaved: neither is wholly above the other
        return f"Different layers: {subject_label(first)} and {subject_label(second)}."
    upper, lower = (first, second) if relation is Relation.ABOVE else (second, first)
    return f"Different layers: {subject_label(upper)} sits above {subject_label(lower)}."


def _subjects_headline(answer: Answer) -> str:
    verdict = answer.verdict
    claims = "; ".join(
        f"{s.entry.name} {works(s.entry.name)} at {layer_list(s.layers)}" for s in answer.subjects
    )
    compared = comparison_line(answer) if len(answer.subjects) == 2 else None
    if answer.premise is not None and compared is not None and verdict is not None:
        ordered = (Relation.ABOVE, Relation.BELOW)
        if answer.premise in ordered and answer.relation in ordered:
            compared = compared.removeprefix("Different layers: ")
        elif compared.startswith(("Same", "Both", "Different")):  # not a name: "No — same..."
            compared = compared[0].lower() + compared[1:]
        return f"{'Yes' if verdict else 'No'} — {compared}"
    if verdict is not None:
        return f"{'Yes' if verdict else 'No'} — {claims}."
    if answer.yes_no and answer.asked_layers:  # "are metallb and calico both layer 4?"
        return f"Partly — {claims}."
    if answer.compares and compared is not None:
        return compared
    layer_sets = {s.layer_numbers for s in answer.subjects}
    if answer.compares and len(layer_sets) == 1:  # "cilium vs calico vs flannel"
        names = [s.entry.name for s in answer.subjects]
        (numbers,) = layer_sets
        noun = "layer" if len(numbers) == 1 else "layers"
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
        return f"Same {noun}: {listed} ({layer_codes(numbers)})."
    return f"{claims}."


def headline(answer: Answer, knowledge: Knowledge | None = None) -> str:
    """The one sentence that answers the question."""
    if answer.kind is AnswerKind.HELP:
        return HELP_INTRO
    if answer.subjects:
        return _subjects_headline(answer)
    if answer.kind is AnswerKind.LAYER:
        return f"{layer_list(answer.layers)}: " + ", ".join(
            f"{layer.component} ({layer.function})" for layer in answer.layers
        )
    if answer.entry is None:
        return unknown_line(answer)
    if answer.unplaced:
        name = answer.entry.name
        asked = "Not as such — " if answer.yes_no and answer.asked_layers else ""
        one = works(name) == "works"  # or several: "CI/CD pipelines have … of their own"
        has, its = ("has", "its") if one else ("have", "their")
        return f"{asked}{name} {has} no OSI layer of {its} own."
    claim = f"{answer.entry.name} {works(answer.entry.name)} at {layer_list(answer.layers)}"
    missing = [n for n in answer.asked_layers if n not in answer.layer_numbers]
    verdict = answer.verdict
    if answer.beyond_table:
        also = f"and also at {_asked(answer.beyond_table, knowledge).replace(' or ', ' and ')}"
        # Only the table's own tools are placed "in the reference table".
        where = " in the reference table" if answer.entry.table else ""
        table = f"{claim}{where}, {also}"
        rest = [n for n in missing if n not in answer.beyond_table]
        if verdict is True:
            return f"Yes, beyond the table — {table}." if answer.entry.table else f"Yes — {table}."
        if rest:
            return f"Partly — {table}; not {_asked(rest, knowledge)}."
        return f"Partly — {table}."
    if verdict is True:
        return f"Yes — {claim}."
    if verdict is False and not missing:  # "is envoy only layer 7?"
        return f"No — {claim}, not only {_asked(answer.asked_layers, knowledge)}."
    if verdict is False:
        return f"No — {claim}, not {_asked(missing, knowledge)}."
    if missing:
        return f"{claim} — not {_asked(missing, knowledge)}."
    return f"{claim}."


def works(name: str) -> str:
    """ "works" or "work": "Envoy works", "Linux bridges work", "TCP and UDP work"."""
    last = name.rsplit(maxsplit=1)[-1]
    # A capitalised common noun with a lower-case plural "s" ("NICs", "Linux bridges"), never
    # an acronym ("IPVS", "DNS") or a lower-case product name ("iptables").
    plural_noun = name[0].isupper() and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    if plural_noun and last == name and not last[:-1].isupper():
        # One word: a plural only if it is one of an English word ("Routers", "Switches"),
        # not a name that happens to end in "s" ("Kubernetes").
        folded = last.lower()
        plural_noun = is_english_word(folded[:-1]) or (
            folded.endswith("es") and is_english_word(folded[:-2])
        )
    plural = " and " in name or plural_noun
    return "work" if plural else "works"


def beyond_table_lines(answer: Answer) -> list[str]:
    """Where experts also place the entry: "Beyond the table, L7: ..." for a tool of the
    reference table, "Also at L7: ..." for anything else, "Where it touches L3: ..." for
    an entry with no layer of its own."""
    if answer.entry is None:
        return []
    label = "Beyond the table, L{}" if answer.entry.table else "Also at L{}"
    if answer.entry.no_layer:  # never its layer, only where its work meets one
        label = "Where it touches L{}"
    return [f"{label.format(f.layer)}: {f.role}" for f in answer.entry.also]


def tools_by_origin(
    names: Sequence[str],
    table: Collection[str],
    escape: Callable[[str], str] = str,
    limit: int | None = None,
) -> str:
    """Tools named with where they come from: "NGINX Ingress, Traefik (reference table);
    beyond it: Linkerd, Contour". `table` holds the reference table's tools.

    Within `limit` characters the table's tools come first and whole names only, ending
    "and 12 more" rather than cutting a name in half.
    """
    ours = [escape(name) for name in names if name in table]
    extra = [escape(name) for name in names if name not in table]
    text = _by_origin(ours, extra)
    if limit is None or len(text) <= limit:
        return text
    for shown in range(len(extra) - 1, 0, -1):
        text = f"{_by_origin(ours, extra[:shown])}, and {len(extra) - shown} more"
        if len(text) <= limit:
            return text
    return _by_origin(ours, []) + f"; and {len(extra)} more beyond it"


def _by_origin(ours: list[str], extra: list[str]) -> str:
    if ours and extra:
        return f"{', '.join(ours)} (reference table); beyond it: {', '.join(extra)}"
    if extra:
        return f"{', '.join(extra)} (beyond the reference table)"
    return ", ".join(ours)


def other_layers_line(answer: Answer) -> str | None:
    """For a one-facet answer ("istio mtls"): the entry's other layers, so none are hidden."""
    entry = answer.entry
    if entry is None or answer.focus_layer is None or len(entry.roles) < 2:
        return None
    others = ", ".join(f"L{n}" for n in entry.layers if n != answer.focus_layer)
    return f"{entry.name} as a whole also {works(entry.name)} at {others}."


def mentioned_list(answer: Answer, escape: Callable[[str], str] = str) -> str:
    """The further things a question named, each with its layers: "Calico (L3); kubelet
    (no layer)"; empty when there are none."""
    return "; ".join(
        f"{escape(other.name)} ({layer_codes(other.layers) if other.layers else 'no layer'})"
        for other in answer.also
    )


def related_list(answer: Answer, escape: Callable[[str], str] = str) -> str:
    """The entries linked to the answer's, each with how: "Envoy (uses), Istio ambient
    ztunnel (includes)"; empty when there are none."""
    return ", ".join(f"{escape(link.name)} ({link.kind.value})" for link in answer.related)


def related_line(answer: Answer, escape: Callable[[str], str] = str) -> str | None:
    """ "Related: Envoy (uses), ..." for the answer's linked entries; None when none."""
    listed = related_list(answer, escape)
    return f"Related: {listed}." if listed else None


def understood_line(answer: Answer) -> str | None:
    """Shown when the bot corrected a typo, so the user sees what it understood."""
    if answer.entry is None or answer.typed is None:
        return None
    return f"{answer.entry.name} — you typed “{answer.typed}”."


def basis_line(answer: Answer) -> str | None:
    """For a layer found by what the question describes: the knowledge's words that did."""
    if answer.basis is None:
        return None
    return f"Found from what you described; the knowledge says: “{answer.basis}”"


def unknown_line(answer: Answer) -> str:
    if answer.candidates:
        titles = [layer_title(layer) for layer in answer.candidates]
        listed = titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} or {titles[-1]}"
        return f"I'm not sure which layer that is; it reads most like {listed}."
    if answer.asked_layers and not answer.layers:
        numbers = ", ".join(map(str, answer.asked_layers))
        return f"The OSI model has seven layers, numbered 1 to 7; there is no layer {numbers}."
    term = f"“{answer.unknown_term}”" if answer.unknown_term else "that"
    return f"I don't know {term}, so I won't guess a layer for it."
