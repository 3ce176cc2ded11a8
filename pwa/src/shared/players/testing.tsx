// Shared by the players' tests: activities taken from the scoring vectors, and a rendered player
// whose reported answers can be read back and scored.
import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';

import { scoreActivity, type Answers, type ItemResult } from '@/shared/scoring';

import { ActivityPlayer } from './activity-player';
import type { ActivityPlayerProps, PlayerActivity } from './types';

interface VectorCase {
  name: string;
  config: Record<string, unknown>;
  answers: Answers;
  expected?: { score: number; correct: number; total: number; items: ItemResult[] };
}

const VECTOR_FILES = import.meta.glob<{ cases: VectorCase[] }>('../../../../sync-protocol/vectors/scoring/*.json', {
  eager: true,
  import: 'default',
});

export function vectorCase(activityType: string, name: string): VectorCase {
  const file = Object.entries(VECTOR_FILES).find(([path]) => path.endsWith(`/${activityType}.json`))?.[1];
  const found = file?.cases.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no vector "${name}" for ${activityType}`);
  return found;
}

export function activityFrom(activityType: string, name: string): PlayerActivity {
  const { config } = vectorCase(activityType, name);
  return { id: `${activityType}-test`, type: activityType, config };
}

export const assetUrl = (path: string) => `https://assets.test/${encodeURI(path.replace('./books/', ''))}`;

export function renderPlayer(activity: PlayerActivity, props: Partial<ActivityPlayerProps> = {}) {
  const onChange = vi.fn<(answers: Answers) => void>();
  const view = render(<ActivityPlayer activity={activity} assetUrl={assetUrl} onChange={onChange} {...props} />);
  const lastAnswers = (): Answers => {
    const last = onChange.mock.lastCall;
    if (last === undefined) throw new Error('the player reported no answers');
    return last[0];
  };
  const lastScore = () => scoreActivity(activity.type, activity.config, lastAnswers());
  return { ...view, onChange, lastAnswers, lastScore };
}

export function announcement(): string {
  return screen.getByTestId('player-announcer').textContent ?? '';
}

/** jsdom lays nothing out: give an element the on-screen box a browser would. */
export function placeAt(element: Element, left: number, top: number, width: number, height: number): void {
  element.getBoundingClientRect = () =>
    ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) });
}
