"""mrkdwn escaping: any text is shown literally, never read as a mention, broadcast or link."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.slack.mrkdwn import bold, escape, link


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<!here>", "&lt;!here&gt;"),
        ("<!subteam^S0TEAM|@oncall>", "&lt;!subteam^S0TEAM|@oncall&gt;"),
        ("<@U0VICTIM>", "&lt;@U0VICTIM&gt;"),
        ("<https://evil.example|login>", "&lt;https://evil.example|login&gt;"),
        ("Ingress & Gateway API", "Ingress &amp; Gateway API"),
        ("&lt; already an entity", "&amp;lt; already an entity"),
        ("plain words", "plain words"),
    ],
)
def test_escape_turns_markup_into_literal_text(text: str, shown: str) -> None:
    assert escape(text) == shown


@given(st.text())
def test_escaped_text_has_no_markup_and_reads_back_the_same(text: str) -> None:
    escaped = escape(text)
    assert "<" not in escaped
    assert ">" not in escaped
    assert "&" not in escaped.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")
    assert escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_bold_escapes_inside_the_stars() -> None:
    assert bold("A & <B>") == "*A &amp; &lt;B&gt;*"


def test_a_safe_url_becomes_a_link_with_an_escaped_label() -> None:
    assert link("https://kubernetes.io/docs/?a=1&b=2", "k8s <docs>") == (
        "<https://kubernetes.io/docs/?a=1&amp;b=2|k8s &lt;docs&gt;>"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://x.example/|<!channel>",
        "https://x.example/ spaced",
        "https://x.example/<@U1>",
        "ftp://x.example/",
    ],
)
def test_an_unsafe_url_is_shown_as_escaped_text_not_linked(url: str) -> None:
    shown = link(url, "label")
    assert shown == escape(url)
    assert "<" not in shown
