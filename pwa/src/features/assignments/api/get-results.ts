import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';

/** The assignment with every targeted student's status, score, time and latest answers. */
export async function getResults(id: string) {
  return unwrap(api.GET('/api/v1/assignments/{assignment_id}/results', { params: { path: { assignment_id: id } } }));
}

export const resultsQuery = (id: string) =>
  queryOptions({ queryKey: assignmentKeys.results(id), queryFn: () => getResults(id), staleTime: 10_000 });

export function useResults(id: string) {
  return useQuery(resultsQuery(id));
}
