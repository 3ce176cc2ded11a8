import { useMutation } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { ApiData } from '@/shared/api/types';
import type { Answers } from '@/shared/scoring';

/** The server's score of answers to an activity (nothing is saved). */
export type ServerScore = ApiData<'/api/v1/activities/{activity_id}/check', 'post'>;

export function checkActivity(activityId: string, answers: Answers): Promise<ServerScore> {
  return unwrap(
    api.POST('/api/v1/activities/{activity_id}/check', {
      params: { path: { activity_id: activityId } },
      body: { answers: answers as unknown as Record<string, unknown> },
    }),
  );
}

export function useCheckActivity(activityId: string) {
  return useMutation({ mutationFn: (answers: Answers) => checkActivity(activityId, answers) });
}
