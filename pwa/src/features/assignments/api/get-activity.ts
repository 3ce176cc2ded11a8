import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

/** One activity with its config (file paths already replaced by pre-signed URLs). */
export async function getActivity(activityId: string) {
  return unwrap(api.GET('/api/v1/activities/{activity_id}', { params: { path: { activity_id: activityId } } }));
}

// The pre-signed URLs last an hour; refetch well before.
export const activityQuery = (activityId: string) =>
  queryOptions({ queryKey: ['activities', activityId], queryFn: () => getActivity(activityId), staleTime: 30 * 60_000 });

export function useActivity(activityId: string) {
  return useQuery(activityQuery(activityId));
}
