"""The ASCII fast path of class/id tokenizing gives what the general one gives."""

from __future__ import annotations

import pytest

from transform.html_walk import _NO_DIGITS, _SEPARATORS, _name_tokens, _without_digits

NAMES = [f"a{chr(code)}b{chr(code)}" for code in range(128)] + [
    "entry-content post_1234", "td-post-content\twp-block", "  Article--Body  ", "",
    "artículo-cuerpo nota_2024", "新闻-正文 content", "share\u00a0bar", "x\u2003y-7",
]


@pytest.mark.parametrize("name", NAMES)
def test_fast_tokens_match_the_general_split(name: str) -> None:
    assert _name_tokens(name) == name.translate(_SEPARATORS).split()
    assert _without_digits(name) == name.translate(_NO_DIGITS)
