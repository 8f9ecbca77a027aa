"""No text makes the vocabulary or the role classifier raise: random Unicode, case folds that change length."""

from __future__ import annotations

import random

import pytest

from contracts.occupations import classify_role
from contracts.skills import Taxonomy, default_taxonomy

pytestmark = pytest.mark.unit

# Characters whose case mappings are not one-to-one, ligatures, combining marks, emoji, and the ASCII a
# skill is spelled with, so that odd characters land inside and beside real aliases.
_TRICKY = [
    "İ", "ı", "ß", "ẞ", "ſ", "K", "Å", "ﬁ", "ﬂ", "ﬀ", "ǅ", "Ω", "ς", "σ", "\u0307", "\u0301", "\u0308",
    "😀", "👩\u200d💻", "🇹🇷", "\u200b", "\u00a0", "\u2028", "\ufeff", "Ｃ", "＋", "#", "+", ".", "/", "-", "&", " ",
    "\n", "\t",
]  # fmt: skip
_WORDS = ["ios", "C", "R", "Go", "SQL", "Java", "Figma", "Kubernetes", "GELİŞTİRİCİ", "Registered Nurse", "CPA"]


def _random_text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(rng.choice(_TRICKY))
        elif roll < 0.6:
            word = rng.choice(_WORDS)
            parts.append(word.upper() if rng.random() < 0.5 else word)
        elif roll < 0.8:
            parts.append(chr(rng.randint(0x20, 0x2FFF)))
        else:
            parts.append(chr(rng.choice([rng.randint(0x10000, 0x1FAFF), rng.randint(0xE000, 0xFFFD)])))
    return "".join(parts)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


@pytest.mark.parametrize(
    "text", ["İOS GELİŞTİRİCİ", "İ", "ſql", "\u212aubernetes", "ﬁgma", "straße ẞ", "C\u0307", "Ｃ++", "👩\u200d💻 Java"]
)
def test_known_hard_texts_do_not_raise(taxonomy: Taxonomy, text: str) -> None:
    found = taxonomy.find(text)
    assert all(text[mention.start : mention.end] == mention.matched for mention in found)
    assert set(taxonomy.extract(text)) <= set(taxonomy.skills)
    taxonomy.canonical(text)
    classify_role(text, text, [text])


def test_a_dotted_capital_i_is_still_read_as_the_letter() -> None:
    assert default_taxonomy().extract("İOS GELİŞTİRİCİ") == ["iOS"]


def test_random_unicode_never_raises(taxonomy: Taxonomy) -> None:
    rng = random.Random(20261121)
    for _ in range(1500):
        text = _random_text(rng)
        for mention in taxonomy.find(text):
            assert mention.skill in taxonomy.skills
        taxonomy.extract(text)
        taxonomy.canonical(text)
        taxonomy.unknown_terms(text, skills_section=True)
        classify_role(text[:40], text, taxonomy.extract(text))
