import { ChevronLeft, ChevronRight, CloudOff, Send, Timer } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getDb, type AssignmentRow } from '@/shared/db/db';
import { useNow } from '@/shared/hooks/use-now';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import { ActivityPlayer } from '@/shared/players';
import { answersDeadlineMs, type Answers } from '@/shared/scoring';
import { compareHlc } from '@/shared/sync';
import type { AnswerEntry, AttemptState } from '@/shared/sync/types';
import { currentScheduler, useVisibleChanges, type AssignmentPayload, type VisibleChange } from '@/shared/sync-engine';
import { Alert } from '@/shared/ui/alert';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/shared/ui/alert-dialog';
import { Button } from '@/shared/ui/button';

import { formatClock } from '../lib/assignment-view';
import { useAssetUrl } from '../lib/use-asset-url';
import { useAttemptWrites } from '../lib/use-attempt-writes';
import { BackLink } from './back-link';

type Props = {
  userId: string;
  payload: AssignmentPayload;
  row: AssignmentRow;
  attempt: AttemptState;
  onSubmitted: () => void;
};

/** A started attempt: activities in order, auto-save on every change, a timer when time-limited, submit. */
export function PlayerSession({ userId, payload, row, attempt, onSubmitted }: Props) {
  const { t } = useTranslation('student');
  const activities = [...payload.activities].sort((a, b) => a.position - b.position);
  const [index, setIndex] = useState(0);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const assetUrl = useAssetUrl(row);
  const attemptId = attempt.attempt_id;
  const { saveAnswers, submit, submitting } = useAttemptWrites({
    userId,
    attemptId,
    activities,
    answers: attempt.answers,
    onSubmitted,
  });
  const { merged, notice, remount } = useServerMerges(userId, attemptId);
  const remaining = useTimeLeft(payload, attempt);
  useEffect(() => {
    if (remaining !== null && remaining <= 0) void submit();
  }, [remaining, submit]);

  const activity = activities[index];
  if (activity === undefined) return <p>{t('player.noActivities')}</p>;
  const live = attempt.answers[activity.activity_id];
  const fresh = merged[activity.activity_id];
  const initial = live === undefined ? fresh : fresh === undefined || compareHlc(live.hlc, fresh.hlc) >= 0 ? live : fresh;
  const isLast = index === activities.length - 1;

  return (
    <div className="grid gap-4">
      <BackLink />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-bold tracking-tight">{payload.name}</h1>
        {remaining !== null && <TimeLeft remaining={remaining} />}
      </header>
      {payload.instructions && <p className="text-muted-foreground">{payload.instructions}</p>}
      {notice !== null && (
        <Alert role="status">
          {notice}
        </Alert>
      )}
      <nav aria-label={t('player.activities')} className="flex flex-wrap items-center gap-2">
        {activities.map((item, position) => (
          <Button
            key={item.activity_id}
            size="sm"
            variant={position === index ? 'default' : 'outline'}
            aria-current={position === index ? 'step' : undefined}
            aria-label={t('player.activityN', { n: position + 1, total: activities.length })}
            onClick={() => setIndex(position)}
          >
            {position + 1}
            {attempt.answers[item.activity_id] !== undefined && <span aria-hidden="true">✓</span>}
          </Button>
        ))}
        <SaveState saved={savedAt !== null} />
      </nav>
      {assetUrl === null ? (
        <p>{t('loading')}</p>
      ) : (
        <ActivityPlayer
          key={`${activity.activity_id}:${remount}`}
          activity={{ id: activity.activity_id, type: activity.type, config: activity.config }}
          assetUrl={assetUrl}
          initialAnswers={initial?.value as Answers | undefined}
          readOnly={submitting}
          onChange={(answers) => {
            void saveAnswers(activity.activity_id, answers as unknown as Record<string, unknown>).then(() => setSavedAt(Date.now()));
          }}
        />
      )}
      <div className="flex flex-wrap gap-3">
        <Button variant="outline" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          <ChevronLeft aria-hidden="true" />
          {t('player.previous')}
        </Button>
        {isLast ? (
          <Button onClick={() => setConfirming(true)} disabled={submitting}>
            <Send aria-hidden="true" />
            {t('player.submit')}
          </Button>
        ) : (
          <Button onClick={() => setIndex(index + 1)}>
            {t('player.next')}
            <ChevronRight aria-hidden="true" />
          </Button>
        )}
      </div>
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogTitle>{t('player.confirmTitle')}</AlertDialogTitle>
          <AlertDialogDescription>{t('player.confirmBody')}</AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('player.keepWorking')}</AlertDialogCancel>
            <AlertDialogAction onClick={() => void submit()}>{t('player.confirmSubmit')}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

/**
 * A merge from the server that changed what is on screen (work from another device): its answers (the live query
 * may deliver them a moment later), a notice that says so, and a key that reloads the player.
 */
function useServerMerges(userId: string, attemptId: string) {
  const { t } = useTranslation('student');
  const [merged, setMerged] = useState<Record<string, AnswerEntry>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [remount, setRemount] = useState(0);
  const onVisibleChange = useCallback(
    (change: VisibleChange) => {
      if (change.attemptId !== attemptId) return;
      void getDb()
        .attemptStates.get(attemptId)
        .then((fresh) => {
          if (fresh) setMerged(fresh.state.answers);
          setNotice(change.statusChanged ? t('player.submittedElsewhere') : t('player.updatedFromServer'));
          setRemount((value) => value + 1);
        });
    },
    [attemptId, t],
  );
  useVisibleChanges(currentScheduler(userId), onVisibleChange);
  return { merged, notice, remount };
}

/** Milliseconds left of a time-limited attempt (ticking every second), or null without a limit. */
function useTimeLeft(payload: AssignmentPayload, attempt: AttemptState): number | null {
  const now = useNow(1000);
  // The countdown ends at the limit itself (no grace: the server's grace covers the submission's trip).
  const deadline =
    attempt.started === null ? null : answersDeadlineMs(attempt.started.device_time, payload.time_limit_minutes, 0);
  return deadline === null ? null : deadline - now;
}

function TimeLeft({ remaining }: { remaining: number }) {
  const { t } = useTranslation('student');
  return (
    <span
      role="timer"
      aria-label={t('player.timeLeft')}
      data-testid="timer"
      className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 font-mono text-lg font-semibold ${remaining < 60_000 ? 'bg-red-100 text-red-900' : 'bg-accent'}`}
    >
      <Timer aria-hidden="true" className="size-5" />
      {formatClock(remaining)}
    </span>
  );
}

function SaveState({ saved }: { saved: boolean }) {
  const { t } = useTranslation('student');
  const online = useOnlineStatus();
  return (
    <span className="ml-auto text-sm text-muted-foreground" role="status" data-testid="save-state">
      {saved ? t('player.savedOnDevice') : ''}
      {!online && (
        <span className="ml-2 inline-flex items-center gap-1">
          <CloudOff aria-hidden="true" className="size-4" />
          {t('player.offlineNote')}
        </span>
      )}
    </span>
  );
}
