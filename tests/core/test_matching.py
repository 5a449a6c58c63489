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
