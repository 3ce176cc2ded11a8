import { layoutGrid, type FoundRun, type GridCell, type GridLayout, type WordPlacement } from '@/shared/scoring';

// The word-search grid's geometry: runs of cells, the cells a word fills, the cell under the pointer, the layout.

export const ARROW_STEPS: Record<string, GridCell> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function isStraight([r1, c1]: GridCell, [r2, c2]: GridCell): boolean {
  const rows = Math.abs(r2 - r1);
  const cols = Math.abs(c2 - c1);
  return rows === 0 || cols === 0 || rows === cols;
}

/** The cells of a straight run, start to end. */
export function runCells({ start, end }: FoundRun): GridCell[] {
  const length = Math.max(Math.abs(end[0] - start[0]), Math.abs(end[1] - start[1])) + 1;
  const step: GridCell = [Math.sign(end[0] - start[0]), Math.sign(end[1] - start[1])];
  return Array.from({ length }, (_, k): GridCell => [start[0] + k * step[0], start[1] + k * step[1]]);
}

export function placementCells(word: string, placement: WordPlacement): GridCell[] {
  const last = Array.from(word).length - 1;
  const end: GridCell =
    placement.direction === 'across' ? [placement.row, placement.col + last] : [placement.row + last, placement.col];
  return runCells({ start: [placement.row, placement.col], end });
}

export function cellOfElement(target: EventTarget): GridCell | null {
  if (!(target instanceof HTMLElement) || target.dataset.row === undefined || target.dataset.col === undefined) return null;
  return [Number(target.dataset.row), Number(target.dataset.col)];
}

export const cellKey = ([row, col]: GridCell) => `${row},${col}`;

export const sameCell = (a: GridCell, b: GridCell) => a[0] === b[0] && a[1] === b[1];

/** The grid, or null when some word is not a word-search word or fits nowhere. */
export function safeLayout(words: string[], seed: number): GridLayout | null {
  if (words.length === 0) return null;
  try {
    const layout = layoutGrid(words, seed);
    return layout.unplaced.length === 0 ? layout : null;
  } catch {
    return null;
  }
}
