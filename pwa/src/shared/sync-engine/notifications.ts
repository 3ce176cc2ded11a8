// Notifications on the device: the change feed's copies (entity `notification`, PROTOCOL.md section 9) and marks
// as read. A mark is written locally first and queued in the outbox (kind `notification_read`), so one made
// offline is kept and sent by the sync engine later; read is one-way, so a stale unread copy never undoes it.
import type { DreamDb, NotificationRow, OutboxRow } from '@/shared/db/db';

import { announceLocalChange, type ChangeContext } from './local-store';
import type { ChangeEntry } from './types';

export const NOTIFICATION_READ_KIND = 'notification_read';
export const NOTIFICATIONS_PATH = '/api/v1/notifications';

/** The feed's payload (the API's NotificationOut). */
export interface NotificationPayload {
  id: string;
  type: string;
  title: string;
  body: string | null;
  data: Record<string, unknown>;
  read_at: string | null;
  created_at: string;
}

/** An outbox payload: one notification, or everything up to the newest one the device had shown. */
export type NotificationReadOp = { notification_id: string } | { up_to: string };

/**
 * A server timestamp as fixed-width UTC with microseconds (`2030-01-01T08:00:00.000000Z`): it sorts as text,
 * and it goes back to the server exactly (a Date would drop the microseconds).
 */
export function timestampKey(iso: string): string {
  const micros = /T[\d:]+\.(\d+)/.exec(iso)?.[1] ?? '';
  return `${new Date(iso).toISOString().slice(0, 19)}.${micros.padEnd(6, '0').slice(0, 6)}Z`;
}

/** Applies one feed entry of entity `notification` (inside the engine's pull transaction). */
export async function storeNotification(db: DreamDb, userId: string, entry: ChangeEntry): Promise<void> {
  const previous = await db.notifications.get(entry.entity_id);
  if (previous !== undefined && previous.userId !== userId) return;
  if (entry.op === 'delete' || entry.payload === null) {
    await db.notifications.delete(entry.entity_id);
    return;
  }
  const payload = entry.payload as unknown as NotificationPayload;
  await db.notifications.put({
    id: entry.entity_id,
    userId,
    type: payload.type,
    title: payload.title,
    body: payload.body ?? null,
    data: payload.data ?? {},
    readAt: payload.read_at ?? previous?.readAt ?? null,
    createdAt: timestampKey(payload.created_at),
  });
}

function readOpRow(userId: string, op: NotificationReadOp, at: string): OutboxRow {
  return { kind: NOTIFICATION_READ_KIND, userId, payload: op, createdAt: at, status: 'pending', error: null };
}

/** Marks one of the user's notifications read on the device and queues it; false when it already was. */
export async function markNotificationRead(ctx: ChangeContext, notificationId: string): Promise<boolean> {
  const { db, userId } = ctx;
  const at = new Date((ctx.now ?? Date.now)()).toISOString();
  const changed = await db.transaction('rw', [db.notifications, db.outbox], async () => {
    const row = await db.notifications.get(notificationId);
    if (row === undefined || row.userId !== userId || row.readAt !== null) return false;
    await db.notifications.update(notificationId, { readAt: at });
    await db.outbox.add(readOpRow(userId, { notification_id: notificationId }, at));
    return true;
  });
  if (changed) announceLocalChange(userId);
  return changed;
}

/**
 * Marks every unread notification the device has read, and queues one "read all" bounded by the newest of them:
 * notifications that reach the server meanwhile stay unread, since the user never saw them.
 */
export async function markAllNotificationsRead(ctx: ChangeContext): Promise<number> {
  const { db, userId } = ctx;
  const at = new Date((ctx.now ?? Date.now)()).toISOString();
  const count = await db.transaction('rw', [db.notifications, db.outbox], async () => {
    const unread = (await db.notifications.where('userId').equals(userId).toArray()).filter((row) => row.readAt === null);
    if (unread.length === 0) return 0;
    const newest = unread.reduce((max, row) => (row.createdAt > max ? row.createdAt : max), unread[0]!.createdAt);
    await db.notifications.bulkUpdate(unread.map((row) => ({ key: row.id, changes: { readAt: at } })));
    await db.outbox.add(readOpRow(userId, { up_to: newest }, at));
    return unread.length;
  });
  if (count > 0) announceLocalChange(userId);
  return count;
}

/** The request that sends one queued mark. */
export function readRequest(op: NotificationReadOp): { path: string; body: unknown } {
  return 'notification_id' in op
    ? { path: `${NOTIFICATIONS_PATH}/${encodeURIComponent(op.notification_id)}/read`, body: {} }
    : { path: `${NOTIFICATIONS_PATH}/read-all`, body: { up_to: op.up_to } };
}

/** The user's notifications on the device, newest first. */
export function listNotifications(db: DreamDb, userId: string): Promise<NotificationRow[]> {
  return db.notifications.where('[userId+createdAt]').between([userId, ''], [userId, '\uffff']).reverse().toArray();
}

export async function countUnread(db: DreamDb, userId: string): Promise<number> {
  return db.notifications.where('userId').equals(userId).filter((row) => row.readAt === null).count();
}
