import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

export async function listStudents() {
  return unwrap(api.GET('/api/v1/teachers/me/students', { params: { query: { per_page: 100 } } }));
}

export const studentsQuery = () => queryOptions({ queryKey: ['students', 'mine'], queryFn: listStudents });

export function useStudents() {
  return useQuery(studentsQuery());
}
