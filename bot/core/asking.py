"""Finding the question in a long chat message: the asking sentence, and the rest as context.

In chat the question often comes last, after a paste of logs or config: "…so which layer
is this?". Fenced code blocks, quoted lines ("> …") and an unfenced paste of config (three
or more "key: value" lines) are what is being asked about, never the question; in a
message longer than a question, the asking sentence is the last one with a question mark
(or, without one, the last line), and the rest is context.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

__all__ = ["DEICTIC", "Message", "split_message"]

# A message up to this many words is one question, read whole ("We use calico. Is istio L7?").
QUESTION_WORDS = 80
# Words that point at the context: "which layer is *this*?"
DEICTIC = frozenset("this that these those it its here above".split())


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled on first use: a short question, the usual kind, needs none of them."""
    return (
        re.compile(r"```.*?(?:```|\Z)", re.DOTALL),  # a fenced code block
        re.compile(r"^[ \t]*(?:>|&gt;).*$", re.MULTILINE),  # a quoted line
        re.compile(r"[^.!?\n]*(?:[.!?]+|\n|\Z)"),  # a sentence or a line
        re.compile(r"\w+"),
        # A line of YAML or similar config: "kind: HTTPRoute", "  - name: web", "spec:".
        re.compile(r"^[ \t]*(?:-[ \t]+)?[\w.\-/\"']+:(?:[ \t].*)?$", re.MULTILINE),
    )


# An unfenced paste of config is this many "key: value" lines or more.
_CONFIG_LINES = 3

_QUESTION_OPENERS = frozenset("what which where how why who when is are does do can".split())


def _asks(sentence: str) -> bool:
    """A question mark, or worded as one: "what layer does envoy work at"."""
    if "?" in sentence:
        return True
    words = sentence.lower().split()
    return bool(words) and (words[0] in _QUESTION_OPENERS or "layer" in words)


class Message(NamedTuple):
    asking: str  # the text the question is read from
    context: str  # code, quotes and the other sentences of a long message


def split_message(text: str) -> Message:
    """The asking part of `text` and its context (see the module's description)."""
    if len(text) <= QUESTION_WORDS and "```" not in text and ">" not in text:
        return Message(text, "")  # too short to hold more than a question
    fence, quoted_line, sentence, word, config_line = _patterns()
    context: list[str] = []
    if "```" in text:
        fenced = fence.findall(text)
        prose = fence.sub("\n", text)
        if prose.strip():  # a message that is only code asks about the code
            context += fenced
            text = prose
    if ">" in text:
        quoted = quoted_line.findall(text)
        prose = quoted_line.sub("", text)
        if prose.strip():  # a message that is only a quote asks about the quote
            context += quoted
            text = prose
    if "\n" in text:
        config = config_line.findall(text)
        prose = config_line.sub("", text)
        if len(config) >= _CONFIG_LINES and prose.strip():
            context += config
            text = prose
    if len(word.findall(text)) <= QUESTION_WORDS:
        return Message(text, "\n".join(context))
    sentences = [s for s in sentence.findall(text) if s.strip()]
    asking = next((s for s in reversed(sentences) if _asks(s)), sentences[-1] if sentences else "")
    at = text.rfind(asking)
    words = list(word.finditer(asking))
    if len(words) > QUESTION_WORDS and "?" in asking:  # a run-on: it asks at its end
        cut = words[-QUESTION_WORDS].start()
        at, asking = at + cut, asking[cut:]
    elif len(words) > QUESTION_WORDS:  # no question mark: read from its start
        asking = asking[: words[QUESTION_WORDS].start()]
    context.append(text[:at] + text[at + len(asking) :])
    return Message(asking, "\n".join(context))
