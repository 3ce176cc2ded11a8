// Writing student work to IndexedDB first (PROTOCOL.md section 5): every local change ticks the device's HLC,
// writes the entry/event into the attempt state, bumps this device's version vector entry, saves the state and
// appends an outbox op, all in one transaction, before anything is shown as saved.
import type { DreamDb, OutboxRow } from '@/shared/db/db';
import { attemptIdFor, hlcTick } from '@/shared/sync';
import type { AttemptState, Hlc } from '@/shared/sync/types';

import { opShapeError } from './op-shape';
import type { OpKind, SyncOp } from './types';

const DEVICE_ID_KEY = 'device-id';
const HLC_KEY = 'hlc';
const SKEW_KEY = 'clock-skew-ms';
export const OUTBOX_KIND = 'attempt';

export function newUuid(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This installed app's id: made on first use, kept for its life, shared by every user of the device. */
export async function getDeviceId(db: DreamDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(DEVICE_ID_KEY);
    if (typeof row?.value === 'string') return row.value;
    const id = newUuid().toLowerCase();
    await db.meta.put({ key: DEVICE_ID_KEY, value: id });
    return id;
  });
}

export async function readSkewMs(db: DreamDb): Promise<number> {
  const row = await db.meta.get(SKEW_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function storeSkewMs(db: DreamDb, skewMs: number): Promise<void> {
  await db.meta.put({ key: SKEW_KEY, value: skewMs });
}

export async function readHlc(db: DreamDb, deviceId: string): Promise<Hlc> {
  const row = await db.meta.get(HLC_KEY);
  const value = row?.value as Hlc | undefined;
  return value && value.device === deviceId ? value : { wall: 0, counter: 0, device: deviceId };
}

export async function storeHlc(db: DreamDb, hlc: Hlc): Promise<void> {
  await db.meta.put({ key: HLC_KEY, value: hlc });
}

type Listener = (userId: string) => void;
const listeners = new Set<Listener>();

/** Called after every committed local change (the sync engine schedules a push). */
export function onLocalChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners that `userId` committed a local change. */
export function announceLocalChange(userId: string): void {
  for (const listener of listeners) listener(userId);
}

export interface ChangeContext {
  db: DreamDb;
  userId: string;
  /** The device clock; defaults to Date.now. */
  now?: () => number;
}

export class AttemptReadOnlyError extends Error {
  constructor() {
    super('a submitted attempt is read-only');
    this.name = 'AttemptReadOnlyError';
  }
}

export function kindFor(state: AttemptState, isStart: boolean): OpKind {
  if (state.submitted !== null) return 'submit_attempt';
  return isStart ? 'start_attempt' : 'save_progress';
}

/**
 * Applies one local change in one transaction: tick, mutate, bump the vector, save, and replace this attempt's
 * pending outbox op by a new one carrying the whole state (state-based ops: the new op includes the old one).
 */
async function recordChange(
  ctx: ChangeContext,
  attemptId: string,
  build: (current: AttemptState | undefined, stamp: Hlc, deviceTime: number, device: string) => AttemptState,
  options: { isStart?: boolean; clientScore?: number } = {},
): Promise<AttemptState> {
  const { db, userId } = ctx;
  const deviceTime = (ctx.now ?? Date.now)();
  const deviceId = await getDeviceId(db);
  const state = await db.transaction('rw', [db.meta, db.attemptStates, db.outbox], async () => {
    const row = await db.attemptStates.get(attemptId);
    if (row && row.userId !== userId) throw new Error('attempt of another user');
    if (row?.state.submitted) throw new AttemptReadOnlyError();
    const skew = await readSkewMs(db);
    const stamp = hlcTick(await readHlc(db, deviceId), deviceTime - skew);
    await storeHlc(db, stamp);
    const next = build(row?.state, stamp, deviceTime, deviceId);
    next.version_vector = { ...next.version_vector, [deviceId]: (next.version_vector[deviceId] ?? 0) + 1 };
    await db.attemptStates.put({
      attemptId,
      userId,
      assignmentId: next.assignment_id,
      state: next,
      updatedAt: new Date(deviceTime).toISOString(),
    });
    // Coalesce: a pending op of this attempt is superseded by the new one (it may have been sent already;
    // the new state includes it, so nothing is lost whichever of the two the server sees).
    await db.outbox
      .where('[userId+status]')
      .equals([userId, 'pending'])
      .filter((outboxRow) => outboxRow.attemptId === attemptId)
      .delete();
    const op: SyncOp = { op_id: newUuid().toLowerCase(), kind: kindFor(next, Boolean(options.isStart)), attempt: next };
    if (options.clientScore !== undefined) op.client_score = options.clientScore;
    // An op the server would refuse would sit in the outbox for ever: fail the change here instead.
    const shapeError = opShapeError(op);
    if (shapeError !== null) throw new Error(`${shapeError.code}: ${shapeError.reason}`);
    const outboxRow: OutboxRow = {
      kind: OUTBOX_KIND,
      userId,
      payload: op,
      createdAt: new Date(deviceTime).toISOString(),
      status: 'pending',
      attemptId,
      error: null,
    };
    await db.outbox.add(outboxRow);
    return next;
  });
  announceLocalChange(userId);
  return state;
}

export interface StartInput {
  assignmentId: string;
  studentId: string;
  attemptNumber: number;
}

/** Starts (or returns the already started) attempt `attemptNumber` of the student at the assignment. */
export async function startAttempt(ctx: ChangeContext, input: StartInput): Promise<AttemptState> {
  const attemptId = attemptIdFor(input.assignmentId, input.studentId, input.attemptNumber);
  const existing = await ctx.db.attemptStates.get(attemptId);
  if (existing && existing.userId === ctx.userId && existing.state.started !== null) return existing.state;
  return recordChange(
    ctx,
    attemptId,
    (current, stamp, deviceTime) => ({
      attempt_id: attemptId,
      assignment_id: input.assignmentId,
      attempt_number: input.attemptNumber,
      version_vector: {},
      answers: {},
      answers_not_submitted: {},
      time_spent: {},
      submitted: null,
      ...current,
      status: 'in_progress',
      started: current?.started ?? { hlc: stamp, device_time: deviceTime },
    }),
    { isStart: true },
  );
}

function requireState(current: AttemptState | undefined): AttemptState {
  if (current === undefined || current.started === null) throw new Error('the attempt was not started on this device');
  return current;
}

/** Saves one activity's whole answers (the unit of last-writer-wins). */
export function saveActivityAnswers(
  ctx: ChangeContext,
  attemptId: string,
  activityId: string,
  value: Record<string, unknown>,
): Promise<AttemptState> {
  return recordChange(ctx, attemptId, (current, stamp) => {
    const state = requireState(current);
    return { ...state, answers: { ...state.answers, [activityId]: { value, hlc: stamp } } };
  });
}

/** Adds seconds to this device's own running total of time spent. */
export function addTimeSpent(ctx: ChangeContext, attemptId: string, seconds: number): Promise<AttemptState> {
  return recordChange(ctx, attemptId, (current, _stamp, _time, device) => {
    const state = requireState(current);
    const total = (state.time_spent[device] ?? 0) + Math.max(0, Math.round(seconds));
    return { ...state, time_spent: { ...state.time_spent, [device]: total } };
  });
}

/** Submits the attempt as the device has it now (a snapshot); afterwards it is read-only on this device. */
export function submitAttempt(
  ctx: ChangeContext,
  attemptId: string,
  options: { clientScore?: number; timeSpentSeconds?: number } = {},
): Promise<AttemptState> {
  return recordChange(
    ctx,
    attemptId,
    (current, stamp, deviceTime, device) => {
      const state = requireState(current);
      const time = (state.time_spent[device] ?? 0) + Math.max(0, Math.round(options.timeSpentSeconds ?? 0));
      return {
        ...state,
        status: 'submitted',
        submitted: { hlc: stamp, device_time: deviceTime },
        time_spent: { ...state.time_spent, [device]: time },
      };
    },
    options.clientScore === undefined ? {} : { clientScore: options.clientScore },
  );
}

/** Every attempt state of the user at the assignment, by attempt number. */
export async function readAttempts(db: DreamDb, userId: string, assignmentId: string): Promise<AttemptState[]> {
  const rows = await db.attemptStates.where('[userId+assignmentId]').equals([userId, assignmentId]).toArray();
  return rows.map((row) => row.state).sort((a, b) => a.attempt_number - b.attempt_number);
}
