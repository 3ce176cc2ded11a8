import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';

import { studentAssignmentKeys } from './list-my-assignments';

export type ServerStudentAssignmentDetail = ApiData<'/api/v1/students/me/assignments/{assignment_id}', 'get'>;

/** One assignment as the server sees it (score that counts, per-item results when answers are shown). */
export async function getMyAssignment(id: string): Promise<ServerStudentAssignmentDetail> {
  return unwrap(api.GET('/api/v1/students/me/assignments/{assignment_id}', { params: { path: { assignment_id: id } } }));
}

export function getMyAssignmentQueryOptions(id: string) {
  return queryOptions({ queryKey: studentAssignmentKeys.detail(id), queryFn: () => getMyAssignment(id), retry: false });
}

export function useMyAssignment(id: string) {
  return useQuery(getMyAssignmentQueryOptions(id));
}
