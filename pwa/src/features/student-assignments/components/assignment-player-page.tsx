import { Link, useNavigate } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight, CloudOff, Send, Timer } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ActivityPlayer } from '@/shared/players';
import { getDb } from '@/shared/db/db';
import { useActivityOpenWhileMounted } from '@/shared/hooks/use-activity-open-while-mounted';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import type { Answers } from '@/shared/scoring';
import { useSession } from '@/shared/session/session';
import { compareHlc } from '@/shared/sync';
import type { AnswerEntry, AttemptState } from '@/shared/sync/types';
import {
  addTimeSpent,
  currentScheduler,
  saveActivityAnswers,
  startAttempt,
  submitAttempt,
  useVisibleChanges,
  type AssignmentPayload,
  type VisibleChange,
} from '@/shared/sync-engine';
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
import { clientScore } from '../lib/client-score';
import { useLocalAssignment, useLocalAttempts } from '../lib/local-data';
import { useAssetUrl } from '../lib/use-asset-url';
import { useNow } from '../lib/use-now';

const TIME_FLUSH_SECONDS = 30;

/** The student's player: activities in order, auto-save on every change, a timer when time-limited, submit. */
export function AssignmentPlayerPage({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation('student');
  const session = useSession();
  const me = session.status === 'signed-in' ? session.me : null;
  const userId = me?.id ?? '';
  const row = useLocalAssignment(userId, assignmentId);
  const attemptRows = useLocalAttempts(userId, assignmentId);
  const online = useOnlineStatus();
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState<AttemptState | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  useActivityOpenWhileMounted();

  // Not on the device yet: ask the engine to pull now (online), the live query then shows it.
  useEffect(() => {
    if (row === null) void currentScheduler(userId)?.flush();
  }, [row, userId]);

  const latest = attemptRows?.map((item) => item.state).sort((a, b) => a.attempt_number - b.attempt_number).at(-1);
  const needsStart = row !== undefined && row !== null && attemptRows !== undefined && (latest === undefined || latest.started === null);

  useEffect(() => {
    if (!needsStart || me === null) return;
    if (!me.profile_id) {
      setStartError(t('player.noStudentProfile'));
      return;
    }
    void startAttempt(
      { db: getDb(), userId },
      { assignmentId, studentId: me.profile_id, attemptNumber: latest?.attempt_number ?? 1 },
    ).catch((error: unknown) => setStartError(String(error)));
  }, [needsStart, me, userId, assignmentId, latest?.attempt_number, t]);

  useEffect(() => {
    if (latest?.started) setAttempt(latest);
  }, [latest]);

  if (row === undefined || attemptRows === undefined) return <p>{t('loading')}</p>;
  if (row === null) {
    return (
      <div className="grid gap-4">
        <p role="status">{online ? t('player.fetching') : t('player.notOnDevice')}</p>
        <BackLink />
      </div>
    );
  }
  if (startError !== null) return <Alert variant="destructive">{startError}</Alert>;
  if (attempt === null) return <p>{t('loading')}</p>;
  if (attempt.submitted !== null) {
    return (
      <div className="grid gap-4">
        <p role="status">{t('player.alreadySubmitted')}</p>
        <Button asChild className="w-fit">
          <Link to="/student/assignments/$assignmentId/results" params={{ assignmentId }}>
            {t('dashboard.results')}
          </Link>
        </Button>
      </div>
    );
  }
  return (
    <PlayerSession
      userId={userId}
      payload={row.payload as AssignmentPayload}
      row={row}
      attempt={attempt}
      onSubmitted={() => void navigate({ to: '/student/assignments/$assignmentId/results', params: { assignmentId } })}
    />
  );
}

function BackLink() {
  const { t } = useTranslation('student');
  return (
    <Link to="/student" className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
      <ChevronLeft aria-hidden="true" className="size-4" />
      {t('player.back')}
    </Link>
  );
}

function PlayerSession({
  userId,
  payload,
  row,
  attempt,
  onSubmitted,
}: {
  userId: string;
  payload: AssignmentPayload;
  row: Parameters<typeof useAssetUrl>[0];
  attempt: AttemptState;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation('student');
  const activities = [...payload.activities].sort((a, b) => a.position - b.position);
  const [index, setIndex] = useState(0);
  const [remount, setRemount] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  // Answers read right after a server merge (the live query may deliver them a moment later).
  const [merged, setMerged] = useState<Record<string, AnswerEntry>>({});
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const assetUrl = useAssetUrl(row);
  const now = useNow(1000);
  const attemptId = attempt.attempt_id;
  // Writes are chained so they reach IndexedDB in the order the student made them.
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const unsavedSeconds = useRef(0);
  const submittedRef = useRef(false);
  const latestAnswers = useRef(attempt.answers);
  latestAnswers.current = attempt.answers;
  const ctx = useCallback(() => ({ db: getDb(), userId }), [userId]);
  const online = useOnlineStatus();

  const enqueue = useCallback((write: () => Promise<unknown>) => {
    writes.current = writes.current.then(write).catch((error: unknown) => console.error('local save failed', error));
    return writes.current;
  }, []);

  // Time spent: counted while the page is visible, saved every 30 s (and with the submission).
  useEffect(() => {
    const tick = setInterval(() => {
      if (document.visibilityState !== 'visible' || submittedRef.current) return;
      unsavedSeconds.current += 1;
      if (unsavedSeconds.current >= TIME_FLUSH_SECONDS) {
        const seconds = unsavedSeconds.current;
        unsavedSeconds.current = 0;
        void enqueue(() => addTimeSpent(ctx(), attemptId, seconds));
      }
    }, 1000);
    return () => {
      clearInterval(tick);
      const seconds = unsavedSeconds.current;
      unsavedSeconds.current = 0;
      if (seconds > 0 && !submittedRef.current) void enqueue(() => addTimeSpent(ctx(), attemptId, seconds));
    };
  }, [attemptId, ctx, enqueue]);

  const submit = useCallback(async () => {
    if (submittedRef.current) return;
    submittedRef.current = true;
    setSubmitting(true);
    const seconds = unsavedSeconds.current;
    unsavedSeconds.current = 0;
    await enqueue(async () => {
      const answers = (await getDb().attemptStates.get(attemptId))?.state.answers ?? latestAnswers.current;
      const score = clientScore(activities, answers);
      await submitAttempt(ctx(), attemptId, { timeSpentSeconds: seconds, ...(score === null ? {} : { clientScore: score }) });
    });
    void currentScheduler(userId)?.flush();
    onSubmitted();
  }, [activities, attemptId, ctx, enqueue, onSubmitted, userId]);

  // A merge from the server changed what is on screen (work from another device): reload and say so.
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

  const deadline =
    payload.time_limit_minutes !== null && attempt.started !== null
      ? attempt.started.device_time + payload.time_limit_minutes * 60_000
      : null;
  const remaining = deadline === null ? null : deadline - now;
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
        {remaining !== null && (
          <span
            role="timer"
            aria-label={t('player.timeLeft')}
            data-testid="timer"
            className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 font-mono text-lg font-semibold ${remaining < 60_000 ? 'bg-red-100 text-red-900' : 'bg-accent'}`}
          >
            <Timer aria-hidden="true" className="size-5" />
            {formatClock(remaining)}
          </span>
        )}
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
        <span className="ml-auto text-sm text-muted-foreground" role="status" data-testid="save-state">
          {savedAt === null ? '' : t('player.savedOnDevice')}
          {!online && (
            <span className="ml-2 inline-flex items-center gap-1">
              <CloudOff aria-hidden="true" className="size-4" />
              {t('player.offlineNote')}
            </span>
          )}
        </span>
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
            void enqueue(() => saveActivityAnswers(ctx(), attemptId, activity.activity_id, answers as unknown as Record<string, unknown>)).then(
              () => setSavedAt(Date.now()),
            );
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
