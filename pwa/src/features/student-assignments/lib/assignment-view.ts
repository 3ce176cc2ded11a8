// What the dashboard shows for one assignment, from the device's copy (works offline) and, when online, the
// server's view (the score that counts). Pure, so the rules are tested without a browser.
import type { AttemptState } from '@/shared/sync/types';
import type { AssignmentPayload } from '@/shared/sync-engine';

export const DUE_SOON_MS = 48 * 60 * 60 * 1000;

export type AssignmentGroup = 'todo' | 'done';

export interface AssignmentView {
  id: string;
  name: string;
  dueAt: number | null;
  timeLimitMinutes: number | null;
  activityCount: number;
  group: AssignmentGroup;
  inProgress: boolean;
  dueSoon: boolean;
  pastDue: boolean;
  /** The server's score when known, else null (shown as "being marked"). */
  score: number | null;
  attemptsUsed: number;
  attemptsLeft: number;
  /** Submitted on this device but not yet accepted by the server. */
  waitingToSync: boolean;
}

export interface ServerFacts {
  status: 'not_started' | 'in_progress' | 'submitted';
  score: number | null;
  attempts_used: number;
}

export function viewOf(
  payload: AssignmentPayload,
  attempts: AttemptState[],
  server: ServerFacts | undefined,
  now: number,
  pendingAttemptIds: ReadonlySet<string> = new Set(),
): AssignmentView {
  const latest = attempts.at(-1);
  const localSubmitted = attempts.filter((attempt) => attempt.submitted !== null).length;
  const submitted = latest?.submitted != null || server?.status === 'submitted';
  const inProgress = !submitted && (latest?.status === 'in_progress' || server?.status === 'in_progress');
  const dueAt = payload.due_at === null ? null : Date.parse(payload.due_at);
  const attemptsUsed = Math.max(localSubmitted, server?.attempts_used ?? 0, attempts.length);
  return {
    id: payload.id,
    name: payload.name,
    dueAt,
    timeLimitMinutes: payload.time_limit_minutes,
    activityCount: payload.activities.length,
    group: submitted ? 'done' : 'todo',
    inProgress,
    dueSoon: !submitted && dueAt !== null && dueAt > now && dueAt - now <= DUE_SOON_MS,
    pastDue: !submitted && dueAt !== null && dueAt <= now,
    score: submitted ? (server?.score ?? null) : null,
    attemptsUsed,
    attemptsLeft: Math.max(0, payload.max_attempts - attemptsUsed),
    waitingToSync: latest !== undefined && pendingAttemptIds.has(latest.attempt_id),
  };
}

/** To do first by due date (none last), then done, most recently due first. */
export function sortViews(views: AssignmentView[]): AssignmentView[] {
  const due = (view: AssignmentView) => view.dueAt ?? Number.POSITIVE_INFINITY;
  return [...views].sort((a, b) => {
    if (a.group !== b.group) return a.group === 'todo' ? -1 : 1;
    return a.group === 'todo' ? due(a) - due(b) : due(b) - due(a);
  });
}

/** "2 d 3 h", "3 h 20 min", "12 min": a countdown to read at a glance. */
export function countdownParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** The timer's "mm:ss" (or "h:mm:ss"). */
export function formatClock(ms: number): string {
  const { days, hours, minutes, seconds } = countdownParts(ms);
  const totalHours = days * 24 + hours;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return totalHours > 0 ? `${totalHours}:${mmss}` : mmss;
}
