import { type PointerEvent, useRef } from 'react';

import type { PageMove } from '../lib/paging';
import { swipePageMove } from '../lib/paging';
import { clampPan, distance, type Pan, type Point, pinchZoom } from '../lib/zoom';

type Gesture =
  | { kind: 'drag'; start: Point; startPan: Pan }
  | { kind: 'pinch'; startDistance: number; startZoom: number }
  | null;

type Options = {
  zoom: number;
  pan: Pan;
  onZoom: (zoom: number) => void;
  onPan: (pan: Pan) => void;
  onPageMove: (move: PageMove) => void;
};

/**
 * Pointer gestures on the page frame: two fingers pinch to zoom; one finger pans a zoomed page or, at zoom 1,
 * swipes to turn the page. No pointer capture, so a tap on a marker still clicks it.
 */
export function usePageGestures({ zoom, pan, onZoom, onPan, onPageMove }: Options) {
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture>(null);
  const frame = useRef<HTMLDivElement>(null);

  const frameSize = () => {
    const rect = frame.current?.getBoundingClientRect();
    return { width: rect?.width ?? 0, height: rect?.height ?? 0 };
  };

  const begin = () => {
    const points = [...pointers.current.values()];
    if (points.length >= 2 && points[0] && points[1]) {
      gesture.current = { kind: 'pinch', startDistance: distance(points[0], points[1]), startZoom: zoom };
    } else if (points[0]) {
      gesture.current = { kind: 'drag', start: points[0], startPan: pan };
    }
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    begin();
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const current = gesture.current;
    const points = [...pointers.current.values()];
    if (current?.kind === 'pinch' && points[0] && points[1]) {
      const next = pinchZoom(current.startZoom, current.startDistance, distance(points[0], points[1]));
      onZoom(next);
      onPan(clampPan(pan, next, frameSize()));
    } else if (current?.kind === 'drag' && zoom > 1) {
      const moved = { x: current.startPan.x + event.clientX - current.start.x, y: current.startPan.y + event.clientY - current.start.y };
      onPan(clampPan(moved, zoom, frameSize()));
    }
  };

  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    if (!pointers.current.delete(event.pointerId)) return;
    const current = gesture.current;
    if (current?.kind === 'drag' && zoom <= 1 && pointers.current.size === 0) {
      const move = swipePageMove(event.clientX - current.start.x, event.clientY - current.start.y);
      if (move) onPageMove(move);
    }
    // The remaining finger (if any) starts a fresh gesture, so lifting one of two does not jump the page.
    gesture.current = null;
    if (pointers.current.size > 0) begin();
  };

  return {
    frame,
    handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd },
  };
}
