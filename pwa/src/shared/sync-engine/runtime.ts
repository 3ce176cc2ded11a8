// When the engine runs (PROTOCOL.md section 10): at start, on the `online` event, after local changes (at most
// every 30 s), every 60 s while changes wait, a pull every 5 minutes, and after a failure with backoff.
import { useEffect, useState } from 'react';

import { getDb, type DreamDb } from '@/shared/db/db';
import { useObservableValue } from '@/shared/lib/observable-value';

import { SyncEngine } from './engine';
import { onLocalChange } from './local-store';
import { apiTransport, type SendJson } from './transport';
import type { SyncStatus, VisibleChange } from './types';

export const CHANGE_PUSH_INTERVAL_MS = 30_000;
const PENDING_CHECK_MS = 60_000;
const PULL_INTERVAL_MS = 300_000;

export interface Scheduler {
  engine: SyncEngine;
  /** Push soon, but not sooner than 30 s after the last change-triggered push. */
  changed: () => void;
  /** Sync now (submit, "sync now" button). */
  flush: () => Promise<void>;
  stop: () => void;
}

export function startScheduler(engine: SyncEngine): Scheduler {
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let changeTimer: ReturnType<typeof setTimeout> | null = null;
  let lastChangePushAt = 0;
  let stopped = false;

  const run = async () => {
    if (stopped) return;
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    const result = await engine.syncNow();
    if (!stopped && !result.ok && result.retryInMs !== null) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void run();
      }, result.retryInMs);
    }
  };

  const changed = () => {
    void engine.refreshCounts();
    if (changeTimer !== null) return;
    const wait = Math.max(2_000, lastChangePushAt + CHANGE_PUSH_INTERVAL_MS - Date.now());
    changeTimer = setTimeout(() => {
      changeTimer = null;
      lastChangePushAt = Date.now();
      if (retryTimer === null) void run();
    }, wait);
  };

  const online = () => {
    engine.resetBackoff();
    void run();
  };
  const offline = () => void engine.refreshCounts();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  const unsubscribe = onLocalChange((userId) => {
    if (userId === engine.userId) changed();
  });
  const pendingTimer = setInterval(() => {
    // A change-triggered push is already planned: leave it to that timer (at most one push per 30 s).
    if (retryTimer === null && changeTimer === null && engine.status.get().pending > 0) void run();
  }, PENDING_CHECK_MS);
  const pullTimer = setInterval(() => {
    if (retryTimer === null) void run();
  }, PULL_INTERVAL_MS);
  void engine.refreshCounts().then(run);

  return {
    engine,
    changed,
    flush: run,
    stop: () => {
      stopped = true;
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      unsubscribe();
      clearInterval(pendingTimer);
      clearInterval(pullTimer);
      if (retryTimer !== null) clearTimeout(retryTimer);
      if (changeTimer !== null) clearTimeout(changeTimer);
    },
  };
}

let current: { userId: string; scheduler: Scheduler; users: number } | null = null;

/** Starts the signed-in student's engine (stopping another user's); returns a release function. */
export function acquireSyncEngine(
  userId: string,
  options: { db?: DreamDb; send?: SendJson } = {},
): { scheduler: Scheduler; release: () => void } {
  if (current !== null && current.userId !== userId) {
    current.scheduler.stop();
    current = null;
  }
  if (current === null) {
    const engine = new SyncEngine({ db: options.db ?? getDb(), userId, send: options.send ?? apiTransport });
    current = { userId, scheduler: startScheduler(engine), users: 0 };
  }
  const held = current;
  held.users += 1;
  return {
    scheduler: held.scheduler,
    release: () => {
      held.users -= 1;
      if (held.users === 0 && current === held) {
        held.scheduler.stop();
        current = null;
      }
    },
  };
}

/** The running scheduler of this user, if any. */
export function currentScheduler(userId: string): Scheduler | null {
  return current !== null && current.userId === userId ? current.scheduler : null;
}

/** Keeps the user's engine running while mounted (the app shell for students). */
export function useSyncEngine(userId: string | null): Scheduler | null {
  const [scheduler, setScheduler] = useState<Scheduler | null>(null);
  useEffect(() => {
    if (userId === null) return undefined;
    const held = acquireSyncEngine(userId);
    // The scheduler exists only while this effect holds it, so it is handed to the render from here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setScheduler(held.scheduler);
    return () => {
      held.release();
      setScheduler(null);
    };
  }, [userId]);
  return scheduler;
}

const IDLE_STATUS: SyncStatus = { phase: 'idle', pending: 0, notSynced: 0, lastSyncAt: null, retryInMs: null };
const idle = { get: () => IDLE_STATUS, set: () => undefined, subscribe: () => () => undefined };

export function useSyncStatus(scheduler: Scheduler | null): SyncStatus {
  return useObservableValue(scheduler?.engine.status ?? idle);
}

/** Calls `listener` when a server merge changed something visible in this user's attempts. */
export function useVisibleChanges(scheduler: Scheduler | null, listener: (change: VisibleChange) => void): void {
  useEffect(() => (scheduler ? scheduler.engine.onVisibleChange(listener) : undefined), [scheduler, listener]);
}
