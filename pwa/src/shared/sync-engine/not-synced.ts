// The student's "not synced" list (PROTOCOL.md 7.3): ops the server rejected for good stay on the device as
// outbox rows with status `rejected` (never pushed again), with the server's code and reason, until the
// student has read and dismissed them. Retryable rejections stay pending in the outbox and are not listed.
import type { DreamDb, OutboxRow } from '@/shared/db/db';

import type { SyncOp } from './types';

export interface NotSyncedEntry {
  id: number;
  code: string;
  reason: string;
  assignmentId: string | null;
  /** The activities whose answers were not accepted. */
  activityIds: string[];
  /** When the server rejected it (ISO). */
  rejectedAt: string;
}

function entryOf(row: OutboxRow): NotSyncedEntry {
  // Rows rejected before these fields existed: read them from the op itself.
  const attempt = (row.payload as Partial<SyncOp> | null)?.attempt;
  return {
    id: row.id!,
    code: row.error?.code ?? 'invalid_op',
    reason: row.error?.reason ?? '',
    assignmentId: row.assignmentId ?? attempt?.assignment_id ?? null,
    activityIds: row.activityIds ?? Object.keys(attempt?.answers ?? {}).sort(),
    rejectedAt: row.rejectedAt ?? row.createdAt,
  };
}

/** The user's rejected ops, newest first. */
export async function readNotSynced(db: DreamDb, userId: string): Promise<NotSyncedEntry[]> {
  const rows = await db.outbox.where('[userId+status]').equals([userId, 'rejected']).toArray();
  return rows.map(entryOf).sort((a, b) => b.rejectedAt.localeCompare(a.rejectedAt) || b.id - a.id);
}

/** The student read it: remove one rejected op of this user (pending ops and other users' rows are never touched). */
export async function dismissNotSynced(db: DreamDb, userId: string, id: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (row?.userId === userId && row.status === 'rejected') await db.outbox.delete(id);
  });
}
