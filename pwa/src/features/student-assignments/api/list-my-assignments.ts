import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';

export type ServerStudentAssignment = ApiData<'/api/v1/students/me/assignments', 'get'>[number];

export const studentAssignmentKeys = {
  all: ['student-assignments'] as const,
  list: () => [...studentAssignmentKeys.all, 'list'] as const,
  detail: (id: string) => [...studentAssignmentKeys.all, 'detail', id] as const,
};

/** The server's view of the student's assignments (status, score that counts); the device's copy works offline. */
export async function listMyAssignments(): Promise<ServerStudentAssignment[]> {
  return unwrap(api.GET('/api/v1/students/me/assignments', { params: { query: { per_page: 100 } } }));
}

export function getMyAssignmentsQueryOptions() {
  return queryOptions({ queryKey: studentAssignmentKeys.list(), queryFn: listMyAssignments, retry: false });
}

export function useMyAssignments() {
  return useQuery(getMyAssignmentsQueryOptions());
}
