import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';

/** The teacher's assignments, newest first (the first 100). */
export async function listAssignments() {
  return unwrap(api.GET('/api/v1/assignments', { params: { query: { per_page: 100, sort: '-created_at' } } }));
}

export const assignmentsQuery = () => queryOptions({ queryKey: assignmentKeys.list(), queryFn: listAssignments });

export function useAssignments() {
  return useQuery(assignmentsQuery());
}
