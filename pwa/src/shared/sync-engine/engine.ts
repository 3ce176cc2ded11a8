// The background half of offline-first sync (PROTOCOL.md sections 7, 9 and 10): push the outbox in batches,
// adopt the merged states the server returns, pull the change feed with the stored cursor, and retry with
// exponential backoff and jitter. One engine per signed-in user; it only ever reads and writes that user's rows.
import type { DreamDb, OutboxRow } from '@/shared/db/db';
import { createObservableValue, type ObservableValue } from '@/shared/lib/observable-value';

import { adoptAttemptState, applyChange, type Device } from './apply-changes';
import { getDeviceId, OUTBOX_KIND, storeSkewMs } from './local-store';
import { NOTIFICATION_READ_KIND, readRequest, type NotificationReadOp } from './notifications';
import { readEnvelope, SyncHttpError, type SendJson } from './transport';
import type { PullResponse, PushResponse, SyncOp, SyncStatus, VisibleChange } from './types';

export const PUSH_PATH = '/api/v1/sync/push';
export const PULL_PATH = '/api/v1/sync/pull';
export const DEVICES_PATH = '/api/v1/sync/devices';
const MAX_BACKOFF_MS = 300_000;
const BASE_BACKOFF_MS = 2_000;

/** `min(300 s, 2 s * 2^(failures-1)) * random(0.5, 1.0)`, and never sooner than the server's Retry-After. */
export function backoffDelayMs(failures: number, random: () => number, retryAfterMs: number | null = null): number {
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  return Math.max(jittered, retryAfterMs ?? 0);
}

export type SyncResult =
  | { ok: true; pushed: number; pulled: number }
  | { ok: false; reason: 'network' | 'server' | 'sign-in' | 'forbidden'; retryInMs: number | null };

export interface SyncEngineOptions {
  db: DreamDb;
  userId: string;
  send: SendJson;
  now?: () => number;
  random?: () => number;
  maxPushOps?: number;
  pullLimit?: number;
  isOnline?: () => boolean;
}

class NetworkError extends Error {}

export class SyncEngine {
  readonly status: ObservableValue<SyncStatus>;
  private readonly db: DreamDb;
  readonly userId: string;
  private readonly send: SendJson;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxPushOps: number;
  private readonly pullLimit: number;
  private readonly isOnline: () => boolean;
  private failures = 0;
  private registered = false;
  private inFlight: Promise<SyncResult> | null = null;
  private rerun = false;
  private readonly visibleListeners = new Set<(change: VisibleChange) => void>();

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.userId = options.userId;
    this.send = options.send;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxPushOps = options.maxPushOps ?? 500;
    this.pullLimit = options.pullLimit ?? 200;
    this.isOnline = options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
    this.status = createObservableValue<SyncStatus>({
      phase: this.isOnline() ? 'idle' : 'offline',
      pending: 0,
      notSynced: 0,
      lastSyncAt: null,
      retryInMs: null,
    });
  }

  private get device(): Device {
    return { db: this.db, userId: this.userId, now: this.now };
  }

  get cursorKey(): string {
    return `sync-cursor:${this.userId}`;
  }

  get lastSyncKey(): string {
    return `sync-last:${this.userId}`;
  }

  /** Listens for server merges that changed what the student sees. */
  onVisibleChange(listener: (change: VisibleChange) => void): () => void {
    this.visibleListeners.add(listener);
    return () => this.visibleListeners.delete(listener);
  }

  private patchStatus(patch: Partial<SyncStatus>): void {
    this.status.set({ ...this.status.get(), ...patch });
  }

  /** Re-reads the outbox counts and the last sync time (after local changes, on start). */
  async refreshCounts(): Promise<void> {
    const [pending, notSynced, last] = await Promise.all([
      this.db.outbox.where('[userId+status]').equals([this.userId, 'pending']).count(),
      this.db.outbox.where('[userId+status]').equals([this.userId, 'rejected']).count(),
      this.db.meta.get(this.lastSyncKey),
    ]);
    const lastSyncAt = typeof last?.value === 'number' ? last.value : this.status.get().lastSyncAt;
    this.patchStatus({ pending, notSynced, lastSyncAt, ...(this.isOnline() ? {} : { phase: 'offline' }) });
  }

  /** Push, then pull; one run at a time (a request during a run makes it run once more). */
  syncNow(): Promise<SyncResult> {
    if (this.inFlight !== null) {
      this.rerun = true;
      return this.inFlight;
    }
    const run = async (): Promise<SyncResult> => {
      let result: SyncResult;
      do {
        this.rerun = false;
        result = await this.runOnce();
      } while (this.rerun && result.ok);
      return result;
    };
    this.inFlight = run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Forgets past failures (e.g. the `online` event): the next sync is tried at once. */
  resetBackoff(): void {
    this.failures = 0;
  }

  private async runOnce(): Promise<SyncResult> {
    if (!this.isOnline()) {
      await this.refreshCounts();
      this.patchStatus({ phase: 'offline' });
      return { ok: false, reason: 'network', retryInMs: null };
    }
    this.patchStatus({ phase: 'syncing' });
    try {
      const deviceId = await getDeviceId(this.db);
      await this.register(deviceId);
      const { pushed: pushedOps, retryLater } = await this.push(deviceId);
      const pushed = pushedOps + (await this.pushNotificationReads());
      const pulled = await this.pull(deviceId);
      if (retryLater) throw new SyncHttpError(500, 'INTERNAL_ERROR', 'some ops will be retried', null);
      this.failures = 0;
      const at = this.now();
      await this.db.meta.put({ key: this.lastSyncKey, value: at });
      this.patchStatus({ phase: 'idle', lastSyncAt: at, retryInMs: null });
      await this.refreshCounts();
      return { ok: true, pushed, pulled };
    } catch (error) {
      await this.refreshCounts();
      return this.failed(error);
    }
  }

  private failed(error: unknown): SyncResult {
    if (error instanceof SyncHttpError && error.status === 401) {
      // Keep the outbox untouched; it is pushed as it is after the student signs in again.
      this.patchStatus({ phase: 'sign-in', retryInMs: null });
      return { ok: false, reason: 'sign-in', retryInMs: null };
    }
    if (error instanceof SyncHttpError && error.status === 403) {
      this.patchStatus({ phase: 'error', retryInMs: null });
      return { ok: false, reason: 'forbidden', retryInMs: null };
    }
    const network = error instanceof NetworkError || !(error instanceof SyncHttpError);
    if (network && !(error instanceof NetworkError) && !(error instanceof TypeError)) {
      // A bug or a storage failure, not the network: surface it in tests and logs, still retry.
      console.error('sync failed', error);
    }
    this.failures += 1;
    const retryAfter = error instanceof SyncHttpError ? error.retryAfterMs : null;
    const retryInMs = backoffDelayMs(this.failures, this.random, retryAfter);
    this.patchStatus({ phase: this.isOnline() ? 'error' : 'offline', retryInMs });
    return { ok: false, reason: network ? 'network' : 'server', retryInMs };
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    let response;
    try {
      response = await this.send(path, body);
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    return readEnvelope<T>(response);
  }

  /**
   * Registers this device for the user once (remembered on the device); push and pull also register implicitly,
   * so this only names the device early and costs one request per user and installed app.
   */
  private async register(deviceId: string): Promise<void> {
    if (this.registered) return;
    const key = `device-registered:${this.userId}`;
    if ((await this.db.meta.get(key))?.value === deviceId) {
      this.registered = true;
      return;
    }
    try {
      await this.post(DEVICES_PATH, { device_id: deviceId });
      await this.db.meta.put({ key, value: deviceId });
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof SyncHttpError && error.status === 401)) throw error;
      // Any other answer: registration is implicit in push and pull anyway.
    }
    this.registered = true;
  }

  // ----- push -----

  private async pendingRows(kind: string, exclude = new Set<number>()): Promise<OutboxRow[]> {
    const rows = await this.db.outbox.where('[userId+status]').equals([this.userId, 'pending']).sortBy('id');
    return rows.filter((row) => row.kind === kind && !exclude.has(row.id!));
  }

  private async push(deviceId: string): Promise<{ pushed: number; retryLater: boolean }> {
    const sent = new Set<number>();
    let pushed = 0;
    let retryLater = false;
    for (;;) {
      const batch = (await this.pendingRows(OUTBOX_KIND, sent)).slice(0, this.maxPushOps);
      if (batch.length === 0) break;
      batch.forEach((row) => sent.add(row.id!));
      const outcome = await this.pushBatch(deviceId, batch);
      pushed += batch.length;
      retryLater ||= outcome.retryLater;
    }
    return { pushed, retryLater };
  }

  private async pushBatch(deviceId: string, batch: OutboxRow[]): Promise<{ retryLater: boolean }> {
    const body = { device_id: deviceId, client_time: this.now(), ops: batch.map((row) => row.payload as SyncOp) };
    let data: PushResponse;
    try {
      data = await this.post<PushResponse>(PUSH_PATH, body);
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 400) {
        // The batch as a whole was refused: split it to isolate the bad op, which is then kept as not synced.
        if (batch.length === 1) {
          await this.db.transaction('rw', this.db.outbox, () =>
            this.keepRejected(batch[0]!, { code: 'invalid_op', reason: error.message }),
          );
          return { retryLater: false };
        }
        const middle = Math.ceil(batch.length / 2);
        const first = await this.pushBatch(deviceId, batch.slice(0, middle));
        const second = await this.pushBatch(deviceId, batch.slice(middle));
        return { retryLater: first.retryLater || second.retryLater };
      }
      throw error;
    }
    return this.applyPushResponse(batch, data);
  }

  private async applyPushResponse(batch: OutboxRow[], data: PushResponse): Promise<{ retryLater: boolean }> {
    const byOpId = new Map(batch.map((row) => [(row.payload as SyncOp).op_id, row]));
    let retryLater = false;
    const changes: VisibleChange[] = [];
    await this.db.transaction('rw', [this.db.outbox, this.db.attemptStates, this.db.meta], async () => {
      for (const result of data.results) {
        const row = byOpId.get(result.op_id);
        if (row === undefined) continue;
        if (result.outcome !== 'rejected') {
          await this.db.outbox.delete(row.id!);
        } else if (result.error.retryable === true) {
          retryLater = true;
        } else {
          // Out of the outbox (never pushed again) but kept, so the student sees what was not accepted; this
          // includes not_your_attempt, which the protocol drops from the outbox: nothing is dropped silently.
          await this.keepRejected(row, { code: result.error.code, reason: result.error.reason });
        }
      }
      for (const state of data.attempts) {
        const change = await adoptAttemptState(this.device, state);
        if (change) changes.push(change);
      }
      if (typeof data.clock_skew_ms === 'number') await storeSkewMs(this.db, data.clock_skew_ms);
    });
    this.emit(changes);
    return { retryLater };
  }

  /**
   * Keeps a rejected op in the "not synced" list with what it concerns and when (call inside a transaction on
   * the outbox). An earlier rejected op of the same attempt is replaced: ops carry the whole local state, which
   * only grows, so the newer op holds every answer of the older one.
   */
  private async keepRejected(row: OutboxRow, error: { code: string; reason: string }): Promise<void> {
    const attempt = (row.payload as SyncOp).attempt;
    if (row.attemptId !== undefined) {
      await this.db.outbox
        .where('[userId+status]')
        .equals([this.userId, 'rejected'])
        .filter((other) => other.attemptId === row.attemptId && other.id !== row.id)
        .delete();
    }
    await this.db.outbox.update(row.id!, {
      status: 'rejected',
      error,
      rejectedAt: new Date(this.now()).toISOString(),
      assignmentId: attempt.assignment_id,
      activityIds: Object.keys({ ...attempt.answers, ...attempt.answers_not_submitted }).sort(),
    });
  }

  /** Sends the queued notification marks one by one (they are not sync ops); a failure stops for a retry. */
  private async pushNotificationReads(): Promise<number> {
    const rows = await this.pendingRows(NOTIFICATION_READ_KIND);
    for (const row of rows) {
      const { path, body } = readRequest(row.payload as NotificationReadOp);
      try {
        await this.post(path, body);
      } catch (error) {
        // 404: the notification is gone (or not this user's), 400: a mark no server will take; either way there
        // is nothing to retry, and the device keeps showing it read. Anything else is retried with backoff.
        if (!(error instanceof SyncHttpError && (error.status === 404 || error.status === 400))) throw error;
      }
      await this.db.outbox.delete(row.id!);
    }
    return rows.length;
  }

  private emit(changes: VisibleChange[]): void {
    for (const change of changes) for (const listener of this.visibleListeners) listener(change);
  }

  // ----- pull -----

  private async pull(deviceId: string): Promise<number> {
    let applied = 0;
    let restarted = false;
    for (;;) {
      const stored = await this.db.meta.get(this.cursorKey);
      const cursor = typeof stored?.value === 'string' ? stored.value : null;
      let page: PullResponse;
      try {
        page = await this.post<PullResponse>(PULL_PATH, { device_id: deviceId, cursor, limit: this.pullLimit });
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 409 && !restarted) {
          // The cursor is unusable (pruned feed, another user): start again from a full snapshot.
          restarted = true;
          await this.db.meta.delete(this.cursorKey);
          continue;
        }
        throw error;
      }
      const changes: VisibleChange[] = [];
      await this.db.transaction(
        'rw',
        [this.db.assignments, this.db.attemptStates, this.db.notifications, this.db.books, this.db.assets, this.db.meta],
        async () => {
          for (const entry of page.changes) {
            const change = await applyChange(this.device, entry);
            if (change) changes.push(change);
          }
          await this.db.meta.put({ key: this.cursorKey, value: page.cursor });
        },
      );
      this.emit(changes);
      applied += page.changes.length;
      if (!page.has_more || page.changes.length === 0) return applied;
    }
  }


}
