// Deterministic word-search grid, identical to server/dream_lms/scoring/wordsearch.py.
// The algorithm (PRNG, placement order, retries, fill) is specified in
// sync-protocol/vectors/scoring/README.md; sync-protocol/vectors/wordsearch/grids.json proves both
// implementations agree. Change nothing here without changing the Python and the vectors.

import { hasWhitespace } from './text';
import { AnswersInvalidError, WordsNotPlacedError, pointer } from './types';
import type { GridCell } from './types';

export const GRID_SIZE = 15;
export const RANDOM_TRIES = 100;
export const FILL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** mulberry32 (Tommy Ettinger): 32-bit state, one uint32 per call. */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, bound): the next uint32 modulo bound. */
  below(bound: number): number {
    return this.nextUint32() % bound;
  }
}

export type Direction = 'across' | 'down';

export interface WordPlacement {
  row: number;
  col: number;
  direction: Direction;
}

export interface GridLayout {
  rows: string[];
  /** Aligned with the input words; null for a word that fits nowhere. */
  placements: (WordPlacement | null)[];
  /** Indexes of the words that fit nowhere. */
  unplaced: number[];
}

/** A found run of cells, start to end. */
export type Run = [GridCell, GridCell];

type Grid = (string | null)[][];

/** The letters a word occupies in the grid: upper case (full Unicode mapping, e.g. ß -> SS), NFC. */
export function normalizeWord(word: string): string {
  return word.toUpperCase().normalize('NFC');
}

/** Place the words (normalized) with the PRNG seeded by `seed`, then fill the empty cells. */
export function layoutGrid(words: readonly string[], seed: number, size: number = GRID_SIZE): GridLayout {
  const normalized = words.map(normalizeWord);
  if (normalized.some((word) => word === '' || hasWhitespace(word))) {
    throw new RangeError('word-search words must be non-empty and hold no whitespace');
  }
  const letters = normalized.map((word) => Array.from(word));
  const rng = new Mulberry32(seed);
  const grid: Grid = Array.from({ length: size }, () => Array<string | null>(size).fill(null));
  const placements: (WordPlacement | null)[] = words.map(() => null);
  // Longest first packs best; Array.prototype.sort is stable, so ties keep config order.
  const order = letters.map((_, index) => index).sort((a, b) => at(letters, b).length - at(letters, a).length);
  for (const index of order) {
    const word = at(letters, index);
    const placement = place(grid, word, rng);
    if (placement !== null) write(grid, word, placement);
    placements[index] = placement;
  }
  const rows = grid.map((row) => row.map((cell) => cell ?? FILL_ALPHABET.charAt(rng.below(26))).join(''));
  const unplaced = placements.flatMap((placement, index) => (placement === null ? [index] : []));
  return { rows, placements, unplaced };
}

/** The grid's rows; throws WordsNotPlacedError naming every word that fits nowhere. */
export function generateGrid(words: readonly string[], seed: number, size: number = GRID_SIZE): string[] {
  const layout = layoutGrid(words, seed, size);
  if (layout.unplaced.length > 0) {
    throw new WordsNotPlacedError(layout.unplaced.map((index) => at(words, index)));
  }
  return layout.rows;
}

function place(grid: Grid, word: string[], rng: Mulberry32): WordPlacement | null {
  const size = grid.length;
  if (word.length > size) return null;
  const span = size - word.length + 1;
  for (let attempt = 0; attempt < RANDOM_TRIES; attempt++) {
    const direction: Direction = rng.below(2) === 0 ? 'across' : 'down';
    const row = rng.below(direction === 'across' ? size : span);
    const col = rng.below(direction === 'across' ? span : size);
    const candidate = { row, col, direction };
    if (fits(grid, word, candidate)) return candidate;
  }
  // The random tries failed: take the first fitting position in scan order, so a word is only
  // reported unplaced when it fits nowhere at all.
  for (const direction of ['across', 'down'] as const) {
    for (let row = 0; row < (direction === 'across' ? size : span); row++) {
      for (let col = 0; col < (direction === 'across' ? span : size); col++) {
        const candidate = { row, col, direction };
        if (fits(grid, word, candidate)) return candidate;
      }
    }
  }
  return null;
}

function cells(length: number, placement: WordPlacement): GridCell[] {
  return Array.from({ length }, (_, offset): GridCell =>
    placement.direction === 'across'
      ? [placement.row, placement.col + offset]
      : [placement.row + offset, placement.col],
  );
}

/** Overlaps only on equal letters, and at least one new cell (a word never hides inside another). */
function fits(grid: Grid, word: string[], placement: WordPlacement): boolean {
  const existing = cells(word.length, placement).map(([row, col]) => at(at(grid, row), col));
  return existing.every((cell, offset) => cell === null || cell === word[offset]) && existing.includes(null);
}

function write(grid: Grid, word: string[], placement: WordPlacement): void {
  cells(word.length, placement).forEach(([row, col], offset) => {
    at(grid, row)[col] = at(word, offset);
  });
}

/**
 * Which words (by index) the runs spell. A run is a straight line of cells (row, column or diagonal); it
 * spells a word when its cells, read the way words are placed (left to right, top to bottom), spell it, whichever
 * end it was selected from. A diagonal run spells nothing. Each run credits at most one word, the first not yet
 * credited; a run spelling no word, or covering the same cells as an earlier run, credits nothing.
 */
export function foundWords(rows: readonly string[], words: readonly string[], runs: readonly Run[]): boolean[] {
  const grid = rows.map((row) => Array.from(row));
  const targets = words.map(normalizeWord);
  const credited = words.map(() => false);
  const seenRuns = new Set<string>();
  runs.forEach((run, runIndex) => {
    const spelled = runLetters(grid, run, runIndex);
    const sameCells = ordered(run).join(';');
    if (spelled === null || seenRuns.has(sameCells)) return;
    seenRuns.add(sameCells);
    const match = targets.findIndex((target, index) => target === spelled && !credited[index]);
    if (match !== -1) credited[match] = true;
  });
  return credited;
}

/** The run's two cells, first the one a placed word starts at (upper, or left on one row). */
function ordered(run: Run): [GridCell, GridCell] {
  const [start, end] = run;
  return start[0] < end[0] || (start[0] === end[0] && start[1] <= end[1]) ? [start, end] : [end, start];
}

/** The letters of a run in placement order (left to right, top to bottom), null for a diagonal run. */
function runLetters(grid: string[][], run: Run, runIndex: number): string | null {
  const size = grid.length;
  for (const [name, [row, col]] of [['start', run[0]], ['end', run[1]]] as const) {
    if (!(row >= 0 && row < size && col >= 0 && col < size)) {
      throw new AnswersInvalidError(
        'out_of_grid',
        `${name} cell [${row}, ${col}] is outside the grid`,
        pointer('found', runIndex, name),
      );
    }
  }
  const [[firstRow, firstCol], [lastRow, lastCol]] = ordered(run);
  const rowDistance = lastRow - firstRow;
  const colDistance = Math.abs(lastCol - firstCol);
  if (rowDistance !== 0 && colDistance !== 0 && rowDistance !== colDistance) {
    throw new AnswersInvalidError(
      'not_straight',
      'a run must follow a row, a column or a diagonal',
      pointer('found', runIndex),
    );
  }
  if (rowDistance === 0) return at(grid, firstRow).slice(firstCol, lastCol + 1).join('');
  if (colDistance === 0) {
    return Array.from({ length: rowDistance + 1 }, (_, k) => at(at(grid, firstRow + k), firstCol)).join('');
  }
  return null;
}

/** Indexing that fails loudly instead of yielding undefined (indexes here are always in range). */
export function at<T>(array: readonly T[], index: number): T {
  const value = array[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range`);
  return value;
}
