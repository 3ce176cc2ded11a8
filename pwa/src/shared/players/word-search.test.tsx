import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { generateGrid, layoutGrid } from '@/shared/scoring';

import { seedFromId } from './activity-config';
import { activityFrom, announcement, placeAt, renderPlayer, vectorCase } from './testing';

const ALL_FOUND = 'all words found';
const CELL_PX = 20;

// Looked up by position rather than by accessible name: naming 225 cells per query is slow.
function cell(row: number, col: number): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[role="gridcell"][data-row="${row}"][data-col="${col}"]`);
  if (found === null) throw new Error(`no cell ${row},${col}`);
  return found;
}

function layOutGrid() {
  placeAt(screen.getByRole('grid'), 0, 0, 15 * CELL_PX, 15 * CELL_PX);
}

function pointAt(row: number, col: number) {
  return { clientX: col * CELL_PX + CELL_PX / 2, clientY: row * CELL_PX + CELL_PX / 2, pointerId: 1, button: 0 };
}

function drag(from: [number, number], to: [number, number]) {
  const grid = screen.getByRole('grid');
  fireEvent.pointerDown(grid, pointAt(...from));
  fireEvent.pointerMove(grid, pointAt(...to));
  fireEvent.pointerUp(grid, pointAt(...to));
  fireEvent.click(grid, pointAt(...to));
}

describe('puzzleFindWords player', () => {
  it('draws the grid generated for the words and seed', () => {
    const vector = vectorCase('puzzleFindWords', ALL_FOUND);
    renderPlayer(activityFrom('puzzleFindWords', ALL_FOUND), { seed: 42 });
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual((vector as unknown as { grid: string[] }).grid);
  });

  it('finds words by tapping, dragging and the keyboard, reporting answers that score as the vector', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('puzzleFindWords', ALL_FOUND);
    const { lastAnswers, lastScore, onChange } = renderPlayer(activityFrom('puzzleFindWords', ALL_FOUND), { seed: 42 });
    layOutGrid();

    // Tap the first letter, then the last.
    await user.click(cell(2, 7));
    expect(announcement()).toBe('First letter C chosen. Now choose the last letter.');
    expect(cell(2, 7)).toHaveAttribute('aria-selected', 'true');
    await user.click(cell(2, 9));
    expect(announcement()).toBe('You found CAT! 1 of 4 words.');
    expect(lastAnswers()).toEqual({ seed: 42, found: [{ start: [2, 7], end: [2, 9] }] });

    // Drag across the letters (touch or mouse).
    drag([1, 13], [3, 13]);
    expect(announcement()).toBe('You found DOG! 2 of 4 words.');

    // Keyboard: arrows move, Enter marks the first and the last letter.
    act(() => cell(0, 0).focus());
    await user.keyboard('{ArrowDown>10/}{Enter}{ArrowRight>7/}{Enter}');
    expect(cell(10, 7)).toHaveFocus();
    expect(announcement()).toBe('You found ELEPHANT! 3 of 4 words.');

    // From the last letter to the first counts too.
    drag([6, 12], [0, 12]);
    expect(lastScore()).toEqual(vector.expected);
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(cell(0, 12)).toHaveAccessibleName('Row 1, column 13, G, part of a found word');
    expect(screen.getByText('Words to find (4 of 4 found)')).toBeInTheDocument();
  });

  it('records neither runs that spell no word nor crooked ones, nor a word twice', async () => {
    const user = userEvent.setup();
    const { onChange } = renderPlayer(activityFrom('puzzleFindWords', ALL_FOUND), { seed: 42 });
    layOutGrid();
    drag([0, 0], [0, 2]);
    expect(announcement()).toBe('That is not one of the words. Try again.');
    drag([0, 0], [1, 2]);
    expect(announcement()).toBe('Words go in a straight line. Try again.');
    await user.click(cell(2, 7));
    await user.click(cell(2, 9));
    await user.click(cell(2, 9));
    await user.click(cell(2, 7));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('seeds the grid from the activity id and keeps the seed on reset', async () => {
    const user = userEvent.setup();
    const activity = activityFrom('puzzleFindWords', ALL_FOUND);
    const seed = seedFromId(activity.id);
    const { lastAnswers } = renderPlayer(activity);
    const words = activity.config.words as string[];
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(generateGrid(words, seed));
    const placement = layoutGrid(words, seed).placements[0]!;
    const last: [number, number] =
      placement.direction === 'across' ? [placement.row, placement.col + 2] : [placement.row + 2, placement.col];
    await user.click(cell(placement.row, placement.col));
    await user.click(cell(...last));
    expect(lastAnswers()).toEqual({ seed, found: [{ start: [placement.row, placement.col], end: last }] });
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(lastAnswers()).toEqual({ seed, found: [] });
  });

  it('shows results per word and the hidden words when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase('puzzleFindWords', 'one of four');
    renderPlayer(activityFrom('puzzleFindWords', vector.name), { initialAnswers: vector.answers, showResults: true, allowShowAnswers: true });
    expect(screen.getByText('Score: 25%')).toBeInTheDocument();
    expect(screen.getAllByText('right')).toHaveLength(1);
    expect(screen.getAllByText('wrong')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    // The key outlines every letter of CAT, DOG, ELEPHANT and GIRAFFE (none share a cell here).
    expect(screen.getAllByRole('gridcell', { name: /part of a hidden word/ })).toHaveLength(3 + 3 + 8 + 7);
  });
});
