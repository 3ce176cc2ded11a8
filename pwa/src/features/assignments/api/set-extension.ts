import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';
import type { ExtensionInput } from './types';

export type SetExtensionInput = { assignmentId: string; studentId: string; body: ExtensionInput };

/** A student's own due date and time limit; a field sent as null removes that extension. */
export async function setExtension({ assignmentId, studentId, body }: SetExtensionInput) {
  return unwrap(
    api.PUT('/api/v1/assignments/{assignment_id}/students/{student_id}/extension', {
      params: { path: { assignment_id: assignmentId, student_id: studentId } },
      body,
    }),
  );
}

export function useSetExtension(assignmentId: string, { onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setExtension,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.results(assignmentId) });
      onSuccess();
    },
  });
}
