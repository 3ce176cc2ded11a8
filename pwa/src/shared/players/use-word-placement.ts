// Placing pool words on targets (picture zones or sentences) in three ways, so every student can:
// pointer drag (touch and mouse, Pointer Events), tap a word then tap a target (WCAG 2.5.7, no
// dragging needed), and keyboard (Enter/Space picks, Tab or arrows reach a target, Enter places:
// WCAG 2.1.1). Each placement is announced through the player's live region.
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Pointer travel (px) before a press becomes a drag rather than a tap. */
const DRAG_THRESHOLD = 8;

interface DragState {
  word: string;
  pointerId: number;
  startX: number;
  startY: number;
  dragging: boolean;
}

export interface DragGhost {
  word: string;
  x: number;
  y: number;
}

interface Options {
  placements: Record<string, string>;
  locked: boolean;
  onPlace: (target: number, word: string) => void;
  onClear: (target: number) => void;
  announce: (message: string) => void;
  /** How a target is named to screen readers ("box 2", "sentence 3"). */
  describeTarget: (target: number) => string;
}

/** Moves focus among the elements of one navigation group with the arrow keys. */
export function moveFocusWithArrows(event: KeyboardEvent<HTMLElement>): void {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  const group = event.currentTarget.dataset.navGroup;
  if (step === undefined || group === undefined) return;
  const container = event.currentTarget.closest('[data-player]') ?? document;
  const members = Array.from(container.querySelectorAll<HTMLElement>(`[data-nav-group="${group}"]`));
  const next = members[members.indexOf(event.currentTarget) + step];
  if (next !== undefined) {
    event.preventDefault();
    next.focus();
  }
}

function inside(element: HTMLElement, x: number, y: number): boolean {
  const rect = element.getBoundingClientRect();
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom && rect.width > 0;
}

export function useWordPlacement({ placements, locked, onPlace, onClear, announce, describeTarget }: Options) {
  const { t } = useTranslation('players');
  const [picked, setPicked] = useState<string | null>(null);
  const [ghost, setGhost] = useState<DragGhost | null>(null);
  const [hoverTarget, setHoverTarget] = useState<number | null>(null);
  const drag = useRef<DragState | null>(null);
  // A finished drag is followed by a click on the word; it must not also pick the word.
  const suppressClick = useRef(false);
  const targets = useRef(new Map<number, HTMLElement>());

  const targetAt = useCallback((x: number, y: number): number | null => {
    for (const [index, element] of targets.current) {
      if (inside(element, x, y)) return index;
    }
    return null;
  }, []);

  const place = (target: number, word: string) => {
    onPlace(target, word);
    setPicked(null);
    announce(t('announce.placed', { word, target: describeTarget(target) }));
  };

  const wordProps = (word: string) => ({
    'aria-pressed': picked === word,
    disabled: locked,
    'data-nav-group': 'pool',
    onKeyDown: moveFocusWithArrows,
    onClick: () => {
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      if (picked === word) {
        setPicked(null);
        announce(t('announce.unpicked', { word }));
      } else {
        setPicked(word);
        announce(t('announce.picked', { word }));
      }
    },
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (locked || event.button !== 0) return;
      suppressClick.current = false;
      drag.current = { word, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, dragging: false };
      event.currentTarget.setPointerCapture?.(event.pointerId);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const state = drag.current;
      if (state === null || state.pointerId !== event.pointerId) return;
      const distance = Math.hypot(event.clientX - state.startX, event.clientY - state.startY);
      if (!state.dragging && distance < DRAG_THRESHOLD) return;
      state.dragging = true;
      setGhost({ word: state.word, x: event.clientX, y: event.clientY });
      setHoverTarget(targetAt(event.clientX, event.clientY));
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      const state = drag.current;
      drag.current = null;
      setGhost(null);
      setHoverTarget(null);
      if (state === null || !state.dragging) return;
      suppressClick.current = true;
      const target = targetAt(event.clientX, event.clientY);
      if (target !== null) place(target, state.word);
    },
    onPointerCancel: () => {
      drag.current = null;
      setGhost(null);
      setHoverTarget(null);
    },
  });

  const targetProps = (target: number) => ({
    ref: (element: HTMLElement | null) => {
      if (element === null) targets.current.delete(target);
      else targets.current.set(target, element);
    },
    disabled: locked,
    'data-nav-group': 'targets',
    'data-drop-hover': hoverTarget === target ? 'true' : undefined,
    onKeyDown: moveFocusWithArrows,
    onClick: () => {
      if (picked !== null) {
        place(target, picked);
        return;
      }
      const current = placements[String(target)];
      if (current === undefined) {
        announce(t('announce.pickFirst'));
        return;
      }
      onClear(target);
      announce(t('announce.removed', { word: current, target: describeTarget(target) }));
    },
  });

  return { picked, ghost, wordProps, targetProps };
}
