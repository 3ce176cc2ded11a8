import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import { getDb } from '@/shared/db/db';
import { endSession, sessionTokenStorage } from '@/shared/session/session';

/**
 * Revokes the refresh token when the server can be reached, then removes the user's private data from
 * this device. Callers must first make sure the outbox is empty or that the user accepted losing it
 * (see `usePendingChanges`). Offline, the token cannot be revoked; it expires on the server.
 */
export async function logout(): Promise<void> {
  const refreshToken = await sessionTokenStorage.refreshToken();
  if (refreshToken !== null) {
    await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } }).catch(() => undefined);
  }
  const db = getDb();
  await db.transaction('rw', db.privateTables(), async () => {
    await Promise.all(db.privateTables().map((table) => table.clear()));
  });
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
