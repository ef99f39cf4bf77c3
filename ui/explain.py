"""The shared words (``results.words``) on a page: Markdown emphasis, and one element per sentence."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from results.words import Sentence


def bold(word: str) -> str:
    """The page's emphasis for a word inside a shared sentence (a quadrant's name)."""
    return f"**{word}**"


def markdown(sentence: Sentence) -> str:
    """Lead in bold, aside in italics. The parts are fixed words and content, which pages show as Markdown;
    user text must be escaped with ``ui.text.md`` before it goes into a sentence shown here."""
    parts = [bold(sentence.lead)] if sentence.lead else []
    if sentence.text:
        parts.append(sentence.text)
    if sentence.aside:
        parts.append(f"_{sentence.aside}_")
    return " ".join(parts)


def show(sentences: Iterable[Sentence]) -> None:
    for sentence in sentences:
        st.markdown(markdown(sentence))
