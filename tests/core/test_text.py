"""Turning chat text into words: truncation, markup removal, folding, tokens and keys."""

from __future__ import annotations

import pytest

from bot.core.text import (
    MAX_QUESTION_CHARS,
    compact,
    strip_chat_noise,
    tokenize,
    tokenize_compounds,
    truncate,
    word_variants,
)

_APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # what phones type for '
_DOTTED_I = "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}"  # Turkish keyboards


def _fullwidth(ascii_text: str) -> str:
    """The text in fullwidth forms, as CJK input methods type it."""
    return "".join(chr(ord(c) + 0xFEE0) for c in ascii_text)


def _bug(reason: str) -> pytest.MarkDecorator:
    """A row the core gets wrong today; strict, so fixing the bug turns the row red."""
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


# (question, length kept, whether it was cut)
TRUNCATE_CASES = [
    ("", 0, False),
    ("a" * MAX_QUESTION_CHARS, MAX_QUESTION_CHARS, False),
    ("a" * (MAX_QUESTION_CHARS + 1), MAX_QUESTION_CHARS, True),
    # Characters are counted, not bytes: two-byte letters past the limit are cut by count.
    ("é" * (MAX_QUESTION_CHARS + 100), MAX_QUESTION_CHARS, True),
]


@pytest.mark.parametrize(("question", "kept", "cut"), TRUNCATE_CASES)
def test_truncate_keeps_a_prefix_within_the_limit(question: str, kept: int, cut: bool) -> None:
    text, was_cut = truncate(question)
    assert (len(text), was_cut) == (kept, cut)
    assert question.startswith(text)


# (message, the words left once chat markup is gone)
STRIP_CASES = [
    # Slack and Discord mentions, channels, broadcasts and custom emoji go entirely.
    ("<@U024BE7LH> <#C123|general> <!channel> <@123456789> <:envoy:123> calico", "calico"),
    # A labelled link keeps its label, a bare one its address, neither its scheme.
    ("<https://metallb.io|MetalLB docs> layer?", "MetalLB docs layer?"),
    ("<https://metallb.io> and https://cilium.io", "metallb.io and cilium.io"),
    # Slack's three escapes are undone.
    ("a &amp; b &lt;nope&gt;", "a & b <nope>"),
    # Struck-through words are taken back; a tilde inside a word or path is not a strike.
    ("~~nginx~~ ~haproxy~ traefik", "traefik"),
    ("a~b~c ~/.kube/config", "a~b~c ~/.kube/config"),
    # Only a leading slash command goes.
    ("  /OSI-bot envoy /osi", "envoy /osi"),
    # @-mentions go, e-mail addresses stay; :emoji: codes go.
    ("@osibot @here mail a@b.com :wave: :+1:", "mail a@b.com"),
    # A "+1" vote goes, "layer 1+" and "c++1" stay.
    ("+1 same question", "same question"),
    ("layer 1+ and c++1", "layer 1+ and c++1"),
    # ...but a time or a PCI address holds no emoji code between its digits.
    ("[02:13:44] 0000:3b:00.0 ens1f0: Link down", "[02:13:44] 0000:3b:00.0 ens1f0: Link down"),
    # Very long hostile markup leaves the real words.
    ("<@U1>" * 2_000 + " envoy", "envoy"),
    pytest.param(
        "http: what layer?",
        "http: what layer?",
        marks=_bug("a scheme needs no '//', so the word 'http:' is removed; answer() says HELP"),
        id="http-colon-is-a-word",
    ),
]


@pytest.mark.parametrize(("message", "left"), STRIP_CASES)
def test_strip_chat_noise_removes_markup_only(message: str, left: str) -> None:
    assert strip_chat_noise(message).split() == left.split()


# (text, words)
TOKENIZE_CASES = [
    ("", []),
    # Possessive "s" is dropped, after either apostrophe, and only right after it.
    ("Istio's mTLS", ["istio", "mtls"]),
    (f"kube-proxy{_APOSTROPHE}s rules", ["kube", "proxy", "rules"]),
    ("it's s", ["it", "s"]),
    # Punctuation and underscores split names; digits stay in words.
    ("http/1.1 metal-lb x_y L7 k8s", ["http", "1", "1", "metal", "lb", "x", "y", "l7", "k8s"]),
    # Fullwidth forms, ligatures, sharp s and superscripts fold to plain letters and digits.
    (
        _fullwidth("ENVOY") + " \N{LATIN SMALL LIGATURE FI}ber Straße ²",
        ["envoy", "fiber", "strasse", "2"],
    ),
    # Other scripts are runs of their own, split from Latin ones.
    ("Envoyは何層ですか", ["envoy", "は何層ですか"]),
    ("Ελληνικά café ١٢٣", ["ελληνικά", "café", "١٢٣"]),
    pytest.param(
        "tiếng Việt",
        ["tiếng", "việt"],
        marks=_bug("Latin Extended Additional (U+1E00-1EFF) is not in _LATIN, so words split"),
        id="vietnamese-is-latin",
    ),
    pytest.param(
        f"{_DOTTED_I}STIO",
        ["istio"],
        marks=_bug("casefold leaves a combining dot that splits the word; answer() is UNKNOWN"),
        id="turkish-dotted-capital-i",
    ),
]


@pytest.mark.parametrize(("text", "words"), TOKENIZE_CASES)
def test_tokenize_folds_and_splits_into_words(text: str, words: list[str]) -> None:
    assert tokenize(text) == words
    assert tokenize_compounds(text).words == words  # both read words the same way


# (text, words, hyphen-joined positions, clause of each word, clauses asking a question)
COMPOUND_CASES = [
    ("", [], set(), [], set()),
    ("kube-VIP layers 1-3", ["kube", "vip", "layers", "1", "3"], {1, 4}, [0] * 5, set()),
    # A hyphen joins only between two words: not a leading, doubled or spaced one.
    ("-a --b x - y z-", ["a", "b", "x", "y", "z"], set(), [0] * 5, set()),
    (
        "We use calico. Is istio L7?",
        ["we", "use", "calico", "is", "istio", "l7"],
        set(),
        [0, 0, 0, 1, 1, 1],
        {1},
    ),
    # A dot inside a version ends nothing; a newline and the CJK full stop do.
    ("v1.2 is? no", ["v1", "2", "is", "no"], set(), [0, 0, 0, 1], {0}),
    ("a\nb\N{IDEOGRAPHIC FULL STOP}c", ["a", "b", "c"], set(), [0, 1, 2], set()),
    ("envoy\N{FULLWIDTH QUESTION MARK}", ["envoy"], set(), [0], {0}),
    # In chat an emoji before a space ends a sentence; one at the very end ends nothing new.
    ("new node \N{WEARY FACE} the nic?", ["new", "node", "the", "nic"], set(), [0, 0, 1, 1], {1}),
    ("is it l1 \N{THINKING FACE}", ["is", "it", "l1"], set(), [0, 0, 0], set()),
    pytest.param(
        "is calico L7?!",
        ["is", "calico", "l7"],
        set(),
        [0, 0, 0],
        {0},
        marks=_bug("'?!' ends on '!', so the clause is no question (answer() yes_no=False)"),
        id="interrobang-asks",
    ),
]


@pytest.mark.parametrize(("text", "words", "joined", "clause", "questions"), COMPOUND_CASES)
def test_tokenize_compounds_marks_hyphens_and_clauses(
    text: str, words: list[str], joined: set[int], clause: list[int], questions: set[int]
) -> None:
    tokens = tokenize_compounds(text)
    assert (tokens.words, tokens.clause) == (words, clause)
    assert (set(tokens.joined), set(tokens.questions)) == (joined, questions)


# (text, key)
COMPACT_CASES = [
    ("", ""),
    ("Metal-LB", "metallb"),
    (f"Istio's mTLS, kube-proxy{_APOSTROPHE}s", "istiomtlskubeproxy"),
    (_fullwidth("ENVOY") + "は", "envoyは"),
]


@pytest.mark.parametrize(("text", "key"), COMPACT_CASES)
def test_compact_ignores_case_spaces_and_punctuation(text: str, key: str) -> None:
    assert compact(text) == key


@pytest.mark.parametrize(
    "name",
    [
        f"Kube-Proxy{_APOSTROPHE}s",
        "\N{LATIN SMALL LIGATURE FI}ber Envoyの",
        pytest.param(
            "envoy'sは", marks=_bug("compact keeps an 's' that tokenize drops"), id="possessive-cjk"
        ),
    ],
)
def test_compact_key_is_what_the_words_join_to(name: str) -> None:
    """A name's key equals its words joined, so names and questions index alike."""
    assert compact(name) == "".join(tokenize(name))


# (word, the word and its stems)
VARIANT_CASES = [
    ("pods", ("pods",)),  # four letters or fewer: no stemming ("ipvs" is no plural)
    ("switches", ("switches", "switch", "switche")),
    ("policies", ("policies", "policy", "polici", "policie")),
    ("bridging", ("bridging", "bridg", "bridge")),
]


@pytest.mark.parametrize(("word", "variants"), VARIANT_CASES)
def test_word_variants_offer_the_word_then_its_stems(word: str, variants: tuple[str, ...]) -> None:
    assert word_variants(word) == variants
