import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import { apiErrorFromResponse } from '@/shared/api/api-error';

import { assignmentKeys } from './assignment-keys';

/** Deletes (hides) an assignment; the answer is 204 with no envelope. */
export async function deleteAssignment(id: string): Promise<void> {
  const { response, error } = await api.DELETE('/api/v1/assignments/{assignment_id}', {
    params: { path: { assignment_id: id } },
  });
  if (!response.ok) throw apiErrorFromResponse(response, error);
}

export function useDeleteAssignment({ onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAssignment,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.list() });
      onSuccess();
    },
  });
}
