"""Finding the asking sentence of a long message, its lead, and its context."""

from __future__ import annotations

import pytest

from bot.core.asking import split_message

_PASTE = '```\nlevel=info msg="announcing 10.0.0.7" speaker=metallb\n```\n'


@pytest.mark.parametrize(
    ("message", "asking", "lead"),
    [
        # A paste makes a message long, however short its prose.
        (f"{_PASTE}we run it on bare metal. what layer is it?", "what layer is it?", ""),
        # A stop inside a version or a host ends no sentence.
        (f"{_PASTE}is ingress-nginx 1.9.4 layer 7? thanks.", "is ingress-nginx 1.9.4 layer 7?", ""),
        # The part before the last dash or colon is the lead.
        (
            f"{_PASTE}works. bob said it does tcp so it's l4 — is it l7 only?",
            "bob said it does tcp so it's l4 — is it l7 only?",
            "bob said it does tcp so it's l4 — ",
        ),
        (f"{_PASTE}q for the bot: is this L2?", "q for the bot: is this L2?", "q for the bot: "),
        # A time is no colon of a lead; a dash at the very end leads to nothing.
        (f"{_PASTE}it began at 14:02 — why?", "it began at 14:02 — why?", "it began at 14:02 — "),
        (f"{_PASTE}which layer is metallb —", "which layer is metallb —", ""),
        # Nothing of the writer's own asks: the quoted question they pass on does.
        (
            "> which layer does envoy sit at?\nthe new guy asked me that, no idea",
            "which layer does envoy sit at?",
            "",
        ),
    ],
)
def test_the_asking_sentence_and_its_lead(message: str, asking: str, lead: str) -> None:
    found = split_message(message)
    assert (found.asking.strip(), found.lead.strip()) == (asking, lead.strip())


def test_the_writers_own_sentences_come_before_the_paste_in_the_context() -> None:
    """The prose frames the paste and is short; the context is searched from its start."""
    found = split_message(f"{_PASTE}cilium on the other cluster is fine. is this L2?")
    assert found.context.lstrip().startswith("cilium on the other cluster is fine.")


def test_a_quoted_question_is_context_when_the_writer_asks_their_own() -> None:
    found = split_message("> is envoy L4?\nno, it's mostly L7 right?")
    assert (found.asking, found.context.strip()) == ("no, it's mostly L7 right?", "> is envoy L4?")


def test_a_short_message_without_a_paste_is_read_whole() -> None:
    """ "We use calico. Is istio L7?" keeps calico beside the question ("also mentioned")."""
    found = split_message("we use calico. is istio L7?")
    assert found == ("we use calico. is istio L7?", "", "", "", "")


@pytest.mark.parametrize(
    "message",
    [
        # A shell command after its prompt, and what it printed up to a blank line.
        "$ kubectl get svc -n shop\nNAME   TYPE   CLUSTER-IP\nweb   ClusterIP   10.96.3.4\n\n"
        "the web svc fronts the pods. what layer is it?",
        # A table a command printed, without its prompt.
        "NAME   CLASS   ADDRESS   AGE\nmain   istio   34.120.8.19   6d\n\n"
        "the web svc fronts the pods. what layer is it?",
    ],
)
def test_a_command_and_what_it_printed_are_context(message: str) -> None:
    found = split_message(message)
    assert found.asking.strip() == "what layer is it?"
    assert "istio" in found.context or "kubectl" in found.context
    assert found.own.strip() == "the web svc fronts the pods."
