import { describe, expect, it } from 'vitest';

import type { ImportReport } from './types';
import {
  canImportAll,
  canImportValidOnly,
  indexProblems,
  initialWizardState,
  previewColumns,
  wizardReducer,
} from './wizard';

function makeReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    kind: 'students',
    mode: 'validate',
    rows_total: 2,
    rows_valid: 2,
    rows_invalid: 0,
    created: 2,
    updated: 0,
    unchanged: 0,
    problems: [],
    preview: [],
    error_sheet_url: null,
    created_credentials: [],
    ...overrides,
  };
}

describe('wizardReducer', () => {
  it('walks choose -> upload -> preview -> importing -> summary', () => {
    const file = new File(['a,b'], 'class.csv', { type: 'text/csv' });
    let state = initialWizardState(null);
    state = wizardReducer(state, { type: 'toUpload' });
    expect(state.step).toBe('choose'); // no kind chosen yet

    state = wizardReducer(state, { type: 'chooseKind', kind: 'students' });
    state = wizardReducer(state, { type: 'toUpload' });
    expect(state.step).toBe('upload');

    state = wizardReducer(state, { type: 'pickFile', file });
    state = wizardReducer(state, { type: 'validating' });
    expect(state.busy).toBe(true);
    const validation = makeReport();
    state = wizardReducer(state, { type: 'validated', report: validation });
    expect(state).toMatchObject({ step: 'preview', busy: false, validation, file });

    state = wizardReducer(state, { type: 'importing' });
    expect(state.step).toBe('importing');
    const result = makeReport({ mode: 'all_or_nothing' });
    state = wizardReducer(state, { type: 'imported', report: result });
    expect(state).toMatchObject({ step: 'summary', result });

    state = wizardReducer(state, { type: 'restart' });
    expect(state).toMatchObject({ step: 'choose', kind: 'students', file: null, result: null });
  });

  it('returns to the preview with the message when the import fails, and stays on upload when the check fails', () => {
    const preview = { ...initialWizardState('students'), step: 'importing' as const, validation: makeReport() };
    expect(wizardReducer(preview, { type: 'failed', message: 'boom' })).toMatchObject({
      step: 'preview',
      error: 'boom',
      busy: false,
    });
    const upload = { ...initialWizardState('students'), step: 'upload' as const, busy: true };
    expect(wizardReducer(upload, { type: 'failed', message: 'not a spreadsheet' })).toMatchObject({
      step: 'upload',
      error: 'not a spreadsheet',
    });
  });

  it('going back from the preview forgets the check, so a new file is checked again', () => {
    const state = { ...initialWizardState('students'), step: 'preview' as const, validation: makeReport() };
    expect(wizardReducer(state, { type: 'back' })).toMatchObject({ step: 'upload', validation: null });
  });
});

describe('import choices', () => {
  it('offers "all rows" only when every row is valid and "only valid rows" only for a mix', () => {
    expect(canImportAll(makeReport())).toBe(true);
    expect(canImportValidOnly(makeReport())).toBe(false);
    const mixed = makeReport({ rows_valid: 1, rows_invalid: 1 });
    expect(canImportAll(mixed)).toBe(false);
    expect(canImportValidOnly(mixed)).toBe(true);
    const none = makeReport({ rows_valid: 0, rows_invalid: 2 });
    expect(canImportAll(none)).toBe(false);
    expect(canImportValidOnly(none)).toBe(false);
  });
});

describe('indexProblems', () => {
  it('puts a problem on its cell (matching the column loosely) and others on the row', () => {
    const rows: ImportReport['preview'] = [
      { row: 2, values: { first_name: 'Ada', username: 'ada' }, status: 'new' },
      { row: 3, values: { first_name: '', username: 'ada', grade: '3' }, status: 'invalid' },
    ];
    const columns = previewColumns(rows);
    expect(columns).toEqual(['first_name', 'username', 'grade']);

    const problems = indexProblems(
      [
        { row: 3, column: 'First Name', message: 'Required.' },
        { row: 3, column: 'username', message: 'Used twice in the file.' },
        { row: 3, column: null, message: 'Row is a duplicate.' },
        { row: 3, column: 'nickname', message: 'Unknown column.' },
      ],
      columns,
    );

    expect(problems.cell(3, 'first_name')).toEqual(['Required.']);
    expect(problems.cell(3, 'username')).toEqual(['Used twice in the file.']);
    expect(problems.cell(2, 'username')).toEqual([]);
    expect(problems.row(3)).toEqual(['Row is a duplicate.', 'Unknown column.']);
    expect(problems.row(2)).toEqual([]);
  });
});
