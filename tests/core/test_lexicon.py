"""The English word lists: which words are common English, and which are names."""

from __future__ import annotations

import pytest

from bot.core.lexicon import has_everyday_sense, is_common_short_word, is_english_word


@pytest.mark.parametrize(
    ("word", "english", "everyday", "short"),
    [
        ("connects", True, True, False),  # frequent: never read as a typo of a name
        ("calico", False, True, False),  # rarer, but an everyday word a tool is named for
        ("istio", False, False, False),  # a coined name
        ("old", False, False, True),  # short words are a list of their own
        ("new", False, False, True),
        ("tyk", False, False, False),  # a product, not a frequent short word
    ],
)
def test_word_lists(word: str, english: bool, everyday: bool, short: bool) -> None:
    assert (is_english_word(word), has_everyday_sense(word), is_common_short_word(word)) == (
        english,
        everyday,
        short,
    )
