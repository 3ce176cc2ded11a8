import { AlertTriangle, CheckCircle2, CloudOff, LogIn, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import { cn } from '@/shared/lib/cn';
import { useSyncEngine, useSyncStatus, type SyncStatus } from '@/shared/sync-engine';

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
      {status.notSynced > 0 && (
        <span className="rounded-full bg-red-100 px-1.5 text-red-900">{t('sync.notSynced', { count: status.notSynced })}</span>
      )}
    </button>
  );
}
