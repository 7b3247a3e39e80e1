"""Is a text English? The share of its words that are common English function words.

Cheap and dependency-free; enough to keep Vietnamese-language pages and files out of an English
dataset, where the extraction rules would only find noise.
"""

from __future__ import annotations

import re

from flows.vocab_loader import load_vocab

# Letters only: digits and punctuation say nothing about the language.
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS_FOR_LANGUAGE = 20
MIN_ENGLISH_RATIO = 0.15
# The language is told from the start of the text: a few thousand characters hold hundreds of words,
# plenty for the ratio, and a long text costs no more than a short one.
LANGUAGE_SAMPLE_CHARS = 5000


def english_ratio(text: str) -> tuple[float, int]:
    """(share of words that are English function words, number of words)."""
    function_words = load_vocab().compiled("english", lambda v: frozenset(v["english"]["function_words"]))
    words = [w.lower() for w in WORD.findall(text, 0, LANGUAGE_SAMPLE_CHARS)]
    if not words:
        return 0.0, 0
    return sum(w in function_words for w in words) / len(words), len(words)


def not_english_reason(text: str) -> str | None:
    """None for English (or too short to tell), else the reason to record."""
    ratio, n_words = english_ratio(text)
    if n_words >= MIN_WORDS_FOR_LANGUAGE and ratio < MIN_ENGLISH_RATIO:
        return f"not English ({ratio:.0%} English function words)"
    return None
