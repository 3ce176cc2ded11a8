import { Link } from '@tanstack/react-router';
import { AlertTriangle, Download, FileSpreadsheet, Upload } from 'lucide-react';
import { useEffect, useId, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import { saveBlob } from '@/shared/lib/download';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent } from '@/shared/ui/card';
import { Label } from '@/shared/ui/label';
import { useErrorMessage } from '@/shared/hooks/use-error-message';

import { downloadErrorSheet, downloadTemplate, uploadImport } from '../api/imports';
import type { ImportMode, ImportReport, ImportTarget } from '../lib/types';
import {
  canImportAll,
  canImportValidOnly,
  cellText,
  indexProblems,
  initialWizardState,
  previewColumns,
  STEPS,
  type WizardStep,
  wizardReducer,
} from '../lib/wizard';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * The bulk-import wizard: choose what to import, get the template, upload, look at every row with its
 * problems, confirm (all rows, or only the valid ones), then the summary with any new passwords (once).
 */
export function ImportWizard({ targets, doneTo }: { targets: ImportTarget[]; doneTo?: string }) {
  const { t } = useTranslation(['imports', 'ui']);
  const [state, dispatch] = useReducer(wizardReducer, targets.length === 1 ? targets[0]!.kind : null, initialWizardState);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const target = targets.find((x) => x.kind === state.kind) ?? null;

  // Move focus to the new step's heading, so keyboard and screen-reader users follow the wizard.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.step]);

  const describe = useErrorMessage();

  const validate = async () => {
    if (!target || !state.file) return;
    dispatch({ type: 'validating' });
    try {
      dispatch({ type: 'validated', report: await uploadImport(target, state.file, 'validate') });
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  const runImport = async (mode: Exclude<ImportMode, 'validate'>) => {
    if (!target || !state.file) return;
    dispatch({ type: 'importing' });
    try {
      dispatch({ type: 'imported', report: await uploadImport(target, state.file, mode) });
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  const getTemplate = async (format: 'xlsx' | 'csv') => {
    if (!state.kind) return;
    try {
      const { blob, fileName } = await downloadTemplate(state.kind, format);
      saveBlob(blob, fileName);
    } catch (error) {
      dispatch({ type: 'failed', message: describe(error) });
    }
  };

  return (
    <div className="grid gap-6">
      <StepList current={state.step} />
      <Card>
        <CardContent className="grid gap-5">
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
            {t(`steps.${state.step}`)}
          </h2>
          {state.error ? <Alert variant="destructive">{state.error}</Alert> : null}

          {state.step === 'choose' ? (
            <ChooseStep
              targets={targets}
              kind={state.kind}
              onChoose={(kind) => dispatch({ type: 'chooseKind', kind })}
              onTemplate={getTemplate}
              onNext={() => dispatch({ type: 'toUpload' })}
            />
          ) : null}

          {state.step === 'upload' ? (
            <UploadStep
              file={state.file}
              busy={state.busy}
              onPick={(file) => dispatch({ type: 'pickFile', file })}
              onBack={() => dispatch({ type: 'back' })}
              onCheck={() => void validate()}
            />
          ) : null}

          {state.step === 'preview' && state.validation ? (
            <PreviewStep
              report={state.validation}
              onBack={() => dispatch({ type: 'back' })}
              onImport={(mode) => void runImport(mode)}
            />
          ) : null}

          {state.step === 'importing' ? (
            <div className="grid gap-3" aria-live="polite">
              <p>{t('importing', { name: state.file?.name ?? '' })}</p>
              <div
                role="progressbar"
                aria-label={t('steps.importing')}
                aria-busy="true"
                className="h-3 overflow-hidden rounded-full bg-muted"
              >
                <div className="h-full w-1/3 animate-pulse rounded-full bg-primary" />
              </div>
            </div>
          ) : null}

          {state.step === 'summary' && state.result ? (
            <SummaryStep
              report={state.result}
              onError={(message) => dispatch({ type: 'failed', message })}
              onRestart={() => dispatch({ type: 'restart' })}
              doneTo={doneTo}
            />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function StepList({ current }: { current: WizardStep }) {
  const { t } = useTranslation('imports');
  const index = STEPS.indexOf(current);
  return (
    <ol aria-label={t('progressLabel')} className="flex flex-wrap gap-2 text-sm">
      {STEPS.map((step, i) => (
        <li
          key={step}
          aria-current={step === current ? 'step' : undefined}
          className={cn(
            'flex items-center gap-2 rounded-full border px-3 py-1',
            step === current ? 'border-primary bg-primary text-primary-foreground' : 'border-border',
            i < index ? 'text-foreground' : step === current ? '' : 'text-muted-foreground',
          )}
        >
          <span aria-hidden="true">{i + 1}</span>
          {t(`steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}

function ChooseStep({
  targets,
  kind,
  onChoose,
  onTemplate,
  onNext,
}: {
  targets: ImportTarget[];
  kind: string | null;
  onChoose: (kind: ImportTarget['kind']) => void;
  onTemplate: (format: 'xlsx' | 'csv') => Promise<void>;
  onNext: () => void;
}) {
  const { t } = useTranslation('imports');
  return (
    <div className="grid gap-5">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('chooseKind')}</legend>
        {targets.map((target) => (
          <label
            key={target.kind}
            className="flex min-h-11 items-center gap-3 rounded-lg border border-border px-3 has-[:checked]:border-primary"
          >
            <input
              type="radio"
              name="import-kind"
              className="size-5 accent-primary"
              value={target.kind}
              checked={kind === target.kind}
              onChange={() => onChoose(target.kind)}
            />
            <span className="grid">
              <span className="font-medium">{t(`kinds.${target.kind}.label`)}</span>
              <span className="text-sm text-muted-foreground">{t(`kinds.${target.kind}.columns`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-2">
        <p className="text-sm text-muted-foreground">{t('templateHint')}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" disabled={!kind} onClick={() => void onTemplate('xlsx')}>
            <Download aria-hidden="true" />
            {t('templateXlsx')}
          </Button>
          <Button variant="outline" disabled={!kind} onClick={() => void onTemplate('csv')}>
            <Download aria-hidden="true" />
            {t('templateCsv')}
          </Button>
        </div>
      </div>
      <div className="flex justify-end">
        <Button disabled={!kind} onClick={onNext}>
          {t('next')}
        </Button>
      </div>
    </div>
  );
}

function UploadStep({
  file,
  busy,
  onPick,
  onBack,
  onCheck,
}: {
  file: File | null;
  busy: boolean;
  onPick: (file: File | null) => void;
  onBack: () => void;
  onCheck: () => void;
}) {
  const { t } = useTranslation('imports');
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <Label htmlFor={inputId}>{t('fileLabel')}</Label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          aria-describedby={hintId}
          className="min-h-11 rounded-lg border border-dashed border-input p-3 file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-secondary file:px-3 file:font-medium"
          onChange={(e) => onPick(e.target.files?.[0] ?? null)}
        />
        <p id={hintId} className="text-sm text-muted-foreground">
          {t('fileHint')}
        </p>
      </div>
      {file ? (
        <p className="flex items-center gap-2 text-sm">
          <FileSpreadsheet aria-hidden="true" className="size-4" />
          {t('chosenFile', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) })}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button variant="outline" onClick={onBack}>
          {t('back')}
        </Button>
        <Button disabled={!file || busy} onClick={onCheck}>
          <Upload aria-hidden="true" />
          {busy ? t('checking') : t('check')}
        </Button>
      </div>
    </div>
  );
}

function PreviewStep({
  report,
  onBack,
  onImport,
}: {
  report: ImportReport;
  onBack: () => void;
  onImport: (mode: 'all_or_nothing' | 'valid_only') => void;
}) {
  const { t } = useTranslation('imports');
  const columns = previewColumns(report.preview);
  const problems = indexProblems(report.problems, columns);
  return (
    <div className="grid gap-5">
      <p aria-live="polite" className="grid gap-1">
        <span>{t('previewCounts', { total: report.rows_total, valid: report.rows_valid, invalid: report.rows_invalid })}</span>
        {report.rows_invalid > 0 ? (
          <span className="text-destructive">{t('previewHasProblems', { count: report.problems.length })}</span>
        ) : (
          <span>{t('previewAllValid')}</span>
        )}
      </p>
      {report.preview.length > 0 ? (
        <div className="max-h-[60vh] overflow-auto rounded-xl border border-border">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('previewCaption')}</caption>
            <thead className="sticky top-0 bg-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t('row')}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t('status')}
                </th>
                {columns.map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.preview.map((row) => {
                const rowProblems = problems.row(row.row);
                const invalid = row.status === 'invalid';
                return (
                  <tr key={row.row} className={cn('border-t border-border', invalid && 'bg-destructive/5')} data-status={row.status}>
                    <th scope="row" className="px-3 py-2 align-top font-normal whitespace-nowrap">
                      {row.row}
                      {invalid ? (
                        <AlertTriangle aria-label={t('rowInvalid')} role="img" className="ml-1 inline size-4 text-destructive" />
                      ) : null}
                      {rowProblems.length > 0 ? (
                        <span className="block text-xs text-destructive">{rowProblems.join(' ')}</span>
                      ) : null}
                    </th>
                    <td className={cn('px-3 py-2 align-top whitespace-nowrap', invalid && 'font-medium text-destructive')}>
                      {t(`rowStatus.${row.status}`)}
                    </td>
                    {columns.map((column) => {
                      const messages = problems.cell(row.row, column);
                      return (
                        <td
                          key={column}
                          className={cn(
                            'px-3 py-2 align-top',
                            messages.length > 0 && 'bg-destructive/10 outline-2 -outline-offset-2 outline-destructive',
                          )}
                          aria-invalid={messages.length > 0 ? true : undefined}
                          data-problem={messages.length > 0 ? 'true' : undefined}
                        >
                          {cellText(row.values[column])}
                          {messages.length > 0 ? <span className="block text-xs text-destructive">{messages.join(' ')}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.problems.length > 0 ? (
        <details className="rounded-lg border border-border p-3">
          <summary className="min-h-11 cursor-pointer content-center font-medium">
            {t('problemList', { count: report.problems.length })}
          </summary>
          <ul className="mt-2 grid gap-1 text-sm">
            {report.problems.map((problem, i) => (
              <li key={`${problem.row}-${problem.column ?? ''}-${i}`}>
                {t('problemLine', { row: problem.row, column: problem.column ?? '—', message: problem.message })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button variant="outline" onClick={onBack}>
          {t('chooseAnother')}
        </Button>
        <div className="flex flex-col gap-2 sm:flex-row">
          {canImportValidOnly(report) ? (
            <Button variant="outline" onClick={() => onImport('valid_only')}>
              {t('importValidOnly', { count: report.rows_valid })}
            </Button>
          ) : null}
          <Button disabled={!canImportAll(report)} onClick={() => onImport('all_or_nothing')}>
            {t('importAll', { count: report.rows_total })}
          </Button>
        </div>
      </div>
      {report.rows_invalid > 0 ? <p className="text-sm text-muted-foreground">{t('fixHint')}</p> : null}
    </div>
  );
}

function SummaryStep({
  report,
  onError,
  onRestart,
  doneTo,
}: {
  report: ImportReport;
  onError: (message: string) => void;
  onRestart: () => void;
  doneTo: string | undefined;
}) {
  const { t } = useTranslation(['imports', 'ui']);
  const errorMessage = useErrorMessage();
  const getErrorSheet = async () => {
    if (!report.error_sheet_url) return;
    try {
      const { blob, fileName } = await downloadErrorSheet(report.error_sheet_url);
      saveBlob(blob, fileName);
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  const credentialsCsv = () => {
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    const lines = [
      [t('credentials.name'), t('credentials.username'), t('credentials.password')].map(quote).join(','),
      ...report.created_credentials.map((c) => [c.full_name, c.username, c.password].map(quote).join(',')),
    ];
    saveBlob(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }), 'new-passwords.csv');
  };

  return (
    <div className="grid gap-5">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-live="polite">
        {(['created', 'updated', 'unchanged', 'rows_invalid'] as const).map((key) => (
          <div key={key} className="rounded-lg border border-border p-3">
            <dt className="text-sm text-muted-foreground">{t(`summary.${key}`)}</dt>
            <dd className="text-2xl font-bold" data-testid={`summary-${key}`}>
              {report[key]}
            </dd>
          </div>
        ))}
      </dl>
      {report.error_sheet_url ? (
        <Alert variant="destructive" className="flex flex-wrap items-center justify-between gap-2">
          <span>{t('summary.skipped', { count: report.rows_invalid })}</span>
          <Button variant="outline" onClick={() => void getErrorSheet()}>
            <Download aria-hidden="true" />
            {t('summary.errorSheet')}
          </Button>
        </Alert>
      ) : null}
      {report.created_credentials.length > 0 ? (
        <section aria-labelledby="credentials-heading" className="grid gap-3">
          <h3 id="credentials-heading" className="text-lg font-semibold">
            {t('credentials.title')}
          </h3>
          <Alert>{t('credentials.onlyOnce')}</Alert>
          <div className="overflow-x-auto rounded-xl border border-border">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('credentials.title')}</caption>
              <thead className="bg-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t('credentials.name')}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t('credentials.username')}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t('credentials.password')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.created_credentials.map((c) => (
                  <tr key={c.student_id} className="border-t border-border">
                    <td className="px-3 py-2">{c.full_name}</td>
                    <td className="px-3 py-2 font-mono">{c.username}</td>
                    <td className="px-3 py-2 font-mono">{c.password}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <Button variant="outline" onClick={credentialsCsv}>
              <Download aria-hidden="true" />
              {t('credentials.download')}
            </Button>
          </div>
        </section>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="outline" onClick={onRestart}>
          {t('another')}
        </Button>
        {doneTo ? (
          <Button asChild>
            <Link to={doneTo}>{t('done')}</Link>
          </Button>
        ) : null}
      </div>
    </div>
  );
}
