"""The alias index's typo search: the same answer whether or not a lookup is remembered,
and a memory that stays bounded however many different words a long paste holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import matching
from bot.loading.load import load_knowledge

if TYPE_CHECKING:
    import pytest

    from bot.core.knowledge import Knowledge


def test_a_remembered_typo_lookup_answers_as_a_fresh_one() -> None:
    index = load_knowledge().index
    words = ["what", "layer", "is", "calcio", "or", "envoi", "or", "flanel"]
    fresh = index.find_typo(words, set())
    again = index.find_typo(words, set())
    assert fresh is not None
    assert again == fresh
    assert fresh.target.entry.name == "Calico"


def test_the_typo_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "_TYPO_MEMO_SIZE", 50)
    index = load_knowledge().index
    for n in range(500):
        index.find_typo([f"zq{n:04d}xw"], set())
        assert len(index._typo_memo) <= 50


def test_a_question_that_names_a_tool_reads_no_word_list() -> None:
    """The word lists cost start-up time; `osi-bot ask metallb` must not pay for them."""
    from bot.core import lexicon  # noqa: PLC0415
    from bot.core.answering import answer  # noqa: PLC0415

    knowledge = load_knowledge()
    lexicon._words.cache_clear()
    for question in ("metallb", "what layer is metallb?", "is calico layer 3?"):
        assert answer(knowledge, question).layers
    assert lexicon._words.cache_info().currsize == 0


def test_a_bare_number_is_no_dotted_address(knowledge: Knowledge) -> None:
    """ "0.0.0.0" names the unspecified address; the "0000" of a PCI address does not."""
    index = knowledge.index
    found = [m.target.entry.name for m in index.find_exact(["0", "0", "0", "0"], set())]
    assert found == ["Unspecified address"]
    assert index.find_exact(["0000"], set()) == []


def test_a_stored_index_loads_back_the_same(knowledge: Knowledge) -> None:
    """The cache stores the names and plain rows; loading rebuilds every lookup."""
    import pickle  # noqa: PLC0415

    index = knowledge.index
    loaded = pickle.loads(pickle.dumps(index))  # noqa: S301 - our own bytes
    assert loaded.exact == index.exact
    assert loaded.spaced == index.spaced
    assert loaded.key_targets == index.key_targets
    assert loaded._sorted_keys == index._sorted_keys
    assert loaded._typo_buckets() == index._typo_buckets()
    for typed in (["cilum"], ["kube", "prxy"], ["metallbb"]):
        assert loaded.find_typo(typed, set()) == index.find_typo(typed, set())


def test_the_last_exact_search_is_kept_only_for_the_same_words(knowledge: Knowledge) -> None:
    index = knowledge.index
    first = index.find_exact(["calico", "and", "envoy"], set())
    again = index.find_exact(["calico", "and", "envoy"], set())
    assert again == first
    assert again is not first  # a copy: the caller may change its list
    assert [m.target.entry.name for m in index.find_exact(["envoy"], set())] == ["Envoy"]
    assert index.find_exact(["calico", "and", "envoy"], {0}) == first[1:]
