// Reads of the signed-in student's copy on the device (live: they update as sync writes).
import { getDb, type AssignmentRow, type AttemptStateRow } from '@/shared/db/db';

import { useLive } from '@/shared/hooks/use-live';

export function useLocalAssignments(userId: string): AssignmentRow[] | undefined {
  return useLive(() => getDb().assignments.where('userId').equals(userId).toArray(), [userId]);
}

export function useLocalAssignment(userId: string, assignmentId: string): AssignmentRow | null | undefined {
  return useLive(async () => (await getDb().assignments.get(`${userId}:${assignmentId}`)) ?? null, [userId, assignmentId]);
}

export function useLocalAttempts(userId: string, assignmentId?: string): AttemptStateRow[] | undefined {
  return useLive(
    () =>
      assignmentId === undefined
        ? getDb().attemptStates.where('userId').equals(userId).toArray()
        : getDb().attemptStates.where('[userId+assignmentId]').equals([userId, assignmentId]).toArray(),
    [userId, assignmentId],
  );
}

/** Attempt ids with an op the server has not accepted yet. */
export function usePendingAttemptIds(userId: string): Set<string> | undefined {
  return useLive(async () => {
    const rows = await getDb().outbox.where('[userId+status]').equals([userId, 'pending']).toArray();
    return new Set(rows.map((row) => row.attemptId).filter((id): id is string => id !== undefined));
  }, [userId]);
}
