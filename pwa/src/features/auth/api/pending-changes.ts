import { queryOptions, useQuery } from '@tanstack/react-query';

import { getDb } from '@/shared/db/db';

// Outbox kinds the logout warning names; anything else is counted as "other changes".
export const NAMED_CHANGE_KINDS = ['attempt', 'message', 'feedback', 'notification_read'] as const;
export type PendingChangeKind = (typeof NAMED_CHANGE_KINDS)[number] | 'other';
export type PendingChanges = { total: number; byKind: Partial<Record<PendingChangeKind, number>> };

/**
 * Counts the user's outbox rows (changes the server has not accepted, including ones it rejected), grouped
 * by what they are. Other users' rows on a shared device are not theirs to lose, so they are not counted.
 */
export async function countPendingChanges(userId: string): Promise<PendingChanges> {
  const byKind: Partial<Record<PendingChangeKind, number>> = {};
  let total = 0;
  await getDb().outbox.where('userId').equals(userId).each((row) => {
    const kind = (NAMED_CHANGE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as PendingChangeKind) : 'other';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    total += 1;
  });
  return { total, byKind };
}

export function getPendingChangesQueryOptions(userId: string) {
  return queryOptions({
    queryKey: ['outbox', 'pending', userId],
    queryFn: () => countPendingChanges(userId),
    networkMode: 'always',
  });
}

export function usePendingChanges(userId: string) {
  return useQuery(getPendingChangesQueryOptions(userId));
}
