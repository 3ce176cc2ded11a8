// Runs every scoring vector (sync-protocol/vectors/scoring/*.json) through the TypeScript scorer;
// the Python scorer runs the same files (tests/scoring/test_vectors.py).
import { describe, expect, it } from 'vitest';

import { ACTIVITY_TYPES, ActivityConfigInvalidError, AnswersInvalidError, ScoringError, generateGrid, scoreActivity } from './index';
import type { ItemResult } from './index';

interface VectorCase {
  name: string;
  config: { words?: string[] } & Record<string, unknown>;
  answers: unknown;
  expected?: { score: number; correct: number; total: number; items: ItemResult[] };
  expected_error?: string;
  grid?: string[];
}

interface VectorFile {
  activity_type: string;
  cases: VectorCase[];
}

const VECTOR_FILES = import.meta.glob<VectorFile>('../../../../sync-protocol/vectors/scoring/*.json', {
  eager: true,
  import: 'default',
});
const CONFIG_ERROR_CODES = new Set(['invalid_config', 'unknown_activity_type', 'words_not_placeable']);
const MIN_CASES_PER_TYPE = 15;

function scoringError(run: () => unknown): ScoringError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScoringError) return error;
    throw error;
  }
  throw new Error('expected a ScoringError, got a score');
}

it('has a vector file of at least 15 cases for every activity type', () => {
  const files = Object.values(VECTOR_FILES);
  expect(files.map((file) => file.activity_type).sort()).toEqual([...ACTIVITY_TYPES].sort());
  for (const file of files) expect(file.cases.length).toBeGreaterThanOrEqual(MIN_CASES_PER_TYPE);
});

for (const [path, file] of Object.entries(VECTOR_FILES)) {
  describe(path.split('/').pop() ?? path, () => {
    for (const vector of file.cases) {
      it(vector.name, () => {
        if (vector.expected_error !== undefined) {
          const error = scoringError(() => scoreActivity(file.activity_type, vector.config, vector.answers));
          expect(error.code).toBe(vector.expected_error);
          const expectedClass = CONFIG_ERROR_CODES.has(vector.expected_error)
            ? ActivityConfigInvalidError
            : AnswersInvalidError;
          expect(error).toBeInstanceOf(expectedClass);
          return;
        }
        const result = scoreActivity(file.activity_type, vector.config, vector.answers);
        expect(result).toEqual(vector.expected);
        if (vector.grid !== undefined) {
          const { seed } = vector.answers as { seed: number };
          expect(generateGrid(vector.config.words ?? [], seed)).toEqual(vector.grid);
        }
      });
    }
  });
}

it('rejects an unknown activity type as a config error', () => {
  const error = scoringError(() => scoreActivity('crossword', { type: 'crossword' }, {}));
  expect(error).toBeInstanceOf(ActivityConfigInvalidError);
  expect(error.code).toBe('unknown_activity_type');
});
