import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';

/** An activity with its config (file paths replaced by pre-signed URLs) and those URLs by stable key. */
export type ActivityDetail = ApiData<'/api/v1/activities/{activity_id}', 'get'>;

export function activityQuery(activityId: string) {
  return queryOptions({
    queryKey: ['preview', 'activity', activityId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/activities/{activity_id}', { params: { path: { activity_id: activityId } } })),
    // The pre-signed URLs live an hour; refetch well before they expire.
    staleTime: 30 * 60 * 1000,
  });
}

export const useActivity = (activityId: string) => useQuery(activityQuery(activityId));
