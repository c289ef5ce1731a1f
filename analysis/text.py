"""Text helpers: Vietnamese alphabetical order and accent-blind search."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from loaders.tables import fold

# Vietnamese letters in dictionary order; tones are a secondary key.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese: Đ after D, Â after Ă after A, tones after letters."""
    letters, tones = [], []
    for char in text.lower():
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONES[c] for c in parts if c in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        letters.append(_LETTER_RANK.get(base, 100 + ord(base[0]) if base else 0))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def sort_vietnamese(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return frame.sort_values(column, key=lambda s: s.map(vi_sort_key), kind="stable")


def search_units(units: pd.DataFrame, query: str) -> pd.DataFrame:
    """Units whose name contains the query, ignoring case and diacritics.

    Each hit carries `links_to`: the successor of a legacy province or the
    predecessors of a current unit, so a search for an old name also leads
    to the unit that took it over.
    """
    needle = fold(query.strip())
    if not needle:
        return units.iloc[0:0].assign(links_to=[])
    hits = units[units["search_name"].str.contains(needle, regex=False)].copy()
    names = dict(zip(units["unit_key"], units["unit_name"]))

    def links(row) -> str:
        if row.era == "legacy":
            return names.get(f"current-{row.successor_code}", "")
        return ", ".join(names[f"legacy-{c}"] for c in row.predecessor_codes.split(";") if f"legacy-{c}" in names)

    hits["links_to"] = [links(row) for row in hits.itertuples()]
    return hits


# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping
# them all also disarms Streamlit's own syntax (:red[...], :material/...:, $...$).
_MARKDOWN_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def markdown_literal(text: object) -> str:
    """Data text to put inside Streamlit Markdown (titles, captions, labels) shown as typed."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text))
