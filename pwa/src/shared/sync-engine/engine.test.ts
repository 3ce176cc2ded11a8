import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DreamDb } from '@/shared/db/db';
import { attemptIdFor } from '@/shared/sync';
import type { AttemptState } from '@/shared/sync/types';

import { visibleChange } from './apply-changes';
import { backoffDelayMs, SyncEngine } from './engine';
import { envelope, envelopeError, FakeSyncServer } from './fake-server';
import { addTimeSpent, getDeviceId, saveActivityAnswers, startAttempt, submitAttempt } from './local-store';
import { dismissNotSynced, readNotSynced } from './not-synced';
import { startScheduler } from './runtime';
import { fetchTransport } from './transport';
import type { AssignmentPayload, SyncOp, VisibleChange } from './types';

const ASSIGNMENT = '0b9f0c4e-3d57-4b8e-9a51-1f2e3d4c5b6a';
const OTHER_ASSIGNMENT = '5a1e2d3c-4b5a-4968-8776-655443322110';
const STUDENT = '2b7e4a10-93c4-4f0e-b1d2-5a6c7d8e9f00';
const ACT1 = '11111111-1111-4111-8111-111111111111';
const ACT2 = '22222222-2222-4222-8222-222222222222';
const OTHER_DEVICE = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

let db: DreamDb;
let clock: number;
let counter = 0;

beforeEach(async () => {
  db = new DreamDb(`sync-engine-test-${(counter += 1)}`);
  await db.open();
  clock = 1_767_261_600_000;
});

afterEach(() => {
  db.close();
});

function ctx(userId = 'user-a') {
  return { db, userId, now: () => clock };
}

function engineFor(server: FakeSyncServer, userId = 'user-a', options: { maxPushOps?: number; random?: () => number } = {}) {
  return new SyncEngine({
    db,
    userId,
    send: fetchTransport((request) => {
      request.headers.set('Authorization', `Bearer ${userId}`);
      return server.fetch(request);
    }),
    now: () => clock,
    random: options.random ?? (() => 0.5),
    isOnline: () => true,
    ...(options.maxPushOps === undefined ? {} : { maxPushOps: options.maxPushOps }),
  });
}

async function started(userId = 'user-a', assignmentId = ASSIGNMENT): Promise<AttemptState> {
  const studentId = userId === 'user-a' ? STUDENT : '3c8f5b21-a4d5-4f1e-82e3-6b7d8e9fa011';
  return startAttempt(ctx(userId), { assignmentId, studentId, attemptNumber: 1 });
}

const pendingOps = async (userId = 'user-a') =>
  (await db.outbox.where('[userId+status]').equals([userId, 'pending']).sortBy('id')).map((row) => row.payload as SyncOp);

describe('local-first writes', () => {
  it('writes the state and one coalesced outbox op per attempt, in change order', async () => {
    const attempt = await started();
    clock += 1000;
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['a'] });
    const other = await started('user-a', OTHER_ASSIGNMENT);
    clock += 1000;
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT2, { selected: ['b'] });

    const ops = await pendingOps();
    // One op per attempt (state-based: the newest includes the older ones), oldest change first.
    expect(ops.map((op) => op.attempt.attempt_id)).toEqual([other.attempt_id, attempt.attempt_id]);
    expect(ops.map((op) => op.kind)).toEqual(['start_attempt', 'save_progress']);
    const device = await getDeviceId(db);
    const last = ops[1]!.attempt;
    expect(last.attempt_id).toBe(attemptIdFor(ASSIGNMENT, STUDENT, 1));
    expect(last.version_vector).toEqual({ [device]: 3 });
    expect(Object.keys(last.answers).sort()).toEqual([ACT1, ACT2]);
    // Stamps grow with every change, even with a clock that does not move.
    expect(last.answers[ACT2]!.hlc.counter > last.answers[ACT1]!.hlc.counter || last.answers[ACT2]!.hlc.wall > last.answers[ACT1]!.hlc.wall).toBe(true);
    const row = await db.attemptStates.get(attempt.attempt_id);
    expect(row?.state).toEqual(last);
  });

  it('makes a submitted attempt read-only and counts time spent per device', async () => {
    const attempt = await started();
    await addTimeSpent(ctx(), attempt.attempt_id, 30);
    await addTimeSpent(ctx(), attempt.attempt_id, 12);
    const submitted = await submitAttempt(ctx(), attempt.attempt_id, { clientScore: 80, timeSpentSeconds: 3 });
    const device = await getDeviceId(db);
    expect(submitted.time_spent).toEqual({ [device]: 45 });
    expect(submitted.status).toBe('submitted');
    const ops = await pendingOps();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: 'submit_attempt', client_score: 80 });
    await expect(saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: [] })).rejects.toThrow('read-only');
  });
});

describe('push', () => {
  it('pushes in outbox order in batches, empties the outbox and records the sync', async () => {
    const server = new FakeSyncServer();
    for (const assignment of [ASSIGNMENT, OTHER_ASSIGNMENT, '9c8b7a69-5847-4362-9150-4f3e2d1c0b0a']) {
      await started('user-a', assignment);
    }
    const expectedOrder = (await pendingOps()).map((op) => op.op_id);
    const engine = engineFor(server, 'user-a', { maxPushOps: 2 });

    const result = await engine.syncNow();

    expect(result).toMatchObject({ ok: true, pushed: 3 });
    const pushes = server.pushes();
    expect(pushes.map((push) => push.ops.length)).toEqual([2, 1]);
    expect(pushes.flatMap((push) => push.ops.map((op) => op.op_id))).toEqual(expectedOrder);
    expect(pushes[0]!.client_time).toBe(clock);
    expect(await pendingOps()).toEqual([]);
    expect(engine.status.get()).toMatchObject({ phase: 'idle', pending: 0, lastSyncAt: clock });
  });

  it('adopts merged states: another device’s answer arrives, a change made in flight survives', async () => {
    const server = new FakeSyncServer();
    const attempt = await started();
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['mine'] });
    // The other device of the student answered activity 2 (later stamp) and the server already has it.
    const otherDevice: AttemptState = {
      ...attempt,
      version_vector: { [OTHER_DEVICE]: 1 },
      answers: { [ACT2]: { value: { selected: ['theirs'] }, hlc: { wall: clock + 5000, counter: 0, device: OTHER_DEVICE } } },
      started: { hlc: { wall: clock - 1000, counter: 0, device: OTHER_DEVICE }, device_time: clock - 1000 },
    };
    server.attempts.set(attempt.attempt_id, otherDevice);
    const engine = engineFor(server);
    const seen: VisibleChange[] = [];
    engine.onVisibleChange((change) => seen.push(change));
    // While the push is in flight the student answers again.
    server.intercept = (path) => {
      if (path.endsWith('/sync/push')) {
        server.intercept = null;
        void saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['mine-2'] });
      }
      return null;
    };

    const result = await engine.syncNow();
    expect(result.ok).toBe(true);

    const local = (await db.attemptStates.get(attempt.attempt_id))!.state;
    const device = await getDeviceId(db);
    expect(local.answers[ACT2]!.value).toEqual({ selected: ['theirs'] });
    expect(local.answers[ACT1]!.value).toEqual({ selected: ['mine-2'] });
    expect(local.started!.hlc.device).toBe(OTHER_DEVICE); // the earlier start counts
    expect(local.version_vector[OTHER_DEVICE]).toBe(1);
    expect(local.version_vector[device]).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([{ attemptId: attempt.attempt_id, assignmentId: ASSIGNMENT, activityIds: [ACT2], statusChanged: false }]);
    // The HLC received the server's stamp: the next local change is stamped after it.
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT2, { selected: ['mine-again'] });
    const after = (await db.attemptStates.get(attempt.attempt_id))!.state;
    expect(after.answers[ACT2]!.hlc.wall).toBeGreaterThanOrEqual(clock + 5000);
    // Synced again (the in-flight change was pushed by the rerun), the server has every answer.
    await engine.syncNow();
    expect(server.attempts.get(attempt.attempt_id)!.answers[ACT1]!.value).toEqual({ selected: ['mine-2'] });
    expect(server.attempts.get(attempt.attempt_id)!.answers[ACT2]!.value).toEqual({ selected: ['mine-again'] });
  });

  it('is replay safe: a lost response is retried with the same op id and answered as a replay', async () => {
    const server = new FakeSyncServer();
    const attempt = await started();
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['a'] });
    const engine = engineFor(server);
    server.loseNextResponse = true;

    const first = await engine.syncNow();
    expect(first).toMatchObject({ ok: false, reason: 'network' });
    expect(await pendingOps()).toHaveLength(1);
    const second = await engine.syncNow();
    expect(second.ok).toBe(true);

    const pushes = server.pushes();
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.ops[0]!.op_id).toBe(pushes[0]!.ops[0]!.op_id);
    expect(server.opLog.size).toBe(1);
    expect(await pendingOps()).toEqual([]);
    expect(server.attempts.get(attempt.attempt_id)!.answers[ACT1]!.value).toEqual({ selected: ['a'] });
  });

  it('keeps rejected ops as not synced (not-your-attempt too), isolates a bad op of a refused batch', async () => {
    const server = new FakeSyncServer();
    const good = await started();
    const bad = await started('user-a', OTHER_ASSIGNMENT);
    await saveActivityAnswers(ctx(), bad.attempt_id, 'bad-activity', { selected: [] });
    const foreign = await started('user-a', '9c8b7a69-5847-4362-9150-4f3e2d1c0b0a');
    server.foreignAttempts.add(foreign.attempt_id);
    // The whole batch is refused once (400), so the engine splits it.
    let refused = false;
    server.intercept = (path, body) => {
      if (!path.endsWith('/sync/push') || refused || (body as { ops: unknown[] }).ops.length < 3) return null;
      refused = true;
      return envelopeError(400, 'INVALID_INPUT');
    };
    const engine = engineFor(server);

    const result = await engine.syncNow();

    expect(result.ok).toBe(true);
    expect(server.pushes().map((push) => push.ops.length)).toEqual([3, 2, 1]);
    expect(server.attempts.has(good.attempt_id)).toBe(true);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => [row.status, row.attemptId, row.error?.code])).toEqual([
      ['rejected', bad.attempt_id, 'invalid_op'],
      ['rejected', foreign.attempt_id, 'not_your_attempt'],
    ]);
    expect(engine.status.get()).toMatchObject({ pending: 0, notSynced: 2 });
    // Never pushed again.
    await engine.syncNow();
    expect(server.pushes()).toHaveLength(3);
  });

  it('lists what the server did not accept, with code, assignment, activities and time, until dismissed', async () => {
    const server = new FakeSyncServer();
    const gone = await started('user-a', OTHER_ASSIGNMENT);
    await saveActivityAnswers(ctx(), gone.attempt_id, ACT1, { selected: ['kept'] });
    const flaky = await started();
    server.rejections.set(OTHER_ASSIGNMENT, { code: 'not_assigned', reason: 'not given to this student' });
    server.rejections.set(ASSIGNMENT, { code: 'internal_error', reason: 'deadlock', retryable: true });
    const engine = engineFor(server);

    expect(await engine.syncNow()).toMatchObject({ ok: false, reason: 'server' });

    const rejectedAt = new Date(clock).toISOString();
    expect(await readNotSynced(db, 'user-a')).toEqual([
      { id: expect.any(Number), code: 'not_assigned', reason: 'not given to this student', assignmentId: OTHER_ASSIGNMENT, activityIds: [ACT1], rejectedAt },
    ]);
    // The retryable one stays in the outbox, is not listed, and is pushed again (same op id) once the server can.
    const [retried] = await pendingOps();
    expect(retried?.attempt.attempt_id).toBe(flaky.attempt_id);
    expect(engine.status.get()).toMatchObject({ pending: 1, notSynced: 1 });
    server.rejections.delete(ASSIGNMENT);
    expect((await engine.syncNow()).ok).toBe(true);
    expect(server.pushes().at(-1)!.ops.map((op) => op.op_id)).toEqual([retried!.op_id]);
    expect(server.attempts.has(flaky.attempt_id)).toBe(true);
    expect(await readNotSynced(db, 'user-a')).toHaveLength(1);

    // Later work on the same attempt, rejected again: one entry, the newer op (it holds every answer).
    clock += 60_000;
    await saveActivityAnswers(ctx(), gone.attempt_id, ACT2, { selected: ['also kept'] });
    server.rejections.set(OTHER_ASSIGNMENT, { code: 'assignment_not_found', reason: 'deleted' });
    await engine.syncNow();
    const [entry] = await readNotSynced(db, 'user-a');
    expect(await readNotSynced(db, 'user-a')).toHaveLength(1);
    expect(entry).toMatchObject({ code: 'assignment_not_found', activityIds: [ACT1, ACT2], rejectedAt: new Date(clock).toISOString() });
    const row = await db.outbox.get(entry!.id);
    expect(Object.keys((row!.payload as SyncOp).attempt.answers).sort()).toEqual([ACT1, ACT2]);

    // Another user cannot dismiss it; the student can.
    await dismissNotSynced(db, 'user-b', entry!.id);
    expect(await readNotSynced(db, 'user-a')).toHaveLength(1);
    await dismissNotSynced(db, 'user-a', entry!.id);
    expect(await readNotSynced(db, 'user-a')).toEqual([]);
    await engine.refreshCounts();
    expect(engine.status.get()).toMatchObject({ pending: 0, notSynced: 0 });
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, caps at 300 s and honours Retry-After', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(1000);
    expect(backoffDelayMs(1, () => 1)).toBe(2000);
    expect(backoffDelayMs(3, () => 1)).toBe(8000);
    expect(backoffDelayMs(20, () => 1)).toBe(300_000);
    expect(backoffDelayMs(20, () => 0)).toBe(150_000);
    expect(backoffDelayMs(1, () => 0, 60_000)).toBe(60_000);
  });

  it('retries later on 503 and 429, keeps the outbox, and resets after a success', async () => {
    const server = new FakeSyncServer();
    const attempt = await started();
    const engine = engineFor(server, 'user-a', { random: () => 1 });
    const failures = [envelopeError(503, 'SERVICE_UNAVAILABLE'), envelopeError(503, 'SERVICE_UNAVAILABLE'), envelopeError(429, 'RATE_LIMIT_EXCEEDED', { 'Retry-After': '42' })];
    server.intercept = () => failures.shift() ?? null;

    expect(await engine.syncNow()).toEqual({ ok: false, reason: 'server', retryInMs: 2000 });
    expect(await engine.syncNow()).toEqual({ ok: false, reason: 'server', retryInMs: 4000 });
    expect(await engine.syncNow()).toEqual({ ok: false, reason: 'server', retryInMs: 42_000 });
    expect(engine.status.get()).toMatchObject({ phase: 'error', pending: 1, retryInMs: 42_000 });
    expect(await pendingOps()).toHaveLength(1);

    expect((await engine.syncNow()).ok).toBe(true);
    expect(server.attempts.has(attempt.attempt_id)).toBe(true);
    server.intercept = () => envelopeError(500, 'INTERNAL_ERROR');
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['x'] });
    expect(await engine.syncNow()).toEqual({ ok: false, reason: 'server', retryInMs: 2000 });
  });

  it('keeps the outbox when the session is over (401) and asks to sign in', async () => {
    const server = new FakeSyncServer();
    await started();
    server.intercept = () => envelopeError(401, 'UNAUTHORIZED');
    const engine = engineFor(server);

    expect(await engine.syncNow()).toEqual({ ok: false, reason: 'sign-in', retryInMs: null });
    expect(engine.status.get().phase).toBe('sign-in');
    expect(await pendingOps()).toHaveLength(1);
  });
});

describe('per-user separation on a shared device', () => {
  it('pushes only the signed-in user’s ops and keeps each user’s pulled data apart', async () => {
    const server = new FakeSyncServer((token) => (token === 'Bearer user-b' ? 'user-b' : 'user-a'));
    const mine = await started('user-a');
    const theirs = await started('user-b');
    const assignment = (name: string): AssignmentPayload => ({
      id: ASSIGNMENT,
      book_id: 'b00c0000-0000-4000-8000-000000000000',
      name,
      due_at: null,
      time_limit_minutes: null,
      max_attempts: 1,
      show_answers: true,
      activities: [],
      assets: [],
    });
    server.publish('user-a', { entity_type: 'assignment', entity_id: ASSIGNMENT, op: 'upsert', payload: assignment('for A') as never });
    server.publish('user-b', { entity_type: 'assignment', entity_id: ASSIGNMENT, op: 'upsert', payload: assignment('for B (extended)') as never });

    await engineFor(server, 'user-b').syncNow();

    expect(server.pushes().flatMap((push) => push.ops.map((op) => op.attempt.attempt_id))).toEqual([theirs.attempt_id]);
    expect(await pendingOps('user-a')).toHaveLength(1);
    expect(await pendingOps('user-b')).toHaveLength(0);
    expect((await db.assignments.get(`user-b:${ASSIGNMENT}`))?.payload).toMatchObject({ name: 'for B (extended)' });
    expect(await db.assignments.get(`user-a:${ASSIGNMENT}`)).toBeUndefined();
    expect((await db.attemptStates.get(mine.attempt_id))?.userId).toBe('user-a');
    expect((await db.meta.get('sync-cursor:user-b'))?.value).toBe('c3');
    expect(await db.meta.get('sync-cursor:user-a')).toBeUndefined();
  });
});

describe('pull', () => {
  it('pages with the stored cursor, applies tombstones, restarts from null on 409', async () => {
    const server = new FakeSyncServer();
    const payload = (name: string) => ({
      id: ASSIGNMENT,
      book_id: 'b00c0000-0000-4000-8000-000000000000',
      name,
      due_at: '2026-12-01T10:00:00Z',
      time_limit_minutes: 10,
      max_attempts: 2,
      show_answers: false,
      activities: [],
      assets: [],
    });
    server.publish('user-a', { entity_type: 'assignment', entity_id: ASSIGNMENT, op: 'upsert', payload: payload('v1') });
    server.publish('user-a', { entity_type: 'book', entity_id: 'b00c0000-0000-4000-8000-000000000000', op: 'upsert', payload: { title: 'Book' } });
    server.publish('user-a', { entity_type: 'assignment', entity_id: ASSIGNMENT, op: 'upsert', payload: payload('v2') });
    const engine = new SyncEngine({ db, userId: 'user-a', send: fetchTransport(server.fetch), now: () => clock, isOnline: () => true, pullLimit: 2 });

    expect(await engine.syncNow()).toMatchObject({ ok: true, pulled: 3 });
    const pulls = server.requests.filter((request) => request.path.endsWith('/sync/pull')).map((request) => request.body);
    expect(pulls).toMatchObject([{ cursor: null, limit: 2 }, { cursor: 'c2' }]);
    expect(await db.assignments.get(`user-a:${ASSIGNMENT}`)).toMatchObject({ dueAt: '2026-12-01T10:00:00Z', payload: { name: 'v2' } });
    expect(await db.books.count()).toBe(1);

    server.publish('user-a', { entity_type: 'assignment', entity_id: ASSIGNMENT, op: 'delete', payload: null });
    await engine.syncNow();
    expect(await db.assignments.count()).toBe(0);

    // An unusable cursor: the server answers 409, the engine starts again from a full snapshot.
    await db.meta.put({ key: 'sync-cursor:user-a', value: 'garbage' });
    server.intercept = (path, body) =>
      path.endsWith('/sync/pull') && (body as { cursor: string | null }).cursor === 'garbage' ? envelopeError(409, 'CONFLICT') : null;
    expect((await engine.syncNow()).ok).toBe(true);
    expect((await db.meta.get('sync-cursor:user-a'))?.value).toBe('c4');
  });

  it('merges pulled attempt states into local ones instead of replacing them', async () => {
    const server = new FakeSyncServer();
    const attempt = await started();
    await saveActivityAnswers(ctx(), attempt.attempt_id, ACT1, { selected: ['local'] });
    const pulled: AttemptState = {
      ...attempt,
      version_vector: { [OTHER_DEVICE]: 2 },
      answers: { [ACT2]: { value: { selected: ['remote'] }, hlc: { wall: clock, counter: 9, device: OTHER_DEVICE } } },
    };
    server.publish('user-a', { entity_type: 'attempt', entity_id: attempt.attempt_id, op: 'upsert', payload: pulled as never });
    server.intercept = (path) => (path.endsWith('/sync/push') ? envelope({ server_time: 0, clock_skew_ms: 0, results: [], attempts: [] }) : null);

    await engineFor(server).syncNow();

    const local = (await db.attemptStates.get(attempt.attempt_id))!.state;
    expect(Object.keys(local.answers).sort()).toEqual([ACT1, ACT2]);
  });
});

describe('visible changes', () => {
  it('reports only what the student sees: counted answers and the status, not vectors or time', async () => {
    const attempt = await started();
    const stamp = { wall: clock, counter: 1, device: OTHER_DEVICE };
    const invisible = { ...attempt, version_vector: { x: 9 }, time_spent: { x: 60 } };
    expect(visibleChange(attempt, invisible)).toBeNull();
    const answered = { ...attempt, answers: { [ACT1]: { value: { selected: [1] }, hlc: stamp } } };
    expect(visibleChange(attempt, answered)).toMatchObject({ activityIds: [ACT1], statusChanged: false });
    const submitted: AttemptState = { ...attempt, status: 'submitted', submitted: { hlc: stamp, device_time: clock } };
    expect(visibleChange(attempt, submitted)).toMatchObject({ activityIds: [], statusChanged: true });
  });
});

describe('scheduler', () => {
  it('syncs on start and again on the online event, pushing what was written meanwhile', async () => {
    const server = new FakeSyncServer();
    const scheduler = startScheduler(engineFor(server));
    try {
      await vi.waitFor(() => expect(engineRuns(server)).toBe(1));
      await started();
      window.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(server.pushes()).toHaveLength(1));
      expect(server.pushes()[0]!.ops[0]!.kind).toBe('start_attempt');
    } finally {
      scheduler.stop();
    }
  });
});

function engineRuns(server: FakeSyncServer): number {
  return server.requests.filter((request) => request.path.endsWith('/sync/pull')).length;
}

describe('device registration', () => {
  it('registers the device once per user and installed app', async () => {
    const server = new FakeSyncServer();
    await engineFor(server).syncNow();
    await engineFor(server).syncNow();
    await engineFor(server, 'user-b').syncNow();
    const registrations = server.requests.filter((request) => request.path.endsWith('/sync/devices'));
    const device = await getDeviceId(db);
    expect(registrations.map((request) => request.body)).toEqual([{ device_id: device }, { device_id: device }]);
  });
});
