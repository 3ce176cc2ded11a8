import { describe, expect, it } from 'vitest';

import { clampPan, clampZoom, MAX_ZOOM, MIN_ZOOM, pinchZoom } from './zoom';

describe('zoom', () => {
  it('stays between the smallest and the largest zoom', () => {
    expect(clampZoom(0.3)).toBe(MIN_ZOOM);
    expect(clampZoom(9)).toBe(MAX_ZOOM);
    expect(clampZoom(1.234)).toBe(1.23);
  });

  it('follows the fingers: twice as far apart doubles the zoom it started from', () => {
    expect(pinchZoom(1.5, 100, 200)).toBe(3);
    expect(pinchZoom(2, 200, 100)).toBe(1);
    expect(pinchZoom(2, 0, 100)).toBe(2);
  });

  it('pans a zoomed page only as far as it overflows its frame', () => {
    const frame = { width: 400, height: 500 };
    expect(clampPan({ x: 500, y: -500 }, 2, frame)).toEqual({ x: 200, y: -250 });
    expect(clampPan({ x: 50, y: 20 }, 2, frame)).toEqual({ x: 50, y: 20 });
    expect(clampPan({ x: 50, y: 20 }, 1, frame)).toEqual({ x: 0, y: 0 });
  });
});
