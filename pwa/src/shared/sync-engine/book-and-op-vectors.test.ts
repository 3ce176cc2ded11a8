// Runs the shared vectors of what the device builds and reads (sync-protocol/vectors/books/*.json and
// sync/op_kinds.json); the Python suite runs the same files (tests/books/test_shared_vectors.py,
// tests/sync/test_vectors.py).
import { describe, expect, expectTypeOf, it } from 'vitest';

import type { components } from '@/shared/api/generated/schema';
import { ACTIVITY_TYPES, type ActivityType } from '@/shared/scoring';

import { relativeAssetPath } from './assets-store';
import { kindFor } from './local-store';
import { opShapeError } from './op-shape';
import type { SyncOp } from './types';

interface PathCase {
  name: string;
  storage_id: string;
  path: string;
  expected?: string;
}

const BOOKS = import.meta.glob('../../../../sync-protocol/vectors/books/*.json', { eager: true, import: 'default' });
const byName = Object.fromEntries(Object.entries(BOOKS).map(([path, data]) => [path.split('/').pop() ?? path, data]));
const { activity_types: sharedTypes } = byName['activity_types.json'] as { activity_types: string[] };
const assetPaths = byName['asset_paths.json'] as { relative: PathCase[]; unsafe: PathCase[] };
const { cases: opCases } = (await import('../../../../sync-protocol/vectors/sync/op_kinds.json')).default as {
  cases: { name: string; op: SyncOp; expected_error: string | null }[];
};

it('runs every book vector file', () => {
  expect(Object.keys(byName).sort()).toEqual(['activity_types.json', 'asset_paths.json']);
});

it('lists the activity types of the shared list, as the server API does', () => {
  expect([...ACTIVITY_TYPES]).toEqual(sharedTypes);
  expectTypeOf<ActivityType>().toEqualTypeOf<components['schemas']['ActivityType']>();
});

describe('asset paths to book-relative keys', () => {
  for (const vector of assetPaths.relative) {
    it(vector.name, () => expect(relativeAssetPath(vector.path)).toBe(vector.expected));
  }
  // The unsafe cases are refused by the server when it syncs the book, so they never reach a device.
  it('has unsafe cases for the server', () => expect(assetPaths.unsafe.length).toBeGreaterThan(0));
});

describe('op kinds', () => {
  for (const vector of opCases) {
    it(vector.name, () => expect(opShapeError(vector.op)?.code ?? null).toBe(vector.expected_error));
  }
  it('builds the kind each valid state needs', () => {
    for (const { op } of opCases.filter((vector) => vector.expected_error === null)) {
      const kind = kindFor(op.attempt, op.kind === 'start_attempt');
      expect(opShapeError({ ...op, kind, client_score: undefined })).toBeNull();
    }
  });
});
