import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DreamDb } from '@/shared/db/db';

import { SyncEngine } from './engine';
import { envelope, envelopeError, FakeSyncServer } from './fake-server';
import { startAttempt } from './local-store';
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATION_READ_KIND,
  type NotificationPayload,
  storeNotification,
  timestampKey,
} from './notifications';
import { fetchTransport } from './transport';

const USER = 'user-a';
const N1 = '11111111-1111-4111-8111-111111111111';
const N2 = '22222222-2222-4222-8222-222222222222';
const N3 = '33333333-3333-4333-8333-333333333333';

let db: DreamDb;
let counter = 0;
let online: boolean;

beforeEach(async () => {
  db = new DreamDb(`notifications-test-${(counter += 1)}`);
  await db.open();
  online = true;
});

afterEach(() => {
  db.close();
});

function note(id: string, createdAt: string, readAt: string | null = null): NotificationPayload {
  return {
    id,
    type: 'assignment_created',
    title: `New assignment ${id.slice(0, 1)}`,
    body: null,
    data: { assignment_id: `asg-${id.slice(0, 1)}` },
    read_at: readAt,
    created_at: createdAt,
  };
}

/** The fake sync server plus the notification endpoints, publishing each mark like the real server. */
function serverWith(notes: NotificationPayload[]) {
  const server = new FakeSyncServer(() => USER);
  const stored = new Map(notes.map((n) => [n.id, { ...n }]));
  const publish = (n: NotificationPayload) =>
    server.publish(USER, { entity_type: 'notification', entity_id: n.id, op: 'upsert', payload: { ...n } });
  notes.forEach(publish);
  const marks: string[] = [];
  server.intercept = (path, body) => {
    const one = /\/api\/v1\/notifications\/([^/]+)\/read$/.exec(path);
    if (one) {
      marks.push(one[1]!);
      const n = stored.get(one[1]!);
      if (!n) return envelopeError(404, 'NOT_FOUND');
      if (n.read_at === null) {
        n.read_at = '2030-01-01T09:00:00.000001Z';
        publish(n);
      }
      return envelope(n);
    }
    if (path.endsWith('/api/v1/notifications/read-all')) {
      const upTo = (body as { up_to: string }).up_to;
      marks.push(`all<=${upTo}`);
      const changed = [...stored.values()].filter((n) => n.read_at === null && timestampKey(n.created_at) <= upTo);
      for (const n of changed) {
        n.read_at = '2030-01-01T09:00:00Z';
        publish(n);
      }
      return envelope({ updated: changed.length });
    }
    return null;
  };
  return { server, stored, marks, publish };
}

function engineFor(server: FakeSyncServer) {
  return new SyncEngine({
    db,
    userId: USER,
    send: fetchTransport((request) => server.fetch(request)),
    random: () => 0.5,
    isOnline: () => online,
  });
}

const ctx = () => ({ db, userId: USER });
const pendingMarks = async () =>
  (await db.outbox.where('[userId+status]').equals([USER, 'pending']).toArray()).filter((row) => row.kind === NOTIFICATION_READ_KIND);

describe('notifications on the device', () => {
  it('stores the feed entries newest first and counts the unread ones', async () => {
    const { server } = serverWith([
      note(N1, '2030-01-01T08:00:00Z'),
      note(N2, '2030-01-01T08:00:00.5Z', '2030-01-01T08:30:00Z'),
      note(N3, '2030-01-01T08:01:00.000001+00:00'),
    ]);
    expect(await engineFor(server).syncNow()).toMatchObject({ ok: true, pulled: 3 });

    const rows = await listNotifications(db, USER);
    // Microseconds count: N2 is half a second after N1 although its text sorts before it as sent.
    expect(rows.map((row) => row.id)).toEqual([N3, N2, N1]);
    expect(rows.map((row) => row.createdAt)).toEqual([
      '2030-01-01T08:01:00.000001Z',
      '2030-01-01T08:00:00.500000Z',
      '2030-01-01T08:00:00.000000Z',
    ]);
    expect(rows[0]).toMatchObject({ userId: USER, title: 'New assignment 3', data: { assignment_id: 'asg-3' }, readAt: null });
    expect(await countUnread(db, USER)).toBe(2);
    expect(await countUnread(db, 'user-b')).toBe(0);
  });

  it('keeps a mark made offline, sends it when online, and takes the server copy', async () => {
    const { server, stored, marks } = serverWith([note(N1, '2030-01-01T08:00:00Z'), note(N2, '2030-01-01T08:01:00Z')]);
    const engine = engineFor(server);
    await engine.syncNow();

    online = false;
    expect(await markNotificationRead(ctx(), N1)).toBe(true);
    expect(await markNotificationRead(ctx(), N1)).toBe(false); // already read: nothing more to send
    expect(await countUnread(db, USER)).toBe(1);
    expect(await engine.syncNow()).toMatchObject({ ok: false, reason: 'network' });
    expect(await pendingMarks()).toHaveLength(1);
    expect(marks).toEqual([]);

    online = true;
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(marks).toEqual([N1]);
    expect(await pendingMarks()).toEqual([]);
    expect(stored.get(N1)!.read_at).not.toBeNull();
    // The pull after the mark brought the server's copy: read at the server's time.
    expect((await db.notifications.get(N1))!.readAt).toBe('2030-01-01T09:00:00.000001Z');
    // Marks are not sync ops: nothing went to /sync/push.
    expect(server.pushes()).toEqual([]);
  });

  it('never lets an older unread copy undo a read made on this device', async () => {
    const { server } = serverWith([note(N1, '2030-01-01T08:00:00Z')]);
    await engineFor(server).syncNow();
    await markNotificationRead(ctx(), N1);
    const readAt = (await db.notifications.get(N1))!.readAt;
    expect(readAt).not.toBeNull();
    // A pull that was already under way when the user opened it brings the unread copy.
    const stale = note(N1, '2030-01-01T08:00:00Z');
    await storeNotification(db, USER, { entity_type: 'notification', entity_id: N1, op: 'upsert', payload: stale as never });

    expect((await db.notifications.get(N1))!.readAt).toBe(readAt);
    expect(await pendingMarks()).toHaveLength(1);
    // Another user's copy on a shared device is left alone.
    await storeNotification(db, 'user-b', { entity_type: 'notification', entity_id: N1, op: 'delete', payload: null });
    expect(await db.notifications.get(N1)).toBeDefined();
  });

  it('retries a mark after a server error and drops it when the notification is gone', async () => {
    const { server, stored, marks } = serverWith([note(N1, '2030-01-01T08:00:00Z'), note(N2, '2030-01-01T08:01:00Z')]);
    const engine = engineFor(server);
    await engine.syncNow();
    await markNotificationRead(ctx(), N1);
    await markNotificationRead(ctx(), N2);
    stored.delete(N1);

    const notifications = server.intercept!;
    server.intercept = (path, body) => (path.includes(N2) ? envelopeError(503, 'SERVICE_UNAVAILABLE') : notifications(path, body));
    expect(await engine.syncNow()).toMatchObject({ ok: false, reason: 'server' });
    // N1 got 404 (nothing left to mark); N2 waits for the retry.
    expect((await pendingMarks()).map((row) => row.payload)).toEqual([{ notification_id: N2 }]);

    server.intercept = notifications;
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(marks).toEqual([N1, N2]); // N1 once (404), N2 once it went through
    expect(await pendingMarks()).toEqual([]);
    expect(stored.get(N2)!.read_at).not.toBeNull();
  });

  it('marks all read up to the newest one shown, so later ones stay unread', async () => {
    const { server, stored, marks, publish } = serverWith([
      note(N1, '2030-01-01T08:00:00Z'),
      note(N2, '2030-01-01T08:01:00.123456Z'),
    ]);
    const engine = engineFor(server);
    await engine.syncNow();

    online = false;
    expect(await markAllNotificationsRead(ctx())).toBe(2);
    expect(await markAllNotificationsRead(ctx())).toBe(0);
    expect(await countUnread(db, USER)).toBe(0);
    // Meanwhile the server got a newer one that this device has not shown.
    const later = note(N3, '2030-01-01T08:05:00Z');
    stored.set(N3, { ...later });
    publish(later);

    online = true;
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(marks).toEqual(['all<=2030-01-01T08:01:00.123456Z']);
    expect([...stored.values()].map((n) => [n.id, n.read_at !== null])).toEqual([
      [N1, true],
      [N2, true],
      [N3, false],
    ]);
    expect(await countUnread(db, USER)).toBe(1);
  });

  it('sends attempt ops and notification marks each to their own endpoint', async () => {
    const { server, marks } = serverWith([note(N1, '2030-01-01T08:00:00Z')]);
    const engine = engineFor(server);
    await engine.syncNow();
    await startAttempt(ctx(), {
      assignmentId: '0b9f0c4e-3d57-4b8e-9a51-1f2e3d4c5b6a',
      studentId: '2b7e4a10-93c4-4f0e-b1d2-5a6c7d8e9f00',
      attemptNumber: 1,
    });
    await markNotificationRead(ctx(), N1);

    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 2 });
    expect(server.pushes().flatMap((push) => push.ops.map((op) => op.kind))).toEqual(['start_attempt']);
    expect(marks).toEqual([N1]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('ignores marks of another user of the device', async () => {
    const { server } = serverWith([note(N1, '2030-01-01T08:00:00Z')]);
    await engineFor(server).syncNow();
    expect(await markNotificationRead({ db, userId: 'user-b' }, N1)).toBe(false);
    expect(await markAllNotificationsRead({ db, userId: 'user-b' })).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await countUnread(db, USER)).toBe(1);
  });
});
