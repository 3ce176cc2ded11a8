// The device half of a sync: what the server sends (pulled feed entries, merged states in push responses) is
// stored in the user's rows; attempts are merged with the local state (PROTOCOL.md section 9).
import type { DreamDb } from '@/shared/db/db';
import { compareHlc, hlcReceive, mergeAttemptStates } from '@/shared/sync';
import type { AttemptState, Hlc } from '@/shared/sync/types';

import { assignmentStoreKeys, removeUnusedAssets } from './assets-store';
import { getDeviceId, readHlc, readSkewMs, storeHlc } from './local-store';
import { storeNotification } from './notifications';
import type { AssetManifestEntry, AssignmentPayload, ChangeEntry, VisibleChange } from './types';

/** The user's rows on this device, and the clock the engine reads. */
export type Device = { db: DreamDb; userId: string; now: () => number };

function greatestStamp(state: AttemptState): Hlc | null {
  const stamps = [
    ...Object.values(state.answers).map((entry) => entry.hlc),
    ...Object.values(state.answers_not_submitted).map((entry) => entry.hlc),
    ...(state.started ? [state.started.hlc] : []),
    ...(state.submitted ? [state.submitted.hlc] : []),
  ];
  return stamps.reduce<Hlc | null>((best, stamp) => (best === null || compareHlc(stamp, best) > 0 ? stamp : best), null);
}

/** What changed on screen between the local state and the merged one (answers that count, status). */
export function visibleChange(local: AttemptState, merged: AttemptState): VisibleChange | null {
  const activities = new Set([...Object.keys(local.answers), ...Object.keys(merged.answers)]);
  const activityIds = [...activities].filter((id) => {
    const before = local.answers[id];
    const after = merged.answers[id];
    if (before === undefined || after === undefined) return before !== after;
    return compareHlc(before.hlc, after.hlc) !== 0;
  });
  const statusChanged = local.status !== merged.status;
  if (activityIds.length === 0 && !statusChanged) return null;
  return { attemptId: merged.attempt_id, assignmentId: merged.assignment_id, activityIds: activityIds.sort(), statusChanged };
}

/** Sets the local state to merge(local, server) and lets the HLC receive the server's greatest stamp. */
export async function adoptAttemptState(device: Device, server: AttemptState): Promise<VisibleChange | null> {
  const { db, userId, now } = device;
  const row = await db.attemptStates.get(server.attempt_id);
  if (row !== undefined && row.userId !== userId) return null;
  const merged = row === undefined ? server : mergeAttemptStates(row.state, server);
  await db.attemptStates.put({
    attemptId: server.attempt_id,
    userId: userId,
    assignmentId: server.assignment_id,
    state: merged,
    updatedAt: new Date(now()).toISOString(),
  });
  const stamp = greatestStamp(server);
  if (stamp !== null) {
    const deviceId = await getDeviceId(db);
    const skew = await readSkewMs(db);
    await storeHlc(db, hlcReceive(await readHlc(db, deviceId), stamp, now() - skew));
  }
  return row === undefined ? null : visibleChange(row.state, merged);
}

/** Stores one change-feed entry on the device; an attempt is merged with the local state. */
export async function applyChange(device: Device, entry: ChangeEntry): Promise<VisibleChange | null> {
  const { db, userId, now } = device;
  const at = new Date(now()).toISOString();
  switch (entry.entity_type) {
    case 'assignment': {
      const id = `${userId}:${entry.entity_id}`;
      if (entry.op === 'delete' || entry.payload === null) {
        const row = await db.assignments.get(id);
        await db.assignments.delete(id);
        if (row) await removeUnusedAssets(db, row);
        return null;
      }
      const payload = entry.payload as unknown as AssignmentPayload;
      const previous = await db.assignments.get(id);
      await db.assignments.put({
        id,
        userId: userId,
        payload,
        dueAt: payload.due_at,
        updatedAt: at,
        manifest: previous?.manifest ?? null,
        // Still available offline only when the (possibly changed) manifest is all on the device.
        offlineAt: previous?.offlineAt ? await keepOffline(db, payload, previous.manifest ?? [], previous.offlineAt) : null,
      });
      return null;
    }
    case 'attempt':
      if (entry.op === 'delete' || entry.payload === null) return null; // attempts are merged, never removed
      return adoptAttemptState(device, entry.payload as unknown as AttemptState);
    case 'book':
      if (entry.op === 'delete' || entry.payload === null) await db.books.delete(entry.entity_id);
      else await db.books.put({ id: entry.entity_id, payload: entry.payload, updatedAt: at });
      return null;
    case 'notification':
      await storeNotification(db, userId, entry);
      return null;
    default:
      // feedback and materials belong to features that do not store them yet.
      return null;
  }
}

/** `offlineAt` while every file of the assignment is still on the device, else null. */
async function keepOffline(
  db: DreamDb,
  payload: AssignmentPayload,
  downloaded: AssetManifestEntry[],
  offlineAt: string,
): Promise<string | null> {
  const present = await db.assets.bulkGet(assignmentStoreKeys(payload, downloaded));
  return present.every((row) => row !== undefined) ? offlineAt : null;
}
