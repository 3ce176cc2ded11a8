import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';

export async function getAnalytics(id: string) {
  return unwrap(api.GET('/api/v1/assignments/{assignment_id}/analytics', { params: { path: { assignment_id: id } } }));
}

export const analyticsQuery = (id: string) =>
  queryOptions({ queryKey: assignmentKeys.analytics(id), queryFn: () => getAnalytics(id), staleTime: 10_000 });

export function useAnalytics(id: string) {
  return useQuery(analyticsQuery(id));
}
