"""Deterministic word-search grid, identical to `pwa/src/shared/scoring/wordsearch.ts`.

The algorithm (PRNG, placement order, retries, fill) is specified in
`sync-protocol/vectors/scoring/README.md`; `sync-protocol/vectors/wordsearch/grids.json` proves both
implementations agree. Change nothing here without changing the TypeScript and the vectors.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dream_lms.scoring.errors import AnswersInvalid, WordsNotPlaced, pointer
from dream_lms.scoring.text import has_whitespace

GRID_SIZE = 15
RANDOM_TRIES = 100
FILL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_UINT32 = 0xFFFFFFFF

Direction = Literal["across", "down"]
Cell = tuple[int, int]
Run = tuple[Cell, Cell]


class Mulberry32:
    """mulberry32 (Tommy Ettinger): 32-bit state, one uint32 per call; ported bit for bit from JavaScript."""

    def __init__(self, seed: int) -> None:
        self._state = seed & _UINT32

    def next_uint32(self) -> int:
        self._state = (self._state + 0x6D2B79F5) & _UINT32
        t = self._state
        t = _imul(t ^ (t >> 15), t | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & _UINT32) ^ t
        return (t ^ (t >> 14)) & _UINT32

    def below(self, bound: int) -> int:
        """An integer in [0, bound): the next uint32 modulo bound."""
        return self.next_uint32() % bound


def _imul(a: int, b: int) -> int:
    """JavaScript Math.imul on uint32 operands: the low 32 bits of the product."""
    return (a * b) & _UINT32


@dataclass(frozen=True)
class WordPlacement:
    row: int
    col: int
    direction: Direction


@dataclass(frozen=True)
class GridLayout:
    rows: list[str]
    # Aligned with the input words; None for a word that fits nowhere.
    placements: list[WordPlacement | None]

    @property
    def unplaced(self) -> list[int]:
        return [index for index, placement in enumerate(self.placements) if placement is None]


def normalize_word(word: str) -> str:
    """The letters a word occupies in the grid: NFC, upper case (full Unicode mapping, e.g. ß -> SS)."""
    return unicodedata.normalize("NFC", word.upper())


def layout_grid(words: Sequence[str], seed: int, size: int = GRID_SIZE) -> GridLayout:
    """Place the words (normalized) with the PRNG seeded by `seed`, then fill the empty cells."""
    normalized = [normalize_word(word) for word in words]
    if any(not word or has_whitespace(word) for word in normalized):
        raise ValueError("word-search words must be non-empty and hold no whitespace")
    letters = [list(word) for word in normalized]
    rng = Mulberry32(seed)
    grid: list[list[str | None]] = [[None] * size for _ in range(size)]
    placements: list[WordPlacement | None] = [None] * len(words)
    # Longest first packs best; sorted() is stable like JavaScript's sort, so ties keep config order.
    for index in sorted(range(len(words)), key=lambda i: -len(letters[i])):
        placement = _place(grid, letters[index], rng)
        if placement is not None:
            _write(grid, letters[index], placement)
        placements[index] = placement
    rows = ["".join(cell if cell is not None else FILL_ALPHABET[rng.below(26)] for cell in row) for row in grid]
    return GridLayout(rows=rows, placements=placements)


def generate_grid(words: Sequence[str], seed: int, size: int = GRID_SIZE) -> list[str]:
    """The grid's rows; raises WordsNotPlaced naming every word that fits nowhere."""
    layout = layout_grid(words, seed, size)
    if layout.unplaced:
        raise WordsNotPlaced([words[index] for index in layout.unplaced])
    return layout.rows


def _place(grid: list[list[str | None]], word: list[str], rng: Mulberry32) -> WordPlacement | None:
    size = len(grid)
    if len(word) > size:
        return None
    span = size - len(word) + 1
    for _ in range(RANDOM_TRIES):
        direction: Direction = "across" if rng.below(2) == 0 else "down"
        row = rng.below(size if direction == "across" else span)
        col = rng.below(span if direction == "across" else size)
        candidate = WordPlacement(row, col, direction)
        if _fits(grid, word, candidate):
            return candidate
    # The random tries failed: take the first fitting position in scan order, so a word is only
    # reported unplaced when it fits nowhere at all.
    for direction in ("across", "down"):
        for row in range(size if direction == "across" else span):
            for col in range(span if direction == "across" else size):
                candidate = WordPlacement(row, col, direction)
                if _fits(grid, word, candidate):
                    return candidate
    return None


def _cells(word: list[str], placement: WordPlacement) -> list[Cell]:
    if placement.direction == "across":
        return [(placement.row, placement.col + offset) for offset in range(len(word))]
    return [(placement.row + offset, placement.col) for offset in range(len(word))]


def _fits(grid: list[list[str | None]], word: list[str], placement: WordPlacement) -> bool:
    """Overlaps only on equal letters, and at least one new cell (a word never hides inside another)."""
    existing = [grid[row][col] for row, col in _cells(word, placement)]
    overlaps_agree = all(cell is None or cell == letter for cell, letter in zip(existing, word, strict=True))
    return overlaps_agree and None in existing


def _write(grid: list[list[str | None]], word: list[str], placement: WordPlacement) -> None:
    for (row, col), letter in zip(_cells(word, placement), word, strict=True):
        grid[row][col] = letter


def found_words(rows: Sequence[str], words: Sequence[str], runs: Sequence[Run]) -> list[bool]:
    """Which words (by index) the runs spell. A run is a straight line of cells (row, column or diagonal); it
    spells a word when its cells, read the way words are placed (left to right, top to bottom), spell it, whichever
    end it was selected from. A diagonal run spells nothing. Each run credits at most one word, the first not yet
    credited; a run spelling no word, or covering the same cells as an earlier run, credits nothing.
    """
    targets = [normalize_word(word) for word in words]
    credited = [False] * len(words)
    seen_runs: set[Run] = set()
    for run_index, run in enumerate(runs):
        spelled = _run_letters(rows, run, run_index)
        same_cells = (min(run), max(run))
        if spelled is None or same_cells in seen_runs:
            continue
        seen_runs.add(same_cells)
        match = next((i for i, target in enumerate(targets) if target == spelled and not credited[i]), None)
        if match is not None:
            credited[match] = True
    return credited


def _run_letters(rows: Sequence[str], run: Run, run_index: int) -> str | None:
    """The letters of a run in placement order (left to right, top to bottom), None for a diagonal run."""
    for name, (row, col) in (("start", run[0]), ("end", run[1])):
        if not (0 <= row < len(rows) and 0 <= col < len(rows)):
            raise AnswersInvalid(
                "out_of_grid",
                f"{name} cell {[row, col]} is outside the grid",
                pointer("found", run_index, name),
            )
    (first_row, first_col), (last_row, last_col) = min(run), max(run)
    row_distance, col_distance = last_row - first_row, abs(last_col - first_col)
    if row_distance != 0 and col_distance != 0 and row_distance != col_distance:
        raise AnswersInvalid(
            "not_straight", "a run must follow a row, a column or a diagonal", pointer("found", run_index)
        )
    if row_distance == 0:
        return rows[first_row][first_col : last_col + 1]
    if col_distance == 0:
        return "".join(rows[row][first_col] for row in range(first_row, last_row + 1))
    return None
