import { CalendarClock, ChevronDown, ChevronUp } from 'lucide-react';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';

import type { Assignment, AssignmentActivity, StudentResult } from '../api/types';
import { formatDateTime, formatDuration } from '../lib/format';
import { ExtensionEditor } from './extension-editor';
import { type RenderActivityAnswers, StudentAnswers } from './student-answers';

type Open = { studentId: string; panel: 'answers' | 'extension' } | null;

/** One row per targeted student (status, score, time) that opens their answers or a due-date extension. */
export function ResultsTable({
  assignment,
  rows,
  activities,
  renderAnswers,
}: {
  assignment: Assignment;
  rows: StudentResult[];
  activities: AssignmentActivity[];
  renderAnswers: RenderActivityAnswers;
}) {
  const { t } = useTranslation('assignments');
  const [open, setOpen] = useState<Open>(null);
  const panelBase = useId();
  if (rows.length === 0) return <p>{t('results.noStudents')}</p>;
  const toggle = (studentId: string, panel: 'answers' | 'extension') =>
    setOpen((current) => (current?.studentId === studentId && current.panel === panel ? null : { studentId, panel }));

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t('results.tableCaption', { name: assignment.name })}</caption>
        <thead>
          <tr className="border-b border-border">
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.student')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.status')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.score')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.time')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.completed')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.attempts')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              <span className="sr-only">{t('results.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const panelId = `${panelBase}-${row.student_id}`;
            const answersOpen = open?.studentId === row.student_id && open.panel === 'answers';
            const extensionOpen = open?.studentId === row.student_id && open.panel === 'extension';
            return (
              <Fragment key={row.student_id}>
                <ResultRow
                  assignment={assignment}
                  row={row}
                  panelId={panelId}
                  answersOpen={answersOpen}
                  extensionOpen={extensionOpen}
                  onToggle={(panel) => toggle(row.student_id, panel)}
                />
                {(answersOpen || extensionOpen) && (
                  <tr className="border-b border-border bg-muted/40">
                    <td colSpan={7} className="p-3" id={panelId}>
                      {answersOpen ? (
                        <StudentAnswers row={row} activities={activities} renderAnswers={renderAnswers} />
                      ) : (
                        <ExtensionEditor assignment={assignment} row={row} onDone={() => setOpen(null)} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ResultRow({
  assignment,
  row,
  panelId,
  answersOpen,
  extensionOpen,
  onToggle,
}: {
  assignment: Assignment;
  row: StudentResult;
  panelId: string;
  answersOpen: boolean;
  extensionOpen: boolean;
  onToggle: (panel: 'answers' | 'extension') => void;
}) {
  const { t, i18n } = useTranslation('assignments');
  const completed = formatDateTime(row.completed_at, i18n.language);
  const started = formatDateTime(row.started_at, i18n.language);
  const extendedDue = formatDateTime(row.due_at_extension, i18n.language);
  const attempt = row.latest_attempt;
  const hasAnswers = Object.keys(attempt?.answers ?? {}).length + Object.keys(attempt?.answers_not_submitted ?? {}).length > 0;
  return (
    <tr className="border-b border-border align-top" data-testid="result-row">
      <th scope="row" className="p-2 font-medium">
        {row.full_name}
        {(extendedDue || row.time_limit_extension_minutes) && (
          <span className="block text-xs font-normal text-muted-foreground">
            {[
              extendedDue && t('results.extendedDue', { date: extendedDue }),
              row.time_limit_extension_minutes && t('results.extendedTime', { count: row.time_limit_extension_minutes }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
      </th>
      <td className="p-2">
        <span className="flex flex-wrap gap-1">
          <StatusBadge row={row} />
          {row.synced_late && (
            <Badge className="border-amber-600 text-amber-800 dark:text-amber-300" title={t('results.syncedLateHint')}>
              {t('status.syncedLate')}
            </Badge>
          )}
        </span>
      </td>
      <td className="p-2 font-semibold">{row.score === null ? '—' : t('results.score', { score: row.score })}</td>
      <td className="p-2">{row.time_spent_seconds > 0 ? formatDuration(row.time_spent_seconds, t) : '—'}</td>
      <td className="p-2">{completed ?? (started ? t('results.startedAt', { date: started }) : '—')}</td>
      <td className="p-2">{t('results.attemptsOf', { used: row.attempts_used, max: assignment.max_attempts })}</td>
      <td className="p-2">
        <span className="flex flex-wrap justify-end gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={!hasAnswers}
            aria-expanded={answersOpen}
            aria-controls={answersOpen ? panelId : undefined}
            aria-label={t('results.answersFor', { name: row.full_name })}
            onClick={() => onToggle('answers')}
          >
            {answersOpen ? <ChevronUp aria-hidden="true" /> : <ChevronDown aria-hidden="true" />}
            {t('results.answers')}
          </Button>
          <Button
            variant="outline"
            size="sm"
            aria-expanded={extensionOpen}
            aria-controls={extensionOpen ? panelId : undefined}
            aria-label={t('results.extensionFor', { name: row.full_name })}
            onClick={() => onToggle('extension')}
          >
            <CalendarClock aria-hidden="true" />
            {t('results.extension')}
          </Button>
        </span>
      </td>
    </tr>
  );
}

function StatusBadge({ row }: { row: StudentResult }) {
  const { t } = useTranslation('assignments');
  if (row.past_due && row.status !== 'submitted') {
    return <Badge className="border-destructive/50 text-destructive">{t('status.pastDue')}</Badge>;
  }
  const tone = {
    not_started: 'text-muted-foreground',
    in_progress: 'border-primary/50 text-primary',
    submitted: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  }[row.status];
  return <Badge className={tone}>{t(`status.${row.status}`)}</Badge>;
}
