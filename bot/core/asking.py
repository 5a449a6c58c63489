"""Finding the question in a long chat message: the asking sentence, and the rest as context.

In chat the question often comes last, after a paste of logs or config: "…so which layer
is this?". Fenced code blocks, quoted lines ("> …") and an unfenced paste of config (three
or more "key: value" lines) are what is being asked about, never the question. In a
message with such a paste, or longer than a question, the asking sentence is the last one
that asks (a question mark, or worded as a question; without either, the last line), and
the rest is context. When none of the writer's own sentences asks, the question they quote
is theirs ("> is envoy L7?", then "the new guy asked me that").

The part of the asking sentence before its last dash or colon ("someone said traefik does
tcp routing — is traefik l7 only?") is its lead: the reader decides whether the question
after it stands alone.
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
        re.compile(r"^[ \t]*(?:>|&gt;)"),  # its mark
        # A sentence or a line; a stop inside a word ("v1.29.4", "k8s.io") ends none.
        re.compile(r"(?:[^.!?\n]++|[.!?]++(?=[^\s.!?]))*+(?:[.!?]+|\n|\Z)"),
        re.compile(r"\w+"),
        # A line of YAML or similar config: "kind: HTTPRoute", "  - name: web", "spec:";
        # not one that asks ("- tom: geneve, which layer?" in a list of notes).
        re.compile(r"^(?!.*\?)[ \t]*(?:-[ \t]+)?[\w.\-/\"']+:(?:[ \t].*)?$", re.MULTILINE),
        # Where a sentence's lead ends: a dash, or a colon before a space ("q: …", not 14:02).
        re.compile(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+|:\s+"),
        # A shell command after its prompt ("$ kubectl get svc"), or one with a flag and no
        # prompt ("tcpdump -ni eth0 port 5432", asking nothing), and the lines it printed
        # up to the next blank line or a line that asks (one ending in "?").
        # A line that asks of a layer ends it too: "dc ops say … which osi layer is this".
        re.compile(
            r"^[ \t]*(?:\$[ \t]+\S.*|[a-z][\w.-]*[ \t]+--?[a-z][^?\n]*$)"
            r"(?:\n(?!.*\?[ \t]*$)(?!.*\b(?:which|what)\b.*\blayer)[ \t]*\S.*)*",
            re.MULTILINE | re.IGNORECASE,
        ),
        # A line of a table a command printed: three columns or more, two spaces apart.
        re.compile(r"^[ \t]*\S+(?: {2,}\S+){2,}.*$", re.MULTILINE),
        # A line of a log, by the time it opens with: klog's "I0611 07:20:03.118233",
        # ISO "2024-03-12T02:14:07", dmesg's "[Tue Mar 12 02:14:07 2024]" or "[ 12.345]",
        # syslog's "Mar 12 02:14:07".
        re.compile(
            r"^[ \t]*(?:[IWEF]\d{4} \d\d:\d\d:\d\d|\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d"
            r"|\[\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}\]|\[ *\d+\.\d+\]"
            r"|\w{3} +\d+ \d\d:\d\d:\d\d).*$",
            re.MULTILINE,
        ),
        # A line indented as a program prints it, with a number in it: "  12 0.0031
        # 10.0.0.5 -> 203.0.113.9 …"; not indented prose ("  we're moving off flannel").
        re.compile(r"^(?: {2,}|\t)\S.*\d.*$", re.MULTILINE),
    )


# An unfenced paste of config is this many "key: value" lines or more.
_CONFIG_LINES = 3
# A paste of a command's table ("NAME  CLASS  ADDRESS") is this many lines or more.
_TABLE_LINES = 2
# A paste of a log is this many lines or more, each opening with its time.
_LOG_LINES = 2
# A paste of a program's output is this many indented lines or more.
_INDENTED_LINES = 2

_QUESTION_OPENERS = frozenset("what which where how why who when is are does do can".split())


def _asks(sentence: str, *, strictly: bool = False) -> bool:
    """A question mark, or worded as one: "what layer does envoy work at"; not `strictly`,
    also a sentence of a layer ("osi layer for the PR description")."""
    if "?" in sentence:
        return True
    words = sentence.lower().split()
    return bool(words) and (words[0] in _QUESTION_OPENERS or (not strictly and "layer" in words))


class Message(NamedTuple):
    asking: str  # the text the question is read from
    context: str  # the other sentences of a long message, then its code and quotes
    # The asking sentence up to its last dash or colon, in a long message only: "someone
    # said traefik does tcp routing — " before "is traefik l7 only?".
    lead: str = ""
    # The writer's own other sentences, the start of `context`: "the httproutes split
    # traffic by hostname." before a paste and "what layer are they?".
    own: str = ""
    # The last line quoted ("> sessionAffinity: ClientIP"), which singles out what a
    # question pointing at the context ("this setting") is about.
    quoted: str = ""


def split_message(text: str) -> Message:
    """The asking part of `text` and its context (see the module's description)."""
    if len(text) <= QUESTION_WORDS and "```" not in text and ">" not in text:
        return Message(text, "")  # too short to hold more than a question
    _, _, quote_mark, sentence, word, _, lead_end, _, _, _, _ = _patterns()
    text, pasted, quoted = _set_apart(text)
    if not pasted and len(word.findall(text)) <= QUESTION_WORDS:
        return Message(text, "")  # a question with its own preamble: "We use calico. Is …"
    sentences = [s for s in sentence.findall(text) if s.strip()]
    # A sentence that asks by its mark or its first word before one that only speaks of a
    # layer ("so this nlb is layer 4, right? reviewer wants the osi layer in the PR").
    asking = next((s for s in reversed(sentences) if _asks(s, strictly=True)), None)
    asking = asking or next((s for s in reversed(sentences) if _asks(s)), None)
    if asking is not None:
        asked = _from_the_layer_question(asking, sentences, text)
        asking = _with_what_it_follows(asking, sentences, text) if asked == asking else asked
    relayed = next((q for q in reversed(quoted) if "?" in q), None)
    if asking is None and relayed is not None:
        # Nothing of the writer's own asks: they pass on the question they quote ("> is
        # envoy L7?\nthat's what the new guy asked me").
        pasted.remove(relayed)
        return Message(quote_mark.sub("", relayed, count=1), "\n".join([text, *pasted]))
    if asking is None:
        asking = sentences[-1] if sentences else ""
    at = text.rfind(asking)
    words = list(word.finditer(asking))
    if len(words) > QUESTION_WORDS and "?" in asking:  # a run-on: it asks at its end
        cut = words[-QUESTION_WORDS].start()
        at, asking = at + cut, asking[cut:]
    elif len(words) > QUESTION_WORDS:  # no question mark: read from its start
        asking = asking[: words[QUESTION_WORDS].start()]
    # The writer's own sentences first: they frame the paste, and are short.
    own = text[:at] + text[at + len(asking) :]
    context = "\n".join([own, *pasted])
    last_quote = quote_mark.sub("", quoted[-1], count=1) if quoted else ""
    ends = [m.end() for m in lead_end.finditer(asking.rstrip())]
    if ends and word.search(asking, 0, ends[-1]) and word.search(asking, ends[-1]):
        return Message(asking, context, asking[: ends[-1]], own, last_quote)
    return Message(asking, context, own=own, quoted=last_quote)


def _from_the_layer_question(asking: str, sentences: list[str], text: str) -> str:
    """A last question that asks of no layer ("is that why it doesnt know about
    websockets?") goes on from the one before it that does ("which layer is the azure load
    balancer at?"): both are the question."""
    if _LAYER_WORDS.search(asking):
        return asking
    at = sentences.index(asking)
    # After a short last question ("what do i put?"), a sentence asking for an OSI layer
    # need not ask itself: "the auditor wants an osi layer next to 'network policy'. what
    # do i put?"; not "the l2 support queue is swamped. who's on call?".
    short = len(asking.split()) <= _SHORT_QUESTION
    before = next(
        (
            s
            for s in reversed(sentences[:at])
            if _LAYER_WORDS.search(s) and ((short and _OSI.search(s)) or _asks(s, strictly=True))
        ),
        None,
    )
    if before is None:
        return asking
    end = text.rfind(asking)
    start = text.rfind(before, 0, end)
    return text[start : end + len(asking)] if start >= 0 else asking


_SHORT_QUESTION = 5
_OSI = re.compile(r"(?i)\bosi\b")
_LAYER_WORDS = re.compile(r"(?i)\b(?:layers?|osi|l[1-7])\b")


def _with_what_it_follows(asking: str, sentences: list[str], text: str) -> str:
    """A fragment asked after a question ("this is a layer 1 problem yeah? cable/optic?")
    goes on from it: both are the question."""
    words = asking.lower().split()
    if len(words) > _FRAGMENT_WORDS or not _QUESTION_WORDS_IN.isdisjoint(words):
        return asking
    at = sentences.index(asking)
    if at == 0 or not _asks(sentences[at - 1]):
        return asking
    end = text.rfind(asking)
    start = text.rfind(sentences[at - 1], 0, end)
    return text[start : end + len(asking)] if start >= 0 else asking


_FRAGMENT_WORDS = 3
_QUESTION_WORDS_IN = _QUESTION_OPENERS | {"layer", "layers", "osi"}


def _set_apart(text: str) -> tuple[str, list[str], list[str]]:
    """The prose of `text`, and what was pasted into it: code, quoted lines and config (the
    quoted lines also on their own). A message that is only a paste asks about it."""
    fence, quoted_line, _, _, _, config_line, _, shell, table_line, log_line, indented = _patterns()
    pasted: list[str] = []
    if "```" in text:
        fenced = fence.findall(text)
        prose = fence.sub("\n", text)
        if prose.strip():
            pasted += fenced
            text = prose
    quoted: list[str] = []
    if ">" in text:
        found = quoted_line.findall(text)
        prose = quoted_line.sub("", text)
        if prose.strip():
            pasted += found
            quoted, text = found, prose
    if "$" in text or " -" in text:
        found = shell.findall(text)
        prose = shell.sub("", text)
        if found and prose.strip():
            pasted += found
            text = prose
    if "\n" in text:
        pastes = (
            (config_line, _CONFIG_LINES),
            (table_line, _TABLE_LINES),
            (log_line, _LOG_LINES),
            (indented, _INDENTED_LINES),
        )
        for lines, least in pastes:
            found = lines.findall(text)
            prose = lines.sub("", text)
            if len(found) >= least and prose.strip():
                pasted += found
                text = prose
    return text, pasted, quoted
