import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import { type AssignmentRow, type DreamDb, getDb } from '@/shared/db/db';
import { currentUser, endSession, sessionTokenStorage } from '@/shared/session/session';
import { assignmentStoreKeys, offlineCopyKeys, rowManifest } from '@/shared/sync-engine/assets-store';
import type { AssignmentPayload } from '@/shared/sync-engine/types';

/**
 * Removes one user's private rows from this device. Tablets are shared: other students' unsynced answers,
 * attempts and downloaded assignments stay. Files of the user's assignments go unless another assignment or an
 * offline book copy on the device still lists them; the book catalogue and copies go once no user's data is left.
 */
export async function clearUserData(db: DreamDb, userId: string): Promise<void> {
  await db.transaction('rw', [...db.privateTables(), db.meta], async () => {
    const own = await db.assignments.where('userId').equals(userId).toArray();
    await db.outbox.where('userId').equals(userId).delete();
    await db.attempts.where('userId').equals(userId).delete();
    await db.attemptStates.where('userId').equals(userId).delete();
    await db.notifications.where('userId').equals(userId).delete();
    await db.assignments.bulkDelete(own.map((row) => row.id));
    // The sync engine's pull cursor and last-sync time (SyncEngine.cursorKey / lastSyncKey): without the
    // assignments the cursor would be wrong, so the next sign-in pulls a full snapshot.
    await db.meta.bulkDelete([`sync-cursor:${userId}`, `sync-last:${userId}`]);

    const othersLeft =
      (await db.outbox.count()) + (await db.attempts.count()) + (await db.attemptStates.count()) + (await db.assignments.count());
    if (othersLeft === 0) {
      await Promise.all([db.books.clear(), db.assets.clear()]);
    } else {
      const unused = new Set(own.flatMap((row) => rowKeys(row)));
      await db.assignments.each((other) => rowKeys(other).forEach((key) => unused.delete(key)));
      (await offlineCopyKeys(db)).forEach((key) => unused.delete(key));
      await db.assets.bulkDelete([...unused]);
    }
    await db.session.clear();
  });
}

function rowKeys(row: AssignmentRow): string[] {
  return assignmentStoreKeys(row.payload as AssignmentPayload, rowManifest(row));
}

/**
 * Revokes the refresh token when the server can be reached, then removes the signed-in user's private data
 * from this device (other users' data stays). Callers must first make sure the outbox is empty or that the user accepted losing it
 * (see `usePendingChanges`). Offline, the token cannot be revoked; it expires on the server.
 */
export async function logout(): Promise<void> {
  const me = currentUser();
  const refreshToken = await sessionTokenStorage.refreshToken();
  if (refreshToken !== null) {
    await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } }).catch(() => undefined);
  }
  if (me !== null) await clearUserData(getDb(), me.id);
  await endSession();
}

export function useLogout({ onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.clear();
      onSuccess();
    },
  });
}
