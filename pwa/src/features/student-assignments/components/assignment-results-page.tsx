import { useNavigate } from '@tanstack/react-router';
import { RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { ActivityPlayer } from '@/shared/players';
import { getDb } from '@/shared/db/db';
import type { Answers } from '@/shared/scoring';
import { useSession } from '@/shared/session/session';
import { startAttempt, type AssignmentPayload } from '@/shared/sync-engine';
import { Button } from '@/shared/ui/button';
import { Card, CardContent } from '@/shared/ui/card';

import { useMyAssignment } from '../api/get-my-assignment';
import { clientScore } from '../lib/client-score';
import { useLocalAssignment, useLocalAttempts, usePendingAttemptIds } from '../lib/local-data';
import { useAssetUrl } from '../lib/use-asset-url';
import { BackLink } from './back-link';

/** After submitting: the score (the server's once it has marked the work), and the answers when allowed. */
export function AssignmentResultsPage({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation('student');
  const session = useSession();
  const me = session.status === 'signed-in' ? session.me : null;
  const userId = me?.id ?? '';
  const row = useLocalAssignment(userId, assignmentId);
  const attempts = useLocalAttempts(userId, assignmentId);
  const pending = usePendingAttemptIds(userId);
  const server = useMyAssignment(assignmentId);
  const assetUrl = useAssetUrl(row);
  const navigate = useNavigate();

  if (row === undefined || attempts === undefined) return <p>{t('loading')}</p>;
  const payload = row?.payload as AssignmentPayload | undefined;
  const submitted = attempts
    .map((item) => item.state)
    .filter((state) => state.submitted !== null)
    .sort((a, b) => a.attempt_number - b.attempt_number)
    .at(-1);
  const activities = [...(payload?.activities ?? [])].sort((a, b) => a.position - b.position);
  const serverScore = server.data?.status === 'submitted' ? server.data.score : null;
  const deviceScore = submitted ? clientScore(activities, submitted.answers) : null;
  const waiting = submitted !== undefined && (pending?.has(submitted.attempt_id) ?? false);
  const showAnswers = payload?.show_answers ?? server.data?.show_answers ?? false;
  const maxAttempts = payload?.max_attempts ?? server.data?.max_attempts ?? 1;
  const used = Math.max(submitted?.attempt_number ?? 0, server.data?.attempts_used ?? 0);

  const tryAgain = async () => {
    if (!me?.profile_id || submitted === undefined) return;
    await startAttempt({ db: getDb(), userId }, { assignmentId, studentId: me.profile_id, attemptNumber: submitted.attempt_number + 1 });
    await navigate({ to: '/student/assignments/$assignmentId', params: { assignmentId } });
  };

  return (
    <div className="grid gap-6">
      <BackLink />
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">{t('results.title')}</p>
        <h1 className="text-2xl font-bold tracking-tight">{payload?.name ?? server.data?.name ?? ''}</h1>
      </header>
      <Card>
        <CardContent className="grid gap-2 pt-6">
          {serverScore !== null && serverScore !== undefined ? (
            <p className="text-3xl font-bold" data-testid="result-score">
              {t('results.score', { score: serverScore })}
            </p>
          ) : (
            <>
              <p className="text-lg font-semibold" role="status">
                {waiting ? t('results.waitingToSync') : submitted || server.data ? t('results.beingMarked') : t('results.notSubmitted')}
              </p>
              {deviceScore !== null && <p className="text-muted-foreground">{t('results.deviceScore', { score: deviceScore })}</p>}
            </>
          )}
          {used < maxAttempts && submitted !== undefined && (
            <Button variant="outline" className="w-fit" onClick={() => void tryAgain()}>
              <RotateCcw aria-hidden="true" />
              {t('results.tryAgain', { count: maxAttempts - used })}
            </Button>
          )}
        </CardContent>
      </Card>
      {submitted !== undefined && showAnswers && assetUrl !== null ? (
        <section className="grid gap-8" aria-label={t('results.yourAnswers')}>
          {activities.map((activity) => (
            <ActivityPlayer
              key={activity.activity_id}
              activity={{ id: activity.activity_id, type: activity.type, config: activity.config }}
              assetUrl={assetUrl}
              initialAnswers={submitted.answers[activity.activity_id]?.value as Answers | undefined}
              showResults
              allowShowAnswers
            />
          ))}
        </section>
      ) : (
        submitted !== undefined && <p className="text-muted-foreground">{t('results.answersHidden')}</p>
      )}
    </div>
  );
}
