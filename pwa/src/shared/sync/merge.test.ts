// Runs every sync vector (sync-protocol/vectors/sync/*.json) through the TypeScript merge core; the Python core
// runs the same files (tests/sync/test_vectors.py), which also checks the messages against the JSON Schemas.
import { describe, expect, it } from 'vitest';

import {
  AttemptKeyMismatchError,
  applyIncoming,
  attemptIdFor,
  classifySubmission,
  compareHlc,
  compareVectors,
  correctDeviceTime,
  hlcReceive,
  hlcTick,
  joinCounters,
  measureSkew,
  mergeAttemptStates,
} from './index';
import type { AttemptState, Counters, Hlc, Outcome, SubmissionTiming, SubmissionTimingInput, VectorOrder } from './index';

type Named<T> = T & { name: string };

interface VectorFiles {
  'version_vectors.json': { cases: Named<{ a: Counters; b: Counters; expected: VectorOrder; join: Counters }>[] };
  'hlc.json': {
    compare: Named<{ a: Hlc; b: Hlc; expected: number }>[];
    tick: Named<{ local: Hlc; now: number; expected: Hlc }>[];
    receive: Named<{ local: Hlc; remote: Hlc; now: number; expected: Hlc }>[];
  };
  'attempt_ids.json': {
    cases: { assignment_id: string; student_id: string; attempt_number: number; expected: string }[];
  };
  'merges.json': { cases: Named<{ a: AttemptState; b: AttemptState; expected: AttemptState }>[] };
  'merge_laws.json': { cases: Named<{ states: AttemptState[]; expected: AttemptState }>[] };
  'apply.json': {
    cases: Named<{ pushes: { incoming: AttemptState; outcome: Outcome; state: AttemptState }[] }>[];
  };
  'submission_timing.json': {
    skew: Named<{
      client_time: number;
      server_received: number;
      expected_skew: number;
      device_time: number;
      expected_corrected: number;
    }>[];
    cases: Named<{ input: SubmissionTimingInput; expected: SubmissionTiming }>[];
  };
}

const LOADED = import.meta.glob('../../../../sync-protocol/vectors/sync/*.json', { eager: true, import: 'default' });
const BY_NAME = Object.fromEntries(Object.entries(LOADED).map(([path, data]) => [path.split('/').pop() ?? path, data]));
const TESTED_HERE = [
  'apply.json',
  'attempt_ids.json',
  'hlc.json',
  'merge_laws.json',
  'merges.json',
  'submission_timing.json',
  'version_vectors.json',
] as const;

function vectors<K extends keyof VectorFiles>(name: K): VectorFiles[K] {
  return BY_NAME[name] as VectorFiles[K];
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

it('runs every vector file (messages.json is checked against the schemas by the Python suite)', () => {
  // op_kinds.json is run by shared/sync-engine/book-and-op-vectors.test.ts, next to the op builder.
  expect(Object.keys(BY_NAME).sort()).toEqual([...TESTED_HERE, 'messages.json', 'op_kinds.json'].sort());
});

describe('version vectors', () => {
  for (const vector of vectors('version_vectors.json').cases) {
    it(vector.name, () => {
      expect(compareVectors(vector.a, vector.b)).toBe(vector.expected);
      const mirrored = { dominates: 'dominated', dominated: 'dominates' }[vector.expected as string] ?? vector.expected;
      expect(compareVectors(vector.b, vector.a)).toBe(mirrored);
      expect(joinCounters(vector.a, vector.b)).toEqual(vector.join);
      expect(Object.keys(joinCounters(vector.b, vector.a))).toEqual(Object.keys(vector.join));
    });
  }
});

describe('hybrid logical clock', () => {
  const file = vectors('hlc.json');
  for (const vector of file.compare) {
    it(`compare: ${vector.name}`, () => {
      expect(compareHlc(vector.a, vector.b)).toBe(vector.expected);
      expect(compareHlc(vector.b, vector.a)).toBe(-vector.expected || 0);
    });
  }
  for (const vector of file.tick) {
    it(`tick: ${vector.name}`, () => {
      const ticked = hlcTick(vector.local, vector.now);
      expect(ticked).toEqual(vector.expected);
      expect(compareHlc(ticked, vector.local)).toBe(1);
    });
  }
  for (const vector of file.receive) {
    it(`receive: ${vector.name}`, () => {
      const received = hlcReceive(vector.local, vector.remote, vector.now);
      expect(received).toEqual(vector.expected);
      expect([compareHlc(received, vector.local), compareHlc(received, vector.remote)]).toEqual([1, 1]);
    });
  }
});

describe('attempt ids', () => {
  for (const vector of vectors('attempt_ids.json').cases) {
    it(`${vector.assignment_id} attempt ${vector.attempt_number}`, () => {
      expect(attemptIdFor(vector.assignment_id, vector.student_id, vector.attempt_number)).toBe(vector.expected);
    });
  }
});

describe('merges', () => {
  for (const vector of vectors('merges.json').cases) {
    it(vector.name, () => {
      expect(mergeAttemptStates(vector.a, vector.b)).toEqual(vector.expected);
      expect(mergeAttemptStates(vector.b, vector.a)).toEqual(vector.expected);
      expect(mergeAttemptStates(vector.expected, vector.expected)).toEqual(vector.expected);
    });
  }

  it('refuses to merge states of different attempts', () => {
    const state = vectors('merges.json').cases[0]!.a;
    expect(() => mergeAttemptStates(state, { ...state, attempt_number: 2 })).toThrow(AttemptKeyMismatchError);
  });
});

describe('merge laws', () => {
  for (const vector of vectors('merge_laws.json').cases) {
    it(vector.name, () => {
      for (const order of permutations(vector.states)) {
        const [first, second, third] = order as [AttemptState, AttemptState, AttemptState];
        expect(order.reduce(mergeAttemptStates)).toEqual(vector.expected);
        expect(mergeAttemptStates(first, mergeAttemptStates(second, third))).toEqual(vector.expected);
      }
      for (const state of vector.states) expect(mergeAttemptStates(vector.expected, state)).toEqual(vector.expected);
    });
  }
});

describe('applying pushed states', () => {
  for (const vector of vectors('apply.json').cases) {
    it(vector.name, () => {
      let stored: AttemptState | null = null;
      for (const push of vector.pushes) {
        const [outcome, state] = applyIncoming(stored, push.incoming);
        expect([outcome, state]).toEqual([push.outcome, push.state]);
        stored = state;
      }
    });
  }
});

describe('clock skew and submission timing', () => {
  const file = vectors('submission_timing.json');
  for (const vector of file.skew) {
    it(`skew: ${vector.name}`, () => {
      const skew = measureSkew(vector.client_time, vector.server_received);
      expect(skew).toBe(vector.expected_skew);
      expect(correctDeviceTime(vector.device_time, skew, vector.server_received)).toBe(vector.expected_corrected);
    });
  }
  for (const vector of file.cases) {
    it(vector.name, () => {
      expect(classifySubmission(vector.input)).toEqual(vector.expected);
    });
  }
});
