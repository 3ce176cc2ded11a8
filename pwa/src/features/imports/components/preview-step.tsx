import { AlertTriangle } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import { Button } from '@/shared/ui/button';

import type { ImportReport } from '../lib/types';
import { canImportAll, canImportValidOnly, cellText, indexProblems, previewColumns } from '../lib/wizard';

/** Step 3: every row with its problems, then import all rows or only the valid ones. */
export function PreviewStep({
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
