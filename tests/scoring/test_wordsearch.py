"""Word-search grid: the cross-language vectors, the placement rules, and checking found runs."""

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dream_lms.scoring import AnswersInvalid, GridLayout, WordPlacement, WordsNotPlaced, found_words, generate_grid
from dream_lms.scoring.wordsearch import FILL_ALPHABET, Mulberry32, Run, layout_grid, normalize_word

GRIDS = json.loads(
    (Path(__file__).resolve().parents[2] / "sync-protocol" / "vectors" / "wordsearch" / "grids.json").read_text(
        encoding="utf-8"
    )
)["cases"]


def _run(placement: WordPlacement, length: int) -> Run:
    row_step, col_step = (0, 1) if placement.direction == "across" else (1, 0)
    end = (placement.row + row_step * (length - 1), placement.col + col_step * (length - 1))
    return (placement.row, placement.col), end


def _assert_well_formed(words: list[str], size: int, layout: GridLayout) -> None:
    """Square grid; every placed word readable at its placement; every other cell a fill letter."""
    assert len(layout.rows) == size and all(len(row) == size for row in layout.rows)
    word_cells: set[tuple[int, int]] = set()
    for word, placement in zip(words, layout.placements, strict=True):
        if placement is None:
            continue
        letters = normalize_word(word)
        (start_row, start_col), (end_row, end_col) = _run(placement, len(letters))
        cells = [(r, c) for r in range(start_row, end_row + 1) for c in range(start_col, end_col + 1)]
        assert "".join(layout.rows[r][c] for r, c in cells) == letters
        word_cells.update(cells)
    assert all(layout.rows[r][c] in FILL_ALPHABET for r in range(size) for c in range(size) if (r, c) not in word_cells)
    placed = [(w, p) for w, p in zip(words, layout.placements, strict=True) if p is not None]
    runs = [_run(p, len(normalize_word(w))) for w, p in placed]
    assert all(found_words(layout.rows, [w for w, _ in placed], runs))


def test_mulberry32_matches_the_reference_javascript() -> None:
    # Outputs of the canonical JavaScript mulberry32 (before its division by 2**32), computed with node.
    reference = {
        0: [1144304738, 1416247, 958946056],
        42: [2581720956, 1925393290, 3661312704],
        4294967295: [3850105811, 813802916, 3073704848],
    }
    for seed, outputs in reference.items():
        rng = Mulberry32(seed)
        assert [rng.next_uint32() for _ in outputs] == outputs


@pytest.mark.parametrize("case", GRIDS, ids=[case["name"] for case in GRIDS])
def test_grid_vector(case: dict[str, Any]) -> None:
    layout = layout_grid(case["words"], case["seed"], case["size"])
    assert layout.rows == case["expected"]["rows"]
    placements = [
        None if p is None else {"row": p.row, "col": p.col, "direction": p.direction} for p in layout.placements
    ]
    assert placements == case["expected"]["placements"]
    _assert_well_formed(case["words"], case["size"], layout)


def test_enough_grid_vectors() -> None:
    assert len(GRIDS) >= 6
    assert any(None in case["expected"]["placements"] for case in GRIDS)


def test_a_word_that_fits_nowhere_is_reported() -> None:
    with pytest.raises(WordsNotPlaced) as raised:
        generate_grid(["ABC", "DEF", "GHI", "XYZ"], seed=1, size=3)
    assert raised.value.words == ["XYZ"]
    assert raised.value.code == "words_not_placeable"


def test_a_word_longer_than_the_grid_is_reported() -> None:
    with pytest.raises(WordsNotPlaced) as raised:
        generate_grid(["CAT", "ABCDEFGHIJKLMNOP"], seed=3)
    assert raised.value.words == ["ABCDEFGHIJKLMNOP"]


def test_words_with_whitespace_are_refused() -> None:
    with pytest.raises(ValueError, match="whitespace"):
        generate_grid(["ICE CREAM"], seed=1)


@given(
    words=st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=15), max_size=12),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_any_words_give_a_well_formed_deterministic_grid(words: list[str], seed: int) -> None:
    layout = layout_grid(words, seed)
    _assert_well_formed(words, 15, layout)
    assert layout_grid(words, seed) == layout


def _sample_rows() -> list[str]:
    return generate_grid(["CAT", "DOG", "ELEPHANT", "GIRAFFE"], seed=42)


def test_found_runs_read_forwards_or_backwards() -> None:
    rows = _sample_rows()
    # seed 42 puts CAT across at row 2, columns 7-9 (see grids.json).
    assert found_words(rows, ["CAT", "DOG"], [((2, 9), (2, 7))]) == [True, False]
    assert found_words(rows, ["cat"], [((2, 7), (2, 9))]) == [True]


def test_runs_read_left_to_right_or_top_to_bottom_whichever_end_was_selected() -> None:
    # Words are placed across or down (book-format.md), so a run reads that way: right to left and diagonally
    # nothing is spelled, even letters that read a word.
    rows = ["TAC", "XAX", "XXT"]
    assert found_words(rows, ["CAT", "TAC"], [((0, 2), (0, 0))]) == [False, True]
    assert found_words(rows, ["CAT", "TAC"], [((0, 0), (0, 2))]) == [False, True]
    assert found_words(["CXX", "XAX", "XXT"], ["CAT", "TAC"], [((0, 0), (2, 2)), ((2, 2), (0, 0))]) == [False, False]
    assert found_words(["CXX", "AXX", "TXX"], ["CAT", "TAC"], [((2, 0), (0, 0))]) == [True, False]


def test_crooked_and_outside_runs_are_rejected() -> None:
    rows = _sample_rows()
    with pytest.raises(AnswersInvalid) as crooked:
        found_words(rows, ["CAT"], [((0, 0), (2, 1))])
    assert crooked.value.code == "not_straight"
    with pytest.raises(AnswersInvalid) as outside:
        found_words(rows, ["CAT"], [((0, 14), (0, 15))])
    assert (outside.value.code, outside.value.field) == ("out_of_grid", "/found/0/end")
