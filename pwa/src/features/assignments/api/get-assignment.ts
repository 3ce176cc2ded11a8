import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';

/** One of the teacher's assignments with its activities and targets (what the editor starts from). */
export async function getAssignment(id: string) {
  return unwrap(api.GET('/api/v1/assignments/{assignment_id}', { params: { path: { assignment_id: id } } }));
}

export const assignmentQuery = (id: string) =>
  queryOptions({ queryKey: assignmentKeys.detail(id), queryFn: () => getAssignment(id) });

export function useAssignment(id: string) {
  return useQuery(assignmentQuery(id));
}
