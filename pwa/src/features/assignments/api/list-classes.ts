import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

export async function listClasses() {
  return unwrap(api.GET('/api/v1/classes', { params: { query: { per_page: 100 } } }));
}

export const classesQuery = () => queryOptions({ queryKey: ['classes', 'list'], queryFn: listClasses });

export function useClasses() {
  return useQuery(classesQuery());
}
