import { queryOptions, useQuery } from '@tanstack/react-query';

import { getDb } from '@/shared/db/db';

// Outbox kinds the logout warning names; anything else is counted as "other changes".
export const NAMED_CHANGE_KINDS = ['attempt', 'message', 'feedback'] as const;
export type PendingChangeKind = (typeof NAMED_CHANGE_KINDS)[number] | 'other';
export type PendingChanges = { total: number; byKind: Partial<Record<PendingChangeKind, number>> };

/** Counts the outbox rows (changes not yet accepted by the server), grouped by what they are. */
export async function countPendingChanges(): Promise<PendingChanges> {
  const byKind: Partial<Record<PendingChangeKind, number>> = {};
  let total = 0;
  await getDb().outbox.each((row) => {
    const kind = (NAMED_CHANGE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as PendingChangeKind) : 'other';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    total += 1;
  });
  return { total, byKind };
}

export function getPendingChangesQueryOptions() {
  return queryOptions({ queryKey: ['outbox', 'pending'], queryFn: countPendingChanges, networkMode: 'always' });
}

export function usePendingChanges() {
  return useQuery(getPendingChangesQueryOptions());
}
