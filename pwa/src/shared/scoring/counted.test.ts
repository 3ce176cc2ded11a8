// Runs the vectors of which score counts (sync-protocol/vectors/results/*.json) through counted.ts; the Python twin
// runs the same files (tests/scoring/test_counted_vectors.py).
import { describe, expect, it } from 'vitest';

import { answerCounts, answersDeadlineMs, attemptScore, countedAttempt, countedScore } from './index';
import type { CountableAttempt } from './index';

type Named<T> = T & { name: string };

interface VectorFiles {
  'attempt_score.json': { cases: Named<{ activity_scores: (number | null)[]; expected: number }>[] };
  'counted_score.json': {
    cases: Named<{ attempts: CountableAttempt[]; expected: { attempt_number: number | null; score: number | null } }>[];
  };
  'time_limit.json': {
    cases: Named<{
      started_at: number;
      time_limit_minutes: number | null;
      grace_ms: number;
      answered_at: number;
      expected: { deadline: number | null; counts: boolean };
    }>[];
  };
}

const LOADED = import.meta.glob('../../../../sync-protocol/vectors/results/*.json', { eager: true, import: 'default' });
const BY_NAME = Object.fromEntries(Object.entries(LOADED).map(([path, data]) => [path.split('/').pop() ?? path, data]));

function vectors<K extends keyof VectorFiles>(name: K): VectorFiles[K] {
  return BY_NAME[name] as VectorFiles[K];
}

it('runs every vector file', () => {
  expect(Object.keys(BY_NAME).sort()).toEqual(['attempt_score.json', 'counted_score.json', 'time_limit.json']);
});

describe('attempt score', () => {
  for (const vector of vectors('attempt_score.json').cases) {
    it(vector.name, () => expect(attemptScore(vector.activity_scores)).toBe(vector.expected));
  }
});

describe('counted score', () => {
  for (const vector of vectors('counted_score.json').cases) {
    it(vector.name, () => {
      expect(countedAttempt(vector.attempts)?.attempt_number ?? null).toBe(vector.expected.attempt_number);
      expect(countedScore(vector.attempts)).toBe(vector.expected.score);
      expect(countedScore([...vector.attempts].reverse())).toBe(vector.expected.score);
    });
  }
});

describe('time limit', () => {
  for (const vector of vectors('time_limit.json').cases) {
    it(vector.name, () => {
      const deadline = answersDeadlineMs(vector.started_at, vector.time_limit_minutes, vector.grace_ms);
      expect(deadline).toBe(vector.expected.deadline);
      expect(answerCounts(vector.answered_at, deadline)).toBe(vector.expected.counts);
    });
  }
});
