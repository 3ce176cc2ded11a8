import { describe, expect, it } from 'vitest';

import { clampPageIndex, keyPageMove, movePage, swipePageMove } from './paging';

describe('paging', () => {
  it('keeps the page inside the book', () => {
    expect(clampPageIndex(7, 4)).toBe(3);
    expect(clampPageIndex(-2, 4)).toBe(0);
    expect(clampPageIndex(Number.NaN, 4)).toBe(0);
    expect(clampPageIndex(2, 0)).toBe(0);
  });

  it('moves one page, to either end, and stops at the ends', () => {
    expect(movePage(1, 'next', 4)).toBe(2);
    expect(movePage(3, 'next', 4)).toBe(3);
    expect(movePage(0, 'previous', 4)).toBe(0);
    expect(movePage(2, 'first', 4)).toBe(0);
    expect(movePage(0, 'last', 4)).toBe(3);
  });

  it('turns pages with the arrow, page and home/end keys only', () => {
    expect(['ArrowRight', 'ArrowLeft', 'PageDown', 'Home', 'End', 'a', 'ArrowUp'].map(keyPageMove)).toEqual([
      'next',
      'previous',
      'next',
      'first',
      'last',
      null,
      null,
    ]);
  });

  it('turns the page on a long horizontal swipe: leftwards is the next page', () => {
    expect(swipePageMove(-120, 10)).toBe('next');
    expect(swipePageMove(90, -20)).toBe('previous');
    expect(swipePageMove(-30, 0)).toBeNull(); // too short: a tap or a wobble
    expect(swipePageMove(-80, 70)).toBeNull(); // mostly vertical: scrolling, not turning
  });
});
