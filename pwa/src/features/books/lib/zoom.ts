import type { Size } from './page-geometry';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;
export const ZOOM_STEP = 0.5;

export type Pan = { x: number; y: number };
export type Point = { x: number; y: number };

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom * 100) / 100));
}

export const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** The zoom while pinching: the start zoom times how much the fingers moved apart. */
export function pinchZoom(startZoom: number, startDistance: number, currentDistance: number): number {
  if (startDistance <= 0) return clampZoom(startZoom);
  return clampZoom(startZoom * (currentDistance / startDistance));
}

/**
 * Keeps a zoomed page covering its frame (transform-origin centre): the pan may move the page by at most the
 * part that overflows on each side. At zoom 1 there is nothing to pan.
 */
export function clampPan(pan: Pan, zoom: number, frame: Size): Pan {
  const maxX = ((zoom - 1) * frame.width) / 2;
  const maxY = ((zoom - 1) * frame.height) / 2;
  const clamp = (value: number, max: number) => (max <= 0 ? 0 : Math.min(max, Math.max(-max, value)));
  return { x: clamp(pan.x, maxX), y: clamp(pan.y, maxY) };
}
