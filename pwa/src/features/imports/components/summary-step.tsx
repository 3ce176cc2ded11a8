import { Link } from '@tanstack/react-router';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { saveBlob } from '@/shared/lib/download';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { useErrorMessage } from '@/shared/hooks/use-error-message';

import { downloadErrorSheet } from '../api/imports';
import type { ImportReport } from '../lib/types';

/** Step 4: what was imported, the error sheet, and the new passwords (shown once). */
export function SummaryStep({
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
