import { describe, expect, it } from 'vitest';

import { percentBox, scaleBox } from './page-geometry';

const PAGE = { width: 800, height: 1000 };

describe('marker placement', () => {
  it('places a box by its share of the natural image, so any displayed size keeps it on its spot', () => {
    expect(percentBox({ x: 40, y: 660, w: 720, h: 240 }, PAGE)).toEqual({ left: 5, top: 66, width: 90, height: 24 });
  });

  it('cuts a box at the image edge and drops one entirely outside or on an image without size', () => {
    expect(percentBox({ x: 600, y: 900, w: 400, h: 200 }, PAGE)).toEqual({ left: 75, top: 90, width: 25, height: 10 });
    expect(percentBox({ x: 900, y: 10, w: 50, h: 50 }, PAGE)).toBeNull();
    expect(percentBox({ x: 0, y: 0, w: 10, h: 10 }, { width: 0, height: 0 })).toBeNull();
  });

  it('scales image pixels to the displayed pixels on each axis', () => {
    expect(scaleBox({ x: 40, y: 120, w: 720, h: 240 }, PAGE, { width: 400, height: 250 })).toEqual({
      x: 20,
      y: 30,
      w: 360,
      h: 60,
    });
  });
});
