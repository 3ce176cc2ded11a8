import { AlertTriangle, CheckCircle2, CloudOff, LogIn, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { getDb } from '@/shared/db/db';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import { cn } from '@/shared/lib/cn';
import {
  dismissNotSynced,
  readNotSynced,
  useSyncEngine,
  useSyncStatus,
  type AssignmentPayload,
  type NotSyncedEntry,
  type Scheduler,
  type SyncStatus,
} from '@/shared/sync-engine';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/shared/ui/dialog';

import { useLive } from '@/shared/hooks/use-live';

type Shown = 'offline' | 'syncing' | 'saved' | 'waiting' | 'signIn' | 'error';

export function shownState(status: SyncStatus, online: boolean): Shown {
  if (!online || status.phase === 'offline') return 'offline';
  if (status.phase === 'sign-in') return 'signIn';
  if (status.phase === 'syncing') return 'syncing';
  if (status.pending > 0) return status.phase === 'error' ? 'error' : 'waiting';
  return 'saved';
}

const ICONS = { offline: CloudOff, syncing: RefreshCw, saved: CheckCircle2, waiting: RefreshCw, signIn: LogIn, error: AlertTriangle };
const TONES: Record<Shown, string> = {
  offline: 'bg-amber-100 text-amber-900',
  syncing: 'bg-sky-50 text-sky-900',
  saved: 'bg-emerald-50 text-emerald-800',
  waiting: 'bg-amber-50 text-amber-900',
  signIn: 'bg-red-50 text-red-900',
  error: 'bg-amber-100 text-amber-900',
};

/**
 * The student's sync status in the shell: offline / syncing / all saved / N changes waiting, and the last sync
 * time. It also keeps the student's sync engine running while the shell is shown; pressing it syncs now.
 */
export function SyncStatusIndicator({ userId }: { userId: string }) {
  const { t } = useTranslation('student');
  const scheduler = useSyncEngine(userId);
  const status = useSyncStatus(scheduler);
  const online = useOnlineStatus();
  const shown = shownState(status, online);
  const Icon = ICONS[shown];
  const lastSync =
    status.lastSyncAt === null
      ? t('sync.neverSynced')
      : t('sync.lastSync', { time: new Date(status.lastSyncAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
  const label =
    shown === 'offline' && status.pending > 0
      ? t('sync.state.offlineWaiting', { count: status.pending })
      : t(`sync.state.${shown}`, { count: status.pending });
  const hint = shown === 'offline' ? ` · ${t('sync.savedOnDevice')}` : '';

  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <button
        type="button"
        data-testid="sync-status"
        data-state={shown}
        data-pending={status.pending}
        onClick={() => void scheduler?.flush()}
        title={`${label} · ${lastSync}${hint}`}
        className={cn(
          'inline-flex min-h-9 items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60',
          TONES[shown],
        )}
      >
        <Icon aria-hidden="true" className={cn('size-3.5', shown === 'syncing' && 'motion-safe:animate-spin')} />
        <span role="status">{label}</span>
        <span className="hidden text-[0.7rem] opacity-80 sm:inline">· {lastSync}</span>
      </button>
      {status.notSynced > 0 && <NotSyncedList userId={userId} count={status.notSynced} scheduler={scheduler} />}
    </span>
  );
}

type ShownEntry = NotSyncedEntry & { assignmentName: string | null; activityNumbers: number[] };

/** The rejected ops with what they concern: the assignment's name and the activities' numbers, if still here. */
async function readShownEntries(userId: string): Promise<ShownEntry[]> {
  const db = getDb();
  const entries = await readNotSynced(db, userId);
  const ids = [...new Set(entries.flatMap((entry) => (entry.assignmentId === null ? [] : [entry.assignmentId])))];
  const rows = await db.assignments.bulkGet(ids.map((id) => `${userId}:${id}`));
  const payloads = new Map(ids.map((id, index) => [id, rows[index]?.payload as AssignmentPayload | undefined]));
  return entries.map((entry) => {
    const payload = entry.assignmentId === null ? undefined : payloads.get(entry.assignmentId);
    const positions = new Map(payload?.activities.map((activity) => [activity.activity_id, activity.position]) ?? []);
    const activityNumbers = entry.activityIds.flatMap((id) => {
      const position = positions.get(id);
      return position === undefined ? [] : [position + 1];
    });
    return { ...entry, assignmentName: payload?.name ?? null, activityNumbers: activityNumbers.sort((a, b) => a - b) };
  });
}

const KNOWN_CODES = new Set([
  'invalid_op',
  'kind_mismatch',
  'attempt_id_mismatch',
  'attempt_key_mismatch',
  'not_your_attempt',
  'assignment_not_found',
  'not_assigned',
  'attempts_exhausted',
  'event_device_mismatch',
]);

/**
 * Changes the server did not accept (PROTOCOL.md 7.3), so the student knows what the teacher does not see. They
 * stay on the device until the student dismisses them one by one.
 */
function NotSyncedList({ userId, count, scheduler }: { userId: string; count: number; scheduler: Scheduler | null }) {
  const { t } = useTranslation('student');
  const entries = useLive(() => readShownEntries(userId), [userId]);
  const dismiss = async (id: number) => {
    await dismissNotSynced(getDb(), userId, id);
    await scheduler?.engine.refreshCounts();
  };
  const timeOf = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Dialog>
      <DialogTrigger asChild>
        <button
          type="button"
          data-testid="not-synced"
          className="inline-flex min-h-9 items-center gap-1 rounded-full bg-red-100 px-2.5 py-1 text-xs font-medium text-red-900 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60"
        >
          <AlertTriangle aria-hidden="true" className="size-3.5" />
          <span className="sr-only">{t('sync.rejected.open', { count })}</span>
          <span aria-hidden="true">{t('sync.notSynced', { count })}</span>
        </button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{t('sync.rejected.title')}</DialogTitle>
        <DialogDescription>{t('sync.rejected.intro')}</DialogDescription>
        {entries !== undefined && entries.length === 0 && <p>{t('sync.rejected.empty')}</p>}
        <ul className="grid gap-3">
          {entries?.map((entry) => {
            const name = entry.assignmentName ?? t('sync.rejected.unknownAssignment');
            const what =
              entry.activityIds.length === 0
                ? t('sync.rejected.noAnswers')
                : t('sync.rejected.activities', {
                    list: entry.activityNumbers.map((n) => t('sync.rejected.activityN', { n })).join(', '),
                  });
            return (
              <li key={entry.id} data-testid="not-synced-entry" data-code={entry.code} className="grid gap-1 rounded-lg border border-border p-3">
                <p className="font-semibold">{name}</p>
                <p>{t(`sync.rejected.codes.${KNOWN_CODES.has(entry.code) ? entry.code : 'other'}` as 'sync.rejected.codes.other')}</p>
                <p className="text-sm text-muted-foreground">
                  {entry.activityNumbers.length > 0 || entry.activityIds.length === 0 ? `${what} · ` : ''}
                  {t('sync.rejected.at', { time: timeOf(entry.rejectedAt) })}
                </p>
                <Button
                  variant="outline"
                  size="sm"
                  className="justify-self-start"
                  aria-label={t('sync.rejected.dismissLabel', { name })}
                  onClick={() => void dismiss(entry.id)}
                >
                  {t('sync.rejected.dismiss')}
                </Button>
              </li>
            );
          })}
        </ul>
        <DialogClose asChild>
          <Button variant="outline" className="justify-self-end">
            {t('sync.rejected.close')}
          </Button>
        </DialogClose>
      </DialogContent>
    </Dialog>
  );
}
