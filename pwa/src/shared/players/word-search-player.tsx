import { Check } from 'lucide-react';
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import {
  GRID_SIZE,
  foundWords,
  normalizeWord,
  type FindWordsAnswers,
  type FoundRun,
  type GridCell,
  type GridLayout,
} from '@/shared/scoring';

import { readWords } from './activity-config';
import { ResultMark, itemCorrectness } from './result-mark';
import type { PlayerBodyProps } from './types';
import { ARROW_STEPS, cellKey, cellOfElement, isStraight, placementCells, runCells, safeLayout, sameCell } from './word-search-cells';

/** puzzleFindWords: find the words by dragging across the letters, or tapping the first and last letter. */
export function WordSearchPlayer(props: PlayerBodyProps<FindWordsAnswers>) {
  const { t } = useTranslation('players');
  const { config, answers } = props;
  const words = readWords(config);
  const wordsKey = JSON.stringify(words);
  // Keyed on the words' content: the config object may be rebuilt on every render.
  const layout = useMemo(() => safeLayout(JSON.parse(wordsKey) as string[], answers.seed), [wordsKey, answers.seed]);
  if (layout === null) return <p role="alert">{t('error.config')}</p>;
  return <WordSearchGrid {...props} words={words} layout={layout} />;
}

function WordSearchGrid(props: PlayerBodyProps<FindWordsAnswers> & { words: string[]; layout: GridLayout }) {
  const { answers, setAnswers, locked, announce, results, showKey, words, layout } = props;
  const { t } = useTranslation('players');
  const letters = layout.rows.map((row) => Array.from(row));
  const credited = foundWords(layout.rows, words, answers.found.map((run) => [run.start, run.end]));
  const marks = itemCorrectness(results);
  const [anchor, setAnchor] = useState<GridCell | null>(null);
  const [focusCell, setFocusCell] = useState<GridCell>([0, 0]);
  const [dragLine, setDragLine] = useState<FoundRun | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const suppressClick = useRef(false);
  const cellRefs = useRef(new Map<string, HTMLElement>());

  const foundCells = new Set(answers.found.flatMap((run) => runCells(run).map(cellKey)));
  const keyCells = new Set(
    showKey
      ? layout.placements.flatMap((placement, index) =>
          placement === null ? [] : placementCells(normalizeWord(words[index] ?? ''), placement).map(cellKey),
        )
      : [],
  );
  const dragCells = new Set(dragLine !== null && isStraight(dragLine.start, dragLine.end) ? runCells(dragLine).map(cellKey) : []);

  const tryRun = (run: FoundRun) => {
    if (!isStraight(run.start, run.end)) {
      announce(t('search.notStraight'));
      return;
    }
    const next = [...answers.found, run];
    const nowCredited = foundWords(layout.rows, words, next.map((found) => [found.start, found.end]));
    const newWord = nowCredited.findIndex((found, index) => found && !credited[index]);
    if (newWord === -1) {
      announce(t('search.notAWord'));
      return;
    }
    setAnswers({ seed: answers.seed, found: next });
    announce(t('search.found', { word: words[newWord], count: nowCredited.filter(Boolean).length, total: words.length }));
  };

  const tap = (cell: GridCell) => {
    if (anchor === null) {
      setAnchor(cell);
      announce(t('search.start', { letter: letters[cell[0]]?.[cell[1]] }));
      return;
    }
    setAnchor(null);
    if (sameCell(anchor, cell)) {
      announce(t('search.startCleared'));
      return;
    }
    tryRun({ start: anchor, end: cell });
  };

  const cellAt = (x: number, y: number): GridCell | null => {
    const rect = gridRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return null;
    const col = Math.floor(((x - rect.left) / rect.width) * GRID_SIZE);
    const row = Math.floor(((y - rect.top) / rect.height) * GRID_SIZE);
    return row >= 0 && row < GRID_SIZE && col >= 0 && col < GRID_SIZE ? [row, col] : null;
  };

  // A tap is a click (pointer, or a screen reader's activation); a press moved across letters is a drag.
  // Under pointer capture the click may land on the grid itself, so the cell comes from the target
  // when it is a cell, else from the coordinates.
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    if (locked) return;
    const cell = cellOfElement(event.target) ?? cellAt(event.clientX, event.clientY);
    if (cell === null) return;
    setFocusCell(cell);
    tap(cell);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    suppressClick.current = false;
    if (locked || event.button !== 0) return;
    const cell = cellAt(event.clientX, event.clientY);
    if (cell === null) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDragLine({ start: cell, end: cell });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragLine === null) return;
    const cell = cellAt(event.clientX, event.clientY);
    if (cell !== null && !sameCell(cell, dragLine.end)) setDragLine({ start: dragLine.start, end: cell });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (dragLine === null) return;
    const end = cellAt(event.clientX, event.clientY) ?? dragLine.end;
    setDragLine(null);
    if (sameCell(dragLine.start, end)) return;
    suppressClick.current = true;
    setAnchor(null);
    setFocusCell(end);
    tryRun({ start: dragLine.start, end });
  };

  const moveFocus = (cell: GridCell) => {
    setFocusCell(cell);
    cellRefs.current.get(cellKey(cell))?.focus();
  };
  const onCellKeyDown = (event: KeyboardEvent<HTMLElement>, cell: GridCell) => {
    const step = ARROW_STEPS[event.key];
    if (step !== undefined) {
      event.preventDefault();
      const next: GridCell = [cell[0] + step[0], cell[1] + step[1]];
      if (next.every((value) => value >= 0 && value < GRID_SIZE)) moveFocus(next);
    } else if ((event.key === 'Enter' || event.key === ' ') && !locked) {
      event.preventDefault();
      tap(cell);
    }
  };

  return (
    <div className="flex flex-col gap-4 md:flex-row md:items-start">
      {/* Clicks are delegated from the letters; each letter takes the focus (one tab stop) and its keys. */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus */}
      <div
        ref={gridRef}
        role="grid"
        aria-label={t('search.gridLabel')}
        aria-readonly={locked}
        className="grid w-full min-w-[360px] max-w-[40rem] touch-none select-none grid-cols-[repeat(15,minmax(24px,1fr))] rounded-xl border-2 border-border bg-background p-0"
        onClick={onClick}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDragLine(null)}
        data-testid="word-grid"
      >
        {letters.map((row, rowIndex) => (
          <div role="row" key={rowIndex} className="contents">
            {row.map((letter, colIndex) => {
              const cell: GridCell = [rowIndex, colIndex];
              const key = cellKey(cell);
              const found = foundCells.has(key);
              const isAnchor = anchor !== null && sameCell(anchor, cell);
              const states = [
                found && t('search.cellFound'),
                isAnchor && t('search.cellStart'),
                keyCells.has(key) && t('search.cellKey'),
              ].filter(Boolean);
              return (
                <div
                  role="gridcell"
                  key={key}
                  ref={(element) => {
                    if (element === null) cellRefs.current.delete(key);
                    else cellRefs.current.set(key, element);
                  }}
                  data-row={rowIndex}
                  data-col={colIndex}
                  tabIndex={sameCell(focusCell, cell) ? 0 : -1}
                  aria-selected={found || isAnchor}
                  aria-label={[t('search.cell', { row: rowIndex + 1, col: colIndex + 1, letter }), ...states].join(', ')}
                  onKeyDown={(event) => onCellKeyDown(event, cell)}
                  onFocus={() => setFocusCell(cell)}
                  className={cn(
                    'flex aspect-square min-h-6 min-w-6 items-center justify-center text-sm font-semibold uppercase outline-none focus-visible:z-10 focus-visible:ring-4 focus-visible:ring-ring/70 sm:text-lg',
                    found && 'bg-amber-200 font-extrabold underline decoration-2',
                    dragCells.has(key) && 'bg-accent',
                    isAnchor && 'rounded-full ring-4 ring-primary',
                    keyCells.has(key) && 'outline-2 -outline-offset-2 outline-green-700 outline-dashed',
                  )}
                >
                  {letter}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div>
        <h3 className="mb-2 font-semibold">{t('search.wordsHeading', { count: credited.filter(Boolean).length, total: words.length })}</h3>
        <ul className="flex flex-wrap gap-2 md:flex-col">
          {words.map((word, index) => (
            <li
              key={index}
              className={cn('flex items-center gap-2 rounded-lg border border-border px-3 py-1 text-base', credited[index] && 'line-through decoration-2')}
            >
              {credited[index] && <Check aria-hidden="true" className="size-4" />}
              <span>{word}</span>
              {credited[index] && <span className="sr-only">{t('search.wordFound')}</span>}
              {marks?.get(index) !== undefined && <ResultMark correct={marks.get(index) ?? false} />}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
