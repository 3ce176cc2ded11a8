import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getDb } from '@/shared/db/db';
import { useActivityOpenWhileMounted } from '@/shared/hooks/use-activity-open-while-mounted';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import { useSession } from '@/shared/session/session';
import type { AttemptState } from '@/shared/sync/types';
import { currentScheduler, startAttempt, type AssignmentPayload } from '@/shared/sync-engine';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';

import { useLocalAssignment, useLocalAttempts } from '../lib/local-data';
import { BackLink } from './back-link';
import { PlayerSession } from './player-session';

/** The student's player: fetches the assignment onto the device, starts an attempt, then plays it. */
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
  const [startFailure, setStartFailure] = useState<string | null>(null);
  useActivityOpenWhileMounted();

  // Not on the device yet: ask the engine to pull now (online), the live query then shows it.
  useEffect(() => {
    if (row === null) void currentScheduler(userId)?.flush();
  }, [row, userId]);

  const latest = attemptRows?.map((item) => item.state).sort((a, b) => a.attempt_number - b.attempt_number).at(-1);
  const needsStart = row !== undefined && row !== null && attemptRows !== undefined && (latest === undefined || latest.started === null);
  const noProfile = needsStart && me !== null && !me.profile_id;
  const startError = noProfile ? t('player.noStudentProfile') : startFailure;

  useEffect(() => {
    if (!needsStart || me === null || !me.profile_id) return;
    void startAttempt(
      { db: getDb(), userId },
      { assignmentId, studentId: me.profile_id, attemptNumber: latest?.attempt_number ?? 1 },
    ).catch((error: unknown) => setStartFailure(String(error)));
  }, [needsStart, me, userId, assignmentId, latest?.attempt_number]);

  // The attempt on screen follows the device's latest started one (a server merge replaces it).
  if (latest?.started && latest !== attempt) setAttempt(latest);

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
