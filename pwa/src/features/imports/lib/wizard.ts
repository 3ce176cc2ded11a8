import type { ImportKind, ImportProblem, ImportReport, PreviewRow } from './types';

export type WizardStep = 'choose' | 'upload' | 'preview' | 'importing' | 'summary';
export const STEPS: WizardStep[] = ['choose', 'upload', 'preview', 'importing', 'summary'];

export type WizardState = {
  step: WizardStep;
  kind: ImportKind | null;
  file: File | null;
  validation: ImportReport | null;
  result: ImportReport | null;
  error: string | null;
  busy: boolean;
};

export type WizardAction =
  | { type: 'chooseKind'; kind: ImportKind }
  | { type: 'toUpload' }
  | { type: 'pickFile'; file: File | null }
  | { type: 'validating' }
  | { type: 'validated'; report: ImportReport }
  | { type: 'importing' }
  | { type: 'imported'; report: ImportReport }
  | { type: 'failed'; message: string }
  | { type: 'back' }
  | { type: 'restart' };

export function initialWizardState(kind: ImportKind | null): WizardState {
  return { step: 'choose', kind, file: null, validation: null, result: null, error: null, busy: false };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'chooseKind':
      return { ...state, kind: action.kind };
    case 'toUpload':
      return state.kind ? { ...state, step: 'upload', error: null } : state;
    case 'pickFile':
      return { ...state, file: action.file, validation: null, error: null };
    case 'validating':
      return { ...state, busy: true, error: null };
    case 'validated':
      return { ...state, busy: false, validation: action.report, step: 'preview' };
    case 'importing':
      return { ...state, busy: true, error: null, step: 'importing' };
    case 'imported':
      return { ...state, busy: false, result: action.report, step: 'summary' };
    case 'failed':
      // A failed import goes back to the preview, where the user can try again; a failed check stays on upload.
      return { ...state, busy: false, error: action.message, step: state.step === 'importing' ? 'preview' : state.step };
    case 'back':
      if (state.step === 'upload') return { ...state, step: 'choose', error: null };
      if (state.step === 'preview') return { ...state, step: 'upload', validation: null, error: null };
      return state;
    case 'restart':
      return initialWizardState(state.kind);
  }
}

/** Can the whole file be imported as it is (every row valid)? */
export const canImportAll = (report: ImportReport) => report.rows_invalid === 0 && report.rows_valid > 0;
/** Is "import only the valid rows" worth offering (some valid, some not)? */
export const canImportValidOnly = (report: ImportReport) => report.rows_invalid > 0 && report.rows_valid > 0;

/** The preview's columns, in the order they first appear. */
export function previewColumns(rows: PreviewRow[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row.values)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

const norm = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Problems indexed for the preview table: by "row:column" for the cell they point at, and by row for
 * problems about a whole row (or a column the preview does not show).
 */
export function indexProblems(problems: ImportProblem[], columns: string[]) {
  const byCell = new Map<string, string[]>();
  const byRow = new Map<number, string[]>();
  const columnByNorm = new Map(columns.map((c) => [norm(c), c]));
  const push = (map: Map<string | number, string[]>, key: string | number, message: string) => {
    map.set(key, [...(map.get(key) ?? []), message]);
  };
  for (const problem of problems) {
    const column = problem.column === null ? undefined : columnByNorm.get(norm(problem.column));
    if (column !== undefined) push(byCell, `${problem.row}:${column}`, problem.message);
    else push(byRow, problem.row, problem.message);
  }
  return {
    cell: (row: number, column: string) => byCell.get(`${row}:${column}`) ?? [],
    row: (row: number) => byRow.get(row) ?? [],
  };
}

/** A cell of a checked row (a JSON value) as the preview table shows it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
