export type PageMove = 'previous' | 'next' | 'first' | 'last';

/** The 0-based page index kept inside the book (an empty book has only index 0). */
export function clampPageIndex(index: number, pageCount: number): number {
  if (!Number.isFinite(index) || pageCount <= 0) return 0;
  return Math.min(pageCount - 1, Math.max(0, Math.trunc(index)));
}

export function movePage(index: number, move: PageMove, pageCount: number): number {
  const target = { previous: index - 1, next: index + 1, first: 0, last: pageCount - 1 }[move];
  return clampPageIndex(target, pageCount);
}

const KEY_MOVES: Record<string, PageMove> = {
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  PageUp: 'previous',
  PageDown: 'next',
  Home: 'first',
  End: 'last',
};

/** The page move a key asks for, or null (right-to-left books are not in the catalogue). */
export function keyPageMove(key: string): PageMove | null {
  return KEY_MOVES[key] ?? null;
}

export const SWIPE_MIN_DISTANCE = 50;

/** A horizontal swipe turns the page: to the left is the next page. Mostly-vertical or short moves do nothing. */
export function swipePageMove(dx: number, dy: number, minDistance = SWIPE_MIN_DISTANCE): PageMove | null {
  if (Math.abs(dx) < minDistance || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? 'next' : 'previous';
}
